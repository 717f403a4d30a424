import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './types.js';

export interface Migration {
  name: string;
  /** SQL run in one transaction; it must work on PGlite and on PostgreSQL alike. */
  up: string;
}

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Migration files are `NNNN_name.js` (compiled from .ts), applied in name order, append-only. */
export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.js$/.test(f))
    .sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { up: string };
    migrations.push({ name: file.replace(/\.js$/, ''), up: mod.up });
  }
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations, each in its own transaction. On PostgreSQL an advisory
 * lock keeps two instances starting at once from migrating together.
 */
export async function migrate(db: Kysely<DB>, onApply?: (name: string) => void): Promise<MigrateResult> {
  const migrations = await loadMigrations();
  await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(727274)`.execute(conn);
    try {
      const done = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.up).execute(trx);
          await trx.insertInto('schema_migrations').values({ name: m.name, applied_at: new Date() }).execute();
        });
        applied.push(m.name);
        onApply?.(m.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`select pg_advisory_unlock(727274)`.execute(conn);
    }
  });
}
