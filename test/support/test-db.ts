import { accessSync, constants, cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrator.js';
import { loadReferenceData } from '../../src/modules/reference-data.js';
import { registerListeners } from '../../src/modules/listeners.js';
import { projectRoot } from '../../src/shared/paths.js';

export type Backend = 'pglite' | 'postgres';

export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Hash of the migrations and reference data: a template made from an older set is not reused. */
function schemaFingerprint(): string {
  const h = createHash('sha256');
  const dirs = [
    join(projectRoot, 'dist', 'src', 'db', 'migrations'),
    join(projectRoot, 'src', 'modules', 'places', 'data'),
    join(projectRoot, 'src', 'modules', 'registry', 'data'),
    join(projectRoot, 'src', 'modules', 'navigator', 'data'),
  ];
  for (const dir of dirs) for (const f of readdirSync(dir).sort()) if (f.endsWith('.js') || f.endsWith('.json')) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * Where PGlite test databases live: TEST_SCRATCH_DIR, else /dev/shm (memory; a 40 MB copy and its
 * removal take milliseconds there instead of seconds on a disk busy with other work), else the
 * system temporary directory.
 */
function scratchDir(): string {
  const wanted = process.env.TEST_SCRATCH_DIR ?? '/dev/shm';
  try {
    accessSync(wanted, constants.W_OK);
    return wanted;
  } catch {
    return tmpdir();
  }
}

/**
 * Test databases do not flush the file system (a throwaway copy needs no power-cut safety) and
 * use a small buffer cache (PGlite's 128 MB default is allocated at every open).
 */
const pgliteTestOptions = { syncIntervalMs: 0, pgliteSharedBuffers: '32MB' } as const;

/**
 * A migrated PGlite data directory is made once per schema version (initdb costs ~2.5 s)
 * and copied for each test database (~0.3 s to open).
 */
async function pgliteTemplate(): Promise<string> {
  const dir = join(scratchDir(), `lokalkraft-template-${schemaFingerprint()}`);
  if (existsSync(join(dir, '.ready'))) return dir;
  const staging = mkdtempSync(join(scratchDir(), 'lokalkraft-template-staging-'));
  const database = await openDatabase({ dataDir: staging, ...pgliteTestOptions });
  await migrate(database.db);
  await loadReferenceData(database.db);
  await database.close();
  writeFileSync(join(staging, '.ready'), 'ok');
  // rename is atomic: another test process sees either no template or a whole one (a copy could
  // be seen half-done, with .ready already there, and PGlite aborts on the torn directory).
  try {
    renameSync(staging, dir);
  } catch {
    /* another test process won the race; its template is as good */
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** A fresh copy of the migrated PGlite template, for tests that start real processes on it; remove it when done. */
export async function copyOfPgliteTemplate(): Promise<string> {
  const template = await pgliteTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-test-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

let postgresAvailable: boolean | undefined;
export async function isPostgresAvailable(): Promise<boolean> {
  if (postgresAvailable !== undefined) return postgresAvailable;
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    postgresAvailable = true;
  } catch {
    postgresAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  return postgresAvailable;
}

function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

let postgresTemplateName: Promise<string> | undefined;
/**
 * The PostgreSQL counterpart of the PGlite template: a database migrated and loaded once per
 * schema version, marked as a template, and cloned with CREATE DATABASE … TEMPLATE (a file copy,
 * instead of running every migration and loading the places again for each test file). Test
 * processes take turns through an advisory lock; the template flag is set only when the build is
 * whole, so a build cut short is dropped and made again.
 */
function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `lk_template_${schemaFingerprint()}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
      const ready = await admin.query('select 1 from pg_database where datname = $1 and datistemplate', [name]);
      if (ready.rowCount === 0) {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(`create database ${name}`);
        const database = await openDatabase({ databaseUrl: databaseUrl(name), poolSize: 2 });
        try {
          await migrate(database.db);
          await loadReferenceData(database.db);
        } finally {
          await database.close();
        }
        await admin.query(`alter database ${name} is_template true allow_connections false`);
      }
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
      await admin.end();
    }
    return name;
  })();
  return postgresTemplateName;
}

/** Which backends this run tests: PGlite always; PostgreSQL when reachable, and always under CI=true. */
export async function backendsUnderTest(): Promise<Backend[]> {
  if (process.env.CI === 'true' || process.env.TEST_POSTGRES === 'true') return ['pglite', 'postgres'];
  return (await isPostgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  backend: Backend;
  /** Removes the copy (PGlite) or drops the database (PostgreSQL). */
  destroy(): Promise<void>;
}

/** A fresh, migrated database with reference places loaded, on the given backend. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  registerListeners(); // as main.ts and the CLI do: the directory follows registry changes
  if (backend === 'pglite') {
    const template = await pgliteTemplate();
    const dir = mkdtempSync(join(scratchDir(), 'lokalkraft-test-'));
    cpSync(template, dir, { recursive: true });
    const database = await openDatabase({ dataDir: dir, ...pgliteTestOptions });
    return {
      ...database,
      backend,
      async destroy() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `lk_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const template = await postgresTemplate();
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: databaseUrl(name), poolSize: 8 });
  return {
    ...database,
    backend,
    async destroy() {
      await database.close();
      const a = new pg.Client({ connectionString: postgresAdminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export { sql };
