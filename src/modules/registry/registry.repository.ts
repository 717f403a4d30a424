import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { LocalizedNames } from '../places/places.tables.js';
import type { EstablishmentTable, FirmTable, ProductTable } from './registry.tables.js';

export async function upsertNace(
  db: Kysely<DB>,
  sections: { code: string; names: LocalizedNames }[],
  divisions: { code: string; section: string; names: LocalizedNames }[],
) {
  await db
    .insertInto('nace_sections')
    .values(sections.map((s) => ({ code: s.code, names: JSON.stringify(s.names) })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ names: (eb) => eb.ref('excluded.names') }))
    .execute();
  await db
    .insertInto('nace_divisions')
    .values(divisions.map((d) => ({ code: d.code, section: d.section, names: JSON.stringify(d.names) })))
    .onConflict((oc) => oc.column('code').doUpdateSet({ section: (eb) => eb.ref('excluded.section'), names: (eb) => eb.ref('excluded.names') }))
    .execute();
}

export function listNaceSections(db: Kysely<DB>) {
  return db.selectFrom('nace_sections').selectAll().orderBy('code').execute();
}

export function listNaceDivisions(db: Kysely<DB>) {
  return db.selectFrom('nace_divisions').selectAll().orderBy('code').execute();
}

export type NewFirm = Insertable<FirmTable>;
export type NewEstablishment = Omit<Insertable<EstablishmentTable>, 'firm_id'>;
export type NewProduct = Omit<Insertable<ProductTable>, 'firm_id' | 'establishment_id'>;

/** A firm with its establishments and its products/services, as a writer hands them over. */
export interface FirmBundle {
  firm: NewFirm;
  establishments: NewEstablishment[];
  products: NewProduct[];
}

export interface InsertedBundles {
  /** Ids of the firms actually inserted (firms already present are skipped, with their parts). */
  firmIds: number[];
  establishments: number;
  products: number;
}

const firmChunk = 1000;
const productChunk = 5000;

// Column → SQL type for the bulk inserts below. `satisfies` keeps the names in step with the table types.
const firmColumns = {
  country: 'text',
  national_id: 'text',
  name: 'text',
  legal_form: 'text',
  nace_code: 'text',
  nace_division: 'text',
  employees: 'integer',
  street: 'text',
  postcode: 'text',
  city: 'text',
  municipality_code: 'text',
  postal_street: 'text',
  postal_postcode: 'text',
  postal_city: 'text',
  lat: 'double precision',
  lon: 'double precision',
  website: 'text',
  email: 'text',
  phone: 'text',
  status: 'text',
  closed_on: 'date',
  registered_on: 'date',
  language: 'text',
  description: 'jsonb',
  opening_hours: 'jsonb',
  is_demo: 'boolean',
  source: 'text',
} satisfies Partial<Record<keyof FirmTable, string>>;
const establishmentColumns = {
  firm_id: 'bigint',
  country: 'text',
  national_id: 'text',
  parent_national_id: 'text',
  name: 'text',
  nace_code: 'text',
  nace_division: 'text',
  employees: 'integer',
  street: 'text',
  postcode: 'text',
  city: 'text',
  municipality_code: 'text',
  lat: 'double precision',
  lon: 'double precision',
  website: 'text',
  status: 'text',
  closed_on: 'date',
  registered_on: 'date',
  description: 'jsonb',
  opening_hours: 'jsonb',
  is_demo: 'boolean',
  source: 'text',
} satisfies Partial<Record<keyof EstablishmentTable, string>>;
const productColumns = {
  firm_id: 'bigint',
  establishment_id: 'bigint',
  kind: 'text',
  name: 'text',
  description: 'text',
  language: 'text',
  price_minor: 'integer',
  currency: 'text',
} satisfies Partial<Record<keyof ProductTable, string>>;

/**
 * One multi-row INSERT … SELECT from a JSON array (jsonb_to_recordset): one parameter instead
 * of one per value, which PGlite binds much faster (1000 firms: ~110 ms vs ~190 ms) and which
 * stays under PostgreSQL's 65 535-parameter limit whatever the batch. Columns missing from a
 * row get their default; jsonb values may come as objects or as JSON text.
 */
