import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { listCounties, listMunicipalities } from '../places/places.service.js';
import type { ParsedNotice } from './procurement.notice.js';
import { countiesOfNuts, countriesOfNuts } from './procurement.reference.js';

/**
 * Where a notice's work is done, in the platform's own places: NUTS codes through the reviewed
 * NUTS 3 → county table, and the written place (town, "Tønsberg kommune", "Agder") by the
 * official names of municipalities and counties. A notice naming only a country — or nothing we
 * can place — is kept as "anywhere in the buyer's country".
 */
export interface PlaceIndex {
  countyOfMunicipality: Map<string, string>;
  municipalitiesOfCounty: Map<string, string[]>;
  municipalitiesOfCountry: Map<string, string[]>;
  municipalityByName: Map<string, string>;
  countyByName: Map<string, string>;
  countyName: Map<string, string>;
  municipalityName: Map<string, string>;
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFC')
    .replace(/\b(kommune|kommun|kunta|kaupunki|stad|fylkeskommune|fylke|län|maakunta|region)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export async function loadPlaceIndex(db: Kysely<DB>): Promise<PlaceIndex> {
  const [munis, counties] = await Promise.all([listMunicipalities(db, 'en'), listCounties(db, 'en')]);
  const idx: PlaceIndex = {
    countyOfMunicipality: new Map(),
    municipalitiesOfCounty: new Map(),
    municipalitiesOfCountry: new Map(),
    municipalityByName: new Map(),
    countyByName: new Map(),
    countyName: new Map(),
    municipalityName: new Map(),
  };
  for (const c of counties) {
    const key = `${c.country}:${c.code}`;
    idx.countyName.set(key, c.name);
    for (const n of Object.values(c.names)) if (n) idx.countyByName.set(`${c.country}:${fold(n)}`, key);
  }
  for (const m of munis) {
    const key = `${m.country}:${m.code}`;
    const county = `${m.country}:${m.county.code}`;
    idx.municipalityName.set(key, m.name);
    idx.countyOfMunicipality.set(key, county);
    idx.municipalitiesOfCounty.set(county, [...(idx.municipalitiesOfCounty.get(county) ?? []), key]);
    idx.municipalitiesOfCountry.set(m.country, [...(idx.municipalitiesOfCountry.get(m.country) ?? []), key]);
    for (const n of [m.name, ...Object.values(m.names)]) if (n) idx.municipalityByName.set(`${m.country}:${fold(n)}`, key);
  }
  return idx;
}

export interface NoticePlaces {
  countyKeys: string[];
  municipalityKeys: string[];
  countryKeys: string[];
}

export function resolveNoticePlaces(n: Pick<ParsedNotice, 'nuts' | 'places' | 'buyerCountry' | 'lots'>, idx: PlaceIndex): NoticePlaces {
  const counties = new Set<string>();
  const municipalities = new Set<string>();
  const countries = new Set<string>();
  for (const code of [...n.nuts, ...n.lots.flatMap((l) => l.nuts)]) {
    for (const c of countiesOfNuts(code)) counties.add(c);
    for (const c of countriesOfNuts(code)) countries.add(c);
  }
  const country = n.buyerCountry ?? 'NO';
  for (const text of n.places) {
    for (const part of text.split(/[,;/()]| og | och | ja | and /i)) {
      const f = fold(part);
      if (!f) continue;
      const m = idx.municipalityByName.get(`${country}:${f}`);
      if (m) {
        municipalities.add(m);
        counties.add(idx.countyOfMunicipality.get(m)!);
        continue;
      }
      const c = idx.countyByName.get(`${country}:${f}`);
      if (c) counties.add(c);
    }
  }
  if (!counties.size && !municipalities.size && !countries.size && n.buyerCountry) countries.add(n.buyerCountry);
  return { countyKeys: [...counties].sort(), municipalityKeys: [...municipalities].sort(), countryKeys: [...countries].sort() };
}

/** Every municipality a notice's place covers (for counting local firms). */
export function municipalitiesCovered(p: NoticePlaces, idx: PlaceIndex): string[] {
  const out = new Set(p.municipalityKeys);
  for (const c of p.countyKeys) for (const m of idx.municipalitiesOfCounty.get(c) ?? []) out.add(m);
  for (const c of p.countryKeys) for (const m of idx.municipalitiesOfCountry.get(c) ?? []) out.add(m);
  return [...out];
}
