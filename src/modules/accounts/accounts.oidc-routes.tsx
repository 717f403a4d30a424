import { Hono } from 'hono';
import type { Env } from '../../config/env.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';

export const isOidcConfigured = (env: Env) => !!(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_REDIRECT_URL);

export function oidcRoutes(deps: AppDeps) {
  void deps;
  return new Hono<AppEnv>();
}
