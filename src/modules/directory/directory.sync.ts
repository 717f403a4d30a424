import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

export interface SyncScope {
  /** Re-derive the listings of these firms (and their establishments); omit to rebuild all. */
  firmIds?: number[];
}

/**
 * Keeps the directory's read model (one listing per establishment, or per firm without
 * establishments) in step with the registry. Every writer of firms, establishments or
 * products calls this after its transaction (or inside it, passing the transaction).
 * (Implemented by the directory search work.)
 */
export async function syncListings(db: Kysely<DB>, scope: SyncScope = {}): Promise<void> {
  void db;
  void scope;
}
