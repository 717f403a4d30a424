import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { pendingFirmChanges, takeFirmChanges, takeFirmChangesUpTo } from '../registry/registry.service.js';
import { invalidateSearchCache } from './directory.cache.js';
import { syncListings } from './directory.sync.js';

/**
 * The directory's side of "firms changed": it takes the registry's change records and brings
 * the listings of those firms up to date in the SAME transaction, so a record is either still
 * waiting or applied. Whatever a killed import or server left behind is finished by the next
 * announcement, at start-up, or by `lokalkraft directory sync`.
 */

/** Past this many changed firms waiting, one full rebuild is cheaper than incremental syncs (ADR 0004). */
export const REBUILD_ABOVE_FIRMS = 50_000;
/** Change records applied per transaction (an import batch is one record of up to a few thousand firms). */
const RECORDS_PER_TRANSACTION = 20;

export interface CatchUpResult {
  /** Firms re-derived incrementally (a firm in several records counts once per transaction). */
  firms: number;
  /** Whether a full rebuild ran. */
  rebuilt: boolean;
  seconds: number;
}

export interface CatchUpOptions {
  rebuildAboveFirms?: number;
  /** Rebuild everything whatever is waiting (`lokalkraft directory rebuild`). */
  rebuild?: boolean;
  onProgress?: (done: number, total: number) => void;
}

// One catch-up at a time per database in this process; an announcement during one runs once more after it.
const running = new WeakMap<Kysely<DB>, Promise<CatchUpResult>>();

export function catchUpDirectory(db: Kysely<DB>, options: CatchUpOptions = {}): Promise<CatchUpResult> {
  const before = running.get(db);
  const next = (before ?? Promise.resolve()).catch(() => undefined).then(() => applyWaitingChanges(db, options));
  running.set(db, next);
  return next.finally(() => {
    if (running.get(db) === next) running.delete(db);
  });
}

async function applyWaitingChanges(db: Kysely<DB>, options: CatchUpOptions): Promise<CatchUpResult> {
  const started = performance.now();
  let rebuilt = false;
  let firms = 0;
  const pending = await pendingFirmChanges(db);
  if (options.rebuild || pending.firms > (options.rebuildAboveFirms ?? REBUILD_ABOVE_FIRMS)) {
    // Everything recorded up to pending.lastId is covered by a rebuild that starts after reading it.
    await syncListings(db, { onProgress: options.onProgress });
    if (pending.lastId !== null) await takeFirmChangesUpTo(db, pending.lastId);
    rebuilt = true;
  }
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      const t = await takeFirmChanges(trx, RECORDS_PER_TRANSACTION);
      if (t.firmIds.length || t.establishmentIds.length) await syncListings(trx, { firmIds: t.firmIds, establishmentIds: t.establishmentIds });
      return t;
    });
    if (!taken.rows) break;
    firms += taken.firmIds.length + taken.establishmentIds.length;
    invalidateSearchCache(); // again after the commit: a search between the sync and the commit saw the old rows
  }
  return { firms, rebuilt, seconds: (performance.now() - started) / 1000 };
}
