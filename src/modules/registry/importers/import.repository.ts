import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import type { ImportCounts } from './import.schemas.js';
import type { ImportRejection, ImportRunStatus, ImportSource } from './import.tables.js';

/**
 * Set-based writes for the register importers: one INSERT … SELECT FROM json_to_recordset($1)
 * ON CONFLICT per batch and table — the same SQL on PGlite and PostgreSQL, and one text
 * parameter per batch (serialised by the producer; see docs/adr/0004-import-pipeline.md for
 * why not unnest of 21 arrays). A row is only rewritten when a register fact differs
 * (`IS DISTINCT FROM`), so importing the same file again touches nothing. User-owned
 * columns (description, opening_hours, is_demo, lat/lon, language after creation, and
 * whatever later modules add) are never in the SET list; contact fields keep the stored
 * value when the register has none.
 */

export interface UpsertResult {
  /** firms.id of every created or changed row (for the directory sync). */
  firmIds: number[];
  /** ids of the rows this batch created. */
  createdIds: number[];
  /** Establishments written whose parent firm is not in the registry (recorded for the directory by id). */
  orphanIds?: number[];
  created: number;
  updated: number;
  closed: number;
}

const none: UpsertResult = { firmIds: [], createdIds: [], created: 0, updated: 0, closed: 0 };

/** `rowsJson`: a JSON array of FirmInput (import.schemas.ts). */
export async function upsertFirms(db: Kysely<DB>, country: string, source: ImportSource, language: string, rowsJson: string | null): Promise<UpsertResult> {
  if (!rowsJson) return { ...none };
  const result = await sql<Aggregated>`
    with input as (
      select t.national_id, t.name, coalesce(t.other_names, '{}') as other_names, t.legal_form, t.nace_code, t.nace_division, t.employees,
        t.street, t.postcode, t.city, t.municipality_code, t.postal_street, t.postal_postcode, t.postal_city, t.website, t.email, t.phone,
        t.activity, t.status, t.registered_on,
        case when t.status = 'closed' then (select f.status from firms f where f.country = ${country} and f.national_id = t.national_id) end as previous_status,
        -- a closed firm without a date in the register keeps the date it was first seen closed
        case when t.status = 'closed' then coalesce(t.closed_on,
          (select f.closed_on from firms f where f.country = ${country} and f.national_id = t.national_id and f.status = 'closed'),
          (now() at time zone 'utc')::date) end as closed_on
      from json_to_recordset(${rowsJson}::json) as t(national_id text, name text, other_names text[], legal_form text, nace_code text,
        nace_division text, employees int, street text, postcode text, city text, municipality_code text, postal_street text,
        postal_postcode text, postal_city text, website text, email text, phone text, activity text, status text, closed_on date, registered_on date)
    ), up as (
      insert into firms as f (country, national_id, name, other_names, legal_form, nace_code, nace_division, employees, street, postcode, city,
        municipality_code, postal_street, postal_postcode, postal_city, website, email, phone, activity, status, closed_on, registered_on, language, source)
      select ${country}, i.national_id, i.name, i.other_names, i.legal_form, i.nace_code, i.nace_division, i.employees, i.street, i.postcode,
        i.city, i.municipality_code, i.postal_street, i.postal_postcode, i.postal_city, i.website, i.email, i.phone, i.activity, i.status,
        i.closed_on, i.registered_on, ${language}, ${source}
      from input i
      on conflict (country, national_id) do update set
        name = excluded.name, other_names = excluded.other_names, legal_form = excluded.legal_form, nace_code = excluded.nace_code,
        nace_division = excluded.nace_division, employees = excluded.employees, street = excluded.street, postcode = excluded.postcode,
        city = excluded.city, municipality_code = excluded.municipality_code, postal_street = excluded.postal_street,
        postal_postcode = excluded.postal_postcode, postal_city = excluded.postal_city,
        -- contact details may have been edited by the firm's own people: the register only fills them when empty
        website = coalesce(f.website, excluded.website), email = coalesce(f.email, excluded.email), phone = coalesce(f.phone, excluded.phone),
        activity = excluded.activity, status = excluded.status, closed_on = excluded.closed_on, registered_on = excluded.registered_on,
        source = excluded.source, updated_at = now()
      where (f.name, f.other_names, f.legal_form, f.nace_code, f.nace_division, f.employees, f.street, f.postcode, f.city, f.municipality_code,
             f.postal_street, f.postal_postcode, f.postal_city, f.website, f.email, f.phone, f.activity, f.status, f.closed_on, f.registered_on, f.source)
        is distinct from
            (excluded.name, excluded.other_names, excluded.legal_form, excluded.nace_code, excluded.nace_division, excluded.employees,
             excluded.street, excluded.postcode, excluded.city, excluded.municipality_code, excluded.postal_street, excluded.postal_postcode,
             excluded.postal_city, coalesce(f.website, excluded.website), coalesce(f.email, excluded.email), coalesce(f.phone, excluded.phone),
             excluded.activity, excluded.status, excluded.closed_on, excluded.registered_on, excluded.source)
      returning f.id, f.national_id, f.status, (f.xmax = 0) as inserted
    )
    select coalesce(array_agg(up.id) filter (where up.inserted), '{}') as created_ids,
           coalesce(array_agg(up.id) filter (where not up.inserted), '{}') as updated_ids,
           count(*) filter (where up.status = 'closed' and i.previous_status is distinct from 'closed')::int as closed
    from up join input i on i.national_id = up.national_id
  `.execute(db);
  return summarise(result.rows[0]);
}

