import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { isSection, timeZones, type FacetCell, type LocalClock, type Point, type TimeZone } from './directory.query.js';

/** SQL of the directory search. Reads only the directory's read model (see directory.sync.repository.ts for its writer). */

type Sql = RawBuilder<unknown>;
const and = (parts: Sql[]): Sql => (parts.length ? sql.join(parts, sql` and `) : sql`true`);

// ── Query words ─────────────────────────────────────────────────────────────

export interface WordForm {
  /** 1-based position of the word in the query */
  i: number;
  lexeme: string | null;
  /** listings containing the lexeme; null when the corpus does not have it */
  doc_count: number | null;
  /** the word is a stop word in one of the languages */
  is_stop: boolean;
}

/**
 * Each query word → the corpus lexemes it can match: its unaccented form and its stems in the four
 * languages, with their document frequency (null when the corpus does not have the lexeme).
 */
export async function lookUpWordForms(db: Kysely<DB>, words: string[]): Promise<WordForm[]> {
  const r = await sql<WordForm>`
    select w.i::int as i, f.lexeme, d.doc_count,
           (ts_lexize('norwegian_stem', w.word) = '{}' or ts_lexize('swedish_stem', w.word) = '{}'
             or ts_lexize('finnish_stem', w.word) = '{}' or ts_lexize('english_stem', w.word) = '{}') as is_stop
    from unnest(${words}::text[]) with ordinality as w(word, i)
    cross join lateral unnest(array[lk_unaccent(w.word)] || ts_lexize('norwegian_stem', w.word) || ts_lexize('swedish_stem', w.word)
                              || ts_lexize('finnish_stem', w.word) || ts_lexize('english_stem', w.word)) as f(lexeme)
    -- a range rather than "=": pg_trgm's index also serves "=" and the planner would take it (about
    -- 1 ms a word) over the primary key; it cannot serve a range, so the lookup stays on the btree.
    left join directory_words d on d.word >= f.lexeme and d.word <= f.lexeme`.execute(db);
  return r.rows;
}

export interface TypoRow {
  i: number;
  lexeme: string;
  doc_count: number;
  similarity: number;
}

/**
 * Words the corpus does not have → their nearest corpus words by trigram similarity, through the
 * word table's GIN index (thousands of words, not a million listings). The caller keeps those
 * within a small edit distance.
 */
export async function nearestWords(db: Kysely<DB>, words: { i: number; word: string }[]): Promise<TypoRow[]> {
  const r = await sql<TypoRow>`
    select w.i::int as i, c.word as lexeme, c.doc_count, c.similarity::float8 as similarity
    from unnest(${words.map((w) => w.word)}::text[], ${words.map((w) => w.i)}::int[]) as w(word, i)
    cross join lateral (
      select d.word, d.doc_count, similarity(d.word, lk_unaccent(w.word)) as similarity
      from directory_words d where d.word % lk_unaccent(w.word)
      order by 3 desc, d.doc_count desc limit 8
    ) c`.execute(db);
  return r.rows;
}

// ── Conditions ──────────────────────────────────────────────────────────────

export interface Conditions {
  tsquery?: string;
  country?: string;
  municipality?: string;
  county?: string;
  /** The countries that have the filtered municipality/county code (codes are national), so that the
   * facet tables' (country, code) keys can be used */
  municipalityCountries?: string[];
  countyCountries?: string[];
  sector?: string;
  /** Everyday category key */
  category?: string;
  /** The local clocks of "now" in each time zone: items say whether they are open */
  clocks: Record<TimeZone, LocalClock>;
  /** Only places open now */
  openNow?: boolean;
  near?: Point;
  radiusKm?: number;
  /** A lat/lon box that contains the radius (or a search ring when no radius is given) */
  box?: { minLat: number; maxLat: number; minLon: number; maxLon: number };
  /**
   * Check the words on the rows the other conditions select instead of looking them up in the word
   * index: for words in tens of thousands of listings within a filter of a few thousand, reading the
   * word index's posting lists (every match in the country) costs more than the filter's rows. The
   * samples always use their word indexes.
   */
  wordsAsFilter?: boolean;
}

