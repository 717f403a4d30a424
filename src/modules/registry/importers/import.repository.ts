import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import type { EstablishmentInput, FirmInput, ImportCounts } from './import.schemas.js';
import type { ImportRejection, ImportRunStatus, ImportSource } from './import.tables.js';

/**
 * Set-based writes for the register importers: one INSERT … SELECT FROM unnest(…) ON
 * CONFLICT per batch and table (the same SQL on PGlite and PostgreSQL). A row is only
 * rewritten when a register fact differs (`IS DISTINCT FROM`), so importing the same file
 * again touches nothing. User-owned columns (description, opening_hours, is_demo, lat/lon,
 * language after creation, and whatever later modules add) are never in the SET list;
 * contact fields keep the stored value when the register has none.
 */

export interface UpsertResult {
  /** firms.id of every created or changed row (for the directory sync). */
  firmIds: number[];
  /** ids of the rows this batch created. */
  createdIds: number[];
  created: number;
  updated: number;
  closed: number;
}

// Several names travel in one text cell; U+001F (unit separator) never occurs in a name.
const NAME_SEPARATOR = '\u001f';

const col = <T, V>(rows: T[], pick: (r: T) => V) => rows.map(pick);

export async function upsertFirms(db: Kysely<DB>, country: string, source: ImportSource, language: string, rows: FirmInput[]): Promise<UpsertResult> {
  if (!rows.length) return { firmIds: [], createdIds: [], created: 0, updated: 0, closed: 0 };
  const result = await sql<{ id: number; inserted: boolean; closed_now: boolean }>`
    with input as (
      select t.*,
        case when t.status = 'closed' then (select f.status from firms f where f.country = ${country} and f.national_id = t.national_id) end as previous_status,
        case when t.status = 'closed' then coalesce(t.closed_on_given,
          (select f.closed_on from firms f where f.country = ${country} and f.national_id = t.national_id and f.status = 'closed'),
          (now() at time zone 'utc')::date) end as closed_on
      from unnest(
        ${col(rows, (r) => r.national_id)}::text[], ${col(rows, (r) => r.name)}::text[], ${col(rows, (r) => r.other_names.join(NAME_SEPARATOR))}::text[],
        ${col(rows, (r) => r.legal_form)}::text[], ${col(rows, (r) => r.nace_code)}::text[], ${col(rows, (r) => r.nace_division)}::text[],
        ${col(rows, (r) => r.employees)}::int[], ${col(rows, (r) => r.street)}::text[], ${col(rows, (r) => r.postcode)}::text[],
        ${col(rows, (r) => r.city)}::text[], ${col(rows, (r) => r.municipality_code)}::text[], ${col(rows, (r) => r.postal_street)}::text[],
        ${col(rows, (r) => r.postal_postcode)}::text[], ${col(rows, (r) => r.postal_city)}::text[], ${col(rows, (r) => r.website)}::text[],
        ${col(rows, (r) => r.email)}::text[], ${col(rows, (r) => r.phone)}::text[], ${col(rows, (r) => r.activity)}::text[],
        ${col(rows, (r) => r.status)}::text[], ${col(rows, (r) => r.closed_on)}::date[], ${col(rows, (r) => r.registered_on)}::date[]
      ) as t(national_id, name, other_names, legal_form, nace_code, nace_division, employees, street, postcode, city, municipality_code,
             postal_street, postal_postcode, postal_city, website, email, phone, activity, status, closed_on_given, registered_on)
    ), up as (
      insert into firms as f (country, national_id, name, other_names, legal_form, nace_code, nace_division, employees, street, postcode, city,
        municipality_code, postal_street, postal_postcode, postal_city, website, email, phone, activity, status, closed_on, registered_on, language, source)
      select ${country}, i.national_id, i.name, coalesce(string_to_array(nullif(i.other_names, ''), ${NAME_SEPARATOR}), '{}'), i.legal_form, i.nace_code,
        i.nace_division, i.employees, i.street, i.postcode, i.city, i.municipality_code, i.postal_street, i.postal_postcode, i.postal_city,
        i.website, i.email, i.phone, i.activity, i.status, i.closed_on, i.registered_on, ${language}, ${source}
      from input i
      on conflict (country, national_id) do update set
        name = excluded.name, other_names = excluded.other_names, legal_form = excluded.legal_form, nace_code = excluded.nace_code,
        nace_division = excluded.nace_division, employees = excluded.employees, street = excluded.street, postcode = excluded.postcode,
        city = excluded.city, municipality_code = excluded.municipality_code, postal_street = excluded.postal_street,
        postal_postcode = excluded.postal_postcode, postal_city = excluded.postal_city,
        website = coalesce(excluded.website, f.website), email = coalesce(excluded.email, f.email), phone = coalesce(excluded.phone, f.phone),
        activity = excluded.activity, status = excluded.status, closed_on = excluded.closed_on, registered_on = excluded.registered_on,
        source = excluded.source, updated_at = now()
      where (f.name, f.other_names, f.legal_form, f.nace_code, f.nace_division, f.employees, f.street, f.postcode, f.city, f.municipality_code,
             f.postal_street, f.postal_postcode, f.postal_city, f.website, f.email, f.phone, f.activity, f.status, f.closed_on, f.registered_on, f.source)
        is distinct from
            (excluded.name, excluded.other_names, excluded.legal_form, excluded.nace_code, excluded.nace_division, excluded.employees,
             excluded.street, excluded.postcode, excluded.city, excluded.municipality_code, excluded.postal_street, excluded.postal_postcode,
             excluded.postal_city, coalesce(excluded.website, f.website), coalesce(excluded.email, f.email), coalesce(excluded.phone, f.phone),
             excluded.activity, excluded.status, excluded.closed_on, excluded.registered_on, excluded.source)
      returning f.id, f.national_id, f.status, (f.xmax = 0) as inserted
    )
    select up.id, up.inserted, (up.status = 'closed' and i.previous_status is distinct from 'closed') as closed_now
    from up join input i on i.national_id = up.national_id
  `.execute(db);
  return summarise(result.rows);
}

