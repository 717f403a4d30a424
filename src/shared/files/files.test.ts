import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../app.js';
import { envSchema } from '../../config/env.js';
import { createUser, signIn, testOrigin, type SignedIn } from '../../../test/support/auth.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { DiskBlobStore } from './blob-store.js';
import { defineFileOwner } from './file-owners.js';
import { fileStoreFor } from './file-store.js';
import { fileUses, mime } from './file-uses.js';
import { deleteFilesOf, listFilesOf, storeFile, sweepOrphanFiles, type FileDto } from './files.service.js';

/** A test owner: folders whose readers are listed; folder "public" anybody may read; "gone" does not exist. */
const folders = new Map<string, { readers: number[]; isPublic: boolean }>();
defineFileOwner({
  owner: 'test.folder',
  use: fileUses.document,
  scope: async (_db, id) => folders.get(id),
  canRead: (u, s) => s.isPublic || (!!u && s.readers.includes(u.id)),
  canAttach: (u, s) => s.readers.includes(u.id),
});
const smallVideos = new Map<string, { readers: number[] }>();
defineFileOwner({
  owner: 'test.clip',
  use: { accepts: [mime.mp4, mime.webm], maxBytes: 1024 * 1024 },
  scope: async (_db, id) => smallVideos.get(id),
  canRead: (u, s) => !!u && s.readers.includes(u.id),
  canAttach: (u, s) => s.readers.includes(u.id),
});
defineFileOwner({
  owner: 'test.captions',
  use: fileUses.captions,
  scope: async () => ({}),
  canRead: () => true,
  canAttach: () => true,
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
export const pdfBytes = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), randomBytes(Math.max(0, size - 32))]).subarray(0, size);
export const mp4Head = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]);

