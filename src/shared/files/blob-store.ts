import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';

/** A byte range, both ends inclusive (as in HTTP). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredBlob {
  key: string;
  modifiedAt: Date;
}

/**
 * Where the bytes of files live: a directory on local disk or an S3-compatible bucket. Keys are
 * file ids (uuids). Bytes are streamed in and out, never held whole in memory.
 */
export interface BlobStore {
  readonly kind: 'disk' | 's3';
  /** Writes the stream under `key`. A stream error leaves nothing behind (no partial blob under the key). */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  /** The blob's bytes, or the range of them; `MissingBlobError` when there are none under the key. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the blob; removing a missing blob is not an error. */
  remove(key: string): Promise<void>;
  /** Every stored blob (for the orphan sweep). */
  list(): AsyncIterable<StoredBlob>;
  /** Removes leftovers of uploads cut off by a crash, older than `before`; returns how many. */
  removeStaleUploads(before: Date): Promise<number>;
}

/** The store has no bytes under the key (a metadata row without its blob: restored backup, lost disk, manual removal). */
export class MissingBlobError extends Error {
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`no stored bytes for file ${key}`, options);
    this.name = 'MissingBlobError';
  }
}

const keyPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isBlobKey = (key: string) => keyPattern.test(key);

function checkKey(key: string): string {
  // Keys become paths: only uuids, so no key can climb out of the store's directory.
  if (!isBlobKey(key)) throw new Error(`not a blob key: ${key}`);
  return key;
}

/**
 * LOKALKRAFT_DATA_DIR/files: blobs at `ab/cd/<uuid>` (two levels keep directories small), written
 * to `tmp/` first, flushed to disk (fsync) and renamed into place — a reader never sees half a
 * file, and a crash leaves only a temp file that the sweep removes.
 */
export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk' as const;
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  pathOf(key: string): string {
    checkKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, body: Readable, _contentType?: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${key}.${randomUUID().slice(0, 8)}.part`);
    try {
      await pipeline(body, createWriteStream(tmp, { flags: 'wx' }));
      const fd = await open(tmp, 'r');
      try {
        await fd.sync();
      } finally {
        await fd.close();
      }
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    // A missing blob rejects here, not mid-response.
    await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new MissingBlobError(key, { cause: err }) : err;
    });
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredBlob> {
    const level = async (dir: string) =>
      (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name));
    for (const a of await level(this.root)) {
      for (const b of await level(join(this.root, a.name))) {
        const dir = join(this.root, a.name, b.name);
        for (const name of await readdir(dir)) {
          if (!isBlobKey(name)) continue;
          const s = await stat(join(dir, name)).catch(() => undefined);
          if (s) yield { key: name, modifiedAt: s.mtime };
        }
      }
    }
  }

  async removeStaleUploads(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
      const path = join(this.tmpDir, name);
      const s = await stat(path).catch(() => undefined);
      if (s && s.mtime < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
