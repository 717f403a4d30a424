import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { PGliteThread } from './pglite-thread.js';
import { seedFromTemplate } from './template.js';
import type { DB } from './types.js';
import { getLogger } from '../shared/logger.js';

export type BackendKind = 'pglite' | 'postgres';

export interface Database {
  kind: BackendKind;
  db: Kysely<DB>;
  /** Human description for logs: the data directory or the server (without password). */
  describe: string;
  /** PGlite: this open made a new data directory as a copy of the install-time template. */
  startedFromTemplate?: boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * PGlite does not fsync (its WASM file system has no fsync): commits reach the OS at once
   * (safe against a process crash) but sit in the page cache. Every this many ms the data
   * directory's file system is flushed with `sync -f`, which bounds what a power cut can
   * lose to that window. 0 turns it off. Default 5000.
   */
  syncIntervalMs?: number;
  /**
   * PGlite's buffer cache (PostgreSQL shared_buffers). PGlite's default of 128MB sits in
   * the process's own memory (~140 MB of RSS from the start); the OS caches the data files
   * anyway, so CLI bulk work (imports) asks for a small cache to stay lean. Unset = PGlite's default.
   */
  pgliteSharedBuffers?: string;
  /** Start an empty data directory from the template made at install (template.ts). Default true. */
  useTemplate?: boolean;
}

function flushFileSystem(dir: string): Promise<void> {
  return new Promise((resolve) => execFile('sync', ['-f', dir], () => resolve()));
}

// bigint (int8) and numeric come back as strings from pg by default; counts and ids fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir` (created on first use). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // JIT compiles for hundreds of ms on queries the planner thinks are big: a loss for short OLTP/search queries.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, options: '-c jit=off' });
    // An idle client whose connection the server ends (restart, failover, admin) emits 'error';
    // unhandled, that would crash the process. The pool drops the client and opens a new one on demand.
    pool.on('error', (err) => getLogger().warn({ err: err.message }, 'idle PostgreSQL connection closed by the server'));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    url.password = '';
    return { kind: 'postgres', db, describe: url.toString(), close: () => db.destroy() };
  }
  const dataDir = resolve(options.dataDir ?? './data');
  mkdirSync(dataDir, { recursive: true });
  // One process per data directory (throws DataDirLockedError naming the owner and what to do).
  const lock = lockDataDir(dataDir);
  let pglite: PGliteThread;
  let startedFromTemplate = false;
  try {
    startedFromTemplate = options.useTemplate !== false && seedFromTemplate(dataDir);
    // PGlite runs each query to its end on its thread: that thread is a worker, not the one serving requests.
    pglite = await PGliteThread.start({ dataDir, sharedBuffers: options.pgliteSharedBuffers });
  } catch (err) {
    lock.release();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  const interval = options.syncIntervalMs ?? 5000;
  const timer = interval > 0 ? setInterval(() => void flushFileSystem(dataDir), interval).unref() : undefined;
  let closing: Promise<void> | undefined;
  return {
    kind: 'pglite',
    db,
    describe: dataDir,
    startedFromTemplate,
    close: () =>
      (closing ??= (async () => {
        if (timer) clearInterval(timer);
        try {
          await db.destroy();
          await pglite.close();
          await flushFileSystem(dataDir);
        } finally {
          lock.release();
        }
      })()),
  };
}

/** Runs a raw SQL text (several statements allowed on PGlite and pg alike when it has no parameters). */
export async function execSql(db: Kysely<DB>, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

export type { RawBuilder };
