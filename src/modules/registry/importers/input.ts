import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { JsonArraySplitter, JsonSplitError, MAX_RECORD_BYTES } from './json-array-splitter.js';
import { AppError } from '../../../shared/errors.js';
import { NotUtf8Error, utf8Guard } from './encoding.js';
import type { InputFile, RawRecord } from './input-file.js';

export type { InputFile };

/** Stops the whole import: a file that cannot be read as the format it should be. */
export function fileError(file: Pick<InputFile, 'name'>, message: string, line = 0): AppError {
  // Text for the operator at the command line (English, as the CLI's other output), never shown on a page.
  return new AppError('validation', `${file.name}: ${message}`, [{ field: '(file)', message, line }]);
}

export function openInputFile(path: string): InputFile {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw fileError({ name }, 'is not a file');
    size = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw fileError({ name }, code === 'ENOENT' ? `does not exist (${path})` : `cannot be read (${code ?? (err as Error).message})`);
  }
  if (size === 0) throw fileError({ name }, 'is empty (0 bytes)');
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  let current: ReturnType<typeof createReadStream> | undefined;
  return {
    path,
    name,
    size,
    isGzip,
    bytesRead: () => current?.bytesRead ?? 0,
    open() {
      current = createReadStream(path, { highWaterMark: 1 << 20 });
      return current;
    },
  };
}

function gzipError(file: InputFile, err: NodeJS.ErrnoException, after: number): AppError | undefined {
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message))
    return fileError(file, `the gzip data ends too early after record ${after} — the file is truncated (an incomplete download?)`, after + 1);
  if (typeof err.code === 'string' && err.code.startsWith('Z_')) return fileError(file, `is damaged gzip data (${err.message})`, after + 1);
  return undefined;
}

/**
 * Hands on what a stream produces in arrays of up to `size` items, pausing the stream
 * while the consumer works (one promise per array instead of one per record).
 */
async function* inBatches<T>(readable: Readable, size = 1000): AsyncGenerator<T[]> {
  let buffer: T[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  readable.on('data', (item: T) => {
    buffer.push(item);
    if (buffer.length >= size) {
      readable.pause();
      poke();
    }
  });
  readable.once('end', () => ((ended = true), poke()));
  readable.once('close', () => ((ended = true), poke()));
  readable.once('error', (err) => ((failure = err), poke()));
  try {
    for (;;) {
      if (buffer.length) {
        const out = buffer;
        buffer = [];
        yield out;
        if (!ended) readable.resume();
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    readable.destroy();
  }
}

/** The first bytes of the (decompressed) file (fewer when it is shorter); empty when it cannot be read. */
export async function readHead(file: InputFile, max = 16 * 1024): Promise<Buffer> {
  const raw = file.open();
  const stream: Readable = file.isGzip ? (pipeline as (...s: unknown[]) => Readable)(raw, createGunzip({ chunkSize: 64 * 1024 }), () => undefined) : raw;
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= max) break;
    }
  } catch {
    /* the real read reports the damage */
  } finally {
    stream.destroy();
    raw.destroy();
  }
  return Buffer.concat(parts).subarray(0, max);
}

/** The first non-blank character of the (decompressed) file: "[" or "{" for JSON. */
async function firstChar(file: InputFile): Promise<string | undefined> {
  const raw = file.open();
  const stream: Readable = file.isGzip ? (pipeline as (...s: unknown[]) => Readable)(raw, createGunzip({ chunkSize: 256 * 1024 }), () => undefined) : raw;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const m = /\S/.exec(chunk.toString('utf8', 0, Math.min(chunk.length, 65536)).replace(/^\uFEFF/, ''));
      if (m) return m[0];
    }
  } catch {
    return undefined; // the real read reports the damage
  } finally {
    stream.destroy();
    raw.destroy();
  }
  return undefined;
}

/**
 * Streams the elements of a JSON array — the whole document, or the array under the
 * top-level key `key` when the document is an object — in arrays of records, whatever
 * the file size. A top-level array (every bulk file) goes through the fast splitter;
 * an array inside an object through stream-json.
 */
export async function* jsonArrayRecords(file: InputFile, options: { key?: string; expected: string }): AsyncGenerator<RawRecord[]> {
  if (options.key && (await firstChar(file)) === '{') yield* nestedArrayRecords(file, options.key, options.expected);
  else yield* topLevelArrayRecords(file, options.expected);
}

async function* topLevelArrayRecords(file: InputFile, expected: string): AsyncGenerator<RawRecord[]> {
  const raw = file.open();
  const source: Readable = (pipeline as (...s: unknown[]) => Readable)(
    raw,
    ...(file.isGzip ? [createGunzip({ chunkSize: 256 * 1024 })] : []),
    utf8Guard(),
    () => undefined,
  );
  const splitter = new JsonArraySplitter();
  let n = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const values = splitter.push(chunk);
      if (!values.length) continue;
      const records: RawRecord[] = new Array(values.length);
      for (let i = 0; i < values.length; i++) records[i] = { n: ++n, value: values[i] };
      yield records;
    }
    splitter.end();
  } catch (err) {
    if (err instanceof JsonSplitError) {
      if (/is an object/.test(err.message)) throw fileError(file, `is not a JSON array — expected ${expected}`);
      if (err.elementsBefore === 0 && /contains no JSON/.test(err.message)) throw fileError(file, 'contains no JSON (empty file?)');
      throw fileError(file, `is not valid JSON: ${err.message}`, err.elementsBefore + 1);
    }
    throw translateJsonError(file, err as NodeJS.ErrnoException, n, expected);
  } finally {
    source.destroy();
    raw.destroy();
  }
}

