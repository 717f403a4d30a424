import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrator.js';
import { loadReferenceData } from '../../src/modules/reference-data.js';
import { projectRoot } from '../../src/shared/paths.js';

export type Backend = 'pglite' | 'postgres';

export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Hash of the migrations and reference data: a template made from an older set is not reused. */
function schemaFingerprint(): string {
  const h = createHash('sha256');
  const dirs = [join(projectRoot, 'dist', 'src', 'db', 'migrations'), join(projectRoot, 'src', 'modules', 'places', 'data'), join(projectRoot, 'src', 'modules', 'registry', 'data')];
  for (const dir of dirs) for (const f of readdirSync(dir).sort()) if (f.endsWith('.js') || f.endsWith('.json')) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * A migrated PGlite data directory is made once per schema version (initdb costs ~2.5 s)
 * and copied for each test database (~0.3 s to open).
 */
async function pgliteTemplate(): Promise<string> {
  const dir = join(tmpdir(), `lokalkraft-template-${schemaFingerprint()}`);
  if (existsSync(join(dir, '.ready'))) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'lokalkraft-template-staging-'));
  const database = await openDatabase({ dataDir: staging });
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
  if (backend === 'pglite') {
    const template = await pgliteTemplate();
    const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-test-'));
    cpSync(template, dir, { recursive: true });
    const database = await openDatabase({ dataDir: dir });
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
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 8 });
  await migrate(database.db);
  await loadReferenceData(database.db);
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
