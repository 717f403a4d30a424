import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { listCounties, listMunicipalities } from '../places/places.service.js';
import { createSectorLabeller, publicFirmFacts, type SectorDto } from '../registry/registry.service.js';
import type { OpeningHours } from '../registry/registry.tables.js';
import {
  boundingBox,
  chooseCorrections,
  localClock,
  parseNear,
  placeKey,
  queryWords,
  rollUpFacets,
  timeZones,
  tsqueryText,
  type FacetCell,
  type LocalClock,
  type RolledFacets,
  type TimeZone,
} from './directory.query.js';
import { cached } from './directory.cache.js';
import { listPublicImages, listPublicLinks } from '../registry/profile/profile.service.js';
import * as repo from './directory.repository.js';
import { categoryByKey, everydayCategories } from './data/categories.js';
import { openingState } from './directory.hours.js';

/** A category key with its name in the reader's language (null when the place has none). */
export function categoryLabel(key: string | null | undefined, locale: Locale): { key: string; name: string } | null {
  const c = categoryByKey(key);
  return c ? { key: c.key, name: c.names[locale] } : null;
}

/** The everyday categories in the reader's language, by name (the search filter and the profile editor). */
export function listCategoryOptions(locale: Locale): { key: string; name: string }[] {
  return everydayCategories.map((c) => ({ key: c.key, name: c.names[locale] })).sort((a, b) => a.name.localeCompare(b.name, locale));
}
import type { FacetValue, FirmDetail, ListingItem, SearchQuery, SearchResult } from './directory.schemas.js';

// ── Labels (reference data, cached per database handle and locale) ─────────

interface Labels {
  municipality: Map<string, { name: string; county: string }>;
  county: Map<string, string>;
  /** code → the countries that have it (municipality 1860 is in NO and SE; county 01 in SE and FI) */
  municipalityCountries: Map<string, string[]>;
  countyCountries: Map<string, string[]>;
  sector: (division: string | null | undefined) => SectorDto | null;
  section: Map<string, string>;
}

const LABEL_TTL_MS = 10 * 60 * 1000;
const labelCache = new WeakMap<Kysely<DB>, Map<Locale, { at: number; labels: Promise<Labels> }>>();

/** Municipality, county and sector names in the reader's language (places and registry services; cached, they change only with reference data). */
function labelsFor(db: Kysely<DB>, locale: Locale): Promise<Labels> {
  let perLocale = labelCache.get(db);
  if (!perLocale) labelCache.set(db, (perLocale = new Map()));
  const hit = perLocale.get(locale);
  if (hit && Date.now() - hit.at < LABEL_TTL_MS) return hit.labels;
  const labels = (async (): Promise<Labels> => {
    const [municipalities, counties, sector] = await Promise.all([listMunicipalities(db, locale), listCounties(db, locale), createSectorLabeller(db, locale)]);
    const section = new Map<string, string>();
    for (let d = 1; d <= 99; d++) {
      const s = sector(String(d).padStart(2, '0'));
      if (s) section.set(s.section.code, s.section.name);
    }
    const countriesByCode = (rows: { country: string; code: string }[]) => {
      const map = new Map<string, string[]>();
      for (const r of rows) map.set(r.code, [...(map.get(r.code) ?? []), r.country]);
      return map;
    };
    return {
      municipality: new Map(
        municipalities.map((m) => [
          placeKey(m.country, m.code),
          { name: (m.names as Record<string, string | undefined>)[locale] ?? m.name, county: m.county.code },
        ]),
      ),
      county: new Map(counties.map((c) => [placeKey(c.country, c.code), c.name])),
      municipalityCountries: countriesByCode(municipalities),
      countyCountries: countriesByCode(counties),
      sector,
      section,
    };
  })();
  labels.catch(() => perLocale!.delete(locale));
  perLocale.set(locale, { at: Date.now(), labels });
  return labels;
}

