import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FilesTable } from './files.tables.js';

/** The only SQL of the file store; it touches only the `files` table. */
export type FileRow = Selectable<FilesTable>;

export async function insertFileRow(db: Kysely<DB>, row: Omit<FileRow, 'created_at'>): Promise<FileRow> {
  return db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFileRow(db: Kysely<DB>, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listFileRowsOf(db: Kysely<DB>, owner: string, ownerId: string): Promise<FileRow[]> {
  return db.selectFrom('files').selectAll().where('owner', '=', owner).where('owner_id', '=', ownerId).orderBy('created_at').orderBy('id').execute();
}

/** Deletes the owner's rows and returns their ids (the blobs to remove once the transaction commits). */
export async function deleteFileRowsOf(db: Kysely<DB>, owner: string, ownerId: string): Promise<string[]> {
  const rows = await db.deleteFrom('files').where('owner', '=', owner).where('owner_id', '=', ownerId).returning('id').execute();
  return rows.map((r) => r.id);
}

export async function deleteFileRow(db: Kysely<DB>, id: string): Promise<boolean> {
  const rows = await db.deleteFrom('files').where('id', '=', id).returning('id').execute();
  return rows.length > 0;
}

/** Which of these ids have a row (for the orphan sweep). */
export async function existingFileIds(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('files').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
