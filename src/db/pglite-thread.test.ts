import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../test/support/test-db.js';
import { lockFileName } from './data-dir-lock.js';
import { measureBlocking } from '../../bench/blocking.bench.js';

// The Kysely dialect over PGlite in its worker thread keeps what modules rely on (transactions,
// db.connection(), errors with PostgreSQL's codes, value types); PostgreSQL runs the same checks.
for (const backend of await backendsUnderTest()) {
  describe(`database client on ${backend}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(backend);
      await sql`create table h6_account (id int primary key, balance int not null, note text unique, at timestamptz, blob bytea, doc jsonb)`.execute(
        database.db,
      );
      await sql`insert into h6_account (id, balance) values (1, 0)`.execute(database.db);
    });
    after(() => database.destroy());

    it('serialises concurrent read-modify-write transactions: 60 concurrent increments give 60', async () => {
      await Promise.all(
        Array.from({ length: 60 }, () =>
          database.db.transaction().execute(async (trx) => {
            const { rows } = await sql<{ balance: number }>`select balance from h6_account where id = 1 for update`.execute(trx);
            await new Promise((r) => setTimeout(r, 1)); // another request gets the chance to interleave
            await sql`update h6_account set balance = ${rows[0].balance + 1} where id = 1`.execute(trx);
          }),
        ),
      );
      const { rows } = await sql<{ balance: number }>`select balance from h6_account where id = 1`.execute(database.db);
      assert.equal(rows[0].balance, 60);
    });

    it('rolls a failed transaction back whole and reports the PostgreSQL error code', async () => {
      await sql`insert into h6_account (id, balance, note) values (2, 0, 'taken')`.execute(database.db);
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await sql`insert into h6_account (id, balance) values (3, 0)`.execute(trx);
          await sql`insert into h6_account (id, balance, note) values (4, 0, 'taken')`.execute(trx);
        }),
        (err: Error & { code?: string; constraint?: string }) => err.code === '23505' && /duplicate key/.test(err.message),
      );
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from h6_account where id in (3, 4)`.execute(database.db);
      assert.equal(rows[0].n, 0, 'nothing half-written');
    });

    it('keeps one connection across db.connection() (as the migrator does with its lock and transactions)', async () => {
      const seen = await database.db.connection().execute(async (conn) => {
        await sql`select set_config('lokalkraft.h6', 'same-connection', false)`.execute(conn);
        await conn.transaction().execute(async (trx) => sql`update h6_account set balance = balance where id = 1`.execute(trx));
        return (await sql<{ v: string }>`select current_setting('lokalkraft.h6', true) as v`.execute(conn)).rows[0].v;
      });
      assert.equal(seen, 'same-connection');
    });

    it('returns dates, bytes and JSON as the same types in and out', async () => {
      const at = new Date('2026-12-02T05:00:00.000Z');
      await database.db
        .insertInto('h6_account' as never)
        .values({ id: 5, balance: 7, at, blob: Buffer.from([0, 1, 255]), doc: JSON.stringify({ a: [1, 'ø'] }) } as never)
        .execute();
      const { rows } = await sql<{
        at: Date;
        blob: Uint8Array;
        doc: unknown;
        n: number;
      }>`select at, blob, doc, count(*) over ()::int as n from h6_account where id = 5`.execute(database.db);
      assert.ok(rows[0].at instanceof Date);
      assert.equal(rows[0].at.toISOString(), at.toISOString());
      assert.deepEqual([...rows[0].blob], [0, 1, 255]);
      assert.deepEqual(rows[0].doc, { a: [1, 'ø'] });
      assert.equal(rows[0].n, 1);
    });

    it('serves /healthz and cached directory pages while a 2-second query runs', { timeout: 60_000 }, async (t) => {
      const figures = await measureBlocking(database, { querySeconds: 2, intervalMs: 100 });
      assert.ok(figures.query_ms >= 1900, `the long query ran (${figures.query_ms} ms)`);
      for (const probe of figures.free) {
        t.diagnostic(`${probe.path}: p50 ${probe.p50_ms} ms, p95 ${probe.p95_ms} ms, ${probe.answered_in_window * 100} % answered while the query ran`);
        assert.ok(probe.requests >= 8, `${probe.path}: ${probe.requests} requests sent during the query`);
        // A stalled event loop answers none of the requests sent in the first half of the query
        // before it ends (0 %, like /readyz below); a free one answers them all on an idle machine.
        // The 50 ms target is measured by `lokalkraft bench blocking`; this bound holds on a
        // 2-core machine at a load average of 30, where any request can take a second.
        assert.ok(probe.answered_in_window >= 0.25, `${probe.path}: only ${probe.answered_in_window * 100} % answered while the query ran`);
      }
      if (backend === 'pglite') {
        // The control: what needs the one connection does wait — so the probe can see a stall.
        assert.equal(figures.needs_database[0].answered_in_window, 0);
      }
    });
  });
}

describe('PGlite data directory', () => {
  it('holds the lock file while open and removes it on close', async () => {
    const database = await createTestDatabase('pglite');
    const dir = database.describe;
    assert.ok(existsSync(join(dir, lockFileName)));
    await database.destroy();
    assert.ok(!existsSync(join(dir, lockFileName)));
  });
});
