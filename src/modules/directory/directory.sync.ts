import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { invalidateSearchCache } from './directory.cache.js';
import * as repo from './directory.sync.repository.js';

export interface SyncScope {
  /** Re-derive the listings of these firms (and their establishments); omit to rebuild all. */
  firmIds?: number[];
  /** Progress of a full rebuild: firm ids covered so far, out of the id span. */
  onProgress?: (done: number, total: number) => void;
}

/** Firms per statement: bounds memory and statement time on both backends. */
const INCREMENTAL_CHUNK = 5000;
const REBUILD_CHUNK = 50_000;

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
  if (scope.firmIds) {
    const ids = [...new Set(scope.firmIds.map(Number))].sort((a, b) => a - b);
    let changed = 0;
    let removed = 0;
    for (let i = 0; i < ids.length; i += INCREMENTAL_CHUNK) {
      const chunk = { ids: ids.slice(i, i + INCREMENTAL_CHUNK) };
      const r = db.isTransaction ? await repo.syncScope(db, chunk) : await db.transaction().execute((trx) => repo.syncScope(trx, chunk));
      changed += r.changed;
      removed += r.removed;
    }
    invalidateSearchCache();
    return { changed, removed };
  }
  const run = async (trx: Kysely<DB>) => {
    const listings = await rebuildAll(trx, scope.onProgress);
    return { changed: listings, removed: 0 };
  };
  if (db.isTransaction) return run(db).finally(invalidateSearchCache);
  const result = await db.transaction().execute(run);
  invalidateSearchCache();
  await repo.vacuumReadModel(db);
  return result;
}

async function rebuildAll(trx: Kysely<DB>, onProgress?: (done: number, total: number) => void): Promise<number> {
  await repo.analyzeRegistry(trx);
  const indexes = await repo.listingIndexDefinitions(trx);
  await repo.truncateReadModel(trx);
  await repo.dropIndexes(trx, indexes.map((i) => i.name));
  const bounds = await repo.firmIdBounds(trx);
  let listings = 0;
  if (bounds) {
    const total = bounds.max - bounds.min + 1;
    for (let from = bounds.min; from <= bounds.max; from += REBUILD_CHUNK) {
      await repo.stageScope(trx, { from, to: from + REBUILD_CHUNK });
      onProgress?.(Math.min(from + REBUILD_CHUNK, bounds.max + 1) - bounds.min, total);
    }
    listings = await repo.publishStaged(trx);
  }
  await repo.createIndexes(trx, indexes.map((i) => i.definition));
  await repo.recomputeAggregates(trx);
  return listings;
}