/** `rowsJson`: a JSON array of EstablishmentInput (import.schemas.ts). */
export async function upsertEstablishments(db: Kysely<DB>, country: string, source: ImportSource, rowsJson: string | null): Promise<UpsertResult> {
  if (!rowsJson) return { ...none };
  const result = await sql<Aggregated & { firm_ids: number[]; orphan_ids: number[] }>`
    with input as (
      select t.national_id, t.parent_national_id, t.name, t.nace_code, t.nace_division, t.employees, t.street, t.postcode, t.city,
        t.municipality_code, t.website, t.status, t.registered_on,
        (select f.id from firms f where f.country = ${country} and f.national_id = t.parent_national_id) as firm_id,
        case when t.status = 'closed' then (select e.status from establishments e where e.country = ${country} and e.national_id = t.national_id) end as previous_status,
        case when t.status = 'closed' then coalesce(t.closed_on,
          (select e.closed_on from establishments e where e.country = ${country} and e.national_id = t.national_id and e.status = 'closed'),
          (now() at time zone 'utc')::date) end as closed_on
      from json_to_recordset(${rowsJson}::json) as t(national_id text, parent_national_id text, name text, nace_code text, nace_division text,
        employees int, street text, postcode text, city text, municipality_code text, website text, status text, closed_on date, registered_on date)
    ), up as (
      insert into establishments as e (firm_id, country, national_id, parent_national_id, name, nace_code, nace_division, employees, street,
        postcode, city, municipality_code, website, status, closed_on, registered_on, source)
      select i.firm_id, ${country}, i.national_id, i.parent_national_id, i.name, i.nace_code, i.nace_division, i.employees, i.street,
        i.postcode, i.city, i.municipality_code, i.website, i.status, i.closed_on, i.registered_on, ${source}
      from input i
      on conflict (country, national_id) do update set
        firm_id = excluded.firm_id, parent_national_id = excluded.parent_national_id, name = excluded.name, nace_code = excluded.nace_code,
        nace_division = excluded.nace_division, employees = excluded.employees, street = excluded.street, postcode = excluded.postcode,
        city = excluded.city, municipality_code = excluded.municipality_code, website = coalesce(e.website, excluded.website),
        status = excluded.status, closed_on = excluded.closed_on, registered_on = excluded.registered_on, source = excluded.source,
        updated_at = now()
      where (e.firm_id, e.parent_national_id, e.name, e.nace_code, e.nace_division, e.employees, e.street, e.postcode, e.city,
             e.municipality_code, e.website, e.status, e.closed_on, e.registered_on, e.source)
        is distinct from
            (excluded.firm_id, excluded.parent_national_id, excluded.name, excluded.nace_code, excluded.nace_division, excluded.employees,
             excluded.street, excluded.postcode, excluded.city, excluded.municipality_code, coalesce(e.website, excluded.website),
             excluded.status, excluded.closed_on, excluded.registered_on, excluded.source)
      returning e.id, e.firm_id, e.national_id, e.status, (e.xmax = 0) as inserted
    )
    select coalesce(array_agg(up.id) filter (where up.inserted), '{}') as created_ids,
           coalesce(array_agg(up.id) filter (where not up.inserted), '{}') as updated_ids,
           count(*) filter (where up.status = 'closed' and i.previous_status is distinct from 'closed')::int as closed,
           coalesce(array_agg(distinct up.firm_id) filter (where up.firm_id is not null), '{}') as firm_ids,
           coalesce(array_agg(up.id) filter (where up.firm_id is null), '{}') as orphan_ids
    from up join input i on i.national_id = up.national_id
  `.execute(db);
  const row = result.rows[0];
  return { ...summarise(row), firmIds: (row.firm_ids ?? []).map(Number), orphanIds: (row.orphan_ids ?? []).map(Number) };
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

/** One row per batch instead of one per firm: less to send back and parse (PGlite parses in JS). */
interface Aggregated {
  created_ids: number[];
  updated_ids: number[];
  closed: number;
}

function summarise(row: Aggregated): UpsertResult {
  const createdIds = (row.created_ids ?? []).map(Number);
  const updatedIds = (row.updated_ids ?? []).map(Number);
  return { firmIds: [...createdIds, ...updatedIds], createdIds, created: createdIds.length, updated: updatedIds.length, closed: row.closed };
}

/**
 * A batch commits without waiting for its WAL flush (PostgreSQL; PGlite ignores it). A crash
 * can lose the last batches but never corrupt anything — and re-running the idempotent
 * import restores them.
 */
export async function relaxCommitWait(trx: Kysely<DB>) {
  await sql`set local synchronous_commit = off`.execute(trx);
}

/**
 * Fresh planner statistics. A bulk load into an empty table leaves the statistics saying
 * "empty" (PGlite has no autovacuum at all), and the per-row lookups of the next batches
 * would then be planned as scans.
 */
export async function analyzeTables(db: Kysely<DB>, tables: ('firms' | 'establishments')[]) {
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}

export async function insertRun(
  db: Kysely<DB>,
  run: { source: ImportSource; fileName: string; options: Record<string, unknown>; host: string; pid: number },
): Promise<number> {
  const row = await db
    .insertInto('import_runs')
    .values({ source: run.source, file_name: run.fileName, options: JSON.stringify(run.options), host: run.host, pid: run.pid, heartbeat_at: new Date() })
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
      skipped_count: c.skipped,
      ignored_count: c.ignored,
      linked_count: c.linked,
      rejections: JSON.stringify(result.rejections),
      error: result.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/** A sign of life of a run, written with each batch. */
export async function touchRun(db: Kysely<DB>, id: number) {
  await db.updateTable('import_runs').set({ heartbeat_at: sql`now()` }).where('id', '=', id).execute();
}

export function listRunningRuns(db: Kysely<DB>) {
  return db
    .selectFrom('import_runs')
    .select(['id', 'host', 'pid', sql<number>`extract(epoch from now() - coalesce(heartbeat_at, started_at))::float8`.as('silent_seconds')])
    .where('status', '=', 'running')
    .execute();
}

/** Marks runs failed, only those still 'running' (a run that finished meanwhile keeps its result). */
export async function failRuns(db: Kysely<DB>, ids: number[], error: string): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .updateTable('import_runs')
    .set({ status: 'failed', finished_at: sql`coalesce(heartbeat_at, started_at)`, error })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listRuns(db: Kysely<DB>, limit: number) {
  return db.selectFrom('import_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** For the import bench's scratch database: how many firms it holds already. */
export async function countFirmsForBench(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from firms`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** For the import bench's scratch database only (its name contains "bench"): starts the register empty. */
export async function emptyRegisterForBench(db: Kysely<DB>): Promise<void> {
  await sql`truncate firms, establishments, import_runs restart identity cascade`.execute(db);
}
