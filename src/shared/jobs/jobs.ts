import PgBoss from 'pg-boss';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import client from 'prom-client';
import type { DB } from '../../db/types.js';
import { metricsRegistry } from '../http/observability.js';

/**
 * Background jobs on the database (pg-boss 10 on PGlite and PostgreSQL alike; docs/adr/0008-job-runner.md).
 *
 * - `enqueue(trx, name, payload)` inserts the job with the caller's Kysely transaction: it exists
 *   only if the business change commits, and a worker can first see it after the commit.
 * - A `JobRunner` claims jobs (`FOR UPDATE SKIP LOCKED` inside pg-boss), runs the handler, and on
 *   an error schedules a retry with exponential backoff; after the queue's retry limit the job
 *   stays in state `failed` — the dead letter — until an operator retries it.
 * - A claimed job holds a lease (`expireInSeconds`); if its process dies, maintenance fails the
 *   lease and the job is retried. A job can therefore run twice: every handler must be idempotent
 *   and says so in its definition (`idempotent: true`).
 */

/** Anything Kysely can run a query on: the database or an open transaction. */
export type JobExecutor = Pick<Kysely<DB>, 'executeQuery'>;

export interface QueueOptions {
  /** Retries after the first attempt; then the job is dead (state failed). */
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) on each further retry when `retryBackoff`. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** The lease: a job active longer than this is taken as crashed and retried. */
  expireInSeconds: number;
  /** `unique`: at most one pending (not yet started) job per key; later ones collapse into it. */
  policy?: 'standard' | 'unique';
}

export interface JobContext {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
  logger: Logger;
  /** The database the runner works on (the job's own writes: open a transaction on it). */
  db: Kysely<DB>;
}

export interface JobDefinition<P extends object = Record<string, unknown>> {
  name: string;
  /** A job may run more than once (lease expiry after a crash, a retry after a timeout): the handler must be safe to repeat. */
  idempotent: true;
  queue: QueueOptions;
  /** Recurring: cron syntax (5 fields, minute resolution), in `tz` (default UTC). */
  schedule?: { cron: string; tz?: string; payload?: P };
  handler(payload: P, ctx: JobContext): Promise<void>;
}

export function defineJob<P extends object>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export interface EnqueueOptions {
  /** With a `unique` queue: at most one pending job per key; an enqueue while one is pending is collapsed into it. */
  key?: string;
  /** Start no earlier than this many seconds from now. With a key this debounces: the first enqueue waits, later ones collapse into it. */
  delaySeconds?: number;
}

export interface EnqueueResult {
  /** The new job's id, or null when it was collapsed into a pending job with the same key. */
  id: string | null;
  collapsed: boolean;
}

/** pg-boss runs its SQL through this: every statement goes through Kysely (so PGlite's one connection is shared safely). */
export function bossDb(executor: JobExecutor) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[], rowCount: Number(result.numAffectedRows ?? result.rows.length) };
    },
  };
}

// A pg-boss instance that is never started only builds SQL for the executor it is handed.
const sender = new PgBoss({ db: bossDb({ executeQuery: () => Promise.reject(new Error('enqueue needs a database or transaction')) }) });

/**
 * Adds a job inside the caller's transaction (or on the database, for work not tied to a change).
 * Throws for a queue that does not exist (pg-boss would drop the job silently).
 */
export async function enqueue(trx: JobExecutor, name: string, payload: object, options: EnqueueOptions = {}): Promise<EnqueueResult> {
  const db = bossDb(trx);
  const id = await sender.send(name, payload, { db, singletonKey: options.key, startAfter: options.delaySeconds });
  if (id) {
    if (!options.delaySeconds) wakeSoon(name);
    return { id, collapsed: false };
  }
  const { rows } = await db.executeSql('select 1 from pgboss.queue where name = $1', [name]);
  if (rows.length === 0) throw new Error(`job queue "${name}" does not exist (register its job and start the runner, or create it in a migration)`);
  if (!options.key) throw new Error(`job for queue "${name}" was not stored`);
  return { id: null, collapsed: true };
}

/**
 * Kysely has no after-commit hook, so a runner in this process is nudged shortly after an enqueue
 * (by then the enqueuing transaction has almost always committed); a nudge that comes too early
 * finds nothing and the regular poll picks the job up. Other processes rely on their poll.
 */
const localWakers = new Map<string, Set<() => void>>();
function wakeSoon(name: string) {
  if (!localWakers.get(name)?.size) return;
  for (const ms of [5, 50]) setTimeout(() => localWakers.get(name)?.forEach((wake) => wake()), ms).unref();
}

