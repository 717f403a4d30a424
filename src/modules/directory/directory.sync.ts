import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { invalidateSearchCache } from './directory.cache.js';
import * as repo from './directory.sync.repository.js';

export interface SyncScope {
  /** Re-derive the listings of these firms (and their establishments); omit to rebuild all. */
  firmIds?: number[];
  /** Re-derive the listings of these establishments whose parent firm is not in the registry (yet). */
  establishmentIds?: number[];
  /** Progress of a full rebuild: active firms covered so far, out of all. */
  onProgress?: (done: number, total: number) => void;
  /** Duration of each step of a full rebuild (for the benchmark). */
  onStep?: (step: string, seconds: number) => void;
}

/** Firms per statement: bounds memory and statement time on both backends. */
const INCREMENTAL_CHUNK = 5000;
const REBUILD_CHUNK = 100_000;

/**
 * Keeps the directory's read model (one listing per establishment, or per firm without
 * establishments) in step with the registry. Every writer of firms, establishments or
 * products calls this after its transaction (or inside it, passing the transaction).
 *
 * With `firmIds`: an incremental, set-based sync of those firms — unchanged listings are not
 * rewritten, listings that no longer qualify are deleted, word frequencies and facet counts are
 * adjusted by the difference. Without: a full rebuild, in one transaction (atomic: readers see
 * the old directory until it commits), indexes built once after the rows are in.
 */
export async function syncListings(db: Kysely<DB>, scope: SyncScope = {}): Promise<{ changed: number; removed: number }> {
  if (scope.firmIds || scope.establishmentIds) {
    const ids = [...new Set((scope.firmIds ?? []).map(Number))].sort((a, b) => a - b);
    const orphans = [...new Set((scope.establishmentIds ?? []).map(Number))].sort((a, b) => a - b);
    let changed = 0;
    let removed = 0;
    for (let i = 0; i < Math.max(ids.length, orphans.length); i += INCREMENTAL_CHUNK) {
      const chunk = { ids: ids.slice(i, i + INCREMENTAL_CHUNK), establishmentIds: orphans.slice(i, i + INCREMENTAL_CHUNK) };
      const r = db.isTransaction ? await repo.syncScope(db, chunk) : await db.transaction().execute((trx) => repo.syncScope(trx, chunk));
      changed += r.changed;
      removed += r.removed;
    }
    invalidateSearchCache();
    return { changed, removed };
  }
  const listings = await rebuildAll(db, scope);
  invalidateSearchCache();
  if (!db.isTransaction) {
    const t = performance.now();
    await repo.vacuumReadModel(db);
    scope.onStep?.('vacuum', (performance.now() - t) / 1000);
  }
  return { changed: listings, removed: 0 };
}

/** Chunks projected at once during a full rebuild: two connections on PostgreSQL (PGlite serialises them anyway). */
const REBUILD_PARALLEL = 2;

/**
 * Full rebuild into a shadow table, place by place (in parallel on a pool), indexed, then swapped
 * in by one short transaction that also recounts words and facets. Searches keep reading the old
 * listings until the swap; a failed rebuild leaves them untouched. Inside a caller's transaction
 * the same steps run in it, one after the other.
 */
async function rebuildAll(db: Kysely<DB>, scope: SyncScope): Promise<number> {
  let t = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    scope.onStep?.(name, (now - t) / 1000);
    t = now;
  };
  await repo.analyzeRegistry(db);
  const indexes = await repo.listingIndexDefinitions(db);
  await repo.createBuildTable(db);
  const chunks: { scope: repo.FirmScope; firms: number }[] = (await repo.planRebuildChunks(db, REBUILD_CHUNK)).map((c) => ({
    scope: { places: c.places },
    firms: c.firms,
  }));
  chunks.push({ scope: { unplaced: true }, firms: 0 });
  const total = chunks.reduce((n, c) => n + c.firms, 0);
  step('prepare');
  let listings = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const inserted = await repo.insertChunk(db, chunk.scope); // not `listings += await …`: the workers interleave
      listings += inserted;
      done += chunk.firms;
      scope.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: db.isTransaction ? 1 : REBUILD_PARALLEL }, worker));
  step('project');
  await repo.indexBuildTable(db, indexes, db.isTransaction ? 1 : REBUILD_PARALLEL);
  step('index');
  const swap = async (trx: Kysely<DB>) => {
    await repo.swapInBuildTable(trx, indexes);
    await repo.truncateAggregates(trx);
    await repo.recomputeAggregates(trx);
  };
  await (db.isTransaction ? swap(db) : db.transaction().execute(swap));
  step('swap');
  return listings;
}
