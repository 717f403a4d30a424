import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { type Readable, Transform } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import chardet from 'chardet';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/**
 * Ledger files as they come from finance systems: CSV with any delimiter and encoding (UTF-8 with
 * or without BOM, UTF-16 with BOM, Windows-1252 / ISO-8859-1), CRLF, LF or a bare CR; XLSX; and
 * either of them gzipped. `stageLedgerFile` looks at a stored upload once and, when DuckDB cannot
 * read it as it is (another encoding, XLSX), writes a UTF-8 CSV beside it. DuckDB then reads the
 * CSV itself (read_csv, every column as text); the typing and checks are SQL (spend.engine.ts).
 */
export interface StagedFile {
  /** What DuckDB reads. */
  csvPath: string;
  gzip: boolean;
  /** The upload was gzipped (whatever DuckDB reads now). */
  compressed: boolean;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16' | 'windows-1252';
  delimiter: string;
  lineEnding: 'CRLF' | 'LF' | 'CR' | '-';
  headers: string[];
  /** The first rows as text (at most 8), for the mapping and the preview. */
  samples: string[][];
  bytes: number;
}

const sniffBytes = 256 * 1024;

/** sha256 of a file's bytes (the identity of an import: the same file twice changes nothing). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

async function head(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The decompressed start of a gzip file (enough to sniff). */
function gunzipHead(compressed: Buffer): Buffer {
  try {
    return gunzipSync(compressed, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch {
    return Buffer.alloc(0);
  }
}

const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** Windows-1252 (a superset of ISO-8859-1's printable characters) to a JS string. */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 && b < 0xa0 ? cp1252High[b - 0x80]! : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

function detectEncoding(start: Buffer): StagedFile['encoding'] {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 'utf-8-bom';
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) return 'utf-16';
  // A cut multi-byte character at the end of the sniffed part is not a reason to doubt UTF-8.
  let end = start.length;
  for (let back = 0; back < 3 && end > 0 && (start[end - 1]! & 0xc0) === 0x80; back++) end--;
  if (end > 0 && start[end - 1]! >= 0xc0) end--;
  if (isUtf8(start.subarray(0, end))) return 'utf-8';
  const guess = chardet.detect(start) ?? '';
  return /utf-?16/i.test(guess) ? 'utf-16' : 'windows-1252';
}

function detectLineEnding(text: string): StagedFile['lineEnding'] {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (crlf >= 0 && crlf <= lf) return 'CRLF';
  if (lf >= 0) return 'LF';
  return cr >= 0 ? 'CR' : 'LF';
}

/** The delimiter that splits the first lines into the same (largest) number of fields, outside quotes. */
export function detectDelimiter(lines: string[]): string {
  const candidates = [';', '\t', ',', '|'];
  let best = ';';
  let bestScore = -1;
  for (const d of candidates) {
    const counts = lines.map((line) => {
      let n = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      return n;
    });
    if (!counts.length || counts[0] === 0) continue;
    const same = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = same * 1000 + counts[0]!;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
}

function headerAndSamples(text: string, delimiter: string): { headers: string[]; samples: string[][] } {
  // Only complete lines: the sniffed part may end mid-line.
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  const body = lastBreak > 0 && text.length >= sniffBytes / 4 ? text.slice(0, lastBreak) : text;
  const rows = parseCsv(body, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 10, bom: true }) as string[][];
  const headers = (rows[0] ?? []).map((h) => h.trim());
  return { headers, samples: rows.slice(1, 9) };
}

/**
 * Looks at a stored upload and makes it readable for DuckDB; converts only when it must
 * (another encoding than UTF-8, a bare-CR file inside gzip, XLSX).
 */
export async function stageLedgerFile(path: string, workDir: string): Promise<StagedFile> {
  const bytes = (await stat(path)).size;
  let start = await head(path, sniffBytes);
  const gzip = start[0] === 0x1f && start[1] === 0x8b;
  if (gzip) start = gunzipHead(start);
  const isZip = start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04;
  if (isZip) return stageXlsx(path, gzip, workDir, bytes);
  if (start.length === 0) throw new LedgerFileError('empty');
  const encoding = detectEncoding(start);
  const text = encoding === 'utf-16' ? decodeUtf16(start) : encoding === 'windows-1252' ? decodeCp1252(start) : start.toString('utf8');
  const delimiter = detectDelimiter(splitLines(text.replace(/^\uFEFF/, '')).slice(0, 20));
  const lineEnding = detectLineEnding(text);
  const { headers, samples } = headerAndSamples(text.replace(/^\uFEFF/, ''), delimiter);
  if (headers.length < 2) throw new LedgerFileError('no-columns');
  let csvPath = path;
  let outGzip = gzip;
  if (encoding === 'windows-1252' || encoding === 'utf-16') {
    csvPath = `${workDir}/${Date.now()}-${Math.random().toString(36).slice(2)}.utf8.csv`;
    await transcode(path, gzip, csvPath, encoding);
    outGzip = false;
  }
  return { csvPath, gzip: outGzip, compressed: gzip, format: 'csv', encoding, delimiter, lineEnding, headers, samples, bytes };
}

export class LedgerFileError extends Error {
  constructor(readonly reason: 'empty' | 'no-columns' | 'unreadable') {
    super(reason);
  }
}

function decodeUtf16(buf: Buffer): string {
  const be = buf[0] === 0xfe;
  return new TextDecoder(be ? 'utf-16be' : 'utf-16le').decode(buf);
}

async function transcode(path: string, gzip: boolean, out: string, encoding: 'windows-1252' | 'utf-16'): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const utf16 = encoding === 'utf-16' ? new TextDecoder((await head(path, 2))[0] === 0xfe ? 'utf-16be' : 'utf-16le') : undefined;
  const convert = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(utf16 ? utf16.decode(chunk, { stream: true }) : decodeCp1252(chunk), 'utf8'));
    },
    flush(done) {
      done(null, utf16 ? Buffer.from(utf16.decode(), 'utf8') : undefined);
    },
  });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  await (gzip ? pipeline(source, createGunzip(), convert, createWriteStream(out)) : pipeline(source, convert, createWriteStream(out)));
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
};

/** The first worksheet of an XLSX as a UTF-8, semicolon-separated CSV (dates ISO, numbers with a point). */
async function stageXlsx(path: string, gzip: boolean, workDir: string, bytes: number): Promise<StagedFile> {
  await mkdir(workDir, { recursive: true });
  const csvPath = `${workDir}/${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx.csv`;
  const input: Readable = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  const out = createWriteStream(csvPath);
  let headers: string[] = [];
  const samples: string[][] = [];
  let width = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.every((v) => v.trim() === '')) continue;
        if (!headers.length) {
          headers = values.map((h) => h.trim());
          width = headers.length;
        } else if (samples.length < 8) samples.push(values);
        while (values.length < width) values.push('');
        if (!out.write(stringify([values.slice(0, width)], { delimiter: ';' }))) await once(out, 'drain');
      }
      break; // the first worksheet only
    }
  } catch {
    out.destroy();
    throw new LedgerFileError('unreadable');
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (headers.length < 2) throw new LedgerFileError('no-columns');
  return { csvPath, gzip: false, compressed: gzip, format: 'xlsx', encoding: 'utf-8', delimiter: ';', lineEnding: '-', headers, samples, bytes };
}
