import type { Kysely } from 'kysely';
import client from 'prom-client';
import type { DB } from '../../db/types.js';
import { metricsRegistry } from '../../shared/http/observability.js';
import { getLogger } from '../../shared/logger.js';
import { countJobsByQueueAndState } from './jobs.repository.js';

const states = ['created', 'retry', 'active', 'completed', 'failed'] as const;
let source: Kysely<DB> | undefined;

/**
 * lokalkraft_jobs{queue,state}: jobs per queue and state, read from the database at scrape time
 * (so every instance reports the same, whichever ran the jobs). failed = dead letter.
 * Attempts finished by this process are counted in lokalkraft_jobs_processed_total (src/shared/jobs).
 */
new client.Gauge({
  name: 'lokalkraft_jobs',
  help: 'Jobs per queue and state (created = waiting, retry = waiting to retry, active = running, failed = dead)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!source) return;
    this.reset();
    try {
      const rows = await countJobsByQueueAndState(source);
      const queues = new Set(rows.map((r) => r.queue));
      for (const queue of queues) for (const state of states) this.set({ queue, state }, 0);
      for (const r of rows) if (r.state && (states as readonly string[]).includes(r.state)) this.set({ queue: r.queue, state: r.state }, r.count);
    } catch (err) {
      getLogger().warn({ err: (err as Error).message }, 'job metrics unavailable');
    }
  },
});

/** The database the gauge reads (the app's; the latest app built wins, which is the only one outside tests). */
export function watchJobMetrics(db: Kysely<DB>): void {
  source = db;
}
