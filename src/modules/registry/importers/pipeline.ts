import { Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError, type FieldIssue } from '../../../shared/errors.js';
import { hostname } from 'node:os';
import { announce } from '../../../shared/events.js';
import { recordFirmChanges } from '../registry.service.js';
import type { Country } from '../national-id.js';
import * as repo from './import.repository.js';
import type { ImportCounts, ImportOptions, ImportRejection, ImportSource, ImportSummary } from './import.schemas.js';
import { loadMunicipalityScope } from './municipality-scope.js';
import { adapters, produceBatches, ProducerStopped, type ProducedBatch, type ProducerSink, type ProducerSpec, type ProducerStats } from './producer.js';

export interface ImportProgressEvent {
  counts: Readonly<ImportCounts>;
  /** Bytes read over all files (compressed bytes for .gz) and their total size. */
  bytesDone: number;
  bytesTotal: number;
}

export interface RunImportParams {
  source: ImportSource;
  paths: string[];
  options?: ImportOptions;
  /** Called every few thousand records and after each batch (progress bar, memory sampling). */
  onProgress?: (event: ImportProgressEvent) => void;
}

const languageOf: Record<Country, string> = { NO: 'nb', SE: 'sv', FI: 'fi' };
/** Files bigger than this are parsed in a worker thread (starting one costs ~0.1 s). */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * One import run: the producer (worker thread for big files) streams, validates and maps
 * the records; this thread writes each batch of `batchSize` records in one transaction —
 * idempotent upserts, so a stopped import leaves whole batches only and running it again
 * completes it — while the producer prepares the next batches.
 */
