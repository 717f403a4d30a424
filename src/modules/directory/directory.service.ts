// PROVISIONAL: replaced by the search branch
// Same exported names and types as the real search engine (see directory.schemas.ts), computed
// naively in memory over the rows of directory.repository.ts: fine for a demo region and tests.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { pickName, type Locale } from '../../shared/i18n/i18n.js';
import type { LocalizedNames } from '../places/places.tables.js';
import { isOpenAt } from './directory.hours.js';
import * as repo from './directory.repository.js';
import type { FacetValue, FirmDetail, ListingItem, SearchQuery, SearchResult } from './directory.schemas.js';

const localName = (primary: string, names: LocalizedNames | null, locale: Locale) => names?.[locale] ?? primary;

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 6371.0088 * 2 * Math.asin(Math.sqrt(h));
}

function describe(description: Record<string, string>, locale: Locale, language: string): string | null {
  return description[locale] ?? description[language] ?? Object.values(description)[0] ?? null;
}

function toItem(row: repo.ListingRow, locale: Locale, now: Date): ListingItem {
  const text = describe(row.description ?? {}, locale, row.language);
  const address = [row.street, [row.postcode, row.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    id: Number(row.id),
    kind: row.kind,
    orgnr: row.national_id,
    country: row.country,
    name: row.name,
    municipality: row.municipality_code ? { code: row.municipality_code, name: row.municipality_name ? localName(row.municipality_name, row.municipality_names, locale) : row.municipality_code } : null,
    county: row.county_code ? { code: row.county_code, name: pickName(row.county_names, locale, row.county_code) } : null,
    sector: row.nace_division ? { code: row.nace_division, name: pickName(row.division_names, locale, row.nace_division) } : null,
    position: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    address: address || null,
    snippet: text ? (text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text) : null,
    is_open_now: isOpenAt(row.opening_hours, row.country, now),
    is_demo: row.is_demo,
  };
}

function countBy(rows: repo.ListingRow[], key: (r: repo.ListingRow) => { code: string; name: string } | null): FacetValue[] {
  const counts = new Map<string, FacetValue>();
  for (const r of rows) {
    const k = key(r);
    if (!k) continue;
    const v = counts.get(k.code) ?? { ...k, count: 0 };
    v.count += 1;
    counts.set(k.code, v);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export async function searchListings(db: Kysely<DB>, query: SearchQuery, locale: Locale, now: Date = new Date()): Promise<SearchResult> {
  const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  let rows = await repo.findListings(db, words);
  if (query.country) rows = rows.filter((r) => r.country === query.country);
  if (query.municipality) rows = rows.filter((r) => r.municipality_code === query.municipality);
  if (query.county) rows = rows.filter((r) => r.county_code === query.county);
  if (query.sector) rows = rows.filter((r) => (query.sector!.length === 1 ? r.section === query.sector : r.nace_division === query.sector));
  if (query.open_now) rows = rows.filter((r) => isOpenAt(r.opening_hours, r.country, now) === true);

  const near = query.near ? { lat: Number(query.near.split(',')[0]), lon: Number(query.near.split(',')[1]) } : null;
  const distance = new Map<repo.ListingRow, number>();
  if (near) {
    rows = rows.filter((r) => r.lat !== null && r.lon !== null);
    for (const r of rows) distance.set(r, distanceKm(near, { lat: r.lat!, lon: r.lon! }));
    if (query.radius_km) rows = rows.filter((r) => distance.get(r)! <= query.radius_km!);
    rows.sort((a, b) => distance.get(a)! - distance.get(b)!);
  } else {
    rows.sort((a, b) => a.name.localeCompare(b.name, locale));
  }

  const start = (query.page - 1) * query.per_page;
  const items = rows.slice(start, start + query.per_page).map((r) => {
    const item = toItem(r, locale, now);
    return near ? { ...item, distance_km: Math.round(distance.get(r)! * 10) / 10 } : item;
  });
  return {
    total: rows.length,
    page: query.page,
    per_page: query.per_page,
    items,
    facets: {
      municipality: countBy(rows, (r) => (r.municipality_code ? { code: r.municipality_code, name: localName(r.municipality_name ?? r.municipality_code, r.municipality_names, locale) } : null)),
      county: countBy(rows, (r) => (r.county_code ? { code: r.county_code, name: pickName(r.county_names, locale, r.county_code) } : null)),
      sector: countBy(rows, (r) => (r.section ? { code: r.section, name: pickName(r.section_names, locale, r.section) } : null)),
    },
  };
}

export async function getListing(db: Kysely<DB>, id: number, locale: Locale, now: Date = new Date()): Promise<FirmDetail | null> {
  const row = await repo.findListing(db, id);
  if (!row) return null;
  const item = toItem(row, locale, now);
  const firmId = row.firm_id;
  const firm = firmId !== null ? await repo.findFirm(db, firmId) : undefined;
  const establishment = row.kind === 'establishment' ? await repo.findEstablishment(db, (id - 1) / 2) : undefined;
  const establishments = row.kind === 'firm' && firmId !== null ? await repo.listEstablishmentsOfFirm(db, firmId) : [];
  const products = firmId !== null ? await repo.listProducts(db, firmId, establishment?.id ?? null) : [];
  return {
    ...item,
    address: row.street,
    legal_form: firm?.legal_form ?? null,
    nace_code: row.nace_code,
    employees: establishment ? establishment.employees : (firm?.employees ?? null),
    postcode: row.postcode,
    city: row.city,
    website: establishment?.website ?? firm?.website ?? null,
    email: firm?.email ?? null,
    phone: firm?.phone ?? null,
    status: row.status,
    registered_on: establishment ? establishment.registered_on : (firm?.registered_on ?? null),
    description: row.description ?? {},
    opening_hours: row.opening_hours,
    products: products.map((p) => ({ kind: p.kind, name: p.name, description: p.description, price_minor: p.price_minor, currency: p.currency })),
    parent:
      row.kind === 'establishment'
        ? { id: firm ? repo.firmListingId(firm.id) : null, orgnr: firm?.national_id ?? establishment?.parent_national_id ?? '', name: firm?.name ?? null }
        : null,
    establishments: establishments.map((e) => ({
      id: repo.establishmentListingId(e.id),
      name: e.name,
      orgnr: e.national_id,
      municipality: e.municipality_code ? { code: e.municipality_code, name: localName(e.municipality_name ?? e.municipality_code, e.municipality_names, locale) } : null,
    })),
  };
}

/**
 * The filter options are read on every search page but change only when listings do: each is
 * kept for a minute per database and language (a second instance simply keeps its own copy).
 */
const optionCache = new WeakMap<Kysely<DB>, Map<string, { until: number; value: Promise<unknown> }>>();
function cached<T>(db: Kysely<DB>, key: string, load: () => Promise<T>, ttlMs = 60_000): Promise<T> {
  let perDb = optionCache.get(db);
  if (!perDb) optionCache.set(db, (perDb = new Map()));
  const hit = perDb.get(key);
  if (hit && hit.until > Date.now()) return hit.value as Promise<T>;
  const value = load();
  perDb.set(key, { until: Date.now() + ttlMs, value });
  value.catch(() => perDb.delete(key));
  return value;
}

export interface SectorOption {
  code: string;
  name: string;
}

/** NACE sections (A–U) labelled in the reader's language: the values of the `sector` filter. */
export async function listSectorOptions(db: Kysely<DB>, locale: Locale): Promise<SectorOption[]> {
  return cached(db, `sectors:${locale}`, async () => (await repo.listNaceSections(db)).map((s) => ({ code: s.code, name: pickName(s.names, locale, s.code) })));
}

export interface MunicipalityOption {
  code: string;
  name: string;
  country: 'NO' | 'SE' | 'FI';
  county: { code: string; name: string } | null;
  /** The municipality's centre, for "near a place". */
  position: { lat: number; lon: number } | null;
  /** Places listed in it. */
  count: number;
}

/** The municipalities that have places in the directory, with their county and centre, for the filter selects. */
export async function listMunicipalityOptions(db: Kysely<DB>, locale: Locale): Promise<MunicipalityOption[]> {
  return cached(db, `municipalities:${locale}`, () => repo.listMunicipalitiesWithListings(db).then((rows) =>
    rows.map((m) => ({
      code: m.code,
      name: localName(m.name, m.names, locale),
      country: m.country as 'NO' | 'SE' | 'FI',
      county: { code: m.county_code, name: pickName(m.county_names, locale, m.county_code) },
      position: m.lat !== null && m.lon !== null ? { lat: m.lat, lon: m.lon } : null,
      count: Number(m.count),
    })),
  ));
}
