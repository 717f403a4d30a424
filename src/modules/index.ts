import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../shared/http/context.js';
import { importAdminRoutes } from './registry/importers/import.routes.js';

export interface ModuleMount {
  path: string;
  app: Hono<AppEnv>;
}

/** One line per module: where its sub-app is mounted. */
export function moduleRoutes(deps: AppDeps): ModuleMount[] {
  return [{ path: '/admin/imports', app: importAdminRoutes(deps) }];
}
