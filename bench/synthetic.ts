import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/types.js';
import { moduleDataPath } from '../src/shared/paths.js';
import { completeNationalId, type Country } from '../src/modules/registry/national-id.js';
import { createRng } from '../src/modules/registry/demo/demo.random.js';
import type { OpeningHours } from '../src/modules/registry/registry.tables.js';
import { highestNationalIdsOfSource, insertFirmsInBulk } from '../src/modules/registry/registry.service.js';
import {
  brandWords,
  descriptionTemplates,
  givenNames,
  largeMunicipalities,
  qualityWords,
  sectors,
  streets,
  surnames,
  type Lang,
  type SectorSpec,
} from './synthetic.data.js';

/**
 * Synthetic Nordic firms for the search benchmark (and for the demo seeder): names, sectors,
 * products and descriptions from word lists in the firm's language, municipalities of the three
 * countries weighted by size, positions near the municipality centre, valid national numbers.
 * Deterministic: firm number i always comes out the same, so a run can continue an earlier one.
 */

export interface SyntheticPlace {
  country: Country;
  code: string;
  name: string;
  lat: number;
  lon: number;
  weight: number;
}

export interface SyntheticProduct {
  kind: 'product' | 'service';
  name: string;
  language: Lang;
  price_minor: number | null;
  currency: string | null;
}
export interface SyntheticEstablishment {
  national_id: string;
  name: string;
  nace_code: string;
  nace_division: string;
  employees: number;
  street: string;
  postcode: string;
  city: string;
  municipality_code: string;
  lat: number;
  lon: number;
  status: 'active' | 'closed';
  opening_hours: OpeningHours | null;
}
export interface SyntheticFirm {
  country: Country;
  national_id: string;
  name: string;
  legal_form: string;
  nace_code: string;
  nace_division: string;
  employees: number;
  street: string;
  postcode: string;
  city: string;
  municipality_code: string;
  lat: number;
  lon: number;
  website: string | null;
  email: string | null;
  phone: string | null;
  status: 'active' | 'closed';
  closed_on: string | null;
  registered_on: string;
  language: Lang;
  description: Partial<Record<Lang, string>>;
  opening_hours: OpeningHours | null;
  products: SyntheticProduct[];
  establishments: SyntheticEstablishment[];
}

export interface GenerateOptions {
  /** Restrict to these municipalities (default: all of NO, SE, FI weighted by size). */
  places?: SyntheticPlace[];
  /** Share of firms with a description (default 0.15) and with products (0.2). */
  descriptionShare?: number;
  productShare?: number;
  /** Share of firms that have establishments (default 0.1) and that are closed (0.04). */
  establishmentShare?: number;
  closedShare?: number;
  seed?: number;
}

/** National-number counters per country, so that a later run continues without collisions. */
export interface IdCounters {
  firm: Record<Country, number>;
  establishment: Record<Country, number>;
}

const RANGES = { NO: { firm: 80_000_000, est: 96_000_000, estEnd: 99_999_999 }, FI: { firm: 1_000_000, est: 9_000_000, estEnd: 9_999_999 } };

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const pickSome = <T>(rng: Rng, items: readonly T[], n: number): T[] => {
  const copy = [...items];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]);
  return out;
};
const gauss = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/** All municipalities, weighted by (approximate) population and by how many firms per head each country registers. */
export function loadSyntheticPlaces(): SyntheticPlace[] {
  const rows = JSON.parse(readFileSync(moduleDataPath('places', 'municipalities.json'), 'utf8')) as {
    country: Country;
    code: string;
    primaryName: string;
    lat: number;
    lon: number;
  }[];
  const perHead: Record<Country, number> = { NO: 1.8, SE: 1.0, FI: 0.9 };
  const smallRange: Record<Country, [number, number]> = { NO: [1.5, 15], SE: [4, 30], FI: [1.5, 12] };
  return rows.map((m) => {
    const [lo, hi] = smallRange[m.country];
    const thousands = largeMunicipalities[`${m.country}:${m.primaryName}`] ?? lo + ((hash(m.code + m.primaryName) % 1000) / 1000) * (hi - lo);
    return { country: m.country, code: m.code, name: m.primaryName, lat: m.lat, lon: m.lon, weight: thousands * perHead[m.country] };
  });
}

