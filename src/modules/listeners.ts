import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { listen } from '../shared/events.js';
import { catchUpDirectory } from './directory/directory.sync-listener.js';
import { failAbandonedImportRuns } from './registry/importers/import.service.js';

/** Which module listens to which announcement (the composition root of events, like commands.ts for the CLI). */
export function registerListeners(): void {
  listen('firmsChanged', 'directory', ({ db }) => catchUpDirectory(db));
}

/**
 * Work a process that died may have left: import runs still marked 'running', registry changes
 * the directory has not applied. Run at start-up (server) and before each import.
 */
export async function finishInterruptedWork(db: Kysely<DB>, log: (msg: string) => void = () => undefined): Promise<void> {
  const failed = await failAbandonedImportRuns(db);
  if (failed) log(`${failed} import run(s) left running by a stopped process marked failed`);
  const r = await catchUpDirectory(db);
  if (r.rebuilt || r.firms) log(`directory caught up with the registry: ${r.rebuilt ? 'rebuilt' : `${r.firms} firms`} in ${r.seconds.toFixed(1)} s`);
}
