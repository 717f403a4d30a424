import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { categoryPrefixes } from './data/categories.js';

/**
 * SQL of the listing sync (the read model's projection of the registry). Split from the search
 * repository because it is the one place that reads the registry's tables (firms, establishments,
 * products) and the place reference tables, set-based.
 */

/**
 * Which firms a sync covers: a list of ids (incremental syncs), or the firms registered in a list of
 * municipalities, or those without a municipality (full rebuilds go place by place, in order).
 */
export type FirmScope = { ids: number[]; establishmentIds?: number[] } | { places: { country: string; code: string }[] } | { unplaced: true };

function firmsInScope(scope: FirmScope): RawBuilder<unknown> {
  if ('ids' in scope) return sql`id = any(${scope.ids}::int8[])`;
  if ('places' in scope) {
    return sql`(country, municipality_code) in (select c, m from unnest(${scope.places.map((p) => p.country)}::text[], ${scope.places.map((p) => p.code)}::text[]) as t(c, m))`;
  }
  return sql`municipality_code is null`;
}

/** Establishments without a parent firm in the registry that a sync covers (listed on their own record). */
function orphansInScope(scope: FirmScope): RawBuilder<unknown> {
  if ('ids' in scope) return sql`e.id = any(${scope.establishmentIds ?? []}::int8[])`;
  if ('places' in scope) {
    return sql`(e.country, e.municipality_code) in (select c, m from unnest(${scope.places.map((p) => p.country)}::text[], ${scope.places.map((p) => p.code)}::text[]) as t(c, m))`;
  }
  return sql`e.municipality_code is null`;
}

/** The everyday category of an industry code (longest prefix of data/categories.ts), as one CASE. */
function categoryOf(code: RawBuilder<unknown>): RawBuilder<unknown> {
  const cases = categoryPrefixes().map(({ prefix, key }) => `when c like '${prefix}%' then '${key}'`);
  return sql`(select case ${sql.raw(cases.join(' '))} end from (select regexp_replace(${code}, '[^0-9]', '', 'g') as c) x)`;
}

/** Columns of directory_listings in table order (the temp table is created LIKE it). */
export const listingColumns = [
  'id',
  'kind',
  'firm_id',
  'establishment_id',
  'country',
  'orgnr',
  'name',
  'sort_name',
  'municipality_code',
  'county_code',
  'nace_division',
  'nace_section',
  'lat',
  'lon',
  'language',
  'is_demo',
  'address',
  'snippets',
  'time_zone',
  'weekly_open',
  'hours_exceptions',
  'boost',
  'tsv',
  'category',
] as const;

/**
 * One row per listing of the firms in scope: each active establishment of an active firm, or the
 * active firm itself when it has no active establishment. Text is indexed stemmed in the firm's
 * language and unaccented; names weigh A, products B, descriptions C, place names D.
 */