const byZone = (clocks: Record<TimeZone, LocalClock>, pick: (c: LocalClock) => number | string, cast: string) =>
  sql`case time_zone ${sql.join(
    timeZones.slice(0, -1).map((tz) => sql`when ${tz} then ${pick(clocks[tz])}::${sql.raw(cast)}`),
    sql` `,
  )} else ${pick(clocks[timeZones.at(-1)!])}::${sql.raw(cast)} end`;

/** Open at the given local clocks (each place in its own time zone); NULL when the place gives no hours. */
function openNow(clocks: Record<TimeZone, LocalClock>): Sql {
  const minute = byZone(clocks, (c) => c.minuteOfWeek, 'int4');
  return sql`(case when weekly_open is null then null when hours_exceptions is null then weekly_open @> ${minute}
    else lk_is_open(weekly_open, hours_exceptions, ${byZone(clocks, (c) => c.date, 'text')}, ${minute}) end)`;
}

/** Great-circle distance in km (haversine) from a point. */
export const distanceKm = (p: Point): Sql =>
  sql`(12742.0 * asin(least(1.0, sqrt(power(sin(radians(lat - ${p.lat}::float8) / 2), 2) + cos(radians(${p.lat}::float8)) * cos(radians(lat)) * power(sin(radians(lon - ${p.lon}::float8) / 2), 2)))))`;

const sectorCondition = (sector: string): Sql => (isSection(sector) ? sql`nace_section = ${sector}` : sql`nace_division = ${sector}`);

type Box = NonNullable<Conditions['box']>;
const inBox = (box: Box) => sql`lat between ${box.minLat}::float8 and ${box.maxLat}::float8 and lon between ${box.minLon}::float8 and ${box.maxLon}::float8`;

/** Filters that have no facet (words, country, open now, distance): applied before facets are counted. */
function baseConditions(c: Conditions, indexedWords = false): Sql[] {
  const parts: Sql[] = [];
  // ts_match_vq is what @@ calls; written as a function the planner cannot serve it from the GIN index.
  if (c.tsquery) parts.push(c.wordsAsFilter && !indexedWords ? sql`ts_match_vq(tsv, ${c.tsquery}::tsquery)` : sql`tsv @@ ${c.tsquery}::tsquery`);
  if (c.country) parts.push(sql`country = ${c.country}`);
  if (c.openNow) parts.push(sql`coalesce(${openNow(c.clocks)}, false)`);
  if (c.box) parts.push(inBox(c.box));
  if (c.near && c.radiusKm !== undefined) parts.push(sql`${distanceKm(c.near)} <= ${c.radiusKm}::float8`);
  return parts;
}

/** Filters that have a facet (municipality, county, sector). */
function facetConditions(c: Conditions): Sql[] {
  const parts: Sql[] = [];
  if (c.municipality) parts.push(sql`municipality_code = ${c.municipality}`);
  if (c.county) parts.push(sql`county_code = ${c.county}`);
  if (c.sector) parts.push(sectorCondition(c.sector));
  if (c.category) parts.push(sql`category = ${c.category}`);
  return parts;
}

// ── Result rows ─────────────────────────────────────────────────────────────

export interface ListingRow {
  id: number;
  kind: 'firm' | 'establishment';
  orgnr: string;
  country: string;
  name: string;
  municipality_code: string | null;
  county_code: string | null;
  nace_division: string | null;
  nace_section: string | null;
  lat: number | null;
  lon: number | null;
  address: string | null;
  snippets: Record<string, string> | null;
  is_demo: boolean;
  language: string;
  is_open: boolean | null;
  distance_km: number | null;
  category: string | null;
}

function itemJson(c: Conditions, alias: string): Sql {
  const a = sql.raw(alias);
  return sql`json_build_object('id', ${a}.id, 'kind', ${a}.kind, 'orgnr', ${a}.orgnr, 'country', ${a}.country, 'name', ${a}.name,
    'municipality_code', ${a}.municipality_code, 'county_code', ${a}.county_code, 'nace_division', ${a}.nace_division, 'nace_section', ${a}.nace_section,
    'lat', ${a}.lat, 'lon', ${a}.lon, 'address', ${a}.address, 'snippets', ${a}.snippets, 'is_demo', ${a}.is_demo, 'language', ${a}.language, 'category', ${a}.category,
    'is_open', ${openNow(c.clocks)}, 'distance_km', ${c.near ? distanceKm(c.near) : sql`null`})`;
}

