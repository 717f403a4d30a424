import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import { announce } from '../../../shared/events.js';
import { recordFirmChanges } from '../registry.service.js';
import { listMunicipalities } from '../../places/places.service.js';
import { completeNationalId, type Country } from '../national-id.js';
import * as repo from '../registry.repository.js';
import { bodyOf, extraIdCursors, generateExtraFirms, generateStandardSet, type DemoPlace } from './demo.generator.js';
import { demoIdRanges, demoMunicipalities, standardSetReserve } from './demo.places.js';

export interface SeedOptions {
  /** Add this many new demo firms instead of the standard set. */
  firms?: number;
  log?: (msg: string) => void;
  /** Called after each batch with the firms written so far. */
  onProgress?: (done: number, total: number) => void;
  /** "Today" for the opening-hour exceptions (public holidays of the coming year). */
  now?: Date;
}

export interface SeedResult {
  firms: number;
  establishments: number;
  products: number;
  seconds: number;
}

const batchSize = 1000;
const countries: Country[] = ['NO', 'SE', 'FI'];

/** The demo municipalities with their names and centres from the places reference data. */
export async function loadDemoPlaces(db: Kysely<DB>): Promise<DemoPlace[]> {
  const all = await listMunicipalities(db, 'en');
  const byKey = new Map(all.map((m) => [`${m.country}:${m.code}`, m]));
  return demoMunicipalities.map((d) => {
    const m = byKey.get(`${d.country}:${d.code}`);
    // Text for the operator seeding the demo region (CLI), never shown on a page.
    if (!m?.position)
      throw new AppError('internal', `demo municipality ${d.country} ${d.code} is missing from the places reference data (load it first: lokalkraft migrate)`);
    return { ...d, name: m.name, lat: m.position.lat, lon: m.position.lon };
  });
}

/**
 * Seeds the standard demo set when the registry has no firm at all, once: the check and the
 * inserts run in one transaction under an advisory lock, so two instances starting together
 * seed it once. The seeded firms record it themselves (is_demo, source 'demo'); an emptied
 * registry is seeded again on the next start unless LOKALKRAFT_DEMO=false.
 * Returns undefined when there was something in the registry already.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, options: SeedOptions = {}): Promise<SeedResult | undefined> {
  const started = performance.now();
  const places = await loadDemoPlaces(db);
  const inserted = await db.transaction().execute(async (trx) => {
    await repo.lockDemoSeeding(trx);
    if (await repo.hasAnyFirm(trx)) return undefined;
    return insertAndRecord(trx, generateStandardSet(places, options.now ?? new Date()));
  });
  if (!inserted) return undefined;
  await announce('firmsChanged', { db });
  const result = summarise(inserted, started);
  options.log?.(`demo region seeded: ${result.firms} firms, ${result.establishments} establishments, ${result.products} products in ${result.seconds} s`);
  return result;
}

/**
 * Without `firms`: the standard demo set, skipping firms already there (running it twice adds
 * nothing). With `firms: N`: N new demo firms with fresh numbers, in batches of 1000, each batch
 * one transaction followed by a listing sync.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const places = await loadDemoPlaces(db);
  if (options.firms === undefined) {
    const inserted = await db.transaction().execute(async (trx) => {
      await repo.lockDemoSeeding(trx);
      return insertAndRecord(trx, generateStandardSet(places, now));
    });
    await announce('firmsChanged', { db });
    return summarise(inserted, started);
  }
  const total = options.firms;
  // Text for the operator seeding the demo region (CLI), never shown on a page.
  if (!Number.isInteger(total) || total < 1)
    throw new AppError('validation', 'firms must be a positive whole number', [{ field: 'firms', message: 'must be ≥ 1' }]);
  const { ids, sequence } = await continueNumbering(db);
  const sum: repo.InsertedBundles = { firmIds: [], establishments: 0, products: 0 };
  let done = 0;
  while (done < total) {
    const count = Math.min(batchSize, total - done);
    const bundles = generateExtraFirms(places, count, sequence + done, ids, now);
    const inserted = await db.transaction().execute((trx) => insertAndRecord(trx, bundles));
    await announce('firmsChanged', { db });
    sum.firmIds.push(...inserted.firmIds);
    sum.establishments += inserted.establishments;
    sum.products += inserted.products;
    done += count;
    options.onProgress?.(done, total);
  }
  return summarise(sum, started);
}

/** Inserts demo firms and records them as changed in the same transaction (the directory follows the record). */
async function insertAndRecord(trx: Kysely<DB>, bundles: Parameters<typeof repo.insertFirmBundles>[1]) {
  const inserted = await repo.insertFirmBundles(trx, bundles);
  await recordFirmChanges(trx, inserted.firmIds);
  return inserted;
}

/** Where `--firms N` goes on: above the highest demo number in use, per country and table. */
async function continueNumbering(db: Kysely<DB>) {
  const used = { firms: {} as Partial<Record<Country, number>>, establishments: {} as Partial<Record<Country, number>> };
  let sequence = 0;
  for (const country of countries) {
    for (const table of ['firms', 'establishments'] as const) {
      const range = demoIdRanges[country][table];
      const max = await repo.maxNationalIdInRange(db, table, country, boundary(country, range.first, 'low'), boundary(country, range.last, 'high'));
      if (max) used[table][country] = bodyOf(country, max);
    }
    // Numbers the extra firms across runs: how far this country's extra range has got.
    const first = demoIdRanges[country].firms.first;
    sequence += Math.max(0, (used.firms[country] ?? 0) - first - standardSetReserve + 1);
  }
  return { ids: extraIdCursors(used.firms, used.establishments), sequence };
}

/** The lowest / highest national id string a body can give (whatever its check digit). */
function boundary(country: Country, body: number, end: 'low' | 'high'): string {
  const id = completeNationalId(country, body) ?? completeNationalId(country, end === 'low' ? body + 1 : body - 1)!;
  return id.slice(0, -1) + (end === 'low' ? '0' : '9');
}

/** How many demo firms the registry holds (all runs together). */
export function countDemoFirms(db: Kysely<DB>): Promise<number> {
  return repo.countDemoFirms(db);
}

function summarise(inserted: repo.InsertedBundles, started: number): SeedResult {
  return {
    firms: inserted.firmIds.length,
    establishments: inserted.establishments,
    products: inserted.products,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
