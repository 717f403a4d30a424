import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../shared/paths.js';

/**
 * A migrated embedded database made once at `npm install` (bin/build.mjs runs src/make-template.ts), copied
 * into an empty data directory on first start: initdb (~2.5 s) and the migrations (~2-3 s) are
 * paid at install instead of at the first `npm start`. It is only a head start: the server still
 * migrates and loads reference data on every start, so a template from fewer migrations is fine.
 * One made by another PGlite version, or knowing migrations this code does not, is not used.
 */
export const templateDir = join(projectRoot, 'dist', 'pglite-template');
export const metaFile = 'lokalkraft-template.json';
const migrationsDir = join(projectRoot, 'dist', 'src', 'db', 'migrations');

export interface TemplateMeta {
  pglite: string;
  migrations: string[];
}

export function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite');
  // …/node_modules/@electric-sql/pglite/dist/index.cjs → the package.json two levels up
  const pkg = JSON.parse(readFileSync(join(main, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function migrationNames(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.js$/.test(f))
    .map((f) => f.replace(/\.js$/, ''))
    .sort();
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