let lastClocks: { minute: number; clocks: Record<TimeZone, LocalClock> } | undefined;
/** The local clocks of a moment in the three time zones (memoised per minute: Intl formatting is not free). */
function clocksAt(now: Date): Record<TimeZone, LocalClock> {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastClocks?.minute !== minute)
    lastClocks = { minute, clocks: Object.fromEntries(timeZones.map((tz) => [tz, localClock(new Date(minute * 60_000), tz)])) as Record<TimeZone, LocalClock> };
  return lastClocks.clocks;
}

// ── Search ──────────────────────────────────────────────────────────────────

const RINGS_KM = [1, 4, 16, 64, 256, 1024];

function toItem(row: repo.ListingRow, labels: Labels, locale: Locale, withDistance: boolean): ListingItem {
  const muni = row.municipality_code ? labels.municipality.get(placeKey(row.country, row.municipality_code)) : undefined;
  const sector = labels.sector(row.nace_division);
  const snippets = row.snippets ?? {};
  const item: ListingItem = {
    id: Number(row.id),
    kind: row.kind,
    orgnr: row.orgnr,
    country: row.country as ListingItem['country'],
    name: row.name,
    municipality: row.municipality_code ? { code: row.municipality_code, name: muni?.name ?? row.municipality_code } : null,
    county: row.county_code ? { code: row.county_code, name: labels.county.get(placeKey(row.country, row.county_code)) ?? row.county_code } : null,
    sector: sector
      ? { code: sector.code, name: sector.name }
      : row.nace_section
        ? { code: row.nace_section, name: labels.section.get(row.nace_section) ?? row.nace_section }
        : null,
    position: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    address: row.address,
    snippet: snippets[locale] ?? snippets[row.language] ?? Object.values(snippets)[0] ?? null,
    is_open_now: row.is_open,
    category: categoryLabel(row.category, locale),
    is_demo: row.is_demo,
  };
  if (withDistance && row.distance_km !== null) item.distance_km = Math.round(row.distance_km * 100) / 100;
  return item;
}

/**
 * Municipality facet values returned per search: the largest ones (and the selected one). The full
 * list with counts is listFilterOptions(); a thousand values per response would dwarf the results.
 */
export const MUNICIPALITY_FACET_LIMIT = 50;

const byCount = (a: { count: number; code: string }, b: { count: number; code: string }) =>
  b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function facetValues(rolled: RolledFacets, labels: Labels, locale: Locale, selectedMunicipality?: string): SearchResult['facets'] {
  const places = (map: Map<string, number>, name: (key: string) => string | undefined, limit = Infinity) => {
    const entries = [...map]
      .filter(([, n]) => n > 0)
      .map(([key, count]) => ({ key, code: key.slice(key.indexOf(':') + 1), count }))
      .sort(byCount);
    const kept = entries.length > limit ? entries.filter((e, i) => i < limit || e.code === selectedMunicipality) : entries;
    return kept.map((e) => ({ code: e.code, name: name(e.key) ?? e.code, count: e.count, country: e.key.slice(0, 2) as FacetValue['country'] }));
  };
  return {
    municipality: places(rolled.municipality, (k) => labels.municipality.get(k)?.name, MUNICIPALITY_FACET_LIMIT),
    county: places(rolled.county, (k) => labels.county.get(k)),
    sector: [...rolled.section]
      .filter(([, n]) => n > 0)
      .map(([code, count]) => ({ code, name: labels.section.get(code) ?? code, count }))
      .sort(byCount),
    category: [...rolled.category]
      .filter(([code, n]) => n > 0 && categoryByKey(code))
      .map(([code, count]) => ({ code, name: categoryByKey(code)!.names[locale], count }))
      .sort(byCount),
  };
}

interface ResolvedWords {
  groups: string[][];
  corrections: { from: string; to: string[] }[];
  unmatched: boolean;
  docCounts: Map<string, number>;
}