export function listingRows(scope: FirmScope): RawBuilder<unknown> {
  return sql`
  with f as (
    select id, country, national_id, name, municipality_code, nace_code, nace_division, lat, lon, language, is_demo, street, postcode, city, description, opening_hours, category
    from firms where ${firmsInScope(scope)} and status = 'active'
  ),
  e as (
    select e.id, e.firm_id, e.country, e.national_id, e.name, e.municipality_code, e.nace_code, e.nace_division, e.lat, e.lon, e.is_demo, e.street, e.postcode, e.city, e.description, e.opening_hours, e.category
    from establishments e where e.firm_id in (select id from f) and e.status = 'active'
    union all
    select e.id, e.firm_id, e.country, e.national_id, e.name, e.municipality_code, e.nace_code, e.nace_division, e.lat, e.lon, e.is_demo, e.street, e.postcode, e.city, e.description, e.opening_hours, e.category
    from establishments e where e.firm_id is null and ${orphansInScope(scope)} and e.status = 'active'
  ),
  units as (
    select f.id * 2 as id, 'firm' as kind, f.id as firm_id, null::bigint as establishment_id, f.country, f.national_id as orgnr, f.name,
           f.municipality_code, f.nace_division, f.lat, f.lon, f.language, f.is_demo, f.street, f.postcode, f.city, f.description, f.opening_hours,
           coalesce(f.category, ${categoryOf(sql`f.nace_code`)}) as category
    from f where not exists (select 1 from e where e.firm_id = f.id)
    union all
    select e.id * 2 + 1, 'establishment', f.id, e.id, e.country, e.national_id, e.name,
           coalesce(e.municipality_code, f.municipality_code), coalesce(e.nace_division, f.nace_division), e.lat, e.lon,
           coalesce(f.language, case e.country when 'SE' then 'sv' when 'FI' then 'fi' else 'nb' end), e.is_demo or coalesce(f.is_demo, false),
           e.street, e.postcode, e.city,
           case when e.description <> '{}'::jsonb then e.description else f.description end,
           coalesce(e.opening_hours, f.opening_hours),
           coalesce(e.category, f.category, ${categoryOf(sql`coalesce(e.nace_code, f.nace_code)`)})
    from e left join f on f.id = e.firm_id
  ),
  prod as (
    select p.firm_id, p.establishment_id, string_agg(p.name, ' ' order by p.id) as names, string_agg(p.description, ' ' order by p.id) as descriptions
    from products p where p.firm_id in (select id from f)
    group by p.firm_id, p.establishment_id
  ),
  place as (
    select m.country, m.code, m.county_code, setweight(to_tsvector('simple', lk_unaccent(string_agg(distinct t.v, ' '))), 'D') as tsv
    from municipalities m, jsonb_each_text(m.names) t(k, v)
    where (m.country, m.code) in (select country, municipality_code from units)
    group by m.country, m.code, m.county_code
  ),
  u as (
    select units.*,
           nullif(concat_ws(' ', pf.names, pe.names), '') as product_names,
           nullif(concat_ws(' ', pf.descriptions, pe.descriptions), '') as product_descriptions,
           place.county_code, place.tsv as place_tsv, d.section as nace_section
    from units
    left join prod pf on pf.firm_id = units.firm_id and pf.establishment_id is null
    left join prod pe on pe.establishment_id = units.establishment_id
    left join place on place.country = units.country and place.code = units.municipality_code
    left join nace_divisions d on d.code = units.nace_division
  )
  select u.id, u.kind, u.firm_id, u.establishment_id, u.country, u.orgnr, u.name,
    lower(lk_unaccent(u.name)) as sort_name,
    u.municipality_code, u.county_code, u.nace_division, u.nace_section, u.lat, u.lon, u.language, u.is_demo,
    nullif(concat_ws(', ', u.street, nullif(concat_ws(' ', u.postcode, u.city), '')), '') as address,
    case when u.description is not null and u.description <> '{}'::jsonb then
      (select jsonb_object_agg(k, left(v, 240)) from jsonb_each_text(case when jsonb_typeof(u.description) = 'object' then u.description else '{}' end) t(k, v) where v <> '') end as snippets,
    case when u.opening_hours->>'timeZone' in ('Europe/Oslo', 'Europe/Stockholm', 'Europe/Helsinki') then u.opening_hours->>'timeZone'
         when u.country = 'NO' then 'Europe/Oslo' when u.country = 'SE' then 'Europe/Stockholm' else 'Europe/Helsinki' end as time_zone,
    case when u.opening_hours is not null then lk_weekly_open(u.opening_hours) end as weekly_open,
    case when jsonb_typeof(u.opening_hours->'exceptions') = 'array' and jsonb_array_length(u.opening_hours->'exceptions') > 0 then u.opening_hours->'exceptions' end as hours_exceptions,
    (case when u.description is not null and u.description <> '{}'::jsonb then 2 else 0 end
      + case when u.product_names is not null then 1 else 0 end
      + case when u.opening_hours is not null then 1 else 0 end)::smallint as boost,
    lk_listing_vector(u.language, u.name, u.product_names, u.product_descriptions, u.description,
      case when u.city is not null and lower(u.city) <> lower(coalesce(m_name.name, '')) then u.place_tsv || setweight(to_tsvector('simple', lk_unaccent(u.city)), 'D') else u.place_tsv end) as tsv,
    u.category
  from u left join municipalities m_name on m_name.country = u.country and m_name.code = u.municipality_code`;
}

