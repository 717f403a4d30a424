import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { migrationNames } from '../db/template.js';
import type { DB } from '../db/types.js';
import { moduleDataPath } from '../shared/paths.js';
import { loadPlaces } from './places/places.service.js';
import { loadNace } from './registry/registry.service.js';
import { loadNavigatorData } from './navigator/navigator.service.js';

/** The modules whose `data/` folders hold what this loads. */
const sources = ['places', 'registry', 'navigator'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** A digest of every reference data file and of the migrations applied: either changing means "load again". */
export function referenceDataDigest(): string {
  const hash = createHash('sha256');
  for (const module of sources)
    for (const file of filesUnder(moduleDataPath(module, '.'))) hash.update(file.slice(file.indexOf(join('modules', module)))).update(readFileSync(file));
  hash.update(migrationNames().join('\n'));
  return hash.digest('hex');
}

/**
 * Loads the code lists every installation needs (places, NACE, the navigator's catalogue); idempotent,
 * run at each start. When the database says it last loaded these very files under these migrations,
 * it skips the upserts (`loaded: false`); `force` loads anyway.
 */
export async function loadReferenceData(db: Kysely<DB>, options: { force?: boolean } = {}) {
  const digest = referenceDataDigest();
  const stamp = await db.selectFrom('reference_data_stamp').select('digest').executeTakeFirst();
  if (!options.force && stamp?.digest === digest) return { loaded: false as const };
  const places = await loadPlaces(db);
  const nace = await loadNace(db);
  const navigator = await loadNavigatorData(db);
  await db
    .insertInto('reference_data_stamp')
    .values({ id: 1, digest, loaded_at: new Date() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ digest, loaded_at: new Date() }))
    .execute();
  return { loaded: true as const, ...places, naceDivisions: nace.divisions, supportOffers: navigator.offers };
}
