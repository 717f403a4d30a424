import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FileStatus, MatchMethod, MatchStatus, UploadStatus } from './spend.tables.js';

/** The spend module's SQL on PostgreSQL (the lines themselves are in DuckDB: spend.engine.ts). */

export async function insertUpload(db: Kysely<DB>, organisationId: number, createdBy: number | null, isDemo = false): Promise<number> {
  const row = await db
    .insertInto('spend_uploads')
    .values({ organisation_id: organisationId, created_by: createdBy, is_demo: isDemo })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertFile(
  db: Kysely<DB>,
  f: { uploadId: number; organisationId: number; position: number; fileName: string; contentHash: string; bytes: number; storedPath: string; isDemo?: boolean },
): Promise<number> {
  const row = await db
    .insertInto('spend_files')
    .values({
      upload_id: f.uploadId,
      organisation_id: f.organisationId,
      position: f.position,
      file_name: f.fileName,
      content_hash: f.contentHash,
      bytes: f.bytes,
      stored_path: f.storedPath,
      is_demo: f.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findUpload(db: Kysely<DB>, organisationId: number, uploadId: number) {
  return db.selectFrom('spend_uploads').selectAll().where('organisation_id', '=', organisationId).where('id', '=', uploadId).executeTakeFirst();
}

export function listUploads(db: Kysely<DB>, organisationId: number, limit = 50) {
  return db
    .selectFrom('spend_uploads')
    .leftJoin('spend_files', 'spend_files.upload_id', 'spend_uploads.id')
    .select([
      'spend_uploads.id',
      'spend_uploads.status',
      'spend_uploads.created_at',
      'spend_uploads.finished_at',
      'spend_uploads.is_demo',
      sql<number>`count(spend_files.id)::int`.as('file_count'),
      sql<string | null>`sum(spend_files.lines)::text`.as('lines'),
      sql<string | null>`sum(spend_files.total_minor)::text`.as('total_minor'),
    ])
    .where('spend_uploads.organisation_id', '=', organisationId)
    .where('spend_uploads.status', '<>', 'discarded')
    .groupBy('spend_uploads.id')
    .orderBy('spend_uploads.created_at', 'desc')
    .limit(limit)
    .execute();
}

export function listFiles(db: Kysely<DB>, uploadId: number) {
  return db.selectFrom('spend_files').selectAll().where('upload_id', '=', uploadId).orderBy('position').execute();
}

export async function updateFile(
  db: Kysely<DB>,
  fileId: number,
  values: Partial<{
    staged: Record<string, unknown>;
    mapping: Record<string, number>;
    decimal_separator: string;
    date_format: string;
    check_result: Record<string, unknown> | null;
    status: FileStatus;
    lines: number;
    skipped: number;
    total_minor: number;
    imported_at: Date;
  }>,
): Promise<void> {
  const v: Record<string, unknown> = { ...values };
  for (const k of ['staged', 'mapping', 'check_result']) if (v[k] !== undefined && v[k] !== null) v[k] = JSON.stringify(v[k]);
  await db.updateTable('spend_files').set(v).where('id', '=', fileId).execute();
}

/** The upload row locked for the import decision (one import at a time per upload). */
export function lockUpload(trx: Kysely<DB>, uploadId: number) {
  return trx.selectFrom('spend_uploads').selectAll().where('id', '=', uploadId).forUpdate().executeTakeFirst();
}

export async function setUploadStatus(
  db: Kysely<DB>,
  uploadId: number,
  status: UploadStatus,
  progress?: Record<string, unknown> | null,
  message?: string | null,
) {
  await db
    .updateTable('spend_uploads')
    .set({
      status,
      ...(progress !== undefined ? { progress: progress === null ? null : JSON.stringify(progress) } : {}),
      ...(message !== undefined ? { message } : {}),
      ...(status === 'imported' || status === 'failed' ? { finished_at: new Date() } : {}),
    })
    .where('id', '=', uploadId)
    .execute();
}

/** The progress of an import that is still running (never changes the status). */
export async function setUploadProgress(db: Kysely<DB>, uploadId: number, progress: Record<string, unknown>) {
  await db
    .updateTable('spend_uploads')
    .set({ progress: JSON.stringify(progress) })
    .where('id', '=', uploadId)
    .where('status', '=', 'importing')
    .execute();
}

/** An imported file with these bytes for the organisation, if any. */
export function findImportedByHash(db: Kysely<DB>, organisationId: number, hash: string) {
  return db
    .selectFrom('spend_files')
    .select(['id', 'file_name', 'imported_at'])
    .where('organisation_id', '=', organisationId)
    .where('content_hash', '=', hash)
    .where('status', '=', 'imported')
    .executeTakeFirst();
}

export function listImportedFiles(db: Kysely<DB>, organisationId: number) {
  return db
    .selectFrom('spend_files')
    .select(['id', 'file_name', 'lines', 'skipped', 'total_minor', 'imported_at', 'is_demo'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'imported')
    .orderBy('imported_at', 'desc')
    .execute();
}

// ---- header choices --------------------------------------------------------------------------

export function listHeaderChoices(db: Kysely<DB>, organisationId: number) {
  return db.selectFrom('spend_header_choices').select(['header_key', 'field']).where('organisation_id', '=', organisationId).execute();
}

export async function upsertHeaderChoices(db: Kysely<DB>, organisationId: number, userId: number | null, choices: { headerKey: string; field: string }[]) {
  if (!choices.length) return;
  await db
    .insertInto('spend_header_choices')
    .values(choices.map((c) => ({ organisation_id: organisationId, header_key: c.headerKey, field: c.field, updated_by: userId })))
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'header_key']).doUpdateSet({ field: sql`excluded.field`, updated_by: sql`excluded.updated_by`, updated_at: sql`now()` }),
    )
    .execute();
}

// ---- suppliers -------------------------------------------------------------------------------

export interface SupplierRow {
  rawKey: string;
  supplierNo: string | null;
  name: string | null;
  country: string | null;
  firmId: number | null;
  method: MatchMethod;
  confidence: number | null;
  status: MatchStatus;
  candidates: number[];
  lines: number;
  amountMinor: number;
}

/** Adds new supplier keys and adds lines/amounts to known ones; a person's decision is kept. One statement. */
export async function upsertSuppliers(db: Kysely<DB>, organisationId: number, rows: SupplierRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await db
      .insertInto('spend_suppliers')
      .values(
        chunk.map((r) => ({
          organisation_id: organisationId,
          raw_key: r.rawKey,
          supplier_no: r.supplierNo,
          name: r.name,
          country: r.country,
          firm_id: r.firmId,
          method: r.method,
          confidence: r.confidence,
          status: r.status,
          candidate_firm_ids: r.candidates,
          lines: r.lines,
          amount_minor: r.amountMinor,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'raw_key']).doUpdateSet({
          lines: sql`spend_suppliers.lines + excluded.lines`,
          amount_minor: sql`spend_suppliers.amount_minor + excluded.amount_minor`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  }
}

export async function listSuppliers(db: Kysely<DB>, organisationId: number) {
  const rows = await db.selectFrom('spend_suppliers').selectAll().where('organisation_id', '=', organisationId).execute();
  return rows.map((r) => ({
    ...r,
    firm_id: r.firm_id === null ? null : Number(r.firm_id),
    lines: Number(r.lines),
    amount_minor: Number(r.amount_minor),
    candidate_firm_ids: r.candidate_firm_ids.map(Number),
  }));
}

export function listSuppliersToConfirm(db: Kysely<DB>, organisationId: number, limit = 200) {
  return db
    .selectFrom('spend_suppliers')
    .select(['raw_key', 'supplier_no', 'name', 'confidence', 'candidate_firm_ids', 'lines', 'amount_minor', 'firm_id'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'suggested')
    .orderBy('amount_minor', 'desc')
    .limit(limit)
    .execute();
}

export function countSuppliersByStatus(db: Kysely<DB>, organisationId: number) {
  return db
    .selectFrom('spend_suppliers')
    .select(['status', sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(amount_minor), 0)::text`.as('minor')])
    .where('organisation_id', '=', organisationId)
    .groupBy('status')
    .execute();
}

/** A person's decision on a suggested match, under the row lock (the first decision wins). */
export async function decideSupplier(trx: Kysely<DB>, organisationId: number, rawKey: string, firmId: number | null, userId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('spend_suppliers')
    .select(['status', 'candidate_firm_ids'])
    .where('organisation_id', '=', organisationId)
    .where('raw_key', '=', rawKey)
    .forUpdate()
    .executeTakeFirst();
  if (row?.status !== 'suggested') return false;
  if (firmId !== null && !row.candidate_firm_ids.map(Number).includes(firmId)) return false;
  await trx
    .updateTable('spend_suppliers')
    .set({
      firm_id: firmId,
      status: firmId === null ? 'unmatched' : 'matched',
      method: firmId === null ? 'none' : 'confirmed',
      confidence: firmId === null ? null : 1,
      decided_by: userId,
      decided_at: new Date(),
      updated_at: new Date(),
    })
    .where('organisation_id', '=', organisationId)
    .where('raw_key', '=', rawKey)
    .execute();
  return true;
}

// ---- sharing, settings -----------------------------------------------------------------------

export async function listSharedWith(db: Kysely<DB>, organisationId: number): Promise<number[]> {
  const rows = await db.selectFrom('spend_shares').select('shared_with_id').where('organisation_id', '=', organisationId).execute();
  return rows.map((r) => Number(r.shared_with_id));
}

export async function listSharingTo(db: Kysely<DB>, organisationIds: number[]): Promise<number[]> {
  if (!organisationIds.length) return [];
  const rows = await db.selectFrom('spend_shares').select('organisation_id').where('shared_with_id', 'in', organisationIds).execute();
  return rows.map((r) => Number(r.organisation_id));
}

export async function addShare(db: Kysely<DB>, organisationId: number, sharedWithId: number, userId: number) {
  await db
    .insertInto('spend_shares')
    .values({ organisation_id: organisationId, shared_with_id: sharedWithId, created_by: userId })
    .onConflict((oc) => oc.columns(['organisation_id', 'shared_with_id']).doNothing())
    .execute();
}

export async function removeShare(db: Kysely<DB>, organisationId: number, sharedWithId: number) {
  await db.deleteFrom('spend_shares').where('organisation_id', '=', organisationId).where('shared_with_id', '=', sharedWithId).execute();
}

export function findSettings(db: Kysely<DB>, organisationId: number) {
  return db.selectFrom('spend_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function upsertSettings(
  db: Kysely<DB>,
  organisationId: number,
  userId: number | null,
  values: Partial<{ home_municipality: string | null; published_year: number | null; published_at: Date | null; respend: Record<string, number> }>,
) {
  const v: Record<string, unknown> = { ...values, updated_by: userId, updated_at: new Date() };
  if (values.respend) v.respend = JSON.stringify(values.respend);
  await db
    .insertInto('spend_settings')
    .values({ organisation_id: organisationId, ...v } as never)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(v as never))
    .execute();
}

export function listPublished(db: Kysely<DB>) {
  return db
    .selectFrom('spend_settings')
    .select(['organisation_id', 'published_year', 'published_at', 'home_municipality', 'respend'])
    .where('published_at', 'is not', null)
    .execute();
}

export async function hasDemoUpload(db: Kysely<DB>, organisationId: number): Promise<boolean> {
  const row = await db.selectFrom('spend_uploads').select('id').where('organisation_id', '=', organisationId).where('is_demo', '=', true).executeTakeFirst();
  return !!row;
}

/** What these organisations' ledgers paid a firm (all imported lines), per organisation. */
export async function sumPaidToFirm(db: Kysely<DB>, firmId: number, organisationIds: number[]) {
  if (!organisationIds.length) return [];
  return db
    .selectFrom('spend_suppliers')
    .select(['organisation_id', sql<string>`sum(amount_minor)::text`.as('minor'), sql<string>`sum(lines)::text`.as('lines')])
    .where('firm_id', '=', firmId)
    .where('organisation_id', 'in', organisationIds)
    .groupBy('organisation_id')
    .execute();
}