export interface Page {
  limit: number;
  offset: number;
}

type Packed = [string, string, string, string, boolean, string, number];
const unpackCell = ([country, county, municipality, section, sectorOk, category, n]: Packed): FacetCell => ({
  country,
  county,
  municipality,
  section,
  sectorOk,
  category,
  n,
});

/** 1 in SAMPLE_RATE listings are in the sample indexes (see migration 0002). */
export const SAMPLE_RATE = 8;
/** 1 in SPARSE_SAMPLE_RATE listings are in the sparse sample of the word index (migration 0102). */
export const SPARSE_SAMPLE_RATE = 64;
// Written exactly as the partial indexes' predicates, so the planner can use them.
const inSample = sql`(hashint8(id) & 7) = 0`;
const inSparseSample = sql`(hashint8(id) & 63) = 0`;

/**
 * Facet cells of the listings matching the conditions without a facet (words, country, open now,
 * radius): counts per (country, county, municipality, section), rolled up in JS so that each facet
 * can leave out its own filter. With `sample`, only the 1-in-8 sample is counted (through its
 * partial indexes; 'sparse': the 1-in-64 sample of the word index): the caller scales the counts.
 */
export async function facetCells(
  db: Kysely<DB>,
  c: Conditions,
  options: { sample?: boolean | 'sparse'; withFacetFilters?: boolean } = {},
): Promise<FacetCell[]> {
  return (await sampleFacetCells(db, c, options)).cells;
}

/**
 * facetCells, and with `sizesUpTo` also how many listings the conditions other than the words
 * select, in the same statement: within the facet filters and the country (from the maintained
 * directory_facet_counts) and within the box (the 1-in-8 sample of the position index, scaled; it
 * stops counting at `sizesUpTo`), null when there is no such condition. They tell whether the words
 * are cheaper checked on those rows than looked up in the word index (wordsAsFilter).
 */
export async function sampleFacetCells(
  db: Kysely<DB>,
  c: Conditions,
  options: { sample?: boolean | 'sparse'; withFacetFilters?: boolean; sizesUpTo?: number } = {},
): Promise<{ cells: FacetCell[]; filterSize: number | null; boxSize: number | null }> {
  const sample = options.sample === 'sparse' ? [inSparseSample] : options.sample ? [inSample] : [];
  const where = [...baseConditions(c, sample.length > 0), ...(options.withFacetFilters ? facetConditions(c) : []), ...sample];
  const upTo = options.sizesUpTo;
  const filterSize = upTo !== undefined && facetConditions(c).length ? sql`(${listingsWithinFilters(c)})` : sql`null::int`;
  const boxSize = upTo !== undefined && c.box ? sql`(${listingsInBox(c.box, upTo)})` : sql`null::int`;
  // Compact arrays rather than objects: these can be a thousand cells per query.
  const r = await sql<{ cells: Packed[] | null; filter_size: number | null; box_size: number | null }>`
    select (select json_agg(json_build_array(country, county, municipality, section, sector_ok, category, n)) from (
      select country, coalesce(county_code, '') as county, coalesce(municipality_code, '') as municipality, coalesce(nace_section, '') as section,
             ${c.sector ? sectorCondition(c.sector) : sql`true`} as sector_ok, coalesce(category, '') as category, count(*)::int as n
      from directory_listings where ${and(where)} group by 1, 2, 3, 4, 5, 6) x) as cells, ${filterSize} as filter_size, ${boxSize} as box_size`.execute(db);
  const row = r.rows[0];
  return { cells: (row?.cells ?? []).map(unpackCell), filterSize: row?.filter_size ?? null, boxSize: row?.box_size ?? null };
}