async function* nestedArrayRecords(file: InputFile, key: string, expected: string): AsyncGenerator<RawRecord[]> {
  const stages: NodeJS.ReadWriteStream[] = [];
  if (file.isGzip) stages.push(createGunzip({ chunkSize: 256 * 1024 }));
  stages.push(utf8Guard());
  // streamValues: false makes the parser emit packed values only (~1.5× faster).
  stages.push(pick.withParserAsStream({ streamValues: false, filter: key, once: true }), streamArray.asStream());
  const out = (pipeline as (...s: unknown[]) => Readable)(file.open(), ...stages, () => undefined);
  let n = 0;
  try {
    for await (const items of inBatches<{ value: unknown }>(out)) {
      const records: RawRecord[] = new Array(items.length);
      for (let i = 0; i < items.length; i++) records[i] = { n: ++n, value: items[i].value };
      yield records;
    }
  } catch (err) {
    throw translateJsonError(file, err as NodeJS.ErrnoException, n, expected);
  }
}

function translateJsonError(file: InputFile, err: NodeJS.ErrnoException, n: number, expected: string): Error {
  if (err instanceof AppError) return err;
  if (err instanceof NotUtf8Error) return fileError(file, err.message, n + 1);
  const gz = gzipError(file, err, n);
  if (gz) return gz;
  const msg = err.message ?? String(err);
  if (/top-level object should be an array/i.test(msg)) return fileError(file, `is not a JSON array — expected ${expected}`);
  if (/^Parser/.test(msg)) {
    if (n === 0 && /has expected a value/.test(msg)) return fileError(file, 'contains no JSON (empty file?)');
    const wholeFileRead = file.bytesRead() >= file.size;
    const where = n === 0 ? 'at the start' : `in record ${n + 1} (after record ${n})`;
    const hint = n > 0 && wholeFileRead ? ' — the file ends in the middle of a record: it is truncated' : '';
    return fileError(file, `is not valid JSON ${where}: ${msg.replace(/^Parser (cannot parse input: )?/, '')}${hint}`, n + 1);
  }
  return fileError(file, `cannot be read: ${msg}`, n + 1);
}

/**
 * Streams a `;`-separated, double-quoted UTF-8 file with a header line as objects keyed by
 * the header. A record with the wrong number of fields is handed on as `{ n, value: Error }`
 * (counted as rejected); an unterminated quote at the end stops the import.
 */
export async function* csvRecords(file: InputFile, options: { header: readonly string[]; delimiter?: string }): AsyncGenerator<RawRecord[]> {
  const skipped: CsvError[] = [];
  let unclosedQuote: CsvError | undefined;
  const csv = parseCsv({
    delimiter: options.delimiter ?? ';',
    quote: '"',
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // a record over this is rejected (csv-parse reports it for every byte beyond: once per line is kept)
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (err) => {
      // An unterminated quote swallows the rest of the file: that is a damaged file, not a bad record.
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuote ??= err;
      else if (err?.code === 'CSV_MAX_RECORD_SIZE' && skipped.at(-1)?.code === 'CSV_MAX_RECORD_SIZE' && skipped.at(-1)?.lines === err.lines) return undefined;
      else if (err) skipped.push(err);
      return undefined;
    },
  });
  const stages: NodeJS.ReadWriteStream[] = [];
  if (file.isGzip) stages.push(createGunzip({ chunkSize: 256 * 1024 }));
  stages.push(utf8Guard(), csv);
  const out = (pipeline as (...s: unknown[]) => Readable)(file.open(), ...stages, () => undefined);
  let n = 0;
  let header: string[] | undefined;
  // A record csv-parse could not split is handed on as an Error in its place (counted as rejected);
  // the parser may report it before the records of earlier lines reach us, so go by line number.
  const takeSkipped = (records: RawRecord[], beforeLine = Infinity) => {
    while (skipped.length && (Number(skipped[0].lines) || 0) < beforeLine) {
      const err = skipped.shift()!;
      records.push({ n: ++n, line: Number(err.lines) || undefined, value: new Error(csvMessage(err)) });
    }
  };
  try {
    for await (const items of inBatches<{ record: string[]; info: { lines: number } }>(out)) {
      const records: RawRecord[] = [];
      for (const item of items) {
        if (!header) {
          header = item.record.map((h) => h.trim());
          const missing = options.header.filter((h) => !header!.includes(h));
          if (missing.length)
            throw fileError(file, `the header line lacks ${missing.map((m) => `"${m}"`).join(', ')} — expected ${options.header.join(';')}`, 1);
          continue;
        }
        takeSkipped(records, item.info.lines);
        const value: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) value[header[i]] = item.record[i] ?? '';
        records.push({ n: ++n, line: item.info.lines, value });
      }
      if (records.length) yield records;
    }
    const rest: RawRecord[] = [];
    takeSkipped(rest);
    if (rest.length) yield rest;
    if (unclosedQuote) throw unclosedQuote;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof NotUtf8Error) throw fileError(file, err.message, n + 1);
    const e = err as NodeJS.ErrnoException & Partial<CsvError>;
    const gz = gzipError(file, e, n);
    if (gz) throw gz;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED')
      throw fileError(file, `a quoted value is never closed (from line ${e.lines ?? '?'}) — the file is truncated or damaged`, n + 1);
    throw fileError(file, `is not a valid ;-separated file: ${e.message}`, n + 1);
  }
  if (!header) throw fileError(file, 'contains no header line (empty file?)');
}

function csvMessage(err: CsvError): string {
  if (err.code === 'CSV_MAX_RECORD_SIZE') return `line ${err.lines}: the record is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`;
  if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH')
    return `line ${err.lines}: wrong number of fields (${(err as unknown as { record?: unknown[] }).record?.length ?? '?'} instead of the header's)`;
  return `line ${err.lines}: ${err.message}`;
}
