import { AppError, textIn } from '../../../shared/errors.js';
import { createBolagsverketAdapter } from './bolagsverket.js';
import { createBrregAdapter } from './brreg.js';
import { duplicateKey } from './fields.js';
import { importMessages } from './import.messages.js';
import { RecordTooLarge } from './json-array-splitter.js';
import type { EstablishmentInput, FirmInput, ImportRejection, ImportSource, RecordIssue, SourceAdapter } from './import.schemas.js';
import { fileError, openInputFile, readHead, type InputFile } from './input.js';
import { registerOfFileStart, wrongRegisterMessage } from './register-kind.js';
import { checkFileStart } from './encoding.js';
import { NumberSet } from './number-set.js';
import { createMunicipalityLookup, type MunicipalityScopeData } from './municipality-scope.js';
import { createPrhAdapter } from './prh.js';

/**
 * The database-free half of an import: stream the files, validate and map each record,
 * drop duplicates and records outside the region, and hand on batches as JSON text (one
 * query parameter each, see import.repository.ts). Runs in a worker thread for big files.
 */

export const adapters: Record<ImportSource, () => SourceAdapter> = {
  brreg: createBrregAdapter,
  prh: createPrhAdapter,
  bolagsverket: createBolagsverketAdapter,
};

export interface ProducerSpec {
  source: ImportSource;
  paths: string[];
  scope: MunicipalityScopeData;
  batchSize: number;
  strict: boolean;
  /** Rejections handed on in detail (the rest are only counted). */
  keepRejections: number;
}

export interface ProducedBatch {
  /** JSON array of FirmInput, or null. */
  firms: string | null;
  establishments: string | null;
  size: number;
}

export interface ProducerStats {
  read: number;
  valid: number;
  rejected: number;
  skipped: number;
  ignored: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ProducerSink {
  /** May wait: the producer does not run further ahead than the writer lets it. */
  batch(batch: ProducedBatch, stats: ProducerStats): Promise<void>;
  progress(stats: ProducerStats): void;
  rejection(rejection: ImportRejection): void;
}

const PROGRESS_EVERY = 5000;

/** An error that stopped the producer, with the counts up to that point. */
export class ProducerStopped extends Error {
  constructor(
    override readonly cause: unknown,
    readonly stats: ProducerStats,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function produceBatches(spec: ProducerSpec, sink: ProducerSink): Promise<ProducerStats> {
  const stats: ProducerStats = { read: 0, valid: 0, rejected: 0, skipped: 0, ignored: 0, bytesDone: 0, bytesTotal: 0 };
  try {
    return await produce(spec, sink, stats);
  } catch (err) {
    throw new ProducerStopped(err, { ...stats });
  }
}

async function produce(spec: ProducerSpec, sink: ProducerSink, stats: ProducerStats): Promise<ProducerStats> {
  const adapter = adapters[spec.source]();
  const lookup = createMunicipalityLookup(spec.scope);
  const keep = spec.scope.keep ? new Set(spec.scope.keep) : undefined;
  const files: InputFile[] = spec.paths.map((p) => openInputFile(p));
  stats.bytesTotal = files.reduce((s, f) => s + f.size, 0);
  const seen = { firm: new NumberSet(), establishment: new NumberSet() };
  // Rows are kept as their JSON text: one flat string survives until the flush instead of an
  // object with a dozen strings (less for the garbage collector to copy).
  let firms: string[] = [];
  let establishments: string[] = [];
  let bytesBefore = 0;
  let current: InputFile | undefined;
  const bytes = () => bytesBefore + (current?.bytesRead() ?? 0);

  const reject = (file: InputFile, n: number, issues: RecordIssue[], line?: number) => {
    const before = stats.rejected++;
    for (const issue of issues)
      if (before < spec.keepRejections)
        sink.rejection({
          line: n,
          field: issue.field,
          message: issue.message,
          ...(issue.values ? { values: issue.values } : {}),
          ...(files.length > 1 ? { file: file.name } : {}),
        });
    if (spec.strict) {
      const first = issues[0];
      const where = line && line !== n ? `record ${n} (line ${line})` : `record ${n}`;
      // Text for the operator at the command line (English, as the CLI's other output), never shown on a page.
      throw new AppError(
        'validation',
        `${file.name}, ${where}: ${first.field}: ${textIn(first.message, 'en', first.values)} (--strict: import stopped; earlier batches are kept)`,
        issues.map((i) => ({ ...i, line: n })),
      );
    }
  };

  const flush = async () => {
    const size = firms.length + establishments.length;
    if (!size) return;
    const batch: ProducedBatch = {
      firms: firms.length ? `[${firms.join(',')}]` : null,
      establishments: establishments.length ? `[${establishments.join(',')}]` : null,
      size,
    };
    firms = [];
    establishments = [];
    stats.bytesDone = bytes();
    await sink.batch(batch, { ...stats });
  };

  // Every file's start is checked before anything is written: a wrong encoding or register stops the run empty-handed.
  for (const file of files) {
    const head = await readHead(file, 64 * 1024);
    const notUtf8 = checkFileStart(head);
    if (notUtf8) throw fileError(file, notUtf8.message, 1);
    const register = registerOfFileStart(head.toString('utf8'));
    if (register && register !== spec.source) throw fileError(file, wrongRegisterMessage(register, spec.source), 1);
  }
  for (const file of files) {
    current = file;
    for await (const records of adapter.read(file))
      for (const record of records) {
        if (++stats.read % PROGRESS_EVERY === 0) sink.progress({ ...stats, bytesDone: bytes() });
        if (record.value instanceof RecordTooLarge) {
          const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
          reject(
            file,
            record.n,
            [{ field: '(record)', message: importMessages.recordTooLarge, values: { size: mb(record.value.bytes), max: mb(record.value.maxBytes) } }],
            record.line,
          );
          continue;
        }
        if (record.value instanceof Error) {
          reject(file, record.n, [{ field: '(record)', message: record.value.message }], record.line);
          continue;
        }
        const out = adapter.map(record.value, { municipality: lookup });
        if (out.kind === 'rejected') {
          reject(file, record.n, out.issues, record.line);
          continue;
        }
        if (out.kind === 'ignored') {
          stats.ignored++;
          continue;
        }
        if (keep && !(out.row.municipality_code && keep.has(out.row.municipality_code))) {
          stats.skipped++;
          continue;
        }
        const seenOfKind = out.kind === 'firm' ? seen.firm : seen.establishment;
        if (!seenOfKind.add(duplicateKey(out.row.national_id))) {
          reject(file, record.n, [{ field: adapter.idField, message: `duplicate number ${out.row.national_id}: it occurs earlier in the file` }], record.line);
          continue;
        }
        stats.valid++;
        if (out.kind === 'firm') firms.push(JSON.stringify(out.row satisfies FirmInput));
        else establishments.push(JSON.stringify(out.row satisfies EstablishmentInput));
        if (firms.length + establishments.length >= spec.batchSize) await flush();
      }
    bytesBefore += file.size;
    current = undefined;
  }
  await flush();
  stats.bytesDone = stats.bytesTotal;
  return stats;
}