const processed = new client.Counter({
  name: 'lokalkraft_jobs_processed_total',
  help: 'Job attempts finished by this process, per queue and outcome (completed, failed = will retry or is dead)',
  labelNames: ['queue', 'outcome'] as const,
  registers: [metricsRegistry],
});
const duration = new client.Histogram({
  name: 'lokalkraft_job_duration_seconds',
  help: 'Job handler duration per queue',
  labelNames: ['queue'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
  registers: [metricsRegistry],
});

export interface RunnerOptions {
  /** How often an idle queue is polled (default 250 ms); a local enqueue also wakes it. */
  pollMs?: number;
  /** How often expired leases are reclaimed and old jobs pruned (pg-boss maintenance). */
  maintenanceSeconds?: number;
  /** How often schedules are checked (cron has minute resolution). */
  cronCheckSeconds?: number;
}

/** Runs registered jobs: `start()` polls in the background (the server), `runPending()` runs on demand (tests, CLI). */
export class JobRunner {
  readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<any>>();
  private stopping = false;
  private started = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger: Logger,
    definitions: JobDefinition<any>[],
    private readonly options: RunnerOptions = {},
  ) {
    for (const d of definitions) this.definitions.set(d.name, d);
    const cron = options.cronCheckSeconds ?? 30;
    this.boss = new PgBoss({
      db: bossDb(db),
      schema: 'pgboss',
      supervise: true,
      schedule: true,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
      cronMonitorIntervalSeconds: cron,
      cronWorkerIntervalSeconds: cron,
    });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job runner error'));
  }

  /** Creates missing queues and (re)writes schedules; idempotent. */
  async prepare(): Promise<void> {
    const existing = new Set((await this.boss.getQueues()).map((q) => q.name));
    for (const d of this.definitions.values()) {
      if (!existing.has(d.name)) {
        await this.boss.createQueue(d.name, {
          name: d.name,
          policy: d.queue.policy === 'unique' ? 'short' : 'standard',
          retryLimit: d.queue.retryLimit,
          retryDelay: d.queue.retryDelaySeconds,
          retryBackoff: d.queue.retryBackoff,
          expireInSeconds: d.queue.expireInSeconds,
        });
      }
      if (d.schedule) await this.boss.schedule(d.name, d.schedule.cron, d.schedule.payload ?? {}, { tz: d.schedule.tz ?? 'UTC' });
    }
  }

  /** Starts maintenance (lease expiry), schedules and one polling loop per queue. */
  async start(): Promise<void> {
    await this.prepare();
    await this.boss.start();
    this.started = true;
    for (const name of this.definitions.keys()) this.loops.push(this.loop(name));
    this.logger.info({ queues: [...this.definitions.keys()] }, 'job runner started');
  }

  /** Graceful: no new claims; waits for running handlers to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await Promise.all(this.loops);
    if (this.started) await this.boss.stop({ graceful: false, wait: true, close: false });
    this.started = false;
  }

  /** Runs due jobs of one queue (or all) until none is due or `max` ran; returns how many ran. */
  async runPending(name?: string, max = 1000): Promise<number> {
    let ran = 0;
    for (const queue of name ? [name] : [...this.definitions.keys()]) {
      while (ran < max && (await this.runOne(queue))) ran++;
    }
    return ran;
  }

  /** Expires leases of jobs whose process died (normally every `maintenanceSeconds`). */
  async reclaimExpired(): Promise<void> {
    await this.boss.maintain();
  }

  /** Claims and runs at most one due job; false when none is due. */
  async runOne(name: string): Promise<boolean> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`no job registered for queue "${name}"`);
    const [job] = await this.boss.fetch<Record<string, unknown>>(name, { batchSize: 1, includeMetadata: true });
    if (!job) return false;
    const end = duration.startTimer({ queue: name });
    const logger = this.logger.child({ job: job.id, queue: name, attempt: job.retryCount + 1 });
    try {
      await definition.handler(job.data, { id: job.id, retryCount: job.retryCount, logger, db: this.db });
      await this.boss.complete(name, job.id);
      processed.inc({ queue: name, outcome: 'completed' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const dead = job.retryCount >= job.retryLimit;
      logger[dead ? 'error' : 'warn']({ err: message, dead }, dead ? 'job failed for the last time (dead letter)' : 'job failed; will retry');
      await this.boss.fail(name, job.id, { message: message.slice(0, 2000) });
      processed.inc({ queue: name, outcome: 'failed' });
    } finally {
      end();
    }
    return true;
  }

  private async loop(name: string): Promise<void> {
    const pollMs = this.options.pollMs ?? 250;
    while (!this.stopping) {
      let ran = false;
      try {
        ran = await this.runOne(name);
      } catch (err) {
        this.logger.error({ err, queue: name }, 'job queue poll failed');
      }
      if (!ran && !this.stopping) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.wakers.delete(wake);
            localWakers.get(name)?.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, pollMs);
          this.wakers.add(wake);
          const local = localWakers.get(name) ?? new Set();
          localWakers.set(name, local);
          local.add(wake);
        });
      }
    }
  }
}
