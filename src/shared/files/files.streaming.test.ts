import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { createUser, signIn, type SignedIn } from '../../../test/support/auth.js';
import { serveApp, type ServedApp } from '../../../test/support/browser.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { defineFileOwner } from './file-owners.js';
import { fileUses } from './file-uses.js';
import type { FileDto } from './files.service.js';

const run = promisify(execFile);

const videoOwners = new Map<string, { readers: number[] }>();
defineFileOwner({
  owner: 'test.course-video',
  use: fileUses.video,
  scope: async (_db, id) => videoOwners.get(id),
  canRead: (u, s) => !!u && s.readers.includes(u.id),
  canAttach: (u, s) => s.readers.includes(u.id),
});

/**
 * The HTTP client runs in a child process, so that the RSS sampled here is the server's alone. It
 * uploads an "MP4" made on the fly (ftyp box, then a counter pattern; never held whole) or
 * downloads a file, hashing as it goes, and prints { status, sha256, bytes, body }.
 */
const clientScript = `
import { createHash } from 'node:crypto';
const [mode, url, headersJson, sizeText] = process.argv.slice(1);
const headers = JSON.parse(headersJson);
const hash = createHash('sha256');
let bytes = 0;
if (mode === 'up') {
  const size = Number(sizeText);
  const body = new ReadableStream({
    pull(controller) {
      if (bytes >= size) return controller.close();
      const b = Buffer.alloc(Math.min(256 * 1024, size - bytes));
      for (let i = 0; i < b.length; i += 4) b.writeUInt32BE((bytes + i) >>> 0, i);
      if (bytes === 0) Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]).copy(b);
      hash.update(b);
      bytes += b.length;
      controller.enqueue(b);
    },
  }, { highWaterMark: 0 });
  const res = await fetch(url, { method: 'POST', headers, body, duplex: 'half' });
  console.log(JSON.stringify({ status: res.status, sha256: hash.digest('hex'), bytes, body: await res.json() }));
} else {
  const res = await fetch(url, { headers });
  for await (const part of res.body) { hash.update(part); bytes += part.byteLength; }
  console.log(JSON.stringify({ status: res.status, sha256: hash.digest('hex'), bytes, length: res.headers.get('content-length') }));
}
`;

interface ClientResult {
  status: number;
  sha256: string;
  bytes: number;
  length?: string;
  body?: { file: FileDto };
}

async function runClient(mode: 'up' | 'down', url: string, headers: Record<string, string>, size = 0): Promise<ClientResult> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', clientScript, mode, url, JSON.stringify(headers), String(size)], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ClientResult;
}

/** Samples this process's RSS while `work` runs; returns the growth over the starting value, in MB. */
async function rssGrowthDuring(work: () => Promise<void>): Promise<{ mb: number; ms: number }> {
  const began = performance.now();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { mb: (peak - start) / 1024 / 1024, ms: performance.now() - began };
}

for (const backend of await backendsUnderTest()) {
  describe(`50 MB through the file store over HTTP on ${backend}`, () => {
    let database: TestDatabase;
    let dataDir: string;
    let served: ServedApp;
    let session: SignedIn;

    before(async () => {
      database = await createTestDatabase(backend);
      dataDir = mkdtempSync(join(tmpdir(), 'lokalkraft-files-big-'));
      const app = createTestApp(database, { LOKALKRAFT_DATA_DIR: dataDir });
      served = await serveApp(app);
      const user = await createUser(database.db, { email: `teacher-${backend}@files.test` });
      videoOwners.set(`course-${backend}`, { readers: [user.id] });
      session = await signIn(app, user.email);
    });
    after(async () => {
      await served?.close();
      await database?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const upload = (size: number) =>
      runClient(
        'up',
        `${served.base}/api/v1/files/test.course-video/course-${backend}?name=lesson-1.mp4`,
        { ...session.headers(), origin: served.base, 'content-type': 'video/mp4' },
        size,
      );
    const download = (id: string, extra: Record<string, string> = {}) => runClient('down', `${served.base}/files/${id}`, { cookie: session.cookie, ...extra });

    it('streams a 50 MB video in and out (twice the page-form limit) without holding it in memory', async () => {
      const size = 50 * 1024 * 1024;
      // Warm-up: the first large transfer grows heaps to their working size once (~21 MB on PGlite,
      // ~4 MB on PostgreSQL, measured); what a streaming store must show is that the next costs little.
      const warm = await upload(size);
      assert.equal(warm.status, 201, JSON.stringify(warm));
      await download(warm.body?.file.id ?? '');

      let sent: ClientResult | undefined;
      const up = await rssGrowthDuring(async () => {
        sent = await upload(size);
      });
      assert.equal(sent?.status, 201, JSON.stringify(sent));
      const file = sent?.body?.file as FileDto;
      assert.equal(file.size, size);
      assert.equal(file.sha256, sent?.sha256, 'the stored SHA-256 is that of the bytes sent');
      assert.equal(file.contentType, 'video/mp4');

      let received: ClientResult | undefined;
      const down = await rssGrowthDuring(async () => {
        received = await download(file.id);
      });
      assert.equal(received?.status, 200);
      assert.equal(received?.length, String(size));
      assert.equal(received?.bytes, size);
      assert.equal(received?.sha256, sent?.sha256, 'the bytes back are the bytes sent');

      const tail = await download(file.id, { range: `bytes=${size - 1000}-` });
      assert.equal(tail.status, 206);
      assert.equal(tail.bytes, 1000);

      console.log(
        `# ${backend}: 50 MB upload ${up.ms.toFixed(0)} ms, server RSS +${up.mb.toFixed(1)} MB; download ${down.ms.toFixed(0)} ms, server RSS +${down.mb.toFixed(1)} MB`,
      );
      // Holding the file would cost at least its 50 MB; streaming costs a few chunks.
      assert.ok(up.mb < 30, `upload grew the server's RSS by ${up.mb.toFixed(1)} MB`);
      assert.ok(down.mb < 30, `download grew the server's RSS by ${down.mb.toFixed(1)} MB`);
    });
  });
}
