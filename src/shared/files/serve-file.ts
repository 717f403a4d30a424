import type { Context } from 'hono';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { getLogger } from '../logger.js';
import { MissingBlobError, type BlobStore, type ByteRange } from './blob-store.js';
import { filesMessages as msg } from './files.messages.js';

export interface ServableFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string | Date;
}

export interface ServeOptions {
  /** 'private' (the default) for access-checked files: shared caches keep nothing, browsers revalidate each time. */
  cache?: 'private' | 'public';
  /** 'attachment' makes browsers download instead of showing; default: inline for images, PDF, video and captions. */
  disposition?: 'inline' | 'attachment';
  /** Where a file whose bytes are missing is reported (the request's logger); the process logger otherwise. */
  logger?: Pick<Logger, 'error'>;
}

/** Types a browser may show in place; anything else (office documents) is offered as a download. */
const inlineTypes = /^(image\/(png|jpeg|webp)|application\/pdf|video\/(mp4|webm)|text\/vtt)$/;

/** A single `bytes=` range of a file of `size` bytes: a range, 'unsatisfiable', or undefined (serve the whole file). */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  // Several ranges, other units or bad syntax: RFC 9110 lets a server ignore Range and send 200.
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  return { start, end: Math.min(end, size - 1) };
}

const etagOf = (file: ServableFile) => `"${file.sha256}"`;
const stripWeak = (tag: string) => tag.trim().replace(/^W\//, '');

function noneMatch(header: string, etag: string): boolean {
  return header.trim() === '*' || header.split(',').some((t) => stripWeak(t) === etag);
}

/** If-Range: a strong ETag must match exactly, a date must equal Last-Modified. */
function ifRangeHolds(header: string | undefined, etag: string, lastModified: string): boolean {
  if (header === undefined) return true;
  const v = header.trim();
  if (v.startsWith('W/')) return false;
  if (v.startsWith('"')) return v === etag;
  return v === lastModified;
}

/** A node stream as a web stream that reads only when the client is ready (backpressure), and closes the file when the client goes. */
function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      cancel() {
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Answers a GET/HEAD for a stored file, after the caller's access check: ETag (the SHA-256) with
 * If-None-Match → 304, Last-Modified with If-Modified-Since, single byte ranges (206 with
 * Content-Range; 416 when unsatisfiable; If-Range honoured), Accept-Ranges, nosniff, and the
 * bytes streamed from the blob store — never read whole into memory.
 */
export async function serveFile(c: Context, store: BlobStore, file: ServableFile, options: ServeOptions = {}): Promise<Response> {
  const etag = etagOf(file);
  const lastModified = new Date(file.createdAt).toUTCString();
  const headers = new Headers({
    ETag: etag,
    'Last-Modified': lastModified,
    'Accept-Ranges': 'bytes',
    'Cache-Control': options.cache === 'public' ? 'public, max-age=86400' : 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  const ifNoneMatch = c.req.header('if-none-match');
  const ifModifiedSince = c.req.header('if-modified-since');
  const isNotModified =
    ifNoneMatch !== undefined
      ? noneMatch(ifNoneMatch, etag)
      : ifModifiedSince !== undefined &&
        !Number.isNaN(Date.parse(ifModifiedSince)) &&
        Math.floor(new Date(file.createdAt).getTime() / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
  if (isNotModified) return new Response(null, { status: 304, headers });

  headers.set('Content-Type', file.contentType === 'text/vtt' ? 'text/vtt; charset=utf-8' : file.contentType);
  headers.set('Content-Disposition', contentDisposition(options.disposition ?? (inlineTypes.test(file.contentType) ? 'inline' : 'attachment'), file.name));
  const range = ifRangeHolds(c.req.header('if-range'), etag, lastModified) ? parseRange(c.req.header('range'), file.size) : undefined;
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${file.size}`);
    headers.delete('Content-Type');
    headers.delete('Content-Disposition');
    return new Response(null, { status: 416, headers });
  }
  const status = range ? 206 : 200;
  if (range) headers.set('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
  headers.set('Content-Length', String(range ? range.end - range.start + 1 : file.size));
  // Empty files need no stream. HEAD (Hono runs it as GET) opens one byte, so a file whose
  // bytes are gone answers 404 to HEAD as it does to GET.
  if (file.size === 0) return new Response(null, { status, headers });
  const isHead = c.req.method === 'HEAD';
  let body: Readable;
  try {
    body = await store.get(file.id, isHead ? { start: 0, end: 0 } : range);
  } catch (err) {
    if (!(err instanceof MissingBlobError)) throw err;
    // The row says the file exists but the store has no bytes: the person gets a 404 in words,
    // the operator an error naming the file (restore it from a backup, or remove the row).
    (options.logger ?? getLogger()).error(
      { fileId: file.id, store: store.kind, size: file.size, sha256: file.sha256 },
      'stored file has no bytes in the blob store',
    );
    throw new AppError('not_found', msg.fileContentsMissing);
  }
  if (isHead) {
    body.destroy();
    return new Response(null, { status, headers });
  }
  return new Response(toWebStream(body), { status, headers });
}