/** A body that produces `total` bytes on demand and counts what was pulled. */
function countingBody(head: Buffer, total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        const n = Math.min(chunk, total - state.pulled);
        const b = Buffer.alloc(n, 7);
        if (state.pulled === 0) head.copy(b);
        state.pulled += n;
        controller.enqueue(b);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

for (const backend of await backendsUnderTest()) {
  describe(`file store on ${backend}`, () => {
    let database: TestDatabase;
    let dataDir: string;
    let app: ReturnType<typeof createTestApp>;
    let reader: SignedIn;
    let outsider: SignedIn;
    let readerId: number;
    let store: DiskBlobStore;
    const upload = (path: string, body: RequestInit['body'], as: SignedIn, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { ...as.headers(), 'content-type': 'application/octet-stream', ...headers },
        body,
        duplex: 'half',
      } as RequestInit);

    before(async () => {
      database = await createTestDatabase(backend);
      dataDir = mkdtempSync(join(tmpdir(), 'lokalkraft-files-'));
      app = createTestApp(database, { LOKALKRAFT_DATA_DIR: dataDir });
      store = fileStoreFor({
        LOKALKRAFT_DATA_DIR: dataDir,
        FILES_S3_REGION: 'us-east-1',
        FILES_S3_FORCE_PATH_STYLE: false,
        FILES_S3_PREFIX: '',
      }) as DiskBlobStore;
      const a = await createUser(database.db, { email: `reader-${backend}@files.test` });
      await createUser(database.db, { email: `outsider-${backend}@files.test` });
      readerId = a.id;
      reader = await signIn(app, a.email);
      outsider = await signIn(app, `outsider-${backend}@files.test`);
      folders.set(`f-${backend}`, { readers: [a.id], isPublic: false });
      folders.set(`pub-${backend}`, { readers: [a.id], isPublic: true });
      smallVideos.set(`v-${backend}`, { readers: [a.id] });
    });
    after(async () => {
      await database?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('stores an upload and streams it back byte for byte, with its SHA-256', async () => {
      const bytes = pdfBytes(300_000);
      const res = await upload(`/api/v1/files/test.folder/f-${backend}?name=${encodeURIComponent('Søknad 2027.pdf')}`, bytes, reader, {
        'content-type': 'application/pdf',
      });
      assert.equal(res.status, 201, await res.clone().text());
      const { file } = (await res.json()) as { file: FileDto };
      assert.equal(file.contentType, 'application/pdf');
      assert.equal(file.size, bytes.length);
      assert.equal(file.sha256, sha(bytes));
      assert.equal(file.name, 'Søknad 2027.pdf');
      assert.equal(file.createdBy, readerId);
      assert.equal(res.headers.get('location'), `/files/${file.id}`);
      assert.ok(existsSync(store.pathOf(file.id)), 'the blob is on disk under the data directory');
      assert.deepEqual(readFileSync(store.pathOf(file.id)), bytes);

      const got = await app.request(`/files/${file.id}`, { headers: { cookie: reader.cookie } });
      assert.equal(got.status, 200);
      const back = Buffer.from(await got.arrayBuffer());
      assert.equal(sha(back), sha(bytes));
      assert.equal(got.headers.get('content-type'), 'application/pdf');
      assert.equal(got.headers.get('content-length'), String(bytes.length));
      assert.equal(got.headers.get('accept-ranges'), 'bytes');
      assert.equal(got.headers.get('cache-control'), 'private, no-cache');
      assert.equal(got.headers.get('etag'), `"${sha(bytes)}"`);
      assert.match(got.headers.get('content-disposition') ?? '', /^inline; filename="S_knad 2027.pdf"; filename\*=UTF-8''S%C3%B8knad%202027.pdf$/);
      assert.deepEqual(
        (await listFilesOf(database.db, 'test.folder', `f-${backend}`)).map((f) => f.id),
        [file.id],
      );
    });

    it('accepts a Word document by its zip entries and refuses a plain zip named .docx', async () => {
      const docx = readFileSync('test/fixtures/files/minimal.docx');
      const ok = await upload(`/api/v1/files/test.folder/f-${backend}?name=notat.docx`, docx, reader);
      assert.equal(ok.status, 201);
      assert.equal(((await ok.json()) as { file: FileDto }).file.contentType, mime.docx);
      const zip = readFileSync('test/fixtures/files/plain.zip');
      const refused = await upload(`/api/v1/files/test.folder/f-${backend}?name=notat.docx`, zip, reader, { 'content-type': mime.docx });
      assert.equal(refused.status, 415);
    });

    describe('range requests', () => {
      let file: FileDto;
      let bytes: Buffer;
      const get = (headers: Record<string, string>, method = 'GET') =>
        app.request(`/files/${file.id}`, { method, headers: { cookie: reader.cookie, ...headers } });
      before(async () => {
        bytes = pdfBytes(10_000);
        file = await storeFile(database.db, store, {
          owner: 'test.folder',
          ownerId: `f-${backend}`,
          use: fileUses.document,
          name: 'r.pdf',
          body: bytes,
          createdBy: null,
        });
      });

      it('answers a single range with 206 and Content-Range', async () => {
        const res = await get({ range: 'bytes=100-199' });
        assert.equal(res.status, 206);
        assert.equal(res.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
        assert.equal(res.headers.get('content-length'), '100');
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes.subarray(100, 200));
      });

      it('answers open-ended, suffix and overlong ranges with the bytes that exist', async () => {
        const open = await get({ range: 'bytes=9990-' });
        assert.equal(open.status, 206);
        assert.equal(open.headers.get('content-range'), `bytes 9990-9999/10000`);
        assert.deepEqual(Buffer.from(await open.arrayBuffer()), bytes.subarray(9990));
        const suffix = await get({ range: 'bytes=-5' });
        assert.equal(suffix.headers.get('content-range'), 'bytes 9995-9999/10000');
        assert.deepEqual(Buffer.from(await suffix.arrayBuffer()), bytes.subarray(9995));
        const longSuffix = await get({ range: 'bytes=-20000' });
        assert.equal(longSuffix.headers.get('content-range'), 'bytes 0-9999/10000');
        await longSuffix.arrayBuffer();
        const past = await get({ range: 'bytes=9000-999999' });
        assert.equal(past.headers.get('content-range'), 'bytes 9000-9999/10000');
        assert.equal((await past.arrayBuffer()).byteLength, 1000);
        const last = await get({ range: 'bytes=9999-9999' });
        assert.deepEqual(Buffer.from(await last.arrayBuffer()), bytes.subarray(9999));
      });

      it('answers 416 with the size for a range past the end or an empty suffix', async () => {
        for (const range of ['bytes=10000-', 'bytes=10000-10005', 'bytes=-0']) {
          const res = await get({ range });
          assert.equal(res.status, 416, range);
          assert.equal(res.headers.get('content-range'), 'bytes */10000', range);
        }
      });

      it('sends the whole file for several ranges, other units or nonsense', async () => {
        for (const range of ['bytes=0-1,5-6', 'items=0-5', 'bytes=5-1', 'bytes=abc']) {
          const res = await get({ range });
          assert.equal(res.status, 200, range);
          assert.equal((await res.arrayBuffer()).byteLength, 10000, range);
        }
      });

      it('honours If-Range: the current ETag gets the range, an old one the whole file', async () => {
        const etag = `"${file.sha256}"`;
        const current = await get({ range: 'bytes=0-9', 'if-range': etag });
        assert.equal(current.status, 206);
        await current.arrayBuffer();
        const stale = await get({ range: 'bytes=0-9', 'if-range': `"${'0'.repeat(64)}"` });
        assert.equal(stale.status, 200);
        assert.equal((await stale.arrayBuffer()).byteLength, 10000);
        const weak = await get({ range: 'bytes=0-9', 'if-range': `W/${etag}` });
        assert.equal(weak.status, 200, 'a weak validator never matches If-Range');
        await weak.arrayBuffer();
        const byDate = await get({ range: 'bytes=0-9', 'if-range': new Date(file.createdAt).toUTCString() });
        assert.equal(byDate.status, 206);
        await byDate.arrayBuffer();
      });

      it('answers 304 to a matching If-None-Match or If-Modified-Since, and HEAD without a body', async () => {
        const etag = `"${file.sha256}"`;
        const notModified = await get({ 'if-none-match': `"other", W/${etag}` });
        assert.equal(notModified.status, 304);
        assert.equal(notModified.headers.get('etag'), etag);
        assert.equal(await notModified.text(), '');
        const changed = await get({ 'if-none-match': '"other"' });
        assert.equal(changed.status, 200);
        await changed.arrayBuffer();
        const since = await get({ 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() });
        assert.equal(since.status, 304);
        const head = await get({ range: 'bytes=0-9' }, 'HEAD');
        assert.equal(head.status, 206);
        assert.equal(head.headers.get('content-length'), '10');
        assert.equal((await head.arrayBuffer()).byteLength, 0);
      });
    });

    it("refuses by magic bytes with 415, naming the field in the reader's language, and keeps nothing", async () => {
      const before = (await listFilesOf(database.db, 'test.folder', `f-${backend}`)).length;
      const html = Buffer.from('<!doctype html><script>alert(1)</script>');
      const res = await upload(`/api/v1/files/test.folder/f-${backend}?name=report.pdf`, html, reader, {
        'content-type': 'application/pdf',
        'accept-language': 'nb',
      });
      assert.equal(res.status, 415);
      const body = (await res.json()) as { error: { code: string; message: string; issues: { field: string; label: string; message: string }[] } };
      assert.equal(body.error.code, 'unsupported_media_type');
      assert.match(body.error.message, /^Denne filtypen tas ikke imot her\. Tillatt: PDF, Word/);
      assert.equal(body.error.issues[0].field, 'file');
      assert.equal(body.error.issues[0].label, 'Fil');
      assert.equal((await listFilesOf(database.db, 'test.folder', `f-${backend}`)).length, before);
      const video = await upload(`/api/v1/files/test.clip/v-${backend}?name=clip.mp4`, pdfBytes(1000), reader, { 'accept-language': 'fi' });
      assert.equal(video.status, 415);
      assert.match(((await video.json()) as { error: { message: string } }).error.message, /Sallitut: MP4, WebM/);
    });

    it('checks captions for the WebVTT header and UTF-8 throughout', async () => {
      const good = await upload(
        `/api/v1/files/test.captions/c-${backend}?name=no.vtt`,
        Buffer.from('\ufeffWEBVTT\n\n00:00.000 --> 00:01.000\nHei, verden – å ø æ\n'),
        reader,
      );
      assert.equal(good.status, 201);
      const { file } = (await good.json()) as { file: FileDto };
      assert.equal(file.contentType, 'text/vtt');
      const served = await app.request(`/files/${file.id}`);
      assert.equal(served.headers.get('content-type'), 'text/vtt; charset=utf-8');
      assert.equal(served.headers.get('cache-control'), 'public, max-age=86400', 'captions anyone may read can be cached');
      await served.arrayBuffer();
      const noHeader = await upload(`/api/v1/files/test.captions/c-${backend}?name=x.vtt`, Buffer.from('WEBVTTX\n\n'), reader);
      assert.equal(noHeader.status, 415);
      const latin1 = Buffer.concat([Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n'), Buffer.alloc(70_000, 0x20), Buffer.from([0xe5, 0x0a])]);
      const bad = await upload(`/api/v1/files/test.captions/c-${backend}?name=x.vtt`, latin1, reader);
      assert.equal(bad.status, 415, 'invalid UTF-8 past the first 64 KiB is found while streaming');
      assert.equal(((await bad.json()) as { error: { issues: { field: string }[] } }).error.issues[0].field, 'file');
      assert.equal((await listFilesOf(database.db, 'test.captions', `c-${backend}`)).length, 1);
    });

    it('refuses a too-large upload with 413 before reading it (declared length) or as soon as it passes the limit (streamed)', async () => {
      const declared = countingBody(mp4Head(), 50 * 1024 * 1024);
      const res = await upload(`/api/v1/files/test.clip/v-${backend}?name=big.mp4`, declared.stream, reader, {
        'content-length': String(50 * 1024 * 1024),
        'accept-language': 'sv',
      });
      assert.equal(res.status, 413);
      const body = (await res.json()) as { error: { message: string; issues: { field: string }[] } };
      assert.equal(body.error.message, 'Filen är för stor (högst 1 MB).');
      assert.equal(body.error.issues[0].field, 'file');
      assert.ok(declared.state.pulled <= 64 * 1024, `read ${declared.state.pulled} bytes of a refused 50 MB upload`);

      const streamed = countingBody(mp4Head(), 50 * 1024 * 1024);
      const res2 = await upload(`/api/v1/files/test.clip/v-${backend}?name=big.mp4`, streamed.stream, reader);
      assert.equal(res2.status, 413);
      assert.ok(streamed.state.pulled < 2 * 1024 * 1024, `read ${streamed.state.pulled} bytes of a 50 MB upload with a 1 MB limit`);
      assert.equal((await listFilesOf(database.db, 'test.clip', `v-${backend}`)).length, 0);
      assert.equal(await countBlobs(store), await countRows(database), 'no blob without a row');
    });

    it('serves and accepts files only as the owner module allows (sign-in for anonymous, 403 outsider, 404 unknown)', async () => {
      const file = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `f-${backend}`,
        use: fileUses.document,
        name: 'secret.pdf',
        body: pdfBytes(2000),
        createdBy: readerId,
      });
      const anonymousRead = await app.request(`/files/${file.id}`);
      assert.equal(anonymousRead.status, 302, 'a page link sends anonymous visitors to sign in and back');
      assert.equal(anonymousRead.headers.get('location'), `/sign-in?next=${encodeURIComponent(`/files/${file.id}`)}`);
      assert.equal((await app.request(`/files/${file.id}`, { headers: { cookie: outsider.cookie } })).status, 403);
      assert.equal(
        (await app.request(`/files/${file.id}`, { headers: { cookie: outsider.cookie, range: 'bytes=0-10' } })).status,
        403,
        'a range is no way around the check',
      );
      assert.equal((await app.request(`/files/${randomUUID()}`, { headers: { cookie: reader.cookie } })).status, 404);
      assert.equal((await app.request('/files/../../etc/passwd', { headers: { cookie: reader.cookie } })).status, 404);
      const refused = await upload(`/api/v1/files/test.folder/f-${backend}?name=x.pdf`, pdfBytes(2000), outsider);
      assert.equal(refused.status, 403);
      const anonymous = await app.request(`/api/v1/files/test.folder/f-${backend}?name=x.pdf`, {
        method: 'POST',
        headers: { origin: testOrigin },
        body: pdfBytes(2000),
      });
      assert.equal(anonymous.status, 401);
      assert.equal((await upload(`/api/v1/files/test.folder/gone?name=x.pdf`, pdfBytes(2000), reader)).status, 404);
      assert.equal((await upload(`/api/v1/files/nobody.owns/1?name=x.pdf`, pdfBytes(2000), reader)).status, 404);
      // When the owning record goes away its files answer 404, whoever asks.
      folders.set(`tmp-${backend}`, { readers: [readerId], isPublic: false });
      const orphaned = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `tmp-${backend}`,
        use: fileUses.document,
        name: 'x.pdf',
        body: pdfBytes(100),
        createdBy: readerId,
      });
      folders.delete(`tmp-${backend}`);
      assert.equal((await app.request(`/files/${orphaned.id}`, { headers: { cookie: reader.cookie } })).status, 404);
      const pub = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `pub-${backend}`,
        use: fileUses.document,
        name: 'open.pdf',
        body: pdfBytes(100),
        createdBy: readerId,
      });
      assert.equal((await app.request(`/files/${pub.id}`)).status, 200);
    });

    it('answers 404 in words (not 500) for a file whose row exists but whose bytes are gone, and logs an error naming it', async () => {
      const logged: { level: number; msg: string; fileId?: string }[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
      const env = envSchema.parse({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: 'true', LOKALKRAFT_DATA_DIR: dataDir });
      const logging = createApp({ db: database.db, dbKind: database.kind, env, logger });
      const file = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `f-${backend}`,
        use: fileUses.document,
        name: 'borte.pdf',
        body: pdfBytes(5000),
        createdBy: readerId,
      });
      rmSync(store.pathOf(file.id));
      for (const headers of [{}, { range: 'bytes=0-99' }] as Record<string, string>[]) {
        const res = await logging.request(`/files/${file.id}?lang=nb`, { headers: { cookie: reader.cookie, ...headers } });
        assert.equal(res.status, 404);
        assert.match(await res.text(), /Innholdet i filen finnes ikke lenger/);
      }
      const head = await logging.request(`/files/${file.id}`, { method: 'HEAD', headers: { cookie: reader.cookie } });
      assert.equal(head.status, 404, 'HEAD says the same as GET');
      const errors = logged.filter((l) => l.level >= 50);
      assert.equal(errors.length, 3, JSON.stringify(logged));
      assert.equal(errors[0].fileId, file.id);
      assert.match(errors[0].msg, /no bytes/);
      // The S3 store's side (NoSuchKey) is in files.s3.test.ts.
      assert.equal(
        (await listFilesOf(database.db, 'test.folder', `f-${backend}`)).some((f) => f.id === file.id),
        true,
        'the row stays for the operator to decide',
      );
    });

    it('refuses an empty upload and a file name that is only a path, naming the field', async () => {
      const empty = await upload(`/api/v1/files/test.folder/f-${backend}?name=tom.pdf`, new Uint8Array(0), reader, { 'accept-language': 'nb' });
      assert.equal(empty.status, 400);
      const emptyBody = (await empty.json()) as { error: { message: string; issues: { field: string; message: string }[] } };
      assert.equal(emptyBody.error.message, 'Filen er tom.');
      assert.deepEqual([emptyBody.error.issues[0].field, emptyBody.error.issues[0].message], ['file', 'er en tom fil']);
      const res = await upload(`/api/v1/files/test.folder/f-${backend}?name=${encodeURIComponent('../')}`, pdfBytes(100), reader);
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { issues: { field: string }[] } }).error.issues[0].field, 'name');
      const stripped = await upload(`/api/v1/files/test.folder/f-${backend}?name=${encodeURIComponent('C:\\Users\\x\\brev.pdf')}`, pdfBytes(100), reader);
      assert.equal(((await stripped.json()) as { file: FileDto }).file.name, 'brev.pdf');
    });

    it("erases an owner's files with the owner: rows in its transaction, blobs after commit; a rollback keeps both", async () => {
      folders.set(`erase-${backend}`, { readers: [readerId], isPublic: false });
      const a = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `erase-${backend}`,
        use: fileUses.document,
        name: 'a.pdf',
        body: pdfBytes(500),
        createdBy: readerId,
      });
      const b = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `erase-${backend}`,
        use: fileUses.document,
        name: 'b.pdf',
        body: pdfBytes(500),
        createdBy: readerId,
      });
      const other = (await listFilesOf(database.db, 'test.folder', `f-${backend}`)).length;

      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await deleteFilesOf(trx, 'test.folder', `erase-${backend}`);
          throw new Error('the owner could not be deleted');
        }),
      );
      assert.equal((await listFilesOf(database.db, 'test.folder', `erase-${backend}`)).length, 2, 'rolled back with the owner');

      const removal = await database.db.transaction().execute(async (trx) => deleteFilesOf(trx, 'test.folder', `erase-${backend}`));
      assert.deepEqual(removal.fileIds.sort(), [a.id, b.id].sort());
      assert.ok(existsSync(store.pathOf(a.id)), 'blobs stay until the transaction has committed');
      await removal.removeBlobs(store);
      assert.ok(!existsSync(store.pathOf(a.id)) && !existsSync(store.pathOf(b.id)));
      assert.equal((await listFilesOf(database.db, 'test.folder', `erase-${backend}`)).length, 0);
      assert.equal((await app.request(`/files/${a.id}`, { headers: { cookie: reader.cookie } })).status, 404);
      assert.equal((await listFilesOf(database.db, 'test.folder', `f-${backend}`)).length, other, 'other owners keep theirs');
    });

    it('sweeps orphan blobs and cut-off uploads older than the grace period, and nothing else', async () => {
      const kept = await storeFile(database.db, store, {
        owner: 'test.folder',
        ownerId: `f-${backend}`,
        use: fileUses.document,
        name: 'kept.pdf',
        body: pdfBytes(300),
        createdBy: readerId,
      });
      const old = randomUUID();
      const young = randomUUID();
      await store.put(old, Readable.from([Buffer.from('orphan')]), 'application/pdf');
      await store.put(young, Readable.from([Buffer.from('in flight')]), 'application/pdf');
      const hourAgo = new Date(Date.now() - 2 * 3600_000);
      utimesSync(store.pathOf(old), hourAgo, hourAgo);
      utimesSync(store.pathOf(kept.id), hourAgo, hourAgo);
      mkdirSync(join(store.root, 'tmp'), { recursive: true });
      const part = join(store.root, 'tmp', `${randomUUID()}.x.part`);
      writeFileSync(part, 'half');
      utimesSync(part, hourAgo, hourAgo);

      const dry = await sweepOrphanFiles(database.db, store, { olderThan: new Date(Date.now() - 3600_000), dryRun: true });
      assert.equal(dry.orphans, 1);
      assert.ok(existsSync(store.pathOf(old)), 'a dry run removes nothing');
      const report = await sweepOrphanFiles(database.db, store, { olderThan: new Date(Date.now() - 3600_000) });
      assert.equal(report.removed, 1);
      assert.equal(report.staleUploads, 1);
      assert.ok(!existsSync(store.pathOf(old)));
      assert.ok(existsSync(store.pathOf(young)), 'a blob younger than the grace period may be an upload in flight');
      assert.ok(existsSync(store.pathOf(kept.id)), 'a blob with a row stays');
      assert.ok(!existsSync(part));
      await store.remove(young);
    });
  });
}

async function countBlobs(store: DiskBlobStore): Promise<number> {
  let n = 0;
  for await (const _ of store.list()) n++;
  return n;
}
async function countRows(database: TestDatabase): Promise<number> {
  const r = await database.db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