const columnList = sql.raw(listingColumns.join(', '));
const excludedSet = sql.raw(
  listingColumns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
);
/** Words kept in the vocabulary: lexemes with a letter (house numbers and phone numbers are not words). */
const isWord = sql.raw(`word ~ '[[:alpha:]]'`);

/**
 * Incremental sync of the firms in scope, in the caller's transaction: computes their listings,
 * writes only rows that changed, deletes listings that no longer qualify, and applies the
 * difference to the word frequencies and facet counts.
 */
export async function syncScope(trx: Kysely<DB>, scope: { ids: number[]; establishmentIds?: number[] }): Promise<{ changed: number; removed: number }> {
  await sql`create temp table if not exists lk_sync_new (like directory_listings) on commit drop`.execute(trx);
  await sql`create temp table if not exists lk_sync_old (like directory_listings) on commit drop`.execute(trx);
  await sql`insert into lk_sync_new (${columnList}) ${listingRows(scope)}`.execute(trx);
  // Rows to replace: existing listings of these firms (or with the same ids) that differ or no longer qualify.
  // (ids gathered by two index lookups: an OR of both conditions would scan the whole table)
  await sql`insert into lk_sync_old
    select l.* from directory_listings l
    where l.id in (select id from directory_listings where firm_id = any(${scope.ids}::int8[])
                   union select id from lk_sync_new
                   union select id from directory_listings where id = any(${(scope.establishmentIds ?? []).map((e) => e * 2 + 1)}::int8[]))
      and not exists (select 1 from lk_sync_new n where n.id = l.id and (n.*)::text = (l.*)::text)`.execute(trx);
  // New rows that are not already there unchanged.
  await sql`delete from lk_sync_new n where exists (select 1 from directory_listings l where l.id = n.id) and not exists (select 1 from lk_sync_old o where o.id = n.id)`.execute(
    trx,
  );
  await applyDeltas(trx);
  const removed =
    await sql`delete from directory_listings l using lk_sync_old o where l.id = o.id and not exists (select 1 from lk_sync_new n where n.id = o.id)`.execute(
      trx,
    );
  const changed =
    await sql`insert into directory_listings (${columnList}) select ${columnList} from lk_sync_new on conflict (id) do update set ${excludedSet}`.execute(trx);
  await sql`drop table lk_sync_new; drop table lk_sync_old`.execute(trx);
  return { changed: Number(changed.numAffectedRows ?? 0), removed: Number(removed.numAffectedRows ?? 0) };
}

/**
 * Word frequencies and facet counts: + the new rows, − the rows they replace. Counts that reach
 * zero are deleted by a separate statement (rows updated in a WITH are invisible to its outer DELETE).
 */