const sectorCumulative = (() => {
  let sum = 0;
  return sectors.map((s) => (sum += s.weight));
})();

function weightedIndex(cumulative: number[], r: number): number {
  const target = r * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const hoursTemplates: Record<NonNullable<SectorSpec['hours']>, [number[], string, string][][]> = {
  shop: [
    [
      [[1, 2, 3, 4, 5], '10:00', '18:00'],
      [[6], '10:00', '16:00'],
    ],
    [
      [[1, 2, 3, 4, 5], '09:00', '17:00'],
      [[6], '10:00', '15:00'],
    ],
    [
      [[1, 2, 3, 4], '10:00', '17:00'],
      [[5], '10:00', '19:00'],
      [[6], '10:00', '14:00'],
    ],
  ],
  cafe: [
    [
      [[1, 2, 3, 4, 5], '08:00', '16:00'],
      [[6], '10:00', '16:00'],
    ],
    [[[1, 2, 3, 4, 5, 6, 7], '09:00', '17:00']],
    [
      [[2, 3, 4, 5], '07:30', '15:30'],
      [[6, 7], '10:00', '15:00'],
    ],
  ],
  restaurant: [
    [
      [[1, 2, 3, 4], '11:00', '22:00'],
      [[5, 6], '11:00', '01:00'],
      [[7], '13:00', '21:00'],
    ],
    [[[2, 3, 4, 5, 6], '16:00', '23:00']],
    [[[1, 2, 3, 4, 5, 6, 7], '11:00', '21:00']],
  ],
  office: [
    [[[1, 2, 3, 4, 5], '08:00', '16:00']],
    [
      [[1, 2, 3, 4], '08:00', '16:00'],
      [[5], '08:00', '14:00'],
    ],
    [[[1, 2, 3, 4, 5], '07:00', '15:00']],
  ],
  daily: [
    [[[1, 2, 3, 4, 5, 6, 7], '07:00', '23:00']],
    [
      [[1, 2, 3, 4, 5], '08:00', '21:00'],
      [[6], '09:00', '20:00'],
      [[7], '12:00', '18:00'],
    ],
    [[[1, 2, 3, 4, 5, 6, 7], '00:00', '24:00']],
  ],
};

function openingHours(rng: Rng, kind: SectorSpec['hours']): OpeningHours | null {
  if (!kind) return null;
  const template = pick(rng, hoursTemplates[kind]);
  return { weekly: template.flatMap(([days, opens, closes]) => days.map((day) => ({ day, opens, closes }))) };
}

const legalForms: Record<Country, [string, number, string | null][]> = {
  NO: [
    ['AS', 55, 'AS'],
    ['ENK', 30, null],
    ['DA', 4, 'DA'],
    ['ANS', 3, 'ANS'],
    ['SA', 3, 'SA'],
    ['NUF', 5, 'NUF'],
  ],
  SE: [
    ['AB', 60, 'AB'],
    ['EF', 28, null],
    ['HB', 7, 'HB'],
    ['KB', 2, 'KB'],
    ['EK', 3, 'ek. för.'],
  ],
  FI: [
    ['OY', 60, 'Oy'],
    ['TMI', 20, null],
    ['KY', 10, 'Ky'],
    ['AY', 5, 'Ay'],
    ['OSK', 5, 'Osk'],
  ],
};
const soleTrader = new Set(['ENK', 'EF', 'TMI']);
const domains: Record<Country, string> = { NO: 'no', SE: 'se', FI: 'fi' };
const currencies: Record<Country, string> = { NO: 'NOK', SE: 'SEK', FI: 'EUR' };
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24) || 'firma';
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const naceFormat = (country: Country, code: string) => (country === 'NO' ? `${code.slice(0, 2)}.${code.slice(2)}` : code);