/** Query words → alternatives per word (forms the corpus has, or typo corrections); stop words dropped. */
async function resolveQuery(db: Kysely<DB>, words: string[], exact = false): Promise<ResolvedWords> {
  const forms = await repo.lookUpWordForms(db, words);
  const out: ResolvedWords = { groups: [], corrections: [], unmatched: false, docCounts: new Map() };
  const unknown: { i: number; word: string }[] = [];
  words.forEach((word, index) => {
    const mine = forms.filter((r) => r.i === index + 1);
    const known = [...new Set(mine.filter((r) => r.doc_count !== null && r.doc_count > 0).map((r) => r.lexeme!))];
    for (const r of mine) if (r.doc_count) out.docCounts.set(r.lexeme!, r.doc_count);
    if (known.length) out.groups.push(known);
    else if (!mine.some((r) => r.is_stop)) unknown.push({ i: index + 1, word });
  });
  if (!unknown.length) return out;
  if (exact) return { ...out, unmatched: true };
  const near = unknown.some((u) => [...u.word].length >= 3)
    ? await repo.nearestWords(
        db,
        unknown.filter((u) => [...u.word].length >= 3),
      )
    : [];
  for (const { i, word } of unknown) {
    const chosen = chooseCorrections(
      word,
      near.filter((r) => r.i === i).map((r) => ({ lexeme: r.lexeme, similarity: r.similarity, docCount: r.doc_count })),
    );
    if (!chosen.length) {
      out.unmatched = true;
      continue;
    }
    for (const r of near) if (chosen.includes(r.lexeme)) out.docCounts.set(r.lexeme, r.doc_count);
    out.groups.push(chosen);
    out.corrections.push({ from: word, to: chosen });
  }
  return out;
}

/**
 * Above `exactCountLimit` (estimated) matches, counts come from the 1-in-8 sample and the page from an
 * index walk; when the words' own estimate is above `sparseCountLimit`, from the 1-in-64 sample of
 * the word index (tests lower them). `filterRowCost`: checking the words on one listing's row costs
 * about as much as reading this many entries of the word index (measured at a million listings), so
 * a filter or radius holding fewer than estimate / filterRowCost listings is scanned instead.
 */
export const searchTuning = { exactCountLimit: 8_000, sparseCountLimit: 64_000, filterRowCost: 6 };

const hasFacetFilters = (c: repo.Conditions) => Boolean(c.municipality || c.county || c.sector || c.category);

/** An upper bound of the matches of AND-ed word groups: the smallest group's summed document frequency. */
function estimateMatches(resolved: ResolvedWords | undefined, docCounts: Map<string, number>): number {
  if (!resolved?.groups.length) return Infinity;
  return Math.min(...resolved.groups.map((g) => g.reduce((sum, lexeme) => sum + (docCounts.get(lexeme) ?? 0), 0)));
}

/**
 * The directory search: words AND-ed (each matched by its stems in nb/sv/fi/en, unaccented, or
 * corrected when it is a typo), filters, "near" (sorted by distance, optional radius), "open now" in
 * each place's time zone, a page of results and facet counts where each facet ignores its own filter.
 *
 * Paths, by cost: without words (or open-now/radius) the counts come from the maintained facet
 * tables and the page from an index walk; with a modest number of matches everything is exact and
 * ranked; with very many (a common word, a dense city), counts are estimated on a sample and the
 * result says so (`estimated`).
 */
export function searchListings(db: Kysely<DB>, query: SearchQuery, locale: Locale, now?: Date): Promise<SearchResult> {
  // Callers treat results as read-only (they may be shared). With an explicit `now` (tests, "as of"),
  // that moment is part of the key; otherwise "open now" may lag by at most a minute (see the cache).
  const key = `${locale}|${now ? now.getTime() : ''}|${JSON.stringify(query, Object.keys(query).sort())}`;
  return cached(db, key, () => computeSearch(db, query, locale, now ?? new Date()));
}

