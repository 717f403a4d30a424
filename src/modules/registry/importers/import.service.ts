import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import type { SessionUser } from '../../../shared/http/auth.js';
import { registryAccess } from '../registry.access.js';
import * as repo from './import.repository.js';
import { toImportRunDto, type ImportOptions, type ImportRunDto, type ImportSource, type ImportSummary } from './import.schemas.js';
import { runImport, type RunImportParams } from './pipeline.js';

/** Imports one or more register files of a source into the registry (see pipeline.ts). */
export async function importRegisterFiles(
  db: Kysely<DB>,
  source: ImportSource,
  paths: string[],
  options: ImportOptions = {},
  hooks: Pick<RunImportParams, 'onProgress'> = {},
): Promise<ImportSummary> {
  if (!options.dryRun) await failAbandonedImportRuns(db);
  return runImport(db, { source, paths, options, ...hooks });
}

/** The last import runs, newest first (for the operator's CLI, who holds the database itself). */
export async function listImportRuns(db: Kysely<DB>, limit = 50): Promise<ImportRunDto[]> {
  return (await repo.listRuns(db, Math.min(Math.max(limit, 1), 500))).map((r) => toImportRunDto(r));
}

/** The same on the web: network administrators only (anonymous: 401 → sign-in; others: 403). */
export async function listImportRunsForUser(db: Kysely<DB>, user: SessionUser | undefined, limit = 50): Promise<ImportRunDto[]> {
  registryAccess.requireAccess(user, 'registry.import.read', undefined);
  return listImportRuns(db, limit);
}

/** A run that has shown no sign of life for this long is dead even when we cannot see its process. */
const SILENT_RUN_SECONDS = 3600;

/** Is this process alive (on this machine)? EPERM: it exists but belongs to someone else. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs left 'running' by a process that died (killed, out of memory, power cut) are marked
 * failed: on this machine when their process is gone, elsewhere after an hour without a batch.
 * Called at start-up and before each import. Returns how many were marked.
 */
export async function failAbandonedImportRuns(db: Kysely<DB>): Promise<number> {
  const here = hostname();
  const dead = (await repo.listRunningRuns(db)).filter((r) =>
    r.host === here && r.pid !== null ? r.pid !== process.pid && !isProcessAlive(r.pid) : r.silent_seconds > SILENT_RUN_SECONDS,
  );
  return repo.failRuns(
    db,
    dead.map((r) => Number(r.id)),
    'the importing process stopped before the run finished (killed or crashed); run the import again to complete it',
  );
}
