import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { envSchema } from '../src/config/env.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { countConfirmedOf, createEvent, publishEvent } from '../src/modules/events/events.service.js';
import { signUp } from '../src/modules/events/events.signup.service.js';
import { allJobs } from '../src/modules/jobs/jobs.registry.js';
import { createOrganisation } from '../src/modules/network/network.service.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import type { SessionUser } from '../src/shared/http/auth.js';
import { JobRunner } from '../src/shared/jobs/jobs.js';

export interface EventsBenchFigures {
  backend: 'pglite' | 'postgres';
  signUps: number;
  capacity: number;
  concurrency: number;
  /** Sign-ups per second with `concurrency` in flight, each one transaction under the event's row lock. */
  signUpsPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
  confirmed: number;
  waiting: number;
  /** Mail jobs (confirmation with .ics, or waiting list) composed and handed to the outbox per second. */
  mailsPerSecond: number;
  peakRssMb: number;
  loadAverage: number;
}

const admin: SessionUser = {
  id: 1,
  email: 'bench@example.invalid',
  displayName: 'bench',
  isEmailVerified: true,
  isNetworkAdmin: true,
  roles: [],
  managedFirmIds: [],
  sessionId: 'bench',
};

/** A sign-up rush on one event: PGlite in a temp dir, and PostgreSQL when a URL is given (a throw-away event there). */
export async function runEventsBench(options: {
  signUps: number;
  capacity: number;
  concurrency: number;
  databaseUrl?: string;
  log: (line: string) => void;
}): Promise<EventsBenchFigures[]> {
  const results = [await benchOne('pglite', options)];
  if (options.databaseUrl) results.push(await benchOne('postgres', options));
  return results;
}

async function benchOne(
  backend: 'pglite' | 'postgres',
  o: { signUps: number; capacity: number; concurrency: number; databaseUrl?: string; log: (line: string) => void },
): Promise<EventsBenchFigures> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'lokalkraft-bench-events-')) : undefined;
  const database = await openDatabase(backend === 'pglite' ? { dataDir: dir, syncIntervalMs: 0 } : { databaseUrl: o.databaseUrl });
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    o.log(`${backend}: migrating and loading places`);
    await migrate(database.db);
    await loadReferenceData(database.db);
    const orgId = await createOrganisation(database.db, admin, {
      name: `Bench org ${Date.now()}`,
      type: 'business_garden',
      country: 'NO',
      email: null,
      phone: null,
      website: null,
    });
    const day = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const eventId = await createEvent(
      database.db,
      admin,
      {
        organisation_id: orgId,
        title_nb: 'Benchmark',
        title_sv: null,
        title_fi: null,
        title_en: null,
        description_nb: null,
        description_sv: null,
        description_fi: null,
        description_en: null,
        kind: 'workshop',
        starts_at: `${day}T09:00`,
        ends_at: `${day}T12:00`,
        address: 'Bench 1',
        municipality_code: '3427',
        latitude: null,
        longitude: null,
        online_url: null,
        capacity: o.capacity,
        signup_opens_at: null,
        signup_closes_at: null,
        audience: 'public',
        price: null,
        questions: null,
        tags: null,
      },
      [],
    );
    await publishEvent(database.db, admin, eventId);
    o.log(`${backend}: ${o.signUps} sign-ups, ${o.concurrency} at a time, for ${o.capacity} places`);
    const latencies: number[] = [];
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (next < o.signUps) {
          const i = next++;
          const s = performance.now();
          await signUp(database.db, undefined, eventId, { name: `P ${i}`, email: `p${i}@bench.invalid`, firm_id: null, national_id: null, answers: {} }, 'nb');
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    const counts = await countConfirmedOf(database.db, eventId);
    o.log(`${backend}: running the mail jobs`);
    const env = envSchema.parse({ LOKALKRAFT_DEV_OUTBOX: 'true', LOG_LEVEL: 'silent' });
    const runner = new JobRunner(database.db, pino({ level: 'silent' }), allJobs(env, database.db));
    await runner.prepare();
    const tm = performance.now();
    const mails = await runner.runPending('events.mail', o.signUps);
    const mailSeconds = (performance.now() - tm) / 1000;
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
    return {
      backend,
      signUps: o.signUps,
      capacity: o.capacity,
      concurrency: o.concurrency,
      signUpsPerSecond: Math.round(o.signUps / seconds),
      latencyMs: { p50: pick(0.5), p95: pick(0.95), max: pick(1) },
      confirmed: counts.confirmed,
      waiting: counts.waiting,
      mailsPerSecond: Math.round(mails / mailSeconds),
      peakRssMb: Math.round(peak / 1024 / 1024),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    clearInterval(sample);
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatEventsBench(figures: EventsBenchFigures[]): string {
  return figures
    .map(
      (f) =>
        `${f.backend}: ${f.signUps} sign-ups (${f.concurrency} at a time) for ${f.capacity} places → ${f.confirmed} confirmed, ${f.waiting} waiting · ${f.signUpsPerSecond} sign-ups/s · latency p50 ${f.latencyMs.p50} ms, p95 ${f.latencyMs.p95} ms, max ${f.latencyMs.max} ms · mail jobs ${f.mailsPerSecond}/s · peak RSS ${f.peakRssMb} MB · load ${f.loadAverage}`,
    )
    .join('\n');
}