async function computeSearch(db: Kysely<DB>, query: SearchQuery, locale: Locale, now: Date): Promise<SearchResult> {
  const page = { limit: query.per_page, offset: (query.page - 1) * query.per_page };
  const filters = { municipality: query.municipality, county: query.county, sector: query.sector, category: query.category };
  const c: repo.Conditions = { ...filters, country: query.country, clocks: clocksAt(now), openNow: query.open_now || undefined };
  const near = parseNear(query.near);
  if (near) {
    c.near = near;
    if (query.radius_km !== undefined) Object.assign(c, { radiusKm: query.radius_km, box: boundingBox(near, query.radius_km) });
  }
  const base = { total: 0, page: query.page, per_page: query.per_page };
  const words = queryWords(query.q);
  const [labels, resolved] = await Promise.all([labelsFor(db, locale), words.length ? resolveQuery(db, words, query.exact) : undefined]);
  const corrections = resolved?.corrections.length ? { corrections: resolved.corrections } : {};
  if (resolved?.unmatched) return { ...base, items: [], facets: { municipality: [], county: [], sector: [], category: [] }, ...corrections };
  if (resolved?.groups.length) c.tsquery = tsqueryText(resolved.groups);
  if (query.municipality) c.municipalityCountries = labels.municipalityCountries.get(query.municipality) ?? [];
  if (query.county) c.countyCountries = labels.countyCountries.get(query.county) ?? [];
  const toItems = (rows: repo.ListingRow[]) => rows.map((r) => toItem(r, labels, locale, Boolean(near)));

  if (!c.tsquery && !c.openNow && c.radiusKm === undefined) {
    // No words: facets from the maintained counts, the page from an index (nearest: growing rings).
    const [counts, rows] = await Promise.all([repo.facetsFromCounts(db, c), near ? nearestPage(db, c, page) : repo.pageOf(db, c, page, 'name')]);
    const rolled: RolledFacets = {
      total: counts.total,
      municipality: new Map(counts.municipality.map((r) => [placeKey(r.country, r.code), r.n])),
      county: new Map(counts.county.map((r) => [placeKey(r.country, r.code), r.n])),
      section: new Map(counts.section.map((r) => [r.code, r.n])),
      category: new Map(counts.category.map((r) => [r.code, r.n])),
    };
    return { ...base, total: counts.total, items: toItems(rows), facets: facetValues(rolled, labels, locale, query.municipality), ...corrections };
  }

  // "Open now" alone keeps to the chosen municipality/county/sector: its facets then count within
  // them, instead of evaluating the hours of every place in three countries.
  const narrow = !c.tsquery && c.radiusKm === undefined;
  const estimate = narrow ? 0 : estimateMatches(resolved, resolved?.docCounts ?? new Map());
  const large = estimate > searchTuning.exactCountLimit;
  const order = near ? 'distance' : large || !c.tsquery ? 'name' : 'rank';
  let cells: FacetCell[] | undefined;
  let rows: repo.ListingRow[] | undefined;
  let estimated = false;
  let exactTotal: number | undefined;
  if (large) {
    // Up to this many listings within the filters (or the box), checking the words on their rows is
    // cheaper than reading every match in the country from the word index.
    const wordsAsFilterUpTo = c.tsquery && Number.isFinite(estimate) ? Math.floor(estimate / searchTuning.filterRowCost) : 0;
    // A filter or a radius can make a large word small: the page then comes with the exact counts
    // in one statement (below), so it is not started before the sample says which. Otherwise page
    // and sample run side by side (two connections on a pool).
    const restricted = hasFacetFilters(c) || (c.box !== undefined && c.tsquery !== undefined);
    const pageFirst = restricted ? undefined : near ? nearestPage(db, c, page, wordsAsFilterUpTo) : repo.pageOf(db, c, page, order);
    pageFirst?.catch(() => undefined); // awaited below
    // The sparser sample first when the words alone promise tens of thousands of matches (a product
    // every shop sells); each sample is trusted only when it says the result is large.
    const tiers: { sample: true | 'sparse'; rate: number }[] =
      c.tsquery && Number.isFinite(estimate) && estimate > searchTuning.sparseCountLimit
        ? [
            { sample: 'sparse', rate: repo.SPARSE_SAMPLE_RATE },
            { sample: true, rate: repo.SAMPLE_RATE },
          ]
        : [{ sample: true, rate: repo.SAMPLE_RATE }];
    let sizes: { filterSize: number | null; boxSize: number | null } | undefined;
    for (const tier of tiers) {
      const sample = await repo.sampleFacetCells(db, c, { sample: tier.sample, sizesUpTo: sizes || !wordsAsFilterUpTo ? undefined : wordsAsFilterUpTo });
      sizes ??= sample;
      const scaled = sample.cells.reduce((n, x) => n + x.n, 0) * tier.rate;
      if (scaled > searchTuning.exactCountLimit) {
        cells = sample.cells.map((x) => ({ ...x, n: x.n * tier.rate }));
        estimated = true;
        break;
      }
      // Clearly small after all (a radius, a rare combination): count exactly without the denser sample.
      if (scaled <= searchTuning.exactCountLimit / 2) break;
    }
    // When the box (a radius) or the filters hold far fewer listings than the words, the words are
    // checked on their rows instead of being read from the word index.
    const inBox = sizes?.boxSize != null && sizes.boxSize <= wordsAsFilterUpTo;
    const inFilters = sizes?.filterSize != null && sizes.filterSize <= wordsAsFilterUpTo;
    if (!cells && pageFirst) cells = await repo.facetCells(db, c);
    else if (!cells) {
      // Not large after all: exact counts and the page in one statement, as the exact path, in the
      // large path's order (browse order, or distance).
      ({ cells, items: rows } = await repo.exactSearch(db, { ...c, wordsAsFilter: inBox }, page, order));
    } else if (rollUpFacets(cells, filters).total <= searchTuning.exactCountLimit) {
      // Large overall but small within the chosen filters (a common word in one town): the total is
      // counted exactly there, with the page, in one statement (the facets stay the sample's).
      const within = await repo.exactSearch(db, { ...c, wordsAsFilter: inBox || inFilters }, page, order, true);
      exactTotal = rollUpFacets(within.cells, filters).total;
      rows = within.items;
    }
    const paged = { ...c, wordsAsFilter: inBox || inFilters };
    rows ??= await (pageFirst ?? (near ? nearestPage(db, paged, page, wordsAsFilterUpTo) : repo.pageOf(db, paged, page, order)));
  } else {
    ({ cells, items: rows } = await repo.exactSearch(db, c, page, order === 'name' ? 'rank' : order, narrow));
  }
  const rolled = rollUpFacets(cells, filters);
  return {
    ...base,
    total: exactTotal ?? rolled.total,
    items: toItems(rows),
    facets: facetValues(rolled, labels, locale, query.municipality),
    ...corrections,
    ...(estimated ? { estimated: true } : {}),
  };
}

