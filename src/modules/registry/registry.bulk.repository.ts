import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Country } from './national-id.js';

/*
 * Bulk writes of generated firms (the synthetic bench and search-test data): one `insert … select …
 * from unnest(…)` per table and batch. The generators live with their users (the directory's
 * bench); the SQL on the registry's tables lives here.
 */
type FirmFields = { [K in (typeof FIRM_COLUMNS)[number]]: unknown } & { country: string; national_id: string };
type EstablishmentFields = { [K in Exclude<(typeof EST_COLUMNS)[number], 'country' | 'parent_national_id'>]: unknown };
export type BulkFirm = FirmFields & {
  establishments: EstablishmentFields[];
  products: { kind: string; name: string; language: string; price_minor: number | null; currency: string | null }[];
};

const FIRM_COLUMNS = [
  'country',
  'national_id',
  'name',
  'legal_form',
  'nace_code',
  'nace_division',
  'employees',
  'street',
  'postcode',
  'city',
  'municipality_code',
  'lat',
  'lon',
  'website',
  'email',
  'phone',
  'status',
  'closed_on',
  'registered_on',
  'language',
  'description',
  'opening_hours',
] as const;
const FIRM_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'int4',
  'text',
  'text',
  'text',
  'text',
  'float8',
  'float8',
  'text',
  'text',
  'text',
  'text',
  'date',
  'date',
  'text',
  'jsonb',
  'jsonb',
];
const EST_COLUMNS = [
  'country',
  'national_id',
  'parent_national_id',
  'name',
  'nace_code',
  'nace_division',
  'employees',
  'street',
  'postcode',
  'city',
  'municipality_code',
  'lat',
  'lon',
  'status',
  'opening_hours',
] as const;
const EST_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'int4', 'text', 'text', 'text', 'text', 'float8', 'float8', 'text', 'jsonb'];

/** `insert … select … from unnest($1::t1[], $2::t2[], …)`: one statement per batch, fast on both backends. */
function unnestInsert(table: string, columns: readonly string[], types: string[], rows: unknown[][], extra: Record<string, unknown>) {
  const arrays = columns.map((_, c) => rows.map((r) => r[c]));
  const params = arrays.map((values, c) => {
    const isJson = types[c] === 'jsonb';
    return sql`${isJson ? values.map((v) => (v === null ? null : JSON.stringify(v))) : values}::${sql.raw(isJson ? 'text' : types[c])}[]`;
  });
  const selectList = columns.map((c, i) => sql.raw(types[i] === 'jsonb' ? `${c}::jsonb` : c));
  const extraColumns = Object.keys(extra);
  return sql`insert into ${sql.table(table)} (${sql.join([...columns, ...extraColumns].map((c) => sql.ref(c)))})
    select ${sql.join([...selectList, ...extraColumns.map((c) => sql`${extra[c]}`)])}
    from unnest(${sql.join(params)}) as t(${sql.join(columns.map((c) => sql.ref(c)))})`;
}

/** Inserts firms with their establishments and products in a few statements; returns the new firm ids. */
export async function insertFirmsInBulk(db: Kysely<DB>, firms: BulkFirm[], meta: { source: string; isDemo: boolean }): Promise<number[]> {
  if (firms.length === 0) return [];
  const extra = { source: meta.source, is_demo: meta.isDemo };
  const firmRows = firms.map((f) => FIRM_COLUMNS.map((c) => f[c]));
  const inserted = await sql<{
    id: number;
    national_id: string;
    country: string;
  }>`${unnestInsert('firms', FIRM_COLUMNS, FIRM_TYPES, firmRows, extra)} returning id, country, national_id`.execute(db);
  const idOf = new Map(inserted.rows.map((r) => [`${r.country}:${r.national_id}`, Number(r.id)]));
  const estRows: unknown[][] = [];
  const estFirm: number[] = [];
  const productRows: unknown[][] = [];
  for (const f of firms) {
    const firmId = idOf.get(`${f.country}:${f.national_id}`)!;
    for (const e of f.establishments) {
      estRows.push([
        f.country,
        e.national_id,
        f.national_id,
        e.name,
        e.nace_code,
        e.nace_division,
        e.employees,
        e.street,
        e.postcode,
        e.city,
        e.municipality_code,
        e.lat,
        e.lon,
        e.status,
        e.opening_hours,
      ]);
      estFirm.push(firmId);
    }
    for (const p of f.products) productRows.push([firmId, p.kind, p.name, p.language, p.price_minor, p.currency]);
  }
  if (estRows.length) {
    await sql`insert into establishments (firm_id, ${sql.join(EST_COLUMNS.map((c) => sql.ref(c)))}, source, is_demo)
      select firm_id, ${sql.join(EST_COLUMNS.map((c, i) => sql.raw(EST_TYPES[i] === 'jsonb' ? `${c}::jsonb` : c)))}, ${meta.source}, ${meta.isDemo}
      from unnest(${estFirm}::int8[], ${sql.join(EST_COLUMNS.map((_, c) => sql`${estRows.map((r) => (EST_TYPES[c] === 'jsonb' && r[c] !== null ? JSON.stringify(r[c]) : r[c]))}::${sql.raw(EST_TYPES[c] === 'jsonb' ? 'text' : EST_TYPES[c])}[]`))})
      as t(firm_id, ${sql.join(EST_COLUMNS.map((c) => sql.ref(c)))})`.execute(db);
  }
  if (productRows.length) {
    const col = (i: number) => productRows.map((r) => r[i]);
    await sql`insert into products (firm_id, kind, name, language, price_minor, currency)
      select * from unnest(${col(0)}::int8[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[], ${col(4)}::int4[], ${col(5)}::text[])`.execute(db);
  }
  return firms.map((f) => idOf.get(`${f.country}:${f.national_id}`)!);
}

/** Per country: how many rows of `source` there are and the highest national id (to continue a sequence). */
export async function highestNationalIdsOfSource(db: Kysely<DB>, table: 'firms' | 'establishments', source: string) {
  const r = await sql<{
    country: Country;
    n: number;
    top: string | null;
  }>`select country, count(*)::int as n, max(national_id) as top from ${sql.table(table)} where source = ${source} group by country`.execute(db);
  return r.rows;
}
