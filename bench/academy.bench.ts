import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { envSchema } from '../src/config/env.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { createSession, createUser, grantStaffRole } from '../src/modules/accounts/accounts.service.js';
import * as authoring from '../src/modules/academy/academy.authoring.service.js';
import * as academy from '../src/modules/academy/academy.service.js';
import { createOrganisation } from '../src/modules/network/network.service.js';
import { loadPlaces } from '../src/modules/places/places.service.js';
import { fileStoreFor } from '../src/shared/files/file-store.js';
import type { SessionUser } from '../src/shared/http/auth.js';

export interface AcademyBenchFigures {
  fileMb: number;
  readers: number;
  requests: number;
  rangeMb: number;
  /** Bytes served per second over all readers (MB = 2^20 bytes). */
  mbPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** Resident memory of the process before the readers started, and its peak while they read. */
  rssBeforeMb: number;
  rssPeakMb: number;
  seconds: number;
  loadAverage: number;
}

const MiB = 1024 * 1024;

/** An MP4-looking stream of `bytes` bytes made chunk by chunk (never held whole). */
function syntheticVideo(bytes: number): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(MiB, 7);
  const head = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31]);
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const n = Math.min(MiB, bytes - sent);
      const out = Buffer.from(chunk.subarray(0, n));
      if (sent === 0) head.copy(out);
      sent += n;
      this.push(out);
    },
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `lokalkraft bench academy`: a lesson video of `fileMb` MB in the file store (PGlite and the disk
 * store in a temp dir), served by the real app over HTTP; `readers` learners at once each ask for
 * `requestsPerReader` random byte ranges of `rangeMb` (a player seeking), reading each body as a
 * stream. Prints throughput, latencies and the process's peak resident memory.
 */
export async function runAcademyBench(o: {
  fileMb: number;
  readers: number;
  requestsPerReader: number;
  rangeMb: number;
  log: (line: string) => void;
}): Promise<AcademyBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-bench-academy-'));
  const database = await openDatabase({ dataDir: join(dir, 'db'), syncIntervalMs: 0 });
  const env = envSchema.parse({ LOKALKRAFT_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const server = { close: () => undefined as unknown };
  try {
    const db = database.db;
    o.log('migrating');
    await migrate(db);
    await loadPlaces(db);
    const adminId = await createUser(db, {
      email: 'bench-admin@example.test',
      password: undefined,
      displayName: 'Bench',
      isNetworkAdmin: true,
      isEmailVerified: true,
    });
    const admin: SessionUser = {
      id: adminId,
      email: 'bench-admin@example.test',
      displayName: 'Bench',
      isEmailVerified: true,
      isNetworkAdmin: true,
      roles: [],
      managedFirmIds: [],
      sessionId: 'bench',
    };
    const orgId = await createOrganisation(db, admin, {
      name: 'Bench City',
      type: 'city_centre_partnership',
      country: 'SE',
      email: null,
      phone: null,
      website: null,
    });
    await grantStaffRole(db, adminId, orgId, 'editor');
    const courseId = await authoring.createCourse(db, admin, orgId, {
      topic: 'other',
      level: 'beginner',
      languages: ['sv'],
      title: { sv: 'Bench' },
      summary: {},
      watchSharePercent: 90,
    });
    const lessonId = await authoring.addLesson(db, admin, courseId, { title: { sv: 'Film' }, body: '', videoUrl: null, durationSeconds: 600, quizText: '' });
    o.log(`storing a ${o.fileMb} MB video (streamed into the store)`);
    const file = await authoring.attachLessonVideo(db, fileStoreFor(env), admin, lessonId, {
      name: 'bench.mp4',
      body: syntheticVideo(o.fileMb * MiB) as never,
    });
    await authoring.publishCourse(db, admin, courseId);
    const learnerId = await createUser(db, {
      email: 'bench-learner@example.test',
      password: undefined,
      displayName: 'Learner',
      isNetworkAdmin: false,
      isEmailVerified: true,
    });
    const learner: SessionUser = { ...admin, id: learnerId, isNetworkAdmin: false, email: 'bench-learner@example.test' };
    await academy.enrol(db, learner, courseId, { firmId: null, organisationId: null });
    const session = await createSession(db, env, learnerId);
    const app = createApp({ db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
    const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    server.close = () => http.close();
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/academy/lessons/${lessonId}/files/${file.id}`;
    const headers = { cookie: `lk_session=${session.token}` };
    const size = o.fileMb * MiB;
    const range = o.rangeMb * MiB;

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    const latencies: number[] = [];
    let bytes = 0;
    o.log(`${o.readers} readers × ${o.requestsPerReader} ranges of ${o.rangeMb} MB`);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: o.readers }, async (_, reader) => {
        for (let i = 0; i < o.requestsPerReader; i++) {
          const start = Math.floor((((reader * 7919 + i * 104729) % 1000) / 1000) * Math.max(1, size - range));
          const t0 = performance.now();
          const res = await fetch(url, { headers: { ...headers, range: `bytes=${start}-${start + range - 1}` } });
          if (res.status !== 206 || !res.body) throw new Error(`range request answered ${res.status}`);
          for await (const chunk of res.body) bytes += chunk.byteLength;
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    return {
      fileMb: o.fileMb,
      readers: o.readers,
      requests: latencies.length,
      rangeMb: o.rangeMb,
      mbPerSecond: Math.round(bytes / MiB / seconds),
      latencyMs: {
        p50: Math.round(percentile(latencies, 50)),
        p95: Math.round(percentile(latencies, 95)),
        max: Math.round(latencies[latencies.length - 1] ?? 0),
      },
      rssBeforeMb: Math.round(rssBefore / MiB),
      rssPeakMb: Math.round(rssPeak / MiB),
      seconds: Math.round(seconds * 10) / 10,
      loadAverage: Math.round(loadavg()[0] * 10) / 10,
    };
  } finally {
    server.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const formatAcademyBench = (f: AcademyBenchFigures): string =>
  [
    `bench academy: ${f.readers} concurrent readers, ${f.requests} range requests of ${f.rangeMb} MB from a ${f.fileMb} MB lesson video in ${f.seconds} s`,
    `  throughput ${f.mbPerSecond} MB/s · latency p50 ${f.latencyMs.p50} ms, p95 ${f.latencyMs.p95} ms, max ${f.latencyMs.max} ms`,
    `  resident memory ${f.rssBeforeMb} MB before the readers, peak ${f.rssPeakMb} MB while reading (+${f.rssPeakMb - f.rssBeforeMb} MB) · load average ${f.loadAverage}`,
  ].join('\n');