/**
 * Nearest first: growing rings (each a box on the lat/lon index) until one holds the whole page;
 * within the radius if one is given. With `wordsAsFilterUpTo` (common words), each ring statement
 * also counts the next ring's box, and a ring holding at most that many listings checks the words
 * on its rows instead of reading them from the word index.
 */
async function nearestPage(db: Kysely<DB>, c: repo.Conditions, page: repo.Page, wordsAsFilterUpTo = 0): Promise<repo.ListingRow[]> {
  const rings = RINGS_KM.filter((km) => c.radiusKm === undefined || km < c.radiusKm);
  let wordsAsFilter = c.wordsAsFilter;
  for (const [i, km] of rings.entries()) {
    const ring = { ...c, wordsAsFilter, radiusKm: km, box: boundingBox(c.near!, km) };
    if (!wordsAsFilterUpTo) {
      const rows = await repo.pageOf(db, ring, page, 'distance');
      if (rows.length === page.limit) return rows;
      continue;
    }
    const nextKm = rings[i + 1] ?? c.radiusKm;
    const next = nextKm === undefined ? undefined : { box: c.box && nextKm === c.radiusKm ? c.box : boundingBox(c.near!, nextKm), upTo: wordsAsFilterUpTo };
    const { items, nextBoxSize } = await repo.ringPage(db, ring, page, next);
    if (items.length === page.limit) return items;
    wordsAsFilter = c.wordsAsFilter || (nextBoxSize !== null && nextBoxSize <= wordsAsFilterUpTo);
  }
  return repo.pageOf(db, { ...c, wordsAsFilter }, page, 'distance');
}

