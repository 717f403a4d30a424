import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
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

/** The last import runs, newest first. (Access is checked by the caller: requireNetworkAdmin.) */
export async function listImportRuns(db: Kysely<DB>, limit = 50): Promise<ImportRunDto[]> {
  return (await repo.listRuns(db, Math.min(Math.max(limit, 1), 500))).map((r) => toImportRunDto(r));
}