function firmName(rng: Rng, lang: Lang, sector: SectorSpec, place: SyntheticPlace, form: string, suffix: string | null): string {
  const w = pick(rng, sector.words[lang].name);
  const surname = pick(rng, surnames[lang]);
  const given = pick(rng, givenNames[lang]);
  const brand = pick(rng, brandWords[lang]);
  const genitive = surname.endsWith('s') ? surname : `${surname}s`;
  const r = rng();
  let base: string;
  if (soleTrader.has(form)) base = r < 0.5 ? `${given} ${surname} ${w}` : r < 0.8 ? `${given} ${surname}` : `${surname} ${w}`;
  else if (r < 0.22) base = `${surname} ${w}`;
  else if (r < 0.35) base = lang === 'fi' ? `${w} ${surname}` : `${genitive} ${w}`;
  else if (r < 0.55) base = `${place.name} ${w}`;
  else if (r < 0.75) base = `${brand} ${w}`;
  else if (r < 0.8) base = `${w} ${place.name}`;
  else if (r < 0.86) base = `${surname} & ${pick(rng, surnames[lang])}`;
  else if (r < 0.92)
    base = `${brand} ${w} & ${pick(
      rng,
      sector.words[lang].name.filter((x) => x !== w),
    )}`;
  else base = `${brand}${lang === 'fi' ? '' : cap(pick(rng, ['gruppen', 'huset', 'partner']))}`;
  if (form === 'TMI' && rng() < 0.5) base = `Tmi ${base}`;
  return suffix ? `${base} ${suffix}` : base;
}

function address(rng: Rng, lang: Lang, country: Country, place: SyntheticPlace) {
  const postcode =
    country === 'NO'
      ? pad(Math.floor(rng() * 9000) + 1000, 4)
      : country === 'SE'
        ? pad(Math.floor(rng() * 89999) + 10000, 5)
        : pad(Math.floor(rng() * 99000) + 100, 5);
  const lat = place.lat + gauss(rng) * 0.05;
  const lon = place.lon + (gauss(rng) * 0.05) / Math.cos((place.lat * Math.PI) / 180);
  return {
    street: `${pick(rng, streets[lang])} ${1 + Math.floor(rng() * 60)}`,
    postcode,
    city: place.name,
    lat: Math.round(lat * 1e5) / 1e5,
    lon: Math.round(lon * 1e5) / 1e5,
  };
}

function languageOf(rng: Rng, country: Country): Lang {
  const r = rng();
  if (r < 0.03) return 'en';
  if (country === 'FI') return r < 0.09 ? 'sv' : 'fi';
  return country === 'NO' ? 'nb' : 'sv';
}

