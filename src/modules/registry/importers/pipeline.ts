import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import { syncListings } from '../../directory/directory.sync.js';
import type { Country } from '../national-id.js';
import { duplicateKey } from './fields.js';
import * as repo from './import.repository.js';
import type { EstablishmentInput, FirmInput, ImportCounts, ImportOptions, ImportRejection, ImportSummary, RecordIssue, SourceAdapter } from './import.schemas.js';
import { openInputFile, type InputFile } from './input.js';
import { createMunicipalityScope } from './municipality-scope.js';

export interface ImportProgressEvent {
  counts: Readonly<ImportCounts>;
  /** Bytes read over all files (compressed bytes for .gz) and their total size. */
  bytesDone: number;
  bytesTotal: number;
}

export interface RunImportParams {
  adapter: SourceAdapter;
  paths: string[];
  options?: ImportOptions;
  /** Called every few thousand records and after each batch (progress bar, memory sampling). */
  onProgress?: (event: ImportProgressEvent) => void;
  /** Called for every rejected record (the CLI prints the first ones). */
  onRejection?: (rejection: ImportRejection) => void;
}

const languageOf: Record<Country, string> = { NO: 'nb', SE: 'sv', FI: 'fi' };
const PROGRESS_EVERY = 2000;

interface Batch {
  firms: FirmInput[];
  establishments: EstablishmentInput[];
}

/**
 * Streams the files record by record, validates and maps each one, and writes batches of
 * `batchSize` records, each in one transaction (so a stopped import leaves whole batches
 * only, and running it again completes it: the writes are idempotent upserts). While one
 * batch is written, the next one is parsed.
 */