async function applyDeltas(trx: Kysely<DB>) {
  await sql`create temp table lk_sync_words on commit drop as
    select word, sum(d)::int as d from (
      select word, 1 as d from lk_sync_new, unnest(tsvector_to_array(tsv)) word
      union all
      select word, -1 from lk_sync_old, unnest(tsvector_to_array(tsv)) word
    ) x where ${isWord} group by word having sum(d) <> 0`.execute(trx);
  await sql`insert into directory_words (word, doc_count) select word, d from lk_sync_words order by word
    on conflict (word) do update set doc_count = directory_words.doc_count + excluded.doc_count`.execute(trx);
  await sql`delete from directory_words w using lk_sync_words x where w.word = x.word and x.d < 0 and w.doc_count <= 0`.execute(trx);

  await sql`create temp table lk_sync_facets on commit drop as
    select country, county_code, municipality_code, nace_section, nace_division, category, sum(d)::int as d from (
      select country, coalesce(county_code, '') as county_code, coalesce(municipality_code, '') as municipality_code,
             coalesce(nace_section, '') as nace_section, coalesce(nace_division, '') as nace_division, coalesce(category, '') as category, 1 as d from lk_sync_new
      union all
      select country, coalesce(county_code, ''), coalesce(municipality_code, ''), coalesce(nace_section, ''), coalesce(nace_division, ''), coalesce(category, ''), -1 from lk_sync_old
    ) x group by 1, 2, 3, 4, 5, 6 having sum(d) <> 0`.execute(trx);
  await sql`insert into directory_facet_counts (country, county_code, municipality_code, nace_section, nace_division, category, listings)
    select * from lk_sync_facets order by 1, 3, 5, 6
    on conflict (country, municipality_code, nace_division, category) do update
      set listings = directory_facet_counts.listings + excluded.listings, county_code = excluded.county_code, nace_section = excluded.nace_section`.execute(
    trx,
  );
  await sql`delete from directory_facet_counts c using lk_sync_facets x
    where c.country = x.country and c.municipality_code = x.municipality_code and c.nace_division = x.nace_division and c.category = x.category
      and x.d < 0 and c.listings <= 0`.execute(trx);
  await sql`create temp table lk_sync_totals on commit drop as ${rollUp(sql`lk_sync_facets`, sql`d`)}`.execute(trx);
  await sql`insert into directory_facet_totals (facet, country, code, listings) select * from lk_sync_totals where listings <> 0 order by 1, 2, 3
    on conflict (facet, country, code) do update set listings = directory_facet_totals.listings + excluded.listings`.execute(trx);
  await sql`delete from directory_facet_totals t using lk_sync_totals x
    where t.facet = x.facet and t.country = x.country and t.code = x.code and x.listings < 0 and t.listings <= 0`.execute(trx);
  await sql`drop table lk_sync_words; drop table lk_sync_facets; drop table lk_sync_totals`.execute(trx);
}

/** Per-facet totals (municipality, county, section, total) of rows shaped like directory_facet_counts. */
function rollUp(source: RawBuilder<unknown>, count: RawBuilder<unknown>) {
  return sql`select case when grouping(municipality_code) = 0 then 'municipality' when grouping(county_code) = 0 then 'county'
                         when grouping(nace_section) = 0 then 'section' when grouping(category) = 0 then 'category' else 'total' end as facet,
                    country, coalesce(municipality_code, county_code, nace_section, category, '') as code, sum(${count})::int as listings
             from ${source}
             group by grouping sets ((country, municipality_code), (country, county_code), (country, nace_section), (country, category), (country))`;
}

// ── Full rebuild: a shadow table built beside the live one, then swapped in ─────────────────

const BUILD = 'directory_listings_build';