async function insertJsonRows<R>(
  db: Kysely<DB>,
  table: 'firms' | 'establishments' | 'products',
  columns: Record<string, string>,
  rows: object[],
  returning?: string[],
): Promise<R[]> {
  const names = Object.keys(columns).filter((c) => rows.some((r) => (r as Record<string, unknown>)[c] !== undefined));
  const jsonColumns = names.filter((c) => columns[c] === 'jsonb');
  const payload = jsonColumns.length
    ? rows.map((r) => {
        const copy: Record<string, unknown> = { ...r };
        for (const c of jsonColumns) if (typeof copy[c] === 'string') copy[c] = JSON.parse(copy[c] as string);
        return copy;
      })
    : rows;
  const list = sql.join(names.map((c) => sql.id(c)));
  const types = sql.join(names.map((c) => sql`${sql.id(c)} ${sql.raw(columns[c])}`));
  const conflict = table === 'products' ? sql`` : sql`on conflict (country, national_id) do nothing`;
  const back = returning ? sql`returning ${sql.join(returning.map((c) => sql.id(c)))}` : sql``;
  const result =
    await sql<R>`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(${types}) ${conflict} ${back}`.execute(
      db,
    );
  return returning ? result.rows : (Array.from({ length: Number(result.numAffectedRows ?? 0) }) as R[]);
}

/**
 * Inserts firms, their establishments and products with multi-row inserts (run it inside a
 * transaction). A firm or establishment whose (country, national_id) is already registered is
 * left as it is, and the parts of a skipped firm are not inserted, so re-running a seed adds
 * nothing twice.
 */
export async function insertFirmBundles(db: Kysely<DB>, bundles: FirmBundle[]): Promise<InsertedBundles> {
  const key = (country: string, nationalId: string) => `${country}:${nationalId}`;
  const firmIdByKey = new Map<string, number>();
  for (let i = 0; i < bundles.length; i += firmChunk) {
    const rows = await insertJsonRows<{ id: number | string; country: string; national_id: string }>(
      db,
      'firms',
      firmColumns,
      bundles.slice(i, i + firmChunk).map((b) => b.firm),
      ['id', 'country', 'national_id'],
    );
    for (const r of rows) firmIdByKey.set(key(r.country, r.national_id), Number(r.id));
  }
  const inserted = bundles.flatMap((b) => {
    const firmId = firmIdByKey.get(key(b.firm.country, b.firm.national_id));
    return firmId === undefined ? [] : [{ firmId, bundle: b }];
  });

  const establishments = inserted.flatMap(({ firmId, bundle }) => bundle.establishments.map((e) => ({ ...e, firm_id: firmId })));
  let establishmentCount = 0;
  for (let i = 0; i < establishments.length; i += firmChunk) {
    establishmentCount += (await insertJsonRows(db, 'establishments', establishmentColumns, establishments.slice(i, i + firmChunk))).length;
  }
  const products = inserted.flatMap(({ firmId, bundle }) => bundle.products.map((p) => ({ ...p, firm_id: firmId })));
  let productCount = 0;
  for (let i = 0; i < products.length; i += productChunk) {
    productCount += (await insertJsonRows(db, 'products', productColumns, products.slice(i, i + productChunk))).length;
  }
  return { firmIds: inserted.map((x) => x.firmId), establishments: establishmentCount, products: productCount };
}

export async function hasAnyFirm(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectNoFrom((eb) => eb.exists(eb.selectFrom('firms').select(sql.lit(1).as('one'))).as('present')).executeTakeFirstOrThrow();
  return Boolean(row.present);
}

/**
 * Serialises demo seeding across processes (two app instances starting on one PostgreSQL):
 * a transaction-scoped advisory lock, released at commit. The key is arbitrary but fixed.
 */
