import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { pickName, type Locale } from '../../shared/i18n/i18n.js';
import { moduleDataPath } from '../../shared/paths.js';
import * as repo from './places.repository.js';
import type { LocalizedNames } from './places.tables.js';

export type CountryCode = 'NO' | 'SE' | 'FI';
export const countryCodes: CountryCode[] = ['NO', 'SE', 'FI'];

const countryNames: Record<CountryCode, LocalizedNames> = {
  NO: { nb: 'Norge', sv: 'Norge', fi: 'Norja', en: 'Norway', se: 'Norga' },
  SE: { nb: 'Sverige', sv: 'Sverige', fi: 'Ruotsi', en: 'Sweden', se: 'Ruoŧŧa' },
  FI: { nb: 'Finland', sv: 'Finland', fi: 'Suomi', en: 'Finland', se: 'Suopma' },
};

interface MunicipalityFile {
  country: string;
  code: string;
  countyCode: string;
  names: LocalizedNames;
  primaryName: string;
  lat: number;
  lon: number;
}
interface CountyFile {
  country: string;
  code: string;
  names: LocalizedNames;
}
interface CodeChangeFile {
  oldCode: string;
  newCode: string;
  date: string;
  split?: boolean;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(moduleDataPath('places', file), 'utf8')) as T;

/**
 * Loads countries, counties, municipalities and Norway's code history from the reference
 * files shipped in src/modules/places/data (idempotent: run on every start, it upserts).
 */
export async function loadPlaces(db: Kysely<DB>): Promise<{ counties: number; municipalities: number; codeChanges: number }> {
  const counties = readJson<CountyFile[]>('counties.json');
  const municipalities = readJson<MunicipalityFile[]>('municipalities.json');
  const changes = readJson<CodeChangeFile[]>('no-code-changes.json');
  await db.transaction().execute(async (trx) => {
    await repo.upsertCountries(
      trx,
      countryCodes.map((code) => ({ code, names: countryNames[code] })),
    );
    await repo.upsertCounties(trx, counties);
    await repo.upsertMunicipalities(
      trx,
      municipalities.map((m) => ({ country: m.country, code: m.code, county_code: m.countyCode, name: m.primaryName, names: m.names, lat: m.lat, lon: m.lon })),
    );
    await repo.replaceCodeChanges(
      trx,
      changes.map((c) => ({ country: 'NO', old_code: c.oldCode, new_code: c.newCode, changed_on: c.date, is_split: Boolean(c.split) })),
    );
  });
  return { counties: counties.length, municipalities: municipalities.length, codeChanges: changes.length };
}

export interface MunicipalityDto {
  country: string;
  code: string;
  name: string;
  names: LocalizedNames;
  county: { code: string; name: string };
  position: { lat: number; lon: number } | null;
}

export async function listMunicipalities(db: Kysely<DB>, locale: Locale, filter: { country?: string; county?: string } = {}): Promise<MunicipalityDto[]> {
  const [rows, counties] = await Promise.all([repo.listMunicipalities(db, filter), repo.listCounties(db, filter.country)]);
  const countyName = new Map(counties.map((c) => [`${c.country}:${c.code}`, pickName(c.names, locale)]));
  return rows.map((m) => ({
    country: m.country,
    code: m.code,
    name: m.name,
    names: m.names,
    county: { code: m.county_code, name: countyName.get(`${m.country}:${m.county_code}`) ?? m.county_code },
    position: m.lat !== null && m.lon !== null ? { lat: m.lat, lon: m.lon } : null,
  }));
}

export async function listCounties(db: Kysely<DB>, locale: Locale, country?: string) {
  const rows = await repo.listCounties(db, country);
  return rows.map((c) => ({ country: c.country, code: c.code, name: pickName(c.names, locale), names: c.names }));
}

/**
 * Resolves a municipality code to the current one: a current code maps to itself, an old
 * Norwegian code to its successor (the first one when it was split), unknown → undefined.
 */
export async function createMunicipalityResolver(db: Kysely<DB>) {
  const current = new Set((await repo.listMunicipalities(db)).map((m) => `${m.country}:${m.code}`));
  const successors = new Map<string, string>();
  for (const ch of await repo.listCodeChanges(db, 'NO')) {
    const key = `NO:${ch.old_code}`;
    if (!successors.has(key) || !ch.is_split) successors.set(key, ch.new_code);
  }
  return (country: string, code: string | null | undefined): string | undefined => {
    if (!code) return undefined;
    const padded = country === 'FI' ? code.padStart(3, '0') : code.padStart(4, '0');
    if (current.has(`${country}:${padded}`)) return padded;
    const next = successors.get(`${country}:${padded}`);
    return next && current.has(`${country}:${next}`) ? next : undefined;
  };
}

/** One municipality by its current code (undefined when there is none). */
export function findMunicipality(db: Kysely<DB>, country: string, code: string): Promise<{ country: string; code: string; name: string } | undefined> {
  return repo.findMunicipality(db, country, code);
}

/** A country's municipalities, code and name, by name (for pickers). */
export async function listMunicipalitiesOf(db: Kysely<DB>, country: string): Promise<{ code: string; name: string }[]> {
  return repo.listMunicipalitiesByName(db, country);
}

export const municipalityKey = (country: string, code: string) => `${country}:${code}`;

/** Names of the given municipalities, keyed by `municipalityKey(country, code)`; unknown codes are left out. */
export async function municipalityNames(db: Kysely<DB>, keys: { country: string; code: string | null }[]): Promise<Map<string, string>> {
  const unique = new Map<string, { country: string; code: string }>();
  for (const k of keys) if (k.code) unique.set(municipalityKey(k.country, k.code), { country: k.country, code: k.code });
  const rows = await repo.listMunicipalityNames(db, [...unique.values()]);
  return new Map(rows.map((r) => [municipalityKey(r.country, r.code), r.name]));
}