export async function runImport(db: Kysely<DB>, params: RunImportParams): Promise<ImportSummary> {
  const { adapter } = params;
  const options = params.options ?? {};
  const dryRun = Boolean(options.dryRun);
  const batchSize = options.batchSize ?? 5000;
  const keepRejections = options.keepRejections ?? 50;
  const started = performance.now();
  const counts: ImportCounts = { read: 0, created: 0, updated: 0, unchanged: 0, closed: 0, rejected: 0, skipped: 0, ignored: 0, linked: 0 };
  const rejections: ImportRejection[] = [];
  const fileNames = params.paths.map((p) => p.split(/[\\/]/).pop() ?? p);
  const runOptions = {
    onlyMunicipalities: options.onlyMunicipalities,
    onlyCounty: options.onlyCounty,
    strict: Boolean(options.strict),
    batchSize,
    files: params.paths,
  };
  const runId = dryRun ? null : await repo.insertRun(db, { source: adapter.source, fileName: describeFiles(fileNames), options: runOptions });

  let pending: Promise<void> | undefined;
  let valid = 0;
  const settle = async () => {
    const p = pending;
    pending = undefined;
    if (p) await p;
  };

  const finish = async (status: 'succeeded' | 'failed', error?: string): Promise<ImportSummary> => {
    counts.unchanged = dryRun || status === 'failed' ? 0 : Math.max(0, valid - counts.created - counts.updated);
    if (runId !== null) await repo.finishRun(db, runId, { status, counts, rejections, error });
    const seconds = (performance.now() - started) / 1000;
    return {
      runId,
      source: adapter.source,
      files: fileNames,
      status,
      dryRun,
      ...counts,
      seconds,
      recordsPerSecond: Math.round(counts.read / Math.max(seconds, 0.001)),
      rejections,
      ...(error ? { error } : {}),
    };
  };

  try {
    const scope = await createMunicipalityScope(db, adapter.country, options);
    const files: InputFile[] = params.paths.map((p) => openInputFile(p));
    const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
    let bytesBefore = 0;
    let currentFile: InputFile | undefined;
    const progress = () => params.onProgress?.({ counts, bytesDone: bytesBefore + (currentFile?.bytesRead() ?? 0), bytesTotal });

    const seen = { firm: new Set<number>(), establishment: new Set<number>() };
    let batch: Batch = { firms: [], establishments: [] };

    const reject = (file: InputFile, n: number, issues: RecordIssue[], line?: number) => {
      counts.rejected++;
      const where = line && line !== n ? `record ${n} (line ${line})` : `record ${n}`;
      for (const issue of issues) {
        const rejection: ImportRejection = { line: n, field: issue.field, message: issue.message, ...(files.length > 1 ? { file: file.name } : {}) };
        if (rejections.length < keepRejections) rejections.push(rejection);
        params.onRejection?.(rejection);
      }
      if (options.strict) {
        const first = issues[0];
        throw new AppError('validation', `${file.name}, ${where}: ${first.field}: ${first.message} (--strict: import stopped; earlier batches are kept)`, issues.map((i) => ({ ...i, line: n })));
      }
    };

    const flush = async () => {
      const b = batch;
      batch = { firms: [], establishments: [] };
      if (!b.firms.length && !b.establishments.length) return;
      await settle();
      if (dryRun) return;
      pending = writeBatch(db, adapter, b).then((r) => {
        counts.created += r.created;
        counts.updated += r.updated;
        counts.closed += r.closed;
        counts.linked += r.linked;
        progress();
      });
      // The failure is seen (and thrown) by the next settle(); this only silences the unhandled-rejection warning.
      pending.catch(() => undefined);
    };

    for (const file of files) {
      currentFile = file;
      for await (const records of adapter.read(file)) for (const record of records) {
        counts.read++;
        if (counts.read % PROGRESS_EVERY === 0) progress();
        if (record.value instanceof Error) {
          reject(file, record.n, [{ field: '(record)', message: record.value.message }], record.line);
          continue;
        }
        const out = adapter.map(record.value, { municipality: scope.lookup });
        if (out.kind === 'rejected') {
          reject(file, record.n, out.issues, record.line);
          continue;
        }
        if (out.kind === 'ignored') {
          counts.ignored++;
          continue;
        }
        if (scope.keep && !(out.row.municipality_code && scope.keep.has(out.row.municipality_code))) {
          counts.skipped++;
          continue;
        }
        const seenOfKind = out.kind === 'firm' ? seen.firm : seen.establishment;
        const key = duplicateKey(out.row.national_id);
        if (seenOfKind.has(key)) {
          reject(file, record.n, [{ field: adapter.idField, message: `duplicate number ${out.row.national_id}: it occurs earlier in the file` }], record.line);
          continue;
        }
        seenOfKind.add(key);
        valid++;
        if (out.kind === 'firm') batch.firms.push(out.row);
        else batch.establishments.push(out.row);
        if (batch.firms.length + batch.establishments.length >= batchSize) await flush();
      }
      bytesBefore += file.size;
      currentFile = undefined;
    }
    await flush();
    await settle();
    progress();
    return await finish('succeeded');
  } catch (err) {
    // Let a batch already being written finish (it is whole and valid), then record the failure.
    await settle().catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    return await finish('failed', message);
  }
}

interface BatchResult {
  created: number;
  updated: number;
  closed: number;
  linked: number;
}

async function writeBatch(db: Kysely<DB>, adapter: SourceAdapter, batch: Batch): Promise<BatchResult> {
  const { country, source } = adapter;
  return db.transaction().execute(async (trx) => {
    const firms = await repo.upsertFirms(trx, country, source, languageOf[country], batch.firms);
    const link = adapter.hasEstablishments ? await repo.linkWaitingEstablishments(trx, country, firms.createdIds) : { linked: 0, firmIds: [] };
    const establishments = await repo.upsertEstablishments(trx, country, source, batch.establishments);
    const firmIds = [...new Set([...firms.firmIds, ...link.firmIds, ...establishments.firmIds])];
    // Inside the transaction: the directory's listings commit (or roll back) with the batch.
    if (firmIds.length) await syncListings(trx, { firmIds });
    return {
      created: firms.created + establishments.created,
      updated: firms.updated + establishments.updated,
      closed: firms.closed + establishments.closed,
      linked: link.linked,
    };
  });
}

function describeFiles(names: string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} (+${names.length - 3} more)`;
}
