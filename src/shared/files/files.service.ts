import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError, type ErrorText } from '../errors.js';
import type { SessionUser } from '../http/auth.js';
import { isBlobKey, type BlobStore } from './blob-store.js';
import { checkUpload, type UploadSource } from './checked-body.js';
import { fileOwner, type FileOwner } from './file-owners.js';
import type { FileUse } from './file-uses.js';
import { filesAccess } from './files.access.js';
import { filesMessages as msg } from './files.messages.js';
import * as repo from './files.repository.js';

export interface FileDto {
  id: string;
  owner: string;
  ownerId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: number | null;
  createdAt: string;
}

export const toFileDto = (r: repo.FileRow): FileDto => ({
  id: r.id,
  owner: r.owner,
  ownerId: r.owner_id,
  name: r.name,
  contentType: r.content_type,
  size: Number(r.byte_size),
  sha256: r.sha256,
  createdBy: r.created_by === null ? null : Number(r.created_by),
  createdAt: new Date(r.created_at).toISOString(),
});

/** A file name as a person gave it, without any path, control characters or surrounding blanks; undefined when nothing usable is left. */
export function cleanFileName(raw: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const name = (raw.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return name && name !== '.' && name !== '..' && name.length <= 255 ? name : undefined;
}

export interface StoreFileInput {
  owner: string;
  ownerId: string | number;
  use: FileUse;
  name: string;
  body: UploadSource;
  /** Content-Length when known (a too-large upload is refused before it is read). */
  declaredSize?: number;
  createdBy: number | null;
  /** The form field or parameter that carried the file, named in refusals. */
  field?: string;
  label?: ErrorText;
}

/**
 * Stores a file for an owner the caller has already checked access to: bytes checked while they
 * stream (type 415, size 413), written to the blob store, then the metadata row. A refused or
 * broken upload leaves neither blob nor row; a row insert that fails removes the blob.
 */
export async function storeFile(db: Kysely<DB>, store: BlobStore, input: StoreFileInput): Promise<FileDto> {
  const field = input.field ?? 'file';
  const name = cleanFileName(input.name);
  if (!name) throw new AppError('validation', msg.fileNameRefused, [{ field: 'name', label: msg.fileNameLabel, message: msg.badFileName }]);
  const checked = await checkUpload(input.body, input.use, { field, label: input.label ?? msg.fileLabel, declaredSize: input.declaredSize });
  const id = randomUUID();
  try {
    await store.put(id, checked.body, checked.contentType);
  } catch (err) {
    throw checked.failure() ?? err;
  }
  const { size, sha256 } = checked.summary();
  try {
    const row = await repo.insertFileRow(db, {
      id,
      owner: input.owner,
      owner_id: String(input.ownerId),
      name,
      content_type: checked.contentType,
      byte_size: size,
      sha256,
      created_by: input.createdBy,
    });
    return toFileDto(row);
  } catch (err) {
    await store.remove(id).catch(() => undefined);
    throw err;
  }
}

async function ownerAndScope(db: Kysely<DB>, ownerName: string, ownerId: string): Promise<{ owner: FileOwner; scope: unknown }> {
  const owner = fileOwner(ownerName);
  const scope = owner ? await owner.scope(db, ownerId) : undefined;
  if (!owner || scope === undefined) throw new AppError('not_found', msg.noSuchFile);
  return { owner, scope };
}

/** Attach a file to an owner as this person (the owner's rules decide: 401/403/404). */
export async function attachFile(
  db: Kysely<DB>,
  store: BlobStore,
  user: SessionUser | undefined,
  input: Omit<StoreFileInput, 'use' | 'createdBy' | 'ownerId'> & { ownerId: string },
): Promise<FileDto> {
  const { owner, scope } = await ownerAndScope(db, input.owner, input.ownerId);
  const person = filesAccess.requireAccess(user, 'files.file.attach', { owner, scope });
  return storeFile(db, store, { ...input, use: owner.use, createdBy: person.id });
}

/**
 * A file this person may read, and whether anybody may (then caches may keep it). Unknown ids,
 * files of owners that no longer exist and owners no module declares answer 404.
 */
export async function openFileFor(db: Kysely<DB>, user: SessionUser | undefined, fileId: string): Promise<{ file: FileDto; isPublic: boolean }> {
  const row = isBlobKey(fileId) ? await repo.findFileRow(db, fileId) : undefined;
  if (!row) throw new AppError('not_found', msg.noSuchFile);
  const { owner, scope } = await ownerAndScope(db, row.owner, row.owner_id);
  const isPublic = owner.canRead(undefined, scope);
  if (!isPublic) filesAccess.requireAccess(user, 'files.file.read', { owner, scope });
  return { file: toFileDto(row), isPublic };
}

/** The owner's files, oldest first — for the owner module to list after its own access check. */
export async function listFilesOf(db: Kysely<DB>, owner: string, ownerId: string | number): Promise<FileDto[]> {
  return (await repo.listFileRowsOf(db, owner, String(ownerId))).map(toFileDto);
}

export interface FileRemoval {
  fileIds: string[];
  /** Call after the transaction committed: removes the blobs (a failure leaves orphans for the sweep, never a dangling row). */
  removeBlobs(store: BlobStore): Promise<void>;
}

/**
 * Erases the owner's files: call inside the transaction that deletes the owner, so metadata goes
 * with it (or stays, on rollback); then `removeBlobs` once it has committed.
 *
 *   const removal = await db.transaction().execute(async (trx) => { …delete the case…; return deleteFilesOf(trx, 'cases.case', id); });
 *   await removal.removeBlobs(store);
 */
export async function deleteFilesOf(trx: Kysely<DB>, owner: string, ownerId: string | number): Promise<FileRemoval> {
  const fileIds = await repo.deleteFileRowsOf(trx, owner, String(ownerId));
  return {
    fileIds,
    async removeBlobs(store) {
      for (const id of fileIds) await store.remove(id).catch(() => undefined);
    },
  };
}

export interface SweepReport {
  scanned: number;
  orphans: number;
  removed: number;
  staleUploads: number;
}

/**
 * Removes blobs without a metadata row (left by a crash between upload and insert, a rolled-back
 * owner transaction or a failed removal) and leftovers of cut-off uploads. Only blobs older than
 * `olderThan` are touched, so uploads in flight are safe.
 */
export async function sweepOrphanFiles(db: Kysely<DB>, store: BlobStore, options: { olderThan: Date; dryRun?: boolean }): Promise<SweepReport> {
  const report: SweepReport = { scanned: 0, orphans: 0, removed: 0, staleUploads: 0 };
  let batch: string[] = [];
  const flush = async () => {
    const known = await repo.existingFileIds(db, batch);
    for (const id of batch) {
      if (known.has(id)) continue;
      report.orphans++;
      if (!options.dryRun) {
        await store.remove(id);
        report.removed++;
      }
    }
    batch = [];
  };
  for await (const blob of store.list()) {
    report.scanned++;
    if (blob.modifiedAt >= options.olderThan) continue;
    batch.push(blob.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  if (!options.dryRun) report.staleUploads = await store.removeStaleUploads(options.olderThan);
  return report;
}