/** Listings in a lat/lon box, counted on the 1-in-8 sample of the position index and scaled; counting stops past `upTo`. */
function listingsInBox(box: Box, upTo: number): Sql {
  const limit = Math.max(1, Math.ceil(upTo / SAMPLE_RATE) + 1);
  return sql`select count(*)::int * ${SAMPLE_RATE}::int from (select 1 from directory_listings where ${inBox(box)} and ${inSample} limit ${limit}) b`;
}

/** Listings within the facet filters and the country, from the maintained counts (directory_facet_counts). */
function listingsWithinFilters(c: Conditions): Sql {
  const inCountries = (countries: string[] | undefined) => (countries ? [sql`country = any(${countries}::text[])`] : []);
  const where = [
    ...(c.country ? [sql`country = ${c.country}`] : []),
    ...(c.municipality ? [sql`municipality_code = ${c.municipality}`, ...inCountries(c.municipalityCountries)] : []),
    ...(c.county ? [sql`county_code = ${c.county}`, ...inCountries(c.countyCountries)] : []),
    ...(c.sector ? [sectorCondition(c.sector)] : []),
    ...(c.category ? [sql`category = ${c.category}`] : []),
  ];
  return sql`select coalesce(sum(listings), 0)::int from directory_facet_counts where ${and(where)}`;
}

/**
 * The exact path, in one statement: the matches are read once (a materialised CTE of their narrow
 * columns) and feed both the facet cells and the ranked page. Two statements would each visit the
 * same heap pages; on PGlite they cannot even run side by side.
 */
export async function exactSearch(
  db: Kysely<DB>,
  c: Conditions,
  page: Page,
  order: 'rank' | 'distance' | 'name',
  withFacetFilters = false,
): Promise<{ cells: FacetCell[]; items: ListingRow[] }> {
  const rank = order === 'rank' && c.tsquery ? sql`ts_rank(tsv, ${c.tsquery}::tsquery)` : sql`0::real`;
  const distance = c.near ? distanceKm(c.near) : sql`null::float8`;
  const orderBy = (t: string) => {
    const a = sql.raw(t);
    return order === 'distance' ? sql`${a}.distance, ${a}.id` : sql`${a}.rank desc, ${a}.boost desc, ${a}.sort_name, ${a}.id`;
  };
  const scanned = withFacetFilters ? [...baseConditions(c), ...facetConditions(c)] : baseConditions(c);
  const r = await sql<{ cells: Packed[] | null; items: ListingRow[] | null }>`
    with m as materialized (
      select id, country, county_code, municipality_code, nace_section, nace_division, category, boost, sort_name, ${rank} as rank, ${distance} as distance
      from directory_listings where ${and(scanned)}
    ),
    page as (
      select id, rank, boost, sort_name, distance from m where ${and(facetConditions(c))} order by ${orderBy('m')} limit ${page.limit} offset ${page.offset}
    )
    select (select json_agg(json_build_array(country, county, municipality, section, sector_ok, category, n)) from (
              select country, coalesce(county_code, '') as county, coalesce(municipality_code, '') as municipality, coalesce(nace_section, '') as section,
                     ${c.sector ? sectorCondition(c.sector) : sql`true`} as sector_ok, coalesce(category, '') as category, count(*)::int as n
              from m group by 1, 2, 3, 4, 5, 6) x) as cells,
           (select json_agg(${itemJson(c, 'l')} order by ${orderBy('page')}) from page join directory_listings l on l.id = page.id) as items`.execute(db);
  const row = r.rows[0];
  return {
    cells: (row?.cells ?? []).map(unpackCell),
    items: row?.items ?? [],
  };
}

/**
 * A page of the matches within a search ring (by distance), and, when it is not full, how many
 * listings the next, larger ring's box holds (see listingsInBox): what decides how that ring checks
 * the words.
 */
export async function ringPage(
  db: Kysely<DB>,
  c: Conditions,
  page: Page,
  next?: { box: Box; upTo: number },
): Promise<{ items: ListingRow[]; nextBoxSize: number | null }> {
  // The next box is counted only when this ring does not fill the page (an init plan runs when first needed).
  const r = await sql<{ items: ListingRow[] | null; next_box_size: number | null }>`
    select p.items, ${next ? sql`case when coalesce(json_array_length(p.items), 0) < ${page.limit}::int then (${listingsInBox(next.box, next.upTo)}) end` : sql`null::int`} as next_box_size
    from (${pageSql(c, page, 'distance')}) p`.execute(db);
  return { items: r.rows[0]?.items ?? [], nextBoxSize: r.rows[0]?.next_box_size ?? null };
}

