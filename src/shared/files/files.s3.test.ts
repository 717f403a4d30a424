import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
// @ts-expect-error s3rver ships no types; it is a test-only, in-process S3-compatible server
import S3rver from 's3rver';
import { envSchema } from '../../config/env.js';
import { createUser, signIn, type SignedIn } from '../../../test/support/auth.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import type { BlobStore } from './blob-store.js';
import { defineFileOwner } from './file-owners.js';
import { fileStoreFor } from './file-store.js';
import { mime } from './file-uses.js';
import { deleteFilesOf, listFilesOf, sweepOrphanFiles, type FileDto } from './files.service.js';

const boxes = new Map<string, { readers: number[] }>();
defineFileOwner({
  owner: 'test.bucket-box',
  use: { accepts: [mime.pdf, mime.mp4], maxBytes: 12 * 1024 * 1024 },
  scope: async (_db, id) => boxes.get(id),
  canRead: (u, s) => !!u && s.readers.includes(u.id),
  canAttach: (u, s) => s.readers.includes(u.id),
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(n)]);

async function keysIn(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const b of store.list()) keys.push(b.key);
  return keys.sort();
}

for (const backend of await backendsUnderTest()) {
  describe(`file store on an S3-compatible bucket (s3rver, in process) with ${backend}`, () => {
    let database: TestDatabase;
    let s3Dir: string;
    let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
    let app: ReturnType<typeof createTestApp>;
    let store: BlobStore;
    let session: SignedIn;
    const box = `box-${backend}`;
    const upload = (name: string, body: RequestInit['body'], extra: Record<string, string> = {}) =>
      app.request(`/api/v1/files/test.bucket-box/${box}?name=${name}`, {
        method: 'POST',
        headers: { ...session.headers(), 'content-type': 'application/octet-stream', ...extra },
        body,
        duplex: 'half',
      } as RequestInit);

    before(async () => {
      s3Dir = mkdtempSync(join(tmpdir(), 'lokalkraft-s3rver-'));
      server = new S3rver({ port: 0, address: '127.0.0.1', directory: s3Dir, silent: true, configureBuckets: [{ name: 'lk-files' }] });
      const { port } = await server.run();
      const s3Env = {
        LOKALKRAFT_DATA_DIR: join(s3Dir, 'unused-data-dir'),
        FILES_S3_BUCKET: 'lk-files',
        FILES_S3_ENDPOINT: `http://127.0.0.1:${port}`,
        FILES_S3_ACCESS_KEY_ID: 'S3RVER',
        FILES_S3_SECRET_ACCESS_KEY: 'S3RVER',
        FILES_S3_FORCE_PATH_STYLE: 'true',
        FILES_S3_PREFIX: `lokalkraft/${backend}/`,
      };
      database = await createTestDatabase(backend);
      app = createTestApp(database, s3Env);
      store = fileStoreFor(envSchema.parse(s3Env));
      assert.equal(store.kind, 's3');
      const user = await createUser(database.db, { email: `s3-${backend}@files.test` });
      boxes.set(box, { readers: [user.id] });
      session = await signIn(app, user.email);
    });
    after(async () => {
      await database?.destroy();
      await server?.close();
      rmSync(s3Dir, { recursive: true, force: true });
    });

    it('stores in the bucket (multipart above 8 MiB) and serves whole files and ranges from it', async () => {
      const bytes = pdf(10 * 1024 * 1024);
      const res = await upload('scan.pdf', bytes);
      assert.equal(res.status, 201, await res.clone().text());
      const { file } = (await res.json()) as { file: FileDto };
      assert.equal(file.sha256, sha(bytes));
      assert.deepEqual(await keysIn(store), [file.id]);

      const whole = await app.request(`/files/${file.id}`, { headers: { cookie: session.cookie } });
      assert.equal(whole.status, 200);
      assert.equal(sha(Buffer.from(await whole.arrayBuffer())), sha(bytes));
      const part = await app.request(`/files/${file.id}`, { headers: { cookie: session.cookie, range: 'bytes=8388600-8388615' } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), `bytes 8388600-8388615/${bytes.length}`);
      assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(8388600, 8388616));
      const beyond = await app.request(`/files/${file.id}`, { headers: { cookie: session.cookie, range: `bytes=${bytes.length}-` } });
      assert.equal(beyond.status, 416);
    });

    it('leaves no object behind when an upload breaks the size limit midway (past the first 8 MiB part) or the type check', async () => {
      const before = await keysIn(store);
      let sent = 0;
      const tooBig = new ReadableStream<Uint8Array>(
        {
          pull(c) {
            if (sent >= 20 * 1024 * 1024) return c.close();
            const b = sent === 0 ? Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024 - 9)]) : Buffer.alloc(1024 * 1024, 1);
            sent += b.length;
            c.enqueue(b);
          },
        },
        { highWaterMark: 0 },
      );
      const res = await upload('big.pdf', tooBig);
      assert.equal(res.status, 413);
      const refused = await upload('page.pdf', Buffer.from('<html>not a pdf</html>'));
      assert.equal(refused.status, 415);
      assert.deepEqual(await keysIn(store), before);
      assert.equal((await listFilesOf(database.db, 'test.bucket-box', box)).length, before.length);
    });

    it('answers 404 in words, not 500, when the object behind a file row is gone from the bucket', async () => {
      const lost = `lost-${backend}`;
      boxes.set(lost, boxes.get(box)!);
      const res = await app.request(`/api/v1/files/test.bucket-box/${lost}?name=weg.pdf`, {
        method: 'POST',
        headers: { ...session.headers(), 'content-type': 'application/octet-stream' },
        body: pdf(1000),
      });
      const { file } = (await res.json()) as { file: FileDto };
      await store.remove(file.id);
      const got = await app.request(`/files/${file.id}?lang=en`, { headers: { cookie: session.cookie } });
      assert.equal(got.status, 404);
      assert.match(await got.text(), /contents of this file are no longer available/);
      await database.db.transaction().execute((trx) => deleteFilesOf(trx, 'test.bucket-box', lost));
    });

    it('erases with the owner and sweeps orphans in the bucket', async () => {
      const res = await upload('a.pdf', pdf(1000));
      const { file } = (await res.json()) as { file: FileDto };
      const removal = await database.db.transaction().execute((trx) => deleteFilesOf(trx, 'test.bucket-box', box));
      assert.ok(removal.fileIds.includes(file.id));
      assert.ok((await keysIn(store)).includes(file.id));
      await removal.removeBlobs(store);
      assert.deepEqual(await keysIn(store), []);

      const orphan = randomUUID();
      await store.put(orphan, Readable.from([Buffer.from('left behind')]), 'application/pdf');
      const report = await sweepOrphanFiles(database.db, store, { olderThan: new Date(Date.now() + 60_000) });
      assert.equal(report.removed, 1);
      assert.deepEqual(await keysIn(store), []);
    });
  });
}