export async function upsertEstablishments(db: Kysely<DB>, country: string, source: ImportSource, rows: EstablishmentInput[]): Promise<UpsertResult> {
  if (!rows.length) return { firmIds: [], createdIds: [], created: 0, updated: 0, closed: 0 };
  const result = await sql<{ id: number; firm_id: number | null; inserted: boolean; closed_now: boolean }>`
    with input as (
      select t.*,
        (select f.id from firms f where f.country = ${country} and f.national_id = t.parent_national_id) as firm_id,
        case when t.status = 'closed' then (select e.status from establishments e where e.country = ${country} and e.national_id = t.national_id) end as previous_status,
        case when t.status = 'closed' then coalesce(t.closed_on_given,
          (select e.closed_on from establishments e where e.country = ${country} and e.national_id = t.national_id and e.status = 'closed'),
          (now() at time zone 'utc')::date) end as closed_on
      from unnest(
        ${col(rows, (r) => r.national_id)}::text[], ${col(rows, (r) => r.parent_national_id)}::text[], ${col(rows, (r) => r.name)}::text[],
        ${col(rows, (r) => r.nace_code)}::text[], ${col(rows, (r) => r.nace_division)}::text[], ${col(rows, (r) => r.employees)}::int[],
        ${col(rows, (r) => r.street)}::text[], ${col(rows, (r) => r.postcode)}::text[], ${col(rows, (r) => r.city)}::text[],
        ${col(rows, (r) => r.municipality_code)}::text[], ${col(rows, (r) => r.website)}::text[], ${col(rows, (r) => r.status)}::text[],
        ${col(rows, (r) => r.closed_on)}::date[], ${col(rows, (r) => r.registered_on)}::date[]
      ) as t(national_id, parent_national_id, name, nace_code, nace_division, employees, street, postcode, city, municipality_code,
             website, status, closed_on_given, registered_on)
    ), up as (
      insert into establishments as e (firm_id, country, national_id, parent_national_id, name, nace_code, nace_division, employees, street,
        postcode, city, municipality_code, website, status, closed_on, registered_on, source)
      select i.firm_id, ${country}, i.national_id, i.parent_national_id, i.name, i.nace_code, i.nace_division, i.employees, i.street,
        i.postcode, i.city, i.municipality_code, i.website, i.status, i.closed_on, i.registered_on, ${source}
      from input i
      on conflict (country, national_id) do update set
        firm_id = excluded.firm_id, parent_national_id = excluded.parent_national_id, name = excluded.name, nace_code = excluded.nace_code,
        nace_division = excluded.nace_division, employees = excluded.employees, street = excluded.street, postcode = excluded.postcode,
        city = excluded.city, municipality_code = excluded.municipality_code, website = coalesce(excluded.website, e.website),
        status = excluded.status, closed_on = excluded.closed_on, registered_on = excluded.registered_on, source = excluded.source,
        updated_at = now()
      where (e.firm_id, e.parent_national_id, e.name, e.nace_code, e.nace_division, e.employees, e.street, e.postcode, e.city,
             e.municipality_code, e.website, e.status, e.closed_on, e.registered_on, e.source)
        is distinct from
            (excluded.firm_id, excluded.parent_national_id, excluded.name, excluded.nace_code, excluded.nace_division, excluded.employees,
             excluded.street, excluded.postcode, excluded.city, excluded.municipality_code, coalesce(excluded.website, e.website),
             excluded.status, excluded.closed_on, excluded.registered_on, excluded.source)
      returning e.id, e.firm_id, e.national_id, e.status, (e.xmax = 0) as inserted
    )
    select up.id, up.firm_id, up.inserted, (up.status = 'closed' and i.previous_status is distinct from 'closed') as closed_now
    from up join input i on i.national_id = up.national_id
  `.execute(db);
  const summary = summarise(result.rows);
  summary.firmIds = [...new Set(result.rows.map((r) => r.firm_id).filter((id): id is number => id !== null))];
  return summary;
}