/** Secondary index definitions of directory_listings (as the migrations made them), to build them on the shadow table. */
export async function listingIndexDefinitions(db: Kysely<DB>): Promise<{ name: string; definition: string }[]> {
  const r = await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
    where schemaname = current_schema() and tablename = 'directory_listings' and indexname <> 'directory_listings_pkey' order by indexname`.execute(db);
  return r.rows;
}

/** An empty shadow table shaped like directory_listings (columns, defaults, checks), without indexes. */
export async function createBuildTable(db: Kysely<DB>) {
  await sql
    .raw(`drop table if exists ${BUILD}; create table ${BUILD} (like directory_listings including defaults including constraints including storage)`)
    .execute(db);
}

/**
 * Primary key and the live table's indexes on the shadow table, under temporary names; `parallel`
 * statements at a time (on a pool, GIN builds run beside the btree builds).
 */
export async function indexBuildTable(db: Kysely<DB>, indexes: { name: string; definition: string }[], parallel = 1) {
  const statements = [
    `alter table ${BUILD} add constraint ${BUILD}_pkey primary key (id)`,
    ...indexes.map(({ name, definition }) => {
      const onBuild = definition.replace(
        /^CREATE (UNIQUE )?INDEX (\S+) ON (\S+\.)?directory_listings /i,
        (_m, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX ${name}__build ON ${BUILD} `,
      );
      if (onBuild === definition) throw new Error(`cannot rewrite index definition for the rebuild: ${definition}`);
      return onBuild;
    }),
  ];
  // GIN indexes first: they take longest and build on one core.
  statements.sort((a, b) => Number(/using gin/i.test(b)) - Number(/using gin/i.test(a)));
  const run = async (conn: Kysely<DB>, statement: string) => {
    await sql`set maintenance_work_mem = '256MB'`.execute(conn);
    await sql.raw(statement).execute(conn);
  };
  if (parallel <= 1 || db.isTransaction) {
    for (const statement of statements) await run(db, statement);
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < statements.length) {
      const statement = statements[next++];
      await db.connection().execute((conn) => run(conn, statement));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** In the caller's (short) transaction: the shadow table becomes directory_listings, indexes renamed. */
export async function swapInBuildTable(db: Kysely<DB>, indexes: { name: string }[]) {
  await sql
    .raw(`drop table directory_listings; alter table ${BUILD} rename to directory_listings;
    alter table directory_listings rename constraint ${BUILD}_pkey to directory_listings_pkey`)
    .execute(db);
  for (const { name } of indexes) await sql.raw(`alter index ${name}__build rename to ${name}`).execute(db);
}

export async function truncateAggregates(db: Kysely<DB>) {
  await sql`truncate directory_words, directory_facet_counts, directory_facet_totals`.execute(db);
}

/**
 * The places of a full rebuild in order (country, county, municipality), packed into chunks of about
 * `firmsPerChunk` firms. Inserting chunk after chunk lays the listings out in place order (and each
 * chunk in sector order), so listings that match the same words — a trade, a town — share heap
 * pages: a search then reads a few pages instead of one per match. Incremental syncs append; the
 * next rebuild restores the order.
 */
export async function planRebuildChunks(db: Kysely<DB>, firmsPerChunk: number): Promise<{ places: { country: string; code: string }[]; firms: number }[]> {
  const r = await sql<{ country: string; code: string; n: number }>`
    select f.country, f.municipality_code as code, count(*)::int as n
    from (select country, municipality_code from firms where municipality_code is not null and status = 'active'
          union all
          select country, municipality_code from establishments where firm_id is null and municipality_code is not null and status = 'active') f
    left join municipalities m on m.country = f.country and m.code = f.municipality_code
    group by f.country, m.county_code, f.municipality_code
    order by f.country, m.county_code nulls last, f.municipality_code`.execute(db);
  const chunks: { places: { country: string; code: string }[]; firms: number }[] = [];
  for (const row of r.rows) {
    const last = chunks.at(-1);
    if (last && last.firms + row.n <= firmsPerChunk) {
      last.places.push({ country: row.country, code: row.code });
      last.firms += row.n;
    } else chunks.push({ places: [{ country: row.country, code: row.code }], firms: row.n });
  }
  return chunks;
}

/** Full rebuild: the listings of a chunk into the shadow table, in (county, municipality, sector) order. */
export async function insertChunk(db: Kysely<DB>, scope: FirmScope): Promise<number> {
  const r = await sql`insert into ${sql.table(BUILD)} (${columnList})
    select * from (${listingRows(scope)}) x order by country, county_code, municipality_code, nace_division, id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Visibility map and statistics after a rebuild (outside a transaction). */
export async function vacuumReadModel(db: Kysely<DB>) {
  await sql`vacuum (analyze) directory_listings`.execute(db);
}

/** After a full rebuild: word frequencies and facet counts recomputed in one pass each. */
export async function recomputeAggregates(db: Kysely<DB>) {
  // ts_stat aggregates lexemes in C: about twice as fast as unnest + group by at a million listings.
  await sql`insert into directory_words (word, doc_count)
    select word, ndoc from ts_stat('select tsv from directory_listings') where ${isWord}`.execute(db);
  await sql`insert into directory_facet_counts (country, county_code, municipality_code, nace_section, nace_division, category, listings)
    select country, coalesce(county_code, ''), coalesce(municipality_code, ''), coalesce(nace_section, ''), coalesce(nace_division, ''), coalesce(category, ''), count(*)::int
    from directory_listings group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`insert into directory_facet_totals (facet, country, code, listings) ${rollUp(sql`directory_facet_counts`, sql`listings`)}`.execute(db);
  await sql`analyze directory_listings; analyze directory_words; analyze directory_facet_counts; analyze directory_facet_totals`.execute(db);
}

/** Fresh planner statistics after bulk loads of the registry (sample-based, about a second at 1 M firms). */
export async function analyzeRegistry(db: Kysely<DB>) {
  await sql`analyze firms; analyze establishments; analyze products`.execute(db);
}
