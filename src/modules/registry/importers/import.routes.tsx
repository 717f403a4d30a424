import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../../shared/http/context.js';
import { requireNetworkAdmin } from './import.access.js';
import { listImportRuns } from './import.service.js';
import { ImportRunsPage } from './import.views.js';

/** /admin/imports: the log of register imports, for network administrators. */
export function importAdminRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    requireNetworkAdmin(c);
    const runs = await listImportRuns(deps.db, 50);
    c.header('Cache-Control', 'no-store');
    return c.html(<ImportRunsPage locale={c.var.locale} currentUrl={c.req.url} runs={runs} />);
  });
  return app;
}