/**
 * A page of matching listings: by relevance (ts_rank: the name weighs most; then profile
 * completeness, then name), by distance, or in browse order (an index walk, for very large sets).
 */
export async function pageOf(db: Kysely<DB>, c: Conditions, page: Page, order: 'rank' | 'distance' | 'name'): Promise<ListingRow[]> {
  const r = await sql<{ items: ListingRow[] | null }>`${pageSql(c, page, order)}`.execute(db);
  return r.rows[0]?.items ?? [];
}

function pageSql(c: Conditions, page: Page, order: 'rank' | 'distance' | 'name'): Sql {
  const orderBy =
    order === 'distance' && c.near
      ? sql`${distanceKm(c.near)}, id`
      : order === 'rank' && c.tsquery
        ? sql`ts_rank(tsv, ${c.tsquery}::tsquery) desc, boost desc, sort_name, id`
        : sql`boost desc, sort_name, id`;
  return sql`
    select json_agg(${itemJson(c, 'l')} order by p.ord) as items
    from (select id, row_number() over () as ord from (
            select id from directory_listings where ${and([...baseConditions(c), ...facetConditions(c)])}
            order by ${orderBy} limit ${page.limit} offset ${page.offset}) o) p
    join directory_listings l on l.id = p.id`;
}

// ── Facets without words: from the maintained counts ────────────────────────

export interface CountRow {
  country: string;
  code: string;
  n: number;
}

/**
 * Facets and total of a query without words (and without open-now/radius), from
 * directory_facet_totals (unfiltered facets) or directory_facet_counts (filtered), never from the
 * listings themselves. Each facet excludes its own filter.
 */
export async function facetsFromCounts(
  db: Kysely<DB>,
  c: Conditions,
): Promise<{ municipality: CountRow[]; county: CountRow[]; section: CountRow[]; category: CountRow[]; total: number }> {
  const country = c.country ? [sql`country = ${c.country}`] : [];
  const inCountries = (countries: string[] | undefined) => (countries ? [sql`country = any(${countries}::text[])`] : []);
  const m = c.municipality ? [sql`municipality_code = ${c.municipality}`, ...inCountries(c.municipalityCountries)] : [];
  const k = c.county ? [sql`county_code = ${c.county}`, ...inCountries(c.countyCountries)] : [];
  const s = c.sector ? [sectorCondition(c.sector)] : [];
  const g = c.category ? [sql`category = ${c.category}`] : [];
  const totals = (facet: string, group: Sql) =>
    sql`select ${group} as country, code, sum(listings)::int as n from directory_facet_totals where facet = ${facet} and ${and(country)} group by 1, 2`;
  const counts = (column: string, group: Sql, filters: Sql[]) =>
    sql`select ${group} as country, ${sql.ref(column)} as code, sum(listings)::int as n from directory_facet_counts where ${and([...country, ...filters])} group by 1, 2`;
  const municipality = k.length || s.length || g.length ? counts('municipality_code', sql`country`, [...k, ...s, ...g]) : totals('municipality', sql`country`);
  const county = m.length || s.length || g.length ? counts('county_code', sql`country`, [...m, ...s, ...g]) : totals('county', sql`country`);
  const section = m.length || k.length || g.length ? counts('nace_section', sql`''`, [...m, ...k, ...g]) : totals('section', sql`''`);
  const category = m.length || k.length || s.length ? counts('category', sql`''`, [...m, ...k, ...s]) : totals('category', sql`''`);
  const total =
    m.length || k.length || s.length || g.length
      ? sql`select coalesce(sum(listings), 0)::int from directory_facet_counts where ${and([...country, ...m, ...k, ...s, ...g])}`
      : sql`select coalesce(sum(listings), 0)::int from directory_facet_totals where facet = 'total' and ${and(country)}`;
  const agg = (q: Sql) => sql`(select coalesce(json_agg(json_build_array(x.country, x.code, x.n)), '[]') from (${q}) x where x.code <> '')`;
  type Packed = [string, string, number][];
  const r = await sql<{ municipality: Packed; county: Packed; section: Packed; category: Packed; total: number }>`
    select ${agg(municipality)} as municipality, ${agg(county)} as county, ${agg(section)} as section, ${agg(category)} as category, (${total}) as total`.execute(
    db,
  );
  const unpack = (rows: Packed): CountRow[] => rows.map(([country, code, n]) => ({ country, code, n }));
  const row = r.rows[0];
  return { municipality: unpack(row.municipality), county: unpack(row.county), section: unpack(row.section), category: unpack(row.category), total: row.total };
}

