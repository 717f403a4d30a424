import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../../shared/http/context.js';
import { listImportRunsForUser } from './import.service.js';
import { ImportRunsPage } from './import.views.js';

/** /admin/imports: the log of register imports, for network administrators. */
export function importAdminRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const runs = await listImportRunsForUser(deps.db, c.var.user, 50);
    c.header('Cache-Control', 'no-store');
    return c.html(<ImportRunsPage locale={c.var.locale} currentUrl={c.req.url} runs={runs} />);
  });
  return app;
}
