import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';

export function outboxRoutes(deps: AppDeps) {
  void deps;
  return new Hono<AppEnv>();
}