/** Firm number `index`, drawn from `places` (cumulative weights precomputed by createSyntheticSource). */
function makeFirm(index: number, source: SyntheticSource, counters: IdCounters): SyntheticFirm {
  const o = source.options;
  const rng = createRng(hash(`${o.seed ?? 1}:${index}`));
  const place = source.places[weightedIndex(source.cumulative, rng())];
  const country = place.country;
  const sector = sectors[weightedIndex(sectorCumulative, rng())];
  const lang = languageOf(rng, country);
  const forms = legalForms[country];
  const [form, , suffix] =
    forms[
      weightedIndex(
        forms.map((_, i) => forms.slice(0, i + 1).reduce((a, f) => a + f[1], 0)),
        rng(),
      )
    ];
  const name = firmName(rng, lang, sector, place, form, suffix);
  const addr = address(rng, lang, country, place);
  const naceCode = naceFormat(country, sector.code);
  const isSole = soleTrader.has(form);
  const employees = isSole ? Math.floor(rng() * 2) : Math.max(1, Math.round(Math.exp(gauss(rng) * 1.1 + 1.2)));
  const closed = rng() < (o.closedShare ?? 0.04);
  const year = 1970 + Math.floor(rng() * 56);
  const registeredOn = `${Math.min(year, 2025)}-${pad(1 + Math.floor(rng() * 12), 2)}-${pad(1 + Math.floor(rng() * 28), 2)}`;
  const hours = rng() < (sector.hours ? 0.65 : 0) ? openingHours(rng, sector.hours) : null;
  const words = sector.words[lang];
  const products: SyntheticProduct[] = [];
  if (rng() < (o.productShare ?? 0.2)) {
    for (const p of pickSome(rng, words.products, 2 + Math.floor(rng() * 3))) {
      const priced = (sector.kind ?? 'service') === 'product' && rng() < 0.6;
      products.push({
        kind: sector.kind ?? 'service',
        name: cap(p),
        language: lang,
        price_minor: priced ? (5 + Math.floor(rng() * 500)) * 100 : null,
        currency: priced ? currencies[country] : null,
      });
    }
  }
  const description: Partial<Record<Lang, string>> = {};
  if (rng() < (o.descriptionShare ?? 0.15)) {
    const shown = name.replace(/ (AS|AB|Oy|Ky|Ay|Osk|DA|ANS|SA|NUF|HB|KB|ek\. för\.)$/, '');
    let text = pick(rng, descriptionTemplates[lang])(shown, words.noun, place.name, pickSome(rng, words.products, 3));
    if (rng() < 0.4) text += ` ${cap(pick(rng, qualityWords[lang]))} – ${pick(rng, qualityWords[lang])}.`;
    description[lang] = text;
  }
  const site = slug(name);
  const firm: SyntheticFirm = {
    country,
    national_id: nextFirmId(country, counters),
    name,
    legal_form: form,
    nace_code: naceCode,
    nace_division: sector.code.slice(0, 2),
    employees,
    ...addr,
    municipality_code: place.code,
    website: rng() < 0.3 ? `https://www.${site}.${domains[country]}` : null,
    email: rng() < 0.4 ? `post@${site}.${domains[country]}` : null,
    phone: rng() < 0.6 ? phoneNumber(rng, country) : null,
    status: closed ? 'closed' : 'active',
    closed_on: closed ? '2024-06-30' : null,
    registered_on: registeredOn,
    language: lang,
    description,
    opening_hours: hours,
    products,
    establishments: [],
  };
  if (!isSole && rng() < (o.establishmentShare ?? 0.1)) {
    const n = 1 + Math.floor(rng() * 3);
    const nearby = source.byCounty.get(`${country}:${source.countyOf.get(`${country}:${place.code}`)}`) ?? [place];
    for (let k = 0; k < n; k++) {
      const at = k === 0 ? place : pick(rng, nearby);
      const a = address(rng, lang, country, at);
      firm.establishments.push({
        national_id: nextEstablishmentId(country, counters),
        name:
          k === 0
            ? name.replace(/ (AS|AB|Oy|Ky|Ay|Osk|DA|ANS|SA|NUF|HB|KB|ek\. för\.)$/, '')
            : `${name.replace(/ (AS|AB|Oy|Ky|Ay|Osk|DA|ANS|SA|NUF|HB|KB|ek\. för\.)$/, '')} ${at.name}`,
        nace_code: naceCode,
        nace_division: firm.nace_division,
        employees: Math.max(1, Math.round(employees / n)),
        ...a,
        municipality_code: at.code,
        status: closed || rng() < 0.05 ? 'closed' : 'active',
        opening_hours: hours,
      });
    }
  }
  return firm;
}

function phoneNumber(rng: Rng, country: Country): string {
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
  if (country === 'NO') return `+47 9${d(2)} ${d(2)} ${d(3)}`;
  if (country === 'SE') return `+46 70-${d(3)} ${d(2)} ${d(2)}`;
  return `+358 40 ${d(3)} ${d(4)}`;
}

function nextFirmId(country: Country, counters: IdCounters): string {
  for (;;) {
    const i = counters.firm[country]++;
    let id: string | undefined;
    if (country === 'SE') id = completeNationalId('SE', 556_000_000 + i);
    else {
      const body = RANGES[country].firm + i;
      if (body >= RANGES[country].est) throw new Error(`synthetic ${country} firm numbers exhausted after ${i} firms`);
      id = completeNationalId(country, body);
    }
    if (id) return id;
  }
}

function nextEstablishmentId(country: Country, counters: IdCounters): string {
  for (;;) {
    const i = counters.establishment[country]++;
    if (country === 'SE') return String(30_000_000 + i); // arbetsställenummer (CFAR): 8 digits, no check digit
    const body = RANGES[country].est + i;
    if (body > RANGES[country].estEnd) throw new Error(`synthetic ${country} establishment numbers exhausted after ${i}`);
    const id = completeNationalId(country, body);
    if (id) return id;
  }
}

