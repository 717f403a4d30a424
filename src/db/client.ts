import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './types.js';

export type BackendKind = 'pglite' | 'postgres';

export interface Database {
  kind: BackendKind;
  db: Kysely<DB>;
  /** Human description for logs: the data directory or the server (without password). */
  describe: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * PGlite's buffer cache (PostgreSQL shared_buffers). PGlite's default of 128MB sits in
   * the process's own memory (~140 MB of RSS from the start); the OS caches the data files
   * anyway, so a small cache keeps the embedded default lean.
   */
  pgliteSharedBuffers?: string;
}

// bigint (int8) and numeric come back as strings from pg by default; counts and ids fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir` (created on first use). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client whose server connection is cut (a restart, pg_terminate_backend) emits 'error' on
    // the pool; unhandled, that crashes the process. The pool drops the client and the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    url.password = '';
    return { kind: 'postgres', db, describe: url.toString(), close: () => db.destroy() };
  }
  const dataDir = resolve(options.dataDir ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent }, postgresqlconf: [`shared_buffers = ${options.pgliteSharedBuffers ?? '32MB'}`] });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    describe: dataDir,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Runs a raw SQL text (several statements allowed on PGlite and pg alike when it has no parameters). */
export async function execSql(db: Kysely<DB>, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

export type { RawBuilder };
