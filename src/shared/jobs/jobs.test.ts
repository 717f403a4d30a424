import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { pino } from 'pino';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { defineJob, enqueue, JobRunner, type JobDefinition } from './jobs.js';

const silent = pino({ level: 'silent' });

async function jobRow(database: TestDatabase, id: string) {
  const { rows } = await sql<{ state: string; retry_count: number; start_after: Date; output: { message?: string } | null }>`
    select state::text as state, retry_count, start_after, output from pgboss.job where id = ${id}::uuid`.execute(database.db);
  return rows[0];
}

for (const backend of await backendsUnderTest()) {
  describe(`job runner on ${backend}`, () => {
    let database: TestDatabase;
    let runner: JobRunner;
    const ran: Array<{ queue: string; payload: Record<string, unknown>; retryCount: number }> = [];
    let failingUntil = 0;

    const quick = { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 };
    const definitions: JobDefinition<any>[] = [
      defineJob<{ n: number }>({
        name: 'test.record',
        idempotent: true,
        queue: quick,
        handler: async (p, ctx) => void ran.push({ queue: 'test.record', payload: p, retryCount: ctx.retryCount }),
      }),
      defineJob<{ n: number }>({
        name: 'test.flaky',
        idempotent: true,
        queue: quick,
        handler: async (p, ctx) => {
          ran.push({ queue: 'test.flaky', payload: p, retryCount: ctx.retryCount });
          if (ctx.retryCount < failingUntil) throw new Error(`flaky attempt ${ctx.retryCount + 1}`);
        },
      }),
      defineJob({ name: 'test.poison', idempotent: true, queue: quick, handler: async () => Promise.reject(new Error('cannot parse payload')) }),
      defineJob({
        name: 'test.backoff',
        idempotent: true,
        queue: { ...quick, retryDelaySeconds: 30, retryBackoff: true },
        handler: async () => Promise.reject(new Error('server down')),
      }),
      defineJob<{ firm: number }>({
        name: 'test.unique',
        idempotent: true,
        queue: { ...quick, policy: 'unique' },
        handler: async (p) => void ran.push({ queue: 'test.unique', payload: p, retryCount: 0 }),
      }),
      defineJob({
        name: 'test.cron',
        idempotent: true,
        queue: quick,
        schedule: { cron: '* * * * *', payload: { tick: true } },
        handler: async (p) => void ran.push({ queue: 'test.cron', payload: p, retryCount: 0 }),
      }),
    ];

    before(async () => {
      database = await createTestDatabase(backend);
      runner = new JobRunner(database.db, silent, definitions, { pollMs: 50, cronCheckSeconds: 1 });
      await runner.prepare();
    });
    after(async () => {
      await runner.stop();
      await database.destroy();
    });
    const runsOf = (queue: string) => ran.filter((r) => r.queue === queue);

    it('a job enqueued in a transaction that rolls back does not exist; one that commits runs once', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await enqueue(trx, 'test.record', { n: 1 });
          throw new Error('business rule broken');
        }),
        /business rule broken/,
      );
      assert.equal(await runner.runPending('test.record'), 0, 'no job after the rollback');
      const { id } = await database.db.transaction().execute((trx) => enqueue(trx, 'test.record', { n: 2 }));
      assert.equal(await runner.runPending('test.record'), 1);
      assert.deepEqual(
        runsOf('test.record').map((r) => r.payload),
        [{ n: 2 }],
      );
      assert.equal((await jobRow(database, id!)).state, 'completed');
      assert.equal(await runner.runPending('test.record'), 0, 'a completed job is not run again');
    });

    it('an unknown queue is an error, not a silently dropped job', async () => {
      await assert.rejects(enqueue(database.db, 'test.nobody-listens', { n: 1 }), /does not exist/);
    });

    it('a job whose process died (lease expired) is retried, not lost and not run twice', async () => {
      const { id } = await enqueue(database.db, 'test.record', { n: 3 });
      // A process claims it and dies before finishing: the claim is the only trace.
      const [claimed] = await runner.boss.fetch('test.record', { batchSize: 1 });
      assert.equal(claimed?.id, id);
      assert.equal((await jobRow(database, id!)).state, 'active');
      assert.equal(await runner.runPending('test.record'), 0, 'an active job with a live lease is not claimed again');
      // Time passes beyond the lease.
      await sql`update pgboss.job set started_on = now() - interval '2 minutes' where id = ${id}::uuid`.execute(database.db);
      await runner.reclaimExpired();
      assert.equal((await jobRow(database, id!)).state, 'retry');
      assert.equal(await runner.runPending('test.record'), 1);
      const runs = runsOf('test.record').filter((r) => r.payload.n === 3);
      assert.deepEqual(
        runs.map((r) => r.retryCount),
        [1],
        'run exactly once more, as a retry',
      );
      assert.equal((await jobRow(database, id!)).state, 'completed');
    });

    it('a failing job is retried and succeeds; a poison job ends in the dead letter (failed) with its error', async () => {
      failingUntil = 1;
      const { id } = await enqueue(database.db, 'test.flaky', { n: 1 });
      await runner.runPending('test.flaky');
      assert.deepEqual(
        runsOf('test.flaky').map((r) => r.retryCount),
        [0, 1],
      );
      assert.equal((await jobRow(database, id!)).state, 'completed');

      const poison = await enqueue(database.db, 'test.poison', {});
      assert.equal(await runner.runPending('test.poison'), 3, 'first attempt + 2 retries');
      const row = await jobRow(database, poison.id!);
      assert.equal(row.state, 'failed');
      assert.equal(row.retry_count, 2);
      assert.match(row.output?.message ?? '', /cannot parse payload/);
      assert.equal(await runner.runPending('test.poison'), 0, 'a dead job is not retried by itself');
    });

    it('retries back off exponentially', async () => {
      const { id } = await enqueue(database.db, 'test.backoff', {});
      await runner.runOne('test.backoff');
      const first = await jobRow(database, id!);
      assert.equal(first.state, 'retry');
      assert.ok(first.start_after.getTime() > Date.now() + 1_000, 'the retry waits');
      assert.equal(await runner.runPending('test.backoff'), 0, 'not due yet');
    });

    it('unique jobs: at most one pending per key; a delay debounces and collapses later enqueues', async () => {
      const a = await enqueue(database.db, 'test.unique', { firm: 1 }, { key: 'firm-1', delaySeconds: 30 });
      const b = await enqueue(database.db, 'test.unique', { firm: 1 }, { key: 'firm-1', delaySeconds: 30 });
      const other = await enqueue(database.db, 'test.unique', { firm: 2 }, { key: 'firm-2' });
      assert.ok(a.id && !a.collapsed);
      assert.deepEqual(b, { id: null, collapsed: true });
      assert.ok(other.id, 'another key is its own job');
      assert.equal(await runner.runPending('test.unique'), 1, 'the debounced job waits; the other runs');
      assert.deepEqual(
        runsOf('test.unique').map((r) => r.payload),
        [{ firm: 2 }],
      );
      await sql`update pgboss.job set start_after = now() where id = ${a.id}::uuid`.execute(database.db);
      assert.equal(await runner.runPending('test.unique'), 1, 'one run for the two enqueues');
      const again = await enqueue(database.db, 'test.unique', { firm: 1 }, { key: 'firm-1' });
      assert.ok(again.id, 'after it ran, the key is free again');
    });

    it('a recurring job is enqueued by its cron schedule and run by the started runner', async () => {
      await runner.start();
      const deadline = Date.now() + 15_000;
      while (runsOf('test.cron').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(
        runsOf('test.cron').map((r) => r.payload),
        [{ tick: true }],
      );
      await runner.stop();
    });
  });
}