export async function lockDemoSeeding(trx: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(7_301_402_117)})`.execute(trx);
}

/** The highest national id between two values of the same length (a numbering range), or undefined. */
export async function maxNationalIdInRange(
  db: Kysely<DB>,
  table: 'firms' | 'establishments',
  country: string,
  lowest: string,
  highest: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('national_id').as('max'))
    .where('country', '=', country)
    .where('national_id', '>=', lowest)
    .where('national_id', '<=', highest)
    .where(sql<boolean>`length(national_id) = ${lowest.length}`)
    .executeTakeFirst();
  return row?.max ?? undefined;
}

export async function countDemoFirms(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('firms').select(sql<number>`count(*)::int`.as('n')).where('is_demo', '=', true).executeTakeFirstOrThrow();
  return row.n;
}

/** One change-log row for a write of many firms (set-based: a whole import batch is one row). */
export async function insertFirmChange(db: Kysely<DB>, firmIds: number[], establishmentIds: number[] = []): Promise<void> {
  await sql`insert into registry_firm_changes (firm_ids, establishment_ids) values (${firmIds}::bigint[], ${establishmentIds}::bigint[])`.execute(db);
}

export async function summariseFirmChanges(db: Kysely<DB>): Promise<{ rows: number; firms: number; lastId: number | null }> {
  const r = await sql<{ rows: number; firms: number; last_id: string | null }>`
    select count(*)::int as rows, coalesce(sum(cardinality(firm_ids) + cardinality(establishment_ids)), 0)::int as firms, max(id)::text as last_id from registry_firm_changes
  `.execute(db);
  const row = r.rows[0];
  return { rows: row.rows, firms: row.firms, lastId: row.last_id === null ? null : Number(row.last_id) };
}

/**
 * Deletes the oldest rows (up to `limit`) and returns their firms. Locked rows are skipped, so two
 * listeners on PostgreSQL take different rows; run inside the transaction that applies them.
 */
export async function deleteOldestFirmChanges(trx: Kysely<DB>, limit: number): Promise<{ rows: number; firmIds: number[]; establishmentIds: number[] }> {
  const r = await sql<{ firm_ids: (string | number)[]; establishment_ids: (string | number)[] }>`
    delete from registry_firm_changes where id in (
      select id from registry_firm_changes order by id limit ${limit} for update skip locked
    ) returning firm_ids, establishment_ids
  `.execute(trx);
  const ids = new Set<number>();
  const establishments = new Set<number>();
  for (const row of r.rows) for (const id of row.firm_ids) ids.add(Number(id));
  for (const row of r.rows) for (const id of row.establishment_ids ?? []) establishments.add(Number(id));
  return { rows: r.rows.length, firmIds: [...ids], establishmentIds: [...establishments] };
}

export async function deleteFirmChangesUpTo(db: Kysely<DB>, lastId: number): Promise<number> {
  const r = await sql`delete from registry_firm_changes where id <= ${lastId}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

const firmSummaryColumns = ['id', 'name', 'national_id', 'country', 'municipality_code', 'website'] as const;

export function listFirmSummaries(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('firms').select(firmSummaryColumns).where('id', '=', sql<number>`any(${ids}::bigint[])`).execute();
}

export function findFirmSummaryByNationalId(db: Kysely<DB>, country: string, nationalId: string) {
  return db.selectFrom('firms').select(firmSummaryColumns).where('country', '=', country).where('national_id', '=', nationalId).executeTakeFirst();
}

/** What a public firm page shows of a firm, one of its establishments (or none) and its products. */
export async function findPublicFacts(db: Kysely<DB>, firmId: number | null, establishmentId: number | null) {
  const firm =
    firmId === null
      ? undefined
      : await db
          .selectFrom('firms')
          .select([
            'id',
            'country',
            'national_id',
            'name',
            'legal_form',
            'nace_code',
            'employees',
            'street',
            'postcode',
            'city',
            'website',
            'email',
            'phone',
            'status',
            'registered_on',
            'description',
            'opening_hours',
            'language',
            'category',
          ])
          .where('id', '=', firmId)
          .executeTakeFirst();
  const establishment =
    establishmentId === null
      ? undefined
      : await db
          .selectFrom('establishments')
          .select([
            'id',
            'national_id',
            'name',
            'nace_code',
            'employees',
            'street',
            'postcode',
            'city',
            'website',
            'status',
            'registered_on',
            'description',
            'opening_hours',
            'email',
            'phone',
            'category',
            'parent_national_id',
          ])
          .where('id', '=', establishmentId)
          .executeTakeFirst();
  if (firmId === null) return { firm, establishment, products: [] };
  const products = await db
    .selectFrom('products')
    .select(['kind', 'name', 'description', 'price_minor', 'currency'])
    .where('firm_id', '=', firmId)
    .where((eb) =>
      establishmentId === null ? eb('establishment_id', 'is', null) : eb.or([eb('establishment_id', 'is', null), eb('establishment_id', '=', establishmentId)]),
    )
    .orderBy('id')
    .limit(200)
    .execute();
  return { firm, establishment, products };
}

