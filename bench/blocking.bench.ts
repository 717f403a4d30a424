import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { envSchema } from '../src/config/env.js';
import type { Database } from '../src/db/client.js';

/**
 * `lokalkraft bench blocking`: how the server answers while the database runs one long query
 * (`select pg_sleep(N)`, standing in for an import batch or an analysis).
 *
 * The requests are sent from another thread on a fixed schedule, so a stalled event loop in the
 * server shows as long latencies instead of as requests that were never sent.
 */
export interface ProbeFigures {
  path: string;
  /** Requests sent while the long query ran. */
  requests: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  /**
   * Of the requests sent in the first half of the window, the share answered before the window
   * ended. A stalled event loop answers none of them until the query is over (0); a free one, all (1).
   */
  answered_in_window: number;
}

export interface BlockingFigures {
  backend: 'pglite' | 'postgres';
  query_ms: number;
  /** The same free paths with no query running, just before: what this machine does anyway. */
  idle: ProbeFigures[];
  /** Answered from memory or without the database: must stay fast. */
  free: ProbeFigures[];
  /** Need the database: on PGlite (one connection) they wait for the long query; on PostgreSQL they take another connection. */
  needs_database: ProbeFigures[];
}

/** Paths that the app answers without the database once warm (the search result and labels are cached). */
export const freePaths = ['/healthz', '/api/docs', '/api/v1/firms?q=bakeri', '/', '/firms?q=bakeri'];
const databasePaths = ['/readyz'];

const proberSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, paths, intervalMs, durationMs } = workerData;
const samples = [];
const started = Date.now();
const inFlight = [];
async function probe(path) {
  const sent = performance.timeOrigin + performance.now();
  try {
    const res = await fetch(base + path);
    await res.arrayBuffer();
    samples.push({ path, sent, ms: performance.timeOrigin + performance.now() - sent, status: res.status });
  } catch (err) {
    samples.push({ path, sent, ms: -1, status: 0 });
  }
}
const timer = setInterval(() => {
  if (Date.now() - started > durationMs) {
    clearInterval(timer);
    Promise.all(inFlight).then(() => parentPort.postMessage(samples));
    return;
  }
  for (const p of paths) inFlight.push(probe(p));
}, intervalMs);
`;

interface Sample {
  path: string;
  sent: number;
  ms: number;
  status: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(path: string, samples: Sample[], from: number, to: number): ProbeFigures {
  const during = samples.filter((s) => s.path === path && s.sent >= from && s.sent <= to);
  const failed = during.filter((s) => s.status !== 200);
  if (failed.length) throw new Error(`${path} answered ${failed[0].status || 'nothing'} during the long query`);
  const ms = during.map((s) => s.ms).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const early = during.filter((s) => s.sent <= from + (to - from) / 2);
  const answered = early.filter((s) => s.sent + s.ms < to).length / Math.max(1, early.length);
  return {
    path,
    requests: ms.length,
    p50_ms: round(percentile(ms, 50)),
    p95_ms: round(percentile(ms, 95)),
    max_ms: round(ms.at(-1) ?? NaN),
    answered_in_window: Math.round(answered * 100) / 100,
  };
}

/** Serves the app on `database` (migrated, reference data loaded), runs the long query and probes the paths. */
export async function measureBlocking(database: Database, options: { querySeconds?: number; intervalMs?: number } = {}): Promise<BlockingFigures> {
  const querySeconds = options.querySeconds ?? 2;
  const env = envSchema.parse({ LOG_LEVEL: 'silent' });
  const app = createApp({ db: database.db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const path of [...freePaths, ...databasePaths]) await (await fetch(base + path)).arrayBuffer(); // warm the caches
    // Two windows of the same length: idle (the baseline on this machine), then the long query.
    const windowMs = querySeconds * 1000;
    const prober = new Worker(proberSource, {
      eval: true,
      workerData: { base, paths: [...freePaths, ...databasePaths], intervalMs: options.intervalMs ?? 50, durationMs: 2 * windowMs + 600 },
    });
    const samples = new Promise<Sample[]>((resolve, reject) => {
      prober.once('message', resolve);
      prober.once('error', reject);
    });
    await new Promise((r) => setTimeout(r, 200)); // the prober is running before the windows start
    const idleFrom = performance.timeOrigin + performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const from = performance.timeOrigin + performance.now();
    await sql`select pg_sleep(${querySeconds})`.execute(database.db);
    const to = performance.timeOrigin + performance.now();
    const all = await samples;
    await prober.terminate();
    // Requests sent in the last 100 ms before the query ends are left out: a database page sent then
    // waits less than the query, and a free one is not what the query could have held up.
    return {
      backend: database.kind,
      query_ms: Math.round(to - from),
      idle: freePaths.map((p) => summarise(p, all, idleFrom, from - 100)),
      free: freePaths.map((p) => summarise(p, all, from, to - 100)),
      needs_database: databasePaths.map((p) => summarise(p, all, from, to - 100)),
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The CLI benchmark: PGlite in a temp dir (or DATABASE_URL), then measureBlocking. */
export async function runBlockingBench(options: { databaseUrl?: string; querySeconds?: number; log?: (line: string) => void }): Promise<BlockingFigures> {
  const { openDatabase } = await import('../src/db/client.js');
  const { migrate } = await import('../src/db/migrator.js');
  const { loadReferenceData } = await import('../src/modules/reference-data.js');
  const dir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'lokalkraft-bench-blocking-'));
  options.log?.(options.databaseUrl ? 'opening PostgreSQL' : `creating an embedded database in ${dir}`);
  const database = await openDatabase(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: dir });
  try {
    await migrate(database.db);
    await loadReferenceData(database.db);
    options.log?.(`running select pg_sleep(${options.querySeconds ?? 2}) while probing ${[...freePaths, ...databasePaths].join(', ')}`);
    return await measureBlocking(database, { querySeconds: options.querySeconds });
  } finally {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatBlocking(f: BlockingFigures): string {
  const line = (p: ProbeFigures) =>
    `  ${p.path.padEnd(28)} ${String(p.requests).padStart(4)} requests  p50 ${p.p50_ms} ms  p95 ${p.p95_ms} ms  max ${p.max_ms} ms  answered within the window ${Math.round(p.answered_in_window * 100)} %`;
  return [
    `bench blocking (${f.backend}): a ${f.query_ms} ms query; latencies of requests sent while it ran`,
    'answered without the database, while the query ran:',
    ...f.free.map(line),
    'the same, with no query running (baseline on this machine):',
    ...f.idle.map(line),
    `need the database${f.backend === 'pglite' ? ' (PGlite is one connection: they wait for the query)' : ''}:`,
    ...f.needs_database.map(line),
  ].join('\n');
}
