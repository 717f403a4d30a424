import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { LocalizedNames } from './places.tables.js';

export interface CountyRow {
  country: string;
  code: string;
  names: LocalizedNames;
}
export interface MunicipalityRow {
  country: string;
  code: string;
  county_code: string;
  name: string;
  names: LocalizedNames;
  lat: number | null;
  lon: number | null;
}
export interface CodeChangeRow {
  country: string;
  old_code: string;
  new_code: string;
  changed_on: string;
  is_split: boolean;
}

export async function upsertCountries(db: Kysely<DB>, rows: { code: string; names: LocalizedNames }[]) {
  await db
    .insertInto('countries')
    .values(rows.map((r) => ({ code: r.code, names: JSON.stringify(r.names) })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ names: (eb) => eb.ref('excluded.names') }))
    .execute();
}

export async function upsertCounties(db: Kysely<DB>, rows: CountyRow[]) {
  await db
    .insertInto('counties')
    .values(rows.map((r) => ({ ...r, names: JSON.stringify(r.names) })))
    .onConflict((oc) => oc.columns(['country', 'code']).doUpdateSet({ names: (eb) => eb.ref('excluded.names') }))
    .execute();
}

export async function upsertMunicipalities(db: Kysely<DB>, rows: MunicipalityRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('municipalities')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, names: JSON.stringify(r.names) })))
      .onConflict((oc) =>
        oc.columns(['country', 'code']).doUpdateSet({
          county_code: (eb) => eb.ref('excluded.county_code'),
          name: (eb) => eb.ref('excluded.name'),
          names: (eb) => eb.ref('excluded.names'),
          lat: (eb) => eb.ref('excluded.lat'),
          lon: (eb) => eb.ref('excluded.lon'),
        }),
      )
      .execute();
  }
}

export async function replaceCodeChanges(db: Kysely<DB>, rows: CodeChangeRow[]) {
  await db.deleteFrom('municipality_code_changes').execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('municipality_code_changes')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function countMunicipalities(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('municipalities').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export function listCounties(db: Kysely<DB>, country?: string) {
  let q = db.selectFrom('counties').selectAll().orderBy('country').orderBy('code');
  if (country) q = q.where('country', '=', country);
  return q.execute();
}

export function listMunicipalities(db: Kysely<DB>, filter: { country?: string; county?: string } = {}) {
  let q = db.selectFrom('municipalities').selectAll().orderBy('country').orderBy('code');
  if (filter.country) q = q.where('country', '=', filter.country);
  if (filter.county) q = q.where('county_code', '=', filter.county);
  return q.execute();
}

export function listCodeChanges(db: Kysely<DB>, country: string) {
  return db.selectFrom('municipality_code_changes').select(['old_code', 'new_code', 'is_split']).where('country', '=', country).execute();
}

export function findMunicipality(db: Kysely<DB>, country: string, code: string) {
  return db.selectFrom('municipalities').select(['country', 'code', 'name']).where('country', '=', country).where('code', '=', code).executeTakeFirst();
}

/** Names of the given municipalities (codes are national: each with its country). */
export function listMunicipalityNames(db: Kysely<DB>, keys: { country: string; code: string }[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('municipalities')
    .select(['country', 'code', 'name'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('country', '=', k.country), eb('code', '=', k.code)]))))
    .execute();
}

export function listMunicipalitiesByName(db: Kysely<DB>, country: string) {
  return db.selectFrom('municipalities').select(['code', 'name']).where('country', '=', country).orderBy('name').execute();
}
