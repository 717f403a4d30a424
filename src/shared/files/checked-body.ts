import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError, type ErrorText } from '../errors.js';
import { allowedNames, detectContentType, formatBytes, mime, sniffBytes, type FileUse } from './file-uses.js';
import { filesMessages as msg } from './files.messages.js';

export type UploadSource = Readable | WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | Blob | Uint8Array;

export interface CheckOptions {
  /** The form field or parameter named in refusals. */
  field: string;
  label?: ErrorText;
  /** Content-Length of the upload when known: too large → 413 before a byte is read. */
  declaredSize?: number;
}

export interface CheckedBody {
  contentType: string;
  /** The bytes, checked as they flow; errors with a 413/400 AppError when the rest breaks the rules. */
  body: Readable;
  /** Size and SHA-256, known once `body` has ended. */
  summary(): { size: number; sha256: string };
  /** The AppError the checks raised mid-stream, if any (a store may wrap stream errors in its own). */
  failure(): AppError | undefined;
}

function toNodeReadable(source: UploadSource): Readable {
  if (source instanceof Readable) return source;
  if (source instanceof Uint8Array) return Readable.from([source]);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return Readable.fromWeb(source.stream() as WebReadableStream<Uint8Array>);
  return Readable.fromWeb(source as WebReadableStream<Uint8Array>);
}

/**
 * Checks an upload while it streams, holding at most the first 64 KiB: the declared size and the
 * size so far against the use's limit (413), the type by magic bytes against its allow-list
 * (415), WebVTT captions for their header and UTF-8 throughout. Nothing is buffered beyond the
 * head, so a 2 GB video costs the same memory as a 2 kB caption file.
 */
export async function checkUpload(source: UploadSource, use: FileUse, options: CheckOptions): Promise<CheckedBody> {
  const issue = (message: ErrorText, values?: Record<string, string | number>) => [
    { field: options.field, ...(options.label ? { label: options.label } : {}), message, ...(values ? { values } : {}) },
  ];
  const limit = formatBytes(use.maxBytes);
  const tooLarge = () => new AppError('payload_too_large', msg.fileTooLarge, issue(msg.tooLarge, { limit }), { limit });
  if (options.declaredSize !== undefined && options.declaredSize > use.maxBytes) throw tooLarge();

  const input = toNodeReadable(source);
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | Uint8Array>;
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < sniffBytes) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
    if (headBytes > use.maxBytes) {
      input.destroy();
      throw tooLarge();
    }
  }
  if (headBytes === 0) throw new AppError('validation', msg.emptyUpload, issue(msg.emptyFile));
  const headBuffer = Buffer.concat(head);
  const contentType = await detectContentType(headBuffer, use);
  if (!contentType || !use.accepts.includes(contentType)) {
    input.destroy();
    if (use.accepts.includes(mime.vtt) && !contentType) throw new AppError('unsupported_media_type', msg.captionsRefused, issue(msg.notValidCaptions));
    const allowed = allowedNames(use);
    throw new AppError('unsupported_media_type', msg.fileTypeRefused, issue(msg.notAllowedType, { allowed }), { allowed });
  }

  const hash = createHash('sha256');
  const utf8 = contentType === mime.vtt ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let size = 0;
  let failed: AppError | undefined;
  const fail = (e: AppError) => {
    failed = e;
    input.destroy();
    return e;
  };
  const take = (chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size > use.maxBytes) throw fail(tooLarge());
    hash.update(chunk);
    if (utf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        throw fail(new AppError('unsupported_media_type', msg.captionsRefused, issue(msg.notValidCaptions)));
      }
    }
    return chunk;
  };
  async function* flow() {
    yield take(headBuffer);
    if (!ended) {
      for (;;) {
        let next: IteratorResult<Buffer | Uint8Array>;
        try {
          next = await chunks.next();
        } catch {
          throw fail(new AppError('bad_request', msg.uploadIncomplete, issue(msg.notWhole)));
        }
        if (next.done) break;
        yield take(next.value);
      }
    }
    if (utf8) {
      try {
        utf8.decode();
      } catch {
        throw fail(new AppError('unsupported_media_type', msg.captionsRefused, issue(msg.notValidCaptions)));
      }
    }
    if (options.declaredSize !== undefined && size !== options.declaredSize) throw fail(new AppError('bad_request', msg.uploadIncomplete, issue(msg.notWhole)));
  }
  let digest: string | undefined;
  return {
    contentType,
    body: Readable.from(flow(), { objectMode: false }),
    summary: () => ({ size, sha256: (digest ??= hash.digest('hex')) }),
    failure: () => failed,
  };
}
