import { Hono, type Context } from 'hono';
import { isAppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { jobsAccess } from './jobs.access.js';
import { jobsMessages as m } from './jobs.messages.js';
import { watchJobMetrics } from './jobs.metrics.js';
import { getJobsOverview, retryDeadJob } from './jobs.service.js';
import { JobsPage } from './jobs.views.js';

/** /admin/jobs: queues, failures and retries, for network administrators. */
export function jobsAdminRoutes(deps: AppDeps) {
  // /metrics reports the queues of this app's database.
  watchJobMetrics(deps.db);
  const app = new Hono<AppEnv>();
  const render = async (c: Context<AppEnv>, extra: { notice?: string; error?: string } = {}, status = 200) => {
    const overview = await getJobsOverview(deps.db, c.var.user);
    c.header('Cache-Control', 'no-store');
    return c.html(<JobsPage locale={c.var.locale} currentUrl={c.req.url} {...overview} {...extra} />, status as 200);
  };
  app.get('/', (c) => render(c, { notice: c.req.query('retried') ? m.retried[c.var.locale] : undefined }));
  app.post(
    '/retry',
    jobsAccess.middleware('jobs.job.retry', () => undefined),
    async (c) => {
      try {
        await retryDeadJob(deps.db, c.var.user, await c.req.parseBody());
      } catch (err) {
        if (!isAppError(err) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
        const l = c.var.locale;
        const issues = err.issuesIn(l).map((i) => `${i.label}: ${i.message}`);
        return render(c, { error: issues.length ? issues.join('; ') : err.messageIn(l) }, err.status);
      }
      return c.redirect(`/admin/jobs?retried=1&lang=${c.var.locale}`, 303);
    },
  );
  return app;
}
