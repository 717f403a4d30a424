import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { loadPlaces } from './places/places.service.js';
import { loadNace } from './registry/registry.service.js';
import { loadNavigatorData } from './navigator/navigator.service.js';

/** Loads the code lists every installation needs (places, NACE); idempotent, run at each start. */
export async function loadReferenceData(db: Kysely<DB>) {
  const places = await loadPlaces(db);
  const nace = await loadNace(db);
  const navigator = await loadNavigatorData(db);
  return { ...places, naceDivisions: nace.divisions, supportOffers: navigator.offers };
}