// ── Firm page ───────────────────────────────────────────────────────────────

export async function findListing(db: Kysely<DB>, id: number, clocks: Record<TimeZone, LocalClock>) {
  const r = await sql<ListingRow & { firm_id: number | null; establishment_id: number | null; time_zone: string }>`
    select id, kind, firm_id, establishment_id, orgnr, country, name, municipality_code, county_code, nace_division, nace_section, lat, lon,
           address, snippets, is_demo, language, time_zone, category, ${openNow(clocks)} as is_open, null::float8 as distance_km
    from directory_listings where id = ${id}`.execute(db);
  return r.rows[0];
}

/** The firm's other listed establishments and the firm's own listing, for a firm page (the facts come from the registry). */
export async function findRelatedListings(db: Kysely<DB>, firmId: number) {
  const siblings = await db
    .selectFrom('directory_listings')
    .select(['id', 'name', 'orgnr', 'country', 'municipality_code'])
    .where('firm_id', '=', firmId)
    .where('kind', '=', 'establishment')
    .orderBy('name')
    .limit(200)
    .execute();
  const parentListing = await db
    .selectFrom('directory_listings')
    .select('id')
    .where('id', '=', firmId * 2)
    .executeTakeFirst();
  return { siblings, parentListingId: parentListing?.id ?? null };
}

// ── Filter options and map ──────────────────────────────────────────────────

/** Municipalities, counties and sections that have listings, with their counts (for filter selects). */
export async function listedTotals(db: Kysely<DB>, country?: string) {
  let q = db
    .selectFrom('directory_facet_totals')
    .select(['facet', 'country', 'code', 'listings'])
    .where('facet', 'in', ['municipality', 'county', 'section', 'category'])
    .where('listings', '>', 0)
    .where('code', '<>', '');
  if (country) q = q.where('country', '=', country);
  return q.execute();
}

export interface MapPoint {
  id: number;
  name: string;
  lat: number;
  lon: number;
  nace_section: string | null;
}

/** Positions of matching listings for a map, nearest/first `limit` only (the list stays the reference). */
export async function mapPoints(db: Kysely<DB>, c: Conditions, limit: number): Promise<MapPoint[]> {
  const order = c.near
    ? sql`${distanceKm(c.near)}`
    : c.tsquery
      ? sql`ts_rank(tsv, ${c.tsquery}::tsquery) desc, boost desc, sort_name`
      : sql`boost desc, sort_name`;
  const r = await sql<MapPoint>`select id, name, lat, lon, nace_section from directory_listings
    where ${and([...baseConditions(c), ...facetConditions(c), sql`lat is not null`])} order by ${order}, id limit ${limit}`.execute(db);
  return r.rows;
}

/** The listing that stands for a firm: its own, or (when it is listed through its establishments) the first of those. */
export async function findListingIdForFirm(db: Kysely<DB>, firmId: number): Promise<number | null> {
  const r = await db
    .selectFrom('directory_listings')
    .select('id')
    .where('firm_id', '=', firmId)
    .orderBy(sql`kind = 'firm'`, 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

// ── Sitemap ─────────────────────────────────────────────────────────────────

export async function countListings(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from directory_listings`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Listing ids in id order, one sitemap page (an index-only walk of the primary key). */
export async function listingIdsPage(db: Kysely<DB>, offset: number, limit: number): Promise<number[]> {
  const r = await sql<{ id: string | number }>`select id from directory_listings order by id limit ${limit} offset ${offset}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
