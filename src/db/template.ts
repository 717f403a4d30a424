import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../shared/paths.js';

/**
 * A migrated embedded database made once at `npm install` (bin/build.mjs runs make-template.ts), copied
 * into an empty data directory on first start: initdb (~2.5 s) and the migrations (~2-3 s) are
 * paid at install instead of at the first `npm start`. It is only a head start: the server still
 * migrates and loads reference data on every start, so a template from fewer migrations is fine.
 * One made by another PGlite version, or knowing migrations this code does not, is not used.
 */
export const templateDir = join(projectRoot, 'dist', 'pglite-template');
const metaFile = 'lokalkraft-template.json';
const migrationsDir = join(projectRoot, 'dist', 'src', 'db', 'migrations');

interface TemplateMeta {
  pglite: string;
  migrations: string[];
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite');
  // …/node_modules/@electric-sql/pglite/dist/index.cjs → the package.json two levels up
  const pkg = JSON.parse(readFileSync(join(main, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function migrationNames(): string[] {
  return readdirSync(migrationsDir).filter((f) => /^\d{4}_[a-z0-9_]+\.js$/.test(f)).map((f) => f.replace(/\.js$/, '')).sort();
}

function usableTemplate(): boolean {
  try {
    const meta = JSON.parse(readFileSync(join(templateDir, metaFile), 'utf8')) as TemplateMeta;
    const known = new Set(migrationNames());
    return meta.pglite === pgliteVersion() && meta.migrations.every((m) => known.has(m));
  } catch {
    return false;
  }
}

/** Copies the template into `dataDir` when that holds no database yet (call it holding the directory's lock). */
export function seedFromTemplate(dataDir: string): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !usableTemplate()) return false;
  cpSync(templateDir, dataDir, { recursive: true, filter: (src) => !src.endsWith(metaFile) });
  return true;
}

/** Makes the template next to the build; the new one replaces the old by rename. */
export async function buildTemplate(): Promise<void> {
  // Imported here: client.ts imports this module for seedFromTemplate.
  const { openDatabase } = await import('./client.js');
  const { migrate } = await import('./migrator.js');
  const { loadReferenceData } = await import('../modules/reference-data.js');
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