// ── Firm page ───────────────────────────────────────────────────────────────

const nonEmpty = (d: unknown): Record<string, string> | undefined =>
  d && typeof d === 'object' && Object.values(d as Record<string, unknown>).some((v) => typeof v === 'string' && v.trim())
    ? (d as Record<string, string>)
    : undefined;

const isoDate = (d: unknown): string | null =>
  d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

/** One listed place with all its public facts, or null when it is not (or no longer) listed. */
export async function getListing(db: Kysely<DB>, id: number, locale: Locale, now: Date = new Date()): Promise<FirmDetail | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row, labels] = await Promise.all([repo.findListing(db, id, clocksAt(now)), labelsFor(db, locale)]);
  if (!row) return null;
  const firmId = row.firm_id === null ? null : Number(row.firm_id);
  const establishmentId = row.establishment_id === null ? null : Number(row.establishment_id);
  const [registryFacts, related] = await Promise.all([
    publicFirmFacts(db, firmId, establishmentId),
    firmId === null ? { siblings: [], parentListingId: null } : repo.findRelatedListings(db, firmId),
  ]);
  const facts = { ...registryFacts, ...related };
  const { firm, establishment } = facts;
  const unit = establishment ?? firm;
  if (!unit) return null;
  const hours = (unit.opening_hours ?? firm?.opening_hours ?? null) as OpeningHours | null;
  const withZone = hours ? { ...hours, timeZone: hours.timeZone ?? row.time_zone } : null;
  const state = openingState(withZone, row.country as 'NO' | 'SE' | 'FI', now);
  return {
    firm_id: firmId,
    establishment_id: establishmentId,
    manage_path: firmId === null ? null : establishmentId === null ? `/firms/${firmId}/manage` : `/firms/${firmId}/manage/establishments/${establishmentId}`,
    ...toItem(row, labels, locale, false),
    legal_form: firm?.legal_form ?? null,
    nace_code: unit.nace_code ?? firm?.nace_code ?? null,
    employees: unit.employees,
    address: unit.street,
    postcode: unit.postcode,
    city: unit.city,
    website: unit.website ?? firm?.website ?? null,
    email: establishment?.email ?? firm?.email ?? null,
    phone: establishment?.phone ?? firm?.phone ?? null,
    status: unit.status,
    registered_on: isoDate(unit.registered_on),
    description: nonEmpty(establishment?.description) ?? nonEmpty(firm?.description) ?? {},
    opening_hours: withZone,
    opening_state: state
      ? {
          open: state.open,
          ...(state.closesAt ? { closes_at: state.closesAt } : {}),
          ...(state.next ? { next: { date: state.next.date, time: state.next.time, in_days: state.next.inDays } } : {}),
        }
      : null,
    products: facts.products.map((p) => ({ kind: p.kind, name: p.name, description: p.description, price_minor: p.price_minor, currency: p.currency })),
    parent: establishment ? { id: facts.parentListingId, orgnr: firm?.national_id ?? establishment.parent_national_id ?? '', name: firm?.name ?? null } : null,
    establishments: facts.siblings
      .filter((s) => Number(s.id) !== Number(row.id))
      .map((s) => ({
        id: Number(s.id),
        name: s.name,
        orgnr: s.orgnr,
        municipality: s.municipality_code
          ? { code: s.municipality_code, name: labels.municipality.get(placeKey(s.country, s.municipality_code))?.name ?? s.municipality_code }
          : null,
      })),
  };
}

