import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import type { SessionUser } from '../../../shared/http/auth.js';
import { requireNetworkAdmin } from '../../accounts/accounts.access.js';
import * as repo from './import.repository.js';
import { toImportRunDto, type ImportOptions, type ImportRunDto, type ImportSource, type ImportSummary } from './import.schemas.js';
import { runImport, type RunImportParams } from './pipeline.js';

/** Imports one or more register files of a source into the registry (see pipeline.ts). */
export function importRegisterFiles(
  db: Kysely<DB>,
  source: ImportSource,
  paths: string[],
  options: ImportOptions = {},
  hooks: Pick<RunImportParams, 'onProgress'> = {},
): Promise<ImportSummary> {
  return runImport(db, { source, paths, options, ...hooks });
}

/** The last import runs, newest first (for the operator's CLI, who holds the database itself). */
export async function listImportRuns(db: Kysely<DB>, limit = 50): Promise<ImportRunDto[]> {
  return (await repo.listRuns(db, Math.min(Math.max(limit, 1), 500))).map((r) => toImportRunDto(r));
}

/** The same on the web: network administrators only (anonymous: 401 → sign-in; others: 403). */
export async function listImportRunsForUser(db: Kysely<DB>, user: SessionUser | undefined, limit = 50): Promise<ImportRunDto[]> {
  if (!user) throw new AppError('unauthorized', 'Sign-in required');
  requireNetworkAdmin(user);
  return listImportRuns(db, limit);
}
