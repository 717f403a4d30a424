import { defineJob } from '../../shared/jobs/jobs.js';
import { maintainTables } from './coaching.repository.js';

/**
 * Nightly: `vacuum (analyze)` of the tables the coach's lists read. The lists decide on covering
 * indexes (index-only scans need the visibility map) and the planner needs fresh statistics
 * (ADR 0012, decision 10). PostgreSQL's autovacuum does this on its own; the embedded PGlite has no
 * autovacuum, so without this job its lists would slowly fall back to reading the table.
 */
export const maintainCoachingJob = defineJob<Record<string, never>>({
  name: 'coaching.maintain',
  idempotent: true,
  queue: { retryLimit: 2, retryDelaySeconds: 600, retryBackoff: true, expireInSeconds: 1800, policy: 'unique' },
  schedule: { cron: '47 2 * * *', tz: 'Europe/Oslo' },
  async handler(_payload, ctx) {
    const t = performance.now();
    await maintainTables(ctx.db);
    ctx.logger.info({ seconds: Math.round(performance.now() - t) / 1000 }, 'coaching tables vacuumed and analysed');
  },
});
