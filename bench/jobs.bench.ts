import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { defineJob, enqueue, JobRunner } from '../src/shared/jobs/jobs.js';

export interface JobsBenchFigures {
  backend: 'pglite' | 'postgres';
  jobs: number;
  /** Jobs enqueued per second, each in its own committed transaction, one after another. */
  enqueuePerSecond: number;
  /** Jobs claimed, run (no-op) and completed per second by runPending, one at a time. */
  runPerSecond: number;
  pollMs: number;
  /** Time from the enqueuing transaction's commit to the handler's start, with the runner polling. */
  latencyMs: { samples: number; p50: number; p95: number; max: number };
  /** 1-minute load average when the run ended (figures on a busy machine are lower). */
  loadAverage: number;
}

const queue = 'bench.noop';

/** Runs on a throw-away PGlite directory, and on PostgreSQL when a URL is given (its bench.noop queue is emptied after). */
export async function runJobsBench(options: {
  jobs: number;
  samples: number;
  pollMs: number;
  databaseUrl?: string;
  log: (line: string) => void;
}): Promise<JobsBenchFigures[]> {
  const results: JobsBenchFigures[] = [];
  results.push(await benchOne('pglite', options));
  if (options.databaseUrl) results.push(await benchOne('postgres', options));
  return results;
}

async function benchOne(
  backend: 'pglite' | 'postgres',
  options: { jobs: number; samples: number; pollMs: number; databaseUrl?: string; log: (line: string) => void },
): Promise<JobsBenchFigures> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'lokalkraft-bench-jobs-')) : undefined;
  const database = await openDatabase(backend === 'pglite' ? { dataDir: dir, syncIntervalMs: 0 } : { databaseUrl: options.databaseUrl });
  try {
    options.log(`${backend}: migrating`);
    await migrate(database.db);
    let started: ((at: number) => void) | undefined;
    const runner = new JobRunner(
      database.db,
      pino({ level: 'silent' }),
      [
        defineJob<{ i: number }>({
          name: queue,
          idempotent: true,
          queue: { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
          handler: async () => started?.(performance.now()),
        }),
      ],
      { pollMs: options.pollMs },
    );
    await runner.prepare();
    await sql`delete from pgboss.job where name = ${queue}`.execute(database.db);

    options.log(`${backend}: enqueueing ${options.jobs} jobs`);
    let t = performance.now();
    for (let i = 0; i < options.jobs; i++) await database.db.transaction().execute((trx) => enqueue(trx, queue, { i }));
    const enqueueSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const ran = await runner.runPending(queue, options.jobs);
    const runSeconds = (performance.now() - t) / 1000;

    options.log(`${backend}: ${options.samples} latency samples (poll ${options.pollMs} ms)`);
    await runner.start();
    const latencies: number[] = [];
    for (let s = 0; s < options.samples; s++) {
      await new Promise((r) => setTimeout(r, Math.random() * 100));
      const startedAt = new Promise<number>((resolve) => (started = resolve));
      await database.db.transaction().execute((trx) => enqueue(trx, queue, { i: -s }));
      const committedAt = performance.now();
      latencies.push((await startedAt) - committedAt);
    }
    await runner.stop();
    await sql`delete from pgboss.job where name = ${queue}`.execute(database.db);
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
    return {
      backend,
      jobs: options.jobs,
      enqueuePerSecond: Math.round(options.jobs / enqueueSeconds),
      runPerSecond: Math.round(ran / runSeconds),
      pollMs: options.pollMs,
      latencyMs: { samples: latencies.length, p50: pick(0.5), p95: pick(0.95), max: pick(1) },
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatJobsBench(figures: JobsBenchFigures[]): string {
  return figures
    .map(
      (f) =>
        `${f.backend}: enqueue ${f.enqueuePerSecond} jobs/s (${f.jobs}, one transaction each) · run ${f.runPerSecond} jobs/s · commit→start p50 ${f.latencyMs.p50} ms, p95 ${f.latencyMs.p95} ms, max ${f.latencyMs.max} ms (${f.latencyMs.samples} samples, poll ${f.pollMs} ms) · load ${f.loadAverage}`,
    )
    .join('\n');
}