// ---- set-based lookups for the local-spend analysis (spend module asks through registry.service) ----

const matchColumns = ['id', 'country', 'national_id', 'name', 'nace_code', 'nace_division', 'municipality_code', 'status', 'is_demo'] as const;

/** Firms by (country, national id) pairs, one query for any number of pairs. */
export function listFirmsByNationalIds(db: Kysely<DB>, pairs: { country: string; nationalId: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  const countries = pairs.map((p) => p.country);
  const ids = pairs.map((p) => p.nationalId);
  return db
    .selectFrom('firms')
    .select(matchColumns)
    .where(sql<boolean>`(country, national_id) in (select * from unnest(${countries}::text[], ${ids}::text[]))`)
    .execute();
}

/** Up to three firms per name whose name is similar (pg_trgm), with the similarity; one query for all names. */
export async function listFirmsByNames(db: Kysely<DB>, country: string, names: string[]) {
  if (names.length === 0) return [];
  const { rows } = await sql<{ query: string; id: number; name: string; similarity: number }>`
    select q.query, f.id, f.name, f.similarity
    from unnest(${names}::text[]) as q(query)
    cross join lateral (
      select id, name, similarity(lower(name), lower(q.query)) as similarity from firms
      where country = ${country} and lower(name) % lower(q.query)
      order by similarity(lower(name), lower(q.query)) desc limit 3) f`.execute(db);
  return rows;
}

/** The establishments of these firms (where each delivers from). */
export function listEstablishmentsOfFirms(db: Kysely<DB>, firmIds: number[]) {
  if (firmIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('establishments')
    .select(['id', 'firm_id', 'municipality_code', 'nace_division', 'status'])
    .where('firm_id', '=', sql<number>`any(${firmIds}::bigint[])`)
    .execute();
}

/** Active firms with a registered address or an active establishment in these municipalities, in these NACE divisions. */
export async function listActiveFirmsIn(db: Kysely<DB>, country: string, municipalities: string[], divisions: string[]) {
  if (municipalities.length === 0 || divisions.length === 0) return [];
  const { rows } = await sql<{ id: number; name: string; nace_division: string; nace_code: string | null; municipality_code: string; is_demo: boolean }>`
    select f.id, f.name, coalesce(e.nace_division, f.nace_division) as nace_division, coalesce(e.nace_code, f.nace_code) as nace_code,
      coalesce(e.municipality_code, f.municipality_code) as municipality_code, f.is_demo
    from firms f
    left join establishments e on e.firm_id = f.id and e.status = 'active' and e.municipality_code = any(${municipalities}::text[])
    where f.country = ${country} and f.status = 'active'
      and (f.municipality_code = any(${municipalities}::text[]) or e.id is not null)
      and coalesce(e.nace_division, f.nace_division) = any(${divisions}::text[])
    order by f.name limit 2000`.execute(db);
  return rows;
}

/** Every demo firm of a country with its establishments (one row each, or one row without), by national id. */
export async function listDemoFirmsOf(db: Kysely<DB>, country: string) {
  return db
    .selectFrom('firms as f')
    .leftJoin('establishments as e', 'e.firm_id', 'f.id')
    .select([
      'f.id',
      'f.name',
      'f.nace_code',
      'f.municipality_code',
      'e.id as establishment_id',
      'e.name as establishment_name',
      'e.municipality_code as establishment_municipality',
    ])
    .where('f.is_demo', '=', true)
    .where('f.country', '=', country)
    .orderBy('f.national_id')
    .orderBy('e.id')
    .execute();
}

/**
 * Active firms' activity and place (procurement matching): by ids, or a page after `afterId`, or those
 * in given municipalities with given NACE divisions (the municipality index narrows first).
 */
export function listFirmActivities(
  db: Kysely<DB>,
  filter: { ids?: number[]; afterId?: number; limit: number; municipalities?: { country: string; code: string }[]; naceDivisions?: string[] },
) {
  let q = db
    .selectFrom('firms')
    .select(['id', 'name', 'national_id', 'country', 'municipality_code', 'nace_code', 'nace_division'])
    .where('status', '=', 'active');
  if (filter.ids) q = q.where('id', '=', sql<number>`any(${filter.ids}::bigint[])`);
  if (filter.afterId !== undefined) q = q.where('id', '>', filter.afterId);
  if (filter.municipalities) {
    const keys = filter.municipalities.map((m) => `${m.country}:${m.code}`);
    q = q
      .where(sql<boolean>`(country || ':' || municipality_code) = any(${keys}::text[])`)
      .where('country', '=', sql<string>`any(${[...new Set(filter.municipalities.map((m) => m.country))]}::text[])`);
    q = q.where('municipality_code', '=', sql<string>`any(${[...new Set(filter.municipalities.map((m) => m.code))]}::text[])`);
  }
  if (filter.naceDivisions) q = q.where('nace_division', '=', sql<string>`any(${filter.naceDivisions}::text[])`);
  return q.orderBy('id').limit(filter.limit).execute();
}

/** Active firms counted by country, municipality and NACE division (procurement's matching run): one grouped scan. */
export function countFirmsByPlaceAndActivity(db: Kysely<DB>) {
  return db
    .selectFrom('firms')
    .select(['country', 'municipality_code', 'nace_division', sql<number>`count(*)::int`.as('firms')])
    .where('status', '=', 'active')
    .where('municipality_code', 'is not', null)
    .where('nace_division', 'is not', null)
    .groupBy(['country', 'municipality_code', 'nace_division'])
    .execute();
}

/** A firm's country, NACE code and the municipalities of its seat and its establishments. */
export async function findFirmPlaces(db: Kysely<DB>, firmId: number) {
  const firm = await db.selectFrom('firms').select(['id', 'country', 'name', 'nace_code', 'municipality_code']).where('id', '=', firmId).executeTakeFirst();
  if (!firm) return undefined;
  const shops = await db
    .selectFrom('establishments')
    .select(['municipality_code', 'nace_code'])
    .where('firm_id', '=', firmId)
    .where('municipality_code', 'is not', null)
    .limit(500)
    .execute();
  return { firm, shops };
}

// ---- products mirrored from a shop's storefront catalogue (storefront module asks through registry.service) ----

export interface MirroredProduct {
  name: string;
  description: string | null;
  language: string;
  price_minor: number | null;
  currency: string | null;
}

/** Replaces the storefront's rows of one firm or establishment (origin 'storefront') with these, in the caller's transaction. */
export async function replaceMirroredProducts(db: Kysely<DB>, firmId: number, establishmentId: number | null, rows: MirroredProduct[]): Promise<void> {
  await db
    .deleteFrom('products')
    .where('firm_id', '=', firmId)
    .where('origin', '=', 'storefront')
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb('establishment_id', '=', establishmentId)))
    .execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('products')
      .values(
        rows
          .slice(i, i + 500)
          .map((r) => ({ ...r, firm_id: firmId, establishment_id: establishmentId, kind: 'product' as const, origin: 'storefront' as const })),
      )
      .execute();
}