export interface SyntheticSource {
  options: GenerateOptions;
  places: SyntheticPlace[];
  cumulative: number[];
  byCounty: Map<string, SyntheticPlace[]>;
  countyOf: Map<string, string>;
}

export function createSyntheticSource(options: GenerateOptions = {}): SyntheticSource {
  const all = loadSyntheticPlaces();
  const places = options.places ?? all;
  let sum = 0;
  const cumulative = places.map((p) => (sum += p.weight));
  const municipalities = JSON.parse(readFileSync(moduleDataPath('places', 'municipalities.json'), 'utf8')) as {
    country: string;
    code: string;
    countyCode: string;
  }[];
  const countyOf = new Map(municipalities.map((m) => [`${m.country}:${m.code}`, m.countyCode]));
  const byCounty = new Map<string, SyntheticPlace[]>();
  for (const p of places) {
    const key = `${p.country}:${countyOf.get(`${p.country}:${p.code}`)}`;
    byCounty.set(key, [...(byCounty.get(key) ?? []), p]);
  }
  return { options, places, cumulative, byCounty, countyOf };
}

/** Makes firms number `from` … `from + count - 1` (pure; no database). */
export function makeSyntheticFirms(source: SyntheticSource, from: number, count: number, counters: IdCounters): SyntheticFirm[] {
  return Array.from({ length: count }, (_, k) => makeFirm(from + k, source, counters));
}

/** Inserts firms with their establishments and products (through the registry); returns the new firm ids. */
export function insertFirms(db: Kysely<DB>, firms: SyntheticFirm[], meta: { source: string; isDemo: boolean }): Promise<number[]> {
  return insertFirmsInBulk(db, firms, meta);
}

/** Continues the national-number sequences of earlier runs with the same `source`. */
export async function readIdCounters(db: Kysely<DB>, source: string): Promise<IdCounters & { firms: number }> {
  const counters: IdCounters = { firm: { NO: 0, SE: 0, FI: 0 }, establishment: { NO: 0, SE: 0, FI: 0 } };
  let firms = 0;
  const maxBody = (table: 'firms' | 'establishments') => highestNationalIdsOfSource(db, table, source);
  for (const r of await maxBody('firms')) {
    firms += r.n;
    counters.firm[r.country] = r.top ? bodyIndex(r.country, r.top, 'firm') + 1 : 0;
  }
  for (const r of await maxBody('establishments')) counters.establishment[r.country] = r.top ? bodyIndex(r.country, r.top, 'est') + 1 : 0;
  return { ...counters, firms };
}

function bodyIndex(country: Country, id: string, kind: 'firm' | 'est'): number {
  if (country === 'SE') return kind === 'firm' ? Number(id.slice(0, 9)) - 556_000_000 : Number(id) - 30_000_000;
  const body = Number(id.replace(/\D/g, '').slice(0, country === 'NO' ? 8 : 7));
  return body - (kind === 'firm' ? RANGES[country].firm : RANGES[country].est);
}

export interface EnsureOptions extends GenerateOptions {
  source?: string;
  isDemo?: boolean;
  batchSize?: number;
  /** Called after each batch with the firm ids inserted (e.g. to sync their listings) */
  afterBatch?: (firmIds: number[]) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Makes sure the database holds `total` synthetic firms of `source` (default "synthetic"),
 * generating only the missing ones in batches. Returns how many were added.
 */
export async function ensureSyntheticFirms(db: Kysely<DB>, total: number, options: EnsureOptions = {}): Promise<{ added: number; existing: number }> {
  const source = options.source ?? 'synthetic';
  const counters = await readIdCounters(db, source);
  const existing = counters.firms;
  const generator = createSyntheticSource(options);
  const batch = options.batchSize ?? 5000;
  options.onProgress?.(existing, total);
  for (let from = existing; from < total; from += batch) {
    const firms = makeSyntheticFirms(generator, from, Math.min(batch, total - from), counters);
    const ids = await insertFirms(db, firms, { source, isDemo: options.isDemo ?? false });
    await options.afterBatch?.(ids);
    options.onProgress?.(from + firms.length, total);
  }
  return { added: Math.max(0, total - existing), existing };
}
