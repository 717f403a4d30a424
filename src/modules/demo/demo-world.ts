import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { DemoWorld } from './demo-world.types.js';

/** Seeds (once) and returns the demo region's organisations, people and story firms; undefined without demo firms. */
export async function ensureDemoWorld(_db: Kysely<DB>): Promise<DemoWorld | undefined> {
  return undefined;
}