/**
 * What the firm page shows: the listing with its pictures and links. Cached like searches (fresh
 * 30 s, then refreshed in the background, dropped whenever the directory changes): a shop owner's
 * edit shows at once, and repeat visits need no database — on the embedded database, where one
 * long query (an import batch, an analysis) holds the only connection, they still answer at once.
 */
export function getFirmPage(db: Kysely<DB>, id: number, locale: Locale) {
  return cached(db, `firm-page|${id}|${locale}`, async () => {
    const firm = await getListing(db, id, locale);
    if (!firm) return null;
    if (firm.firm_id === null) return { firm, images: [], links: [] };
    const [images, links] = await Promise.all([listPublicImages(db, firm.firm_id, firm.establishment_id), listPublicLinks(db, firm.firm_id)]);
    return { firm, images, links };
  });
}

// ── Filter options and map ──────────────────────────────────────────────────

export interface FilterOptions {
  municipalities: (FacetValue & { county: string })[];
  counties: FacetValue[];
  sectors: FacetValue[];
}

/** Values for the filter selects: the municipalities, counties and sectors that have listings, with counts. */
export async function listFilterOptions(db: Kysely<DB>, locale: Locale, country?: string): Promise<FilterOptions> {
  const [rows, labels] = await Promise.all([repo.listedTotals(db, country), labelsFor(db, locale)]);
  const sum = new Map<string, number>();
  for (const r of rows.filter((r) => r.facet === 'section')) sum.set(r.code, (sum.get(r.code) ?? 0) + r.listings);
  const byName = (a: FacetValue, b: FacetValue) => a.name.localeCompare(b.name, locale);
  return {
    municipalities: rows
      .filter((r) => r.facet === 'municipality')
      .map((r) => {
        const m = labels.municipality.get(placeKey(r.country, r.code));
        return { code: r.code, name: m?.name ?? r.code, count: r.listings, country: r.country as FacetValue['country'], county: m?.county ?? '' };
      })
      .sort(byName),
    counties: rows
      .filter((r) => r.facet === 'county')
      .map((r) => ({
        code: r.code,
        name: labels.county.get(placeKey(r.country, r.code)) ?? r.code,
        count: r.listings,
        country: r.country as FacetValue['country'],
      }))
      .sort(byName),
    sectors: [...sum].map(([code, count]) => ({ code, name: labels.section.get(code) ?? code, count })).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** Positions of at most `limit` matching places for the map (nearest first with `near`); the list stays the reference. */
export async function listingsForMap(db: Kysely<DB>, query: SearchQuery, locale: Locale, now: Date = new Date(), limit = 500): Promise<repo.MapPoint[]> {
  void locale;
  const c: repo.Conditions = {
    municipality: query.municipality,
    county: query.county,
    sector: query.sector,
    category: query.category,
    country: query.country,
    clocks: clocksAt(now),
    openNow: query.open_now || undefined,
  };
  const near = parseNear(query.near);
  if (near) {
    c.near = near;
    if (query.radius_km !== undefined) Object.assign(c, { radiusKm: query.radius_km, box: boundingBox(near, query.radius_km) });
  }
  const words = queryWords(query.q);
  if (words.length) {
    const resolved = await resolveQuery(db, words, query.exact);
    if (resolved.unmatched) return [];
    if (resolved.groups.length) c.tsquery = tsqueryText(resolved.groups);
  }
  return repo.mapPoints(db, c, Math.min(Math.max(limit, 1), 2000));
}

// ── Options for the search form ─────────────────────────────────────────────

export interface SectorOption {
  code: string;
  name: string;
}

/** NACE sections (A–U) labelled in the reader's language: the values of the `sector` filter. */
export async function listSectorOptions(db: Kysely<DB>, locale: Locale): Promise<SectorOption[]> {
  const labels = await labelsFor(db, locale);
  return [...labels.section].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
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
/** Municipalities that have listings, with counts (cached with the searches: dropped whenever the directory changes). */
export function listMunicipalityOptions(db: Kysely<DB>, locale: Locale): Promise<MunicipalityOption[]> {
  return cached(db, `municipality-options|${locale}`, () => computeMunicipalityOptions(db, locale));
}

/** The front page's municipalities: every municipality with its number of listings (cached likewise). */
export function listFrontPageMunicipalities(db: Kysely<DB>, locale: Locale) {
  return cached(db, `front-page|${locale}`, async () => {
    const [places, withListings] = await Promise.all([listMunicipalities(db, locale), listMunicipalityOptions(db, locale)]);
    const counts = new Map(withListings.map((m) => [`${m.country}:${m.code}`, m.count]));
    return places.map((m) => ({
      country: m.country,
      code: m.code,
      name: m.names[locale as keyof typeof m.names] ?? m.name,
      count: counts.get(`${m.country}:${m.code}`) ?? 0,
    }));
  });
}

async function computeMunicipalityOptions(db: Kysely<DB>, locale: Locale): Promise<MunicipalityOption[]> {
  const [options, municipalities, labels] = await Promise.all([listFilterOptions(db, locale), listMunicipalities(db, locale), labelsFor(db, locale)]);
  const centre = new Map(municipalities.map((m) => [placeKey(m.country, m.code), m.position]));
  return options.municipalities.map((m) => {
    const country = m.country ?? 'NO';
    return {
      code: m.code,
      name: m.name,
      country,
      county: m.county ? { code: m.county, name: labels.county.get(placeKey(country, m.county)) ?? m.county } : null,
      position: centre.get(placeKey(country, m.code)) ?? null,
      count: m.count,
    };
  });
}

/** Where other modules link to a firm's public page: resolved to its listing by GET /firms/by-firm/:firmId. */
export const publicFirmPath = (firmId: number) => `/firms/by-firm/${firmId}`;

/**
 * The public page of an establishment (shop, branch). Public URLs use one id space, the listing's:
 * 2 × firm id for a firm listed without establishments, 2 × establishment id + 1 for an
 * establishment (migration 0002) — so this needs no lookup.
 */
export const publicEstablishmentPath = (establishmentId: number) => `/firms/${establishmentId * 2 + 1}`;

export async function findListingIdForFirm(db: Kysely<DB>, firmId: number): Promise<number | null> {
  return repo.findListingIdForFirm(db, firmId);
}

// ── Sitemap ─────────────────────────────────────────────────────────────────

/** How many listing pages the sitemap has (cached with the searches: dropped whenever the directory changes). */
export function sitemapListingPages(db: Kysely<DB>, pageSize: number): Promise<number> {
  return cached(db, `sitemap-pages|${pageSize}`, async () => Math.ceil((await repo.countListings(db)) / pageSize));
}

/** The listing ids of sitemap page `page` (1-based). */
export function sitemapListingIds(db: Kysely<DB>, page: number, pageSize: number): Promise<number[]> {
  return cached(db, `sitemap|${pageSize}|${page}`, () => repo.listingIdsPage(db, (page - 1) * pageSize, pageSize));
}

/** Everyday categories with their number of listings (front page: only those with listings are links). */
export function listCategoryCounts(db: Kysely<DB>, locale: Locale): Promise<{ key: string; name: string; count: number }[]> {
  return cached(db, `category-counts|${locale}`, async () => {
    const rows = await repo.listedTotals(db);
    const counts = new Map<string, number>();
    for (const r of rows.filter((r) => r.facet === 'category')) counts.set(r.code, (counts.get(r.code) ?? 0) + r.listings);
    return listCategoryOptions(locale)
      .map((c) => ({ ...c, count: counts.get(c.key) ?? 0 }))
      .filter((c) => c.count > 0);
  });
}
