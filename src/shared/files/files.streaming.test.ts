import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createUser, signIn, type SignedIn } from '../../../test/support/auth.js';
import { serveApp, type ServedApp } from '../../../test/support/browser.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { defineFileOwner } from './file-owners.js';
import { fileUses } from './file-uses.js';
import type { FileDto } from './files.service.js';

const videoOwners = new Map<string, { readers: number[] }>();
defineFileOwner({
  owner: 'test.course-video',
  use: fileUses.video,
  scope: async (_db, id) => videoOwners.get(id),
  canRead: (u, s) => !!u && s.readers.includes(u.id),
  canAttach: (u, s) => s.readers.includes(u.id),
});

const chunk = 256 * 1024;

/** An "MP4" made on the fly (ftyp box, then a counter pattern), never held whole. */
function videoStream(hash: ReturnType<typeof createHash>, size: number) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const b = Buffer.alloc(Math.min(chunk, size - sent));
      for (let i = 0; i < b.length; i += 4) b.writeUInt32BE((sent + i) >>> 0, i);
      if (sent === 0) Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]).copy(b);
      hash.update(b);
      sent += b.length;
      controller.enqueue(b);
    },
  }, { highWaterMark: 0 });
}

/** Samples this process's RSS while `work` runs; returns the growth over the starting value, in MB. */
async function rssGrowthDuring(work: () => Promise<void>): Promise<number> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return (peak - start) / 1024 / 1024;
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

    const uploadVideo = async (size: number, sent: ReturnType<typeof createHash>) => {
      const res = await fetch(`${served.base}/api/v1/files/test.course-video/course-${backend}?name=lesson-1.mp4`, {
        method: 'POST',
        headers: { ...session.headers(), origin: served.base, 'content-type': 'video/mp4' },
        body: videoStream(sent, size),
        duplex: 'half',
      } as RequestInit);
      assert.equal(res.status, 201, await res.clone().text());
      return ((await res.json()) as { file: FileDto }).file;
    };

    it('streams a 50 MB video in and out (twice the page-form limit) without holding it in memory', async () => {
      const size = 50 * 1024 * 1024;
      // Warm-up: the first request of a process fills pools and caches (on PGlite also its WASM heap); not what is measured.
      const warm = await uploadVideo(5 * 1024 * 1024, createHash('sha256'));
      await (await fetch(`${served.base}/files/${warm.id}`, { headers: { cookie: session.cookie } })).arrayBuffer();

      const sent = createHash('sha256');
      let file: FileDto | undefined;
      const upGrowth = await rssGrowthDuring(async () => {
        file = await uploadVideo(size, sent);
      });
      const digest = sent.digest('hex');
      assert.equal(file?.size, size);
      assert.equal(file?.sha256, digest);
      assert.equal(file?.contentType, 'video/mp4');

      const received = createHash('sha256');
      let bytes = 0;
      const downGrowth = await rssGrowthDuring(async () => {
        const res = await fetch(`${served.base}/files/${file?.id}`, { headers: { cookie: session.cookie } });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-length'), String(size));
        for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
          received.update(part);
          bytes += part.byteLength;
        }
      });
      assert.equal(bytes, size);
      assert.equal(received.digest('hex'), digest);

      const tail = await fetch(`${served.base}/files/${file?.id}`, { headers: { cookie: session.cookie, range: `bytes=${size - 1000}-` } });
      assert.equal(tail.status, 206);
      assert.equal((await tail.arrayBuffer()).byteLength, 1000);

      console.log(`# ${backend}: RSS growth uploading 50 MB: ${upGrowth.toFixed(1)} MB, downloading: ${downGrowth.toFixed(1)} MB`);
      // Holding the file would cost at least its 50 MB; streaming costs a few chunks.
      assert.ok(upGrowth < 30, `upload grew RSS by ${upGrowth.toFixed(1)} MB`);
      assert.ok(downGrowth < 30, `download grew RSS by ${downGrowth.toFixed(1)} MB`);
    });
  });
}