export async function runImport(db: Kysely<DB>, params: RunImportParams): Promise<ImportSummary> {
  const adapter = adapters[params.source]();
  const options = params.options ?? {};
  const dryRun = Boolean(options.dryRun);
  const batchSize = options.batchSize ?? 5000;
  const keepRejections = options.keepRejections ?? 50;
  const started = performance.now();
  const counts: ImportCounts = { read: 0, created: 0, updated: 0, unchanged: 0, closed: 0, rejected: 0, skipped: 0, ignored: 0, linked: 0 };
  const rejections: ImportRejection[] = [];
  const fileNames = params.paths.map((p) => p.split(/[\\/]/).pop() ?? p);
  let bytes = { done: 0, total: 0 };
  let valid = 0;
  const runOptions = {
    onlyMunicipalities: options.onlyMunicipalities,
    onlyCounty: options.onlyCounty,
    strict: Boolean(options.strict),
    batchSize,
    files: params.paths,
  };
  const runId = dryRun
    ? null
    : await repo.insertRun(db, { source: adapter.source, fileName: describeFiles(fileNames), options: runOptions, host: hostname(), pid: process.pid });

  const absorb = (s: ProducerStats) => {
    counts.read = s.read;
    counts.rejected = s.rejected;
    counts.skipped = s.skipped;
    counts.ignored = s.ignored;
    valid = s.valid;
    bytes = { done: s.bytesDone, total: s.bytesTotal };
  };
  const progress = () => params.onProgress?.({ counts, bytesDone: bytes.done, bytesTotal: bytes.total });

  // One batch is written while the producer prepares the next ones.
  let pending: Promise<void> | undefined;
  let batches = 0;
  let changedFirms = 0;
  let unannounced = false;
  let directorySeconds = 0;
  // Tell the listeners (the directory) now; a failure is not the import's: the change records wait.
  const announceChanges = async () => {
    const t = performance.now();
    try {
      await announce('firmsChanged', { db });
      unannounced = false;
      return undefined;
    } catch (err) {
      unannounced = true;
      return err;
    } finally {
      directorySeconds += (performance.now() - t) / 1000;
    }
  };
  const grown = { firms: 0, establishments: 0 };
  // Statistics after batches 1, 4, 16, 64, … while the tables grow, and once at the end.
  const analyzeGrown = async (atEnd: boolean) => {
    const tables = (['firms', 'establishments'] as const).filter((t) => grown[t] > 0);
    const isPowerOf4 = batches > 0 && (batches & (batches - 1)) === 0 && Math.log2(batches) % 2 === 0;
    if (!tables.length || (!atEnd && !isPowerOf4)) return;
    await repo.analyzeTables(db, tables);
    grown.firms = grown.establishments = 0;
  };
  const settle = async () => {
    const p = pending;
    pending = undefined;
    if (p) await p;
  };
  const sink: ProducerSink = {
    async batch(batch, stats) {
      absorb(stats);
      await settle();
      if (dryRun) return progress();
      const announceThisBatch = changedFirms < (options.incrementalSyncLimit ?? INCREMENTAL_SYNC_LIMIT);
      pending = writeBatch(db, adapter.source, adapter.country, adapter.hasEstablishments, batch, runId).then(async (r) => {
        changedFirms += r.changedFirms;
        if (r.changedFirms > 0) unannounced = true;
        if (announceThisBatch && r.changedFirms > 0) await announceChanges();
        counts.created += r.created;
        counts.updated += r.updated;
        counts.closed += r.closed;
        counts.linked += r.linked;
        grown.firms += r.createdFirms;
        grown.establishments += r.createdEstablishments;
        batches++;
        await analyzeGrown(false);
        progress();
      });
      // A failure surfaces at the next settle(); this only keeps it from being reported as unhandled.
      pending.catch(() => undefined);
    },
    progress(stats) {
      absorb(stats);
      progress();
    },
    rejection(r) {
      if (rejections.length < keepRejections) rejections.push(r);
    },
  };

  let status: 'succeeded' | 'failed' = 'succeeded';
  let error: string | undefined;
  try {
    const scope = await loadMunicipalityScope(db, adapter.country, options);
    const spec: ProducerSpec = { source: params.source, paths: params.paths, scope, batchSize, strict: Boolean(options.strict), keepRejections };
    const useWorker = options.worker === 'always' || (options.worker !== 'never' && totalSize(params.paths) > WORKER_THRESHOLD_BYTES);
    absorb(useWorker ? await produceInWorker(spec, sink) : await produceBatches(spec, sink));
    await settle();
    if (!dryRun) await analyzeGrown(true);
  } catch (err) {
    // Let a batch already being written finish (it is whole and valid), then record the failure.
    await settle().catch(() => undefined);
    if (err instanceof ProducerStopped) absorb(err.stats);
    status = 'failed';
    error = err instanceof Error ? err.message : String(err);
  }
  // Batches not announced yet are committed with their change records: announced even when the run failed later.
  if (unannounced) {
    const err = await announceChanges();
    if (err) {
      status = 'failed';
      error = `the register data was imported, but updating the directory failed (it is finished at the next start, or run \`lokalkraft directory sync\`): ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  progress();
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
    directorySeconds: Math.round(directorySeconds * 10) / 10,
    rejections,
    ...(error ? { error } : {}),
  };
}

interface BatchResult {
  changedFirms: number;
  createdFirms: number;
  createdEstablishments: number;
  created: number;
  updated: number;
  closed: number;
  linked: number;
}

/**
 * Up to this many changed firms per run, each batch announces "firms changed" after its commit and
 * the directory catches up at once (nightly runs change few firms). Past it — a first import of a
 * county or a country — the batches only record their changes and the run announces once at the
 * end; with that many firms waiting the directory rebuilds once, several times cheaper than 200
 * incremental syncs (ADR 0004).
 */
export const INCREMENTAL_SYNC_LIMIT = 50_000;

async function writeBatch(
  db: Kysely<DB>,
  source: ImportSource,
  country: Country,
  hasEstablishments: boolean,
  batch: ProducedBatch,
  runId: number | null,
): Promise<BatchResult> {
  return db.transaction().execute(async (trx) => {
    await repo.relaxCommitWait(trx);
    const firms = await repo.upsertFirms(trx, country, source, languageOf[country], batch.firms);
    const link = hasEstablishments ? await repo.linkWaitingEstablishments(trx, country, firms.createdIds) : { linked: 0, firmIds: [] };
    const establishments = await repo.upsertEstablishments(trx, country, source, batch.establishments);
    const firmIds = [...new Set([...firms.firmIds, ...link.firmIds, ...establishments.firmIds])];
    // In the batch's transaction: a batch is never committed without the record that the directory must follow it.
    await recordFirmChanges(trx, firmIds, establishments.orphanIds ?? []);
    if (runId !== null) await repo.touchRun(trx, runId);
    return {
      changedFirms: firmIds.length + (establishments.orphanIds?.length ?? 0),
      createdFirms: firms.created,
      createdEstablishments: establishments.created,
      created: firms.created + establishments.created,
      updated: firms.updated + establishments.updated,
      closed: firms.closed + establishments.closed,
      linked: link.linked,
    };
  });
}

type WorkerMessage =
  | { type: 'batch'; batch: ProducedBatch; stats: ProducerStats }
  | { type: 'progress'; stats: ProducerStats }
  | { type: 'rejection'; rejection: ImportRejection }
  | { type: 'done'; stats: ProducerStats }
  | { type: 'fail'; message: string; issues: FieldIssue[]; stats?: ProducerStats };

/** Runs the producer in a worker thread; messages are handled strictly in order. */
function produceInWorker(spec: ProducerSpec, sink: ProducerSink): Promise<ProducerStats> {
  // Bounded heap: the worker's garbage is collected early instead of growing the process (measured: 32 MB young keeps the speed).
  const worker = new Worker(new URL('./parse.worker.js', import.meta.url), {
    workerData: spec,
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 },
  });
  return new Promise<ProducerStats>((resolve, reject) => {
    let chain = Promise.resolve();
    let finished = false;
    const fail = (err: unknown) => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (msg: WorkerMessage) => {
      chain = chain
        .then(async () => {
          if (finished) return;
          switch (msg.type) {
            case 'batch':
              await sink.batch(msg.batch, msg.stats);
              worker.postMessage({ type: 'ack' });
              break;
            case 'progress':
              sink.progress(msg.stats);
              break;
            case 'rejection':
              sink.rejection(msg.rejection);
              break;
            case 'done':
              finished = true;
              resolve(msg.stats);
              break;
            case 'fail':
              // The parse worker's message is the CLI-facing text built above (input.ts, producer.ts); the issues keep their Messages.
              fail(
                msg.stats
                  ? new ProducerStopped(new AppError('validation', msg.message, msg.issues), msg.stats)
                  : new AppError('validation', msg.message, msg.issues),
              );
              break;
          }
        })
        .catch(fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => chain.then(() => fail(new Error(`the parsing worker stopped (exit code ${code})`))));
  });
}

function totalSize(paths: string[]): number {
  let sum = 0;
  for (const p of paths) {
    try {
      sum += statSync(p).size;
    } catch {
      /* reported by the producer */
    }
  }
  return sum;
}

function describeFiles(names: string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} (+${names.length - 3} more)`;
}