/** Establishments imported before their parent firm get linked when the firm arrives. */
export async function linkWaitingEstablishments(db: Kysely<DB>, country: string, firmIds: number[]): Promise<{ linked: number; firmIds: number[] }> {
  if (!firmIds.length) return { linked: 0, firmIds: [] };
  const result = await sql<{ firm_id: number }>`
    update establishments e set firm_id = f.id, updated_at = now()
    from firms f
    where f.id = any(${firmIds}::bigint[]) and e.country = ${country} and e.parent_national_id = f.national_id
      and f.country = ${country} and e.firm_id is distinct from f.id
    returning e.firm_id
  `.execute(db);
  return { linked: result.rows.length, firmIds: [...new Set(result.rows.map((r) => Number(r.firm_id)))] };
}

function summarise(rows: { id: number; inserted: boolean; closed_now: boolean }[]): UpsertResult {
  const createdIds: number[] = [];
  let closed = 0;
  for (const r of rows) {
    if (r.inserted) createdIds.push(Number(r.id));
    if (r.closed_now) closed++;
  }
  return { firmIds: rows.map((r) => Number(r.id)), createdIds, created: createdIds.length, updated: rows.length - createdIds.length, closed };
}

export async function insertRun(db: Kysely<DB>, run: { source: ImportSource; fileName: string; options: Record<string, unknown> }): Promise<number> {
  const row = await db
    .insertInto('import_runs')
    .values({ source: run.source, file_name: run.fileName, options: JSON.stringify(run.options) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function finishRun(
  db: Kysely<DB>,
  id: number,
  result: { status: Exclude<ImportRunStatus, 'running'>; counts: ImportCounts; rejections: ImportRejection[]; error?: string },
) {
  const c = result.counts;
  await db
    .updateTable('import_runs')
    .set({
      status: result.status,
      finished_at: new Date(),
      read_count: c.read,
      created_count: c.created,
      updated_count: c.updated,
      closed_count: c.closed,
      rejected_count: c.rejected,
      skipped_count: c.skipped + c.ignored,
      linked_count: c.linked,
      rejections: JSON.stringify(result.rejections),
      error: result.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

export function listRuns(db: Kysely<DB>, limit: number) {
  return db.selectFrom('import_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
