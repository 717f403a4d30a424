import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';

export interface SeedOptions {
  firms?: number;
  log?: (msg: string) => void;
}

/** Seeds the demo region once, on an empty registry. (Filled in by the demo-region work.) */
export async function seedDemoIfEmpty(db: Kysely<DB>, options: SeedOptions = {}): Promise<{ firms: number } | undefined> {
  void db;
  void options;
  return undefined;
}