/** Firms and their active establishments (id, name), for choosing a shop among the units one manages. */
export async function listFirmUnits(db: Kysely<DB>, firmIds: number[]) {
  if (firmIds.length === 0) return { firms: [], establishments: [] };
  const ids = sql<number>`any(${firmIds}::bigint[])`;
  const firms = await db.selectFrom('firms').select(['id', 'name', 'country']).where('id', '=', ids).orderBy('name').execute();
  const establishments = await db
    .selectFrom('establishments')
    .select(['id', 'firm_id', 'name'])
    .where('firm_id', '=', ids)
    .where('status', '=', 'active')
    .orderBy('name')
    .limit(500)
    .execute();
  return { firms, establishments };
}

/** Funder reporting: the register's facts that decide size and age (today's values: the registry keeps no history). */
export function listFirmReportFacts(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('firms')
    .select(['id', 'name', 'national_id', 'country', 'municipality_code', 'employees', sql<string | null>`registered_on::text`.as('registered_on')])
    .where('id', '=', sql<number>`any(${ids}::bigint[])`)
    .execute();
}

/** Funder reporting at scale: only what decides size and age, for many firms at once. */
export function listFirmSizeFacts(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('firms')
    .select(['id', 'employees', sql<string | null>`registered_on::text`.as('registered_on')])
    .where('id', '=', sql<number>`any(${ids}::bigint[])`)
    .execute();
}
