// `node dist/src/make-template.js`: run by `npm install` (bin/build.mjs); see db/template.ts.
// An entry point beside main.ts and cli.ts, not in db/: it loads the modules' reference data.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrator.js';
import { metaFile, migrationNames, pgliteVersion, templateDir, type TemplateMeta } from './db/template.js';
import { loadReferenceData } from './modules/reference-data.js';

/** Makes the template next to the build; the new one replaces the old by rename. */
async function buildTemplate(): Promise<void> {
  const staging = `${templateDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: staging, syncIntervalMs: 0, useTemplate: false });
  try {
    await migrate(database.db);
    await loadReferenceData(database.db);
  } finally {
    await database.close();
  }
  writeFileSync(join(staging, metaFile), JSON.stringify({ pglite: pgliteVersion(), migrations: migrationNames() } satisfies TemplateMeta));
  rmSync(templateDir, { recursive: true, force: true });
  renameSync(staging, templateDir);
}

await buildTemplate();
