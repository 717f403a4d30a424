import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { defineJob, enqueue, JobRunner } from '../../shared/jobs/jobs.js';

for (const backend of await backendsUnderTest()) {
  describe(`jobs admin page and metrics on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let netAdmin: SignedIn;
    let orgAdmin: SignedIn;
    let runner: JobRunner;
    let deadId: string;
    let healthy = false;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      await createUser(database.db, { email: 'net@lokalkraft.no', isNetworkAdmin: true });
      await createUser(database.db, { email: 'admin@rnh.no', roles: [{ organisationId: 1, role: 'org_admin' }] });
      netAdmin = await signIn(app, 'net@lokalkraft.no');
      orgAdmin = await signIn(app, 'admin@rnh.no');
      runner = new JobRunner(database.db, pino({ level: 'silent' }), [
        defineJob({
          name: 'test.export',
          idempotent: true,
          queue: { retryLimit: 1, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
          handler: async () => {
            if (!healthy) throw new Error('export target unreachable: ECONNREFUSED');
          },
        }),
      ]);
      await runner.prepare();
      deadId = (await enqueue(database.db, 'test.export', { firm: 7 })).id!;
      await runner.runPending('test.export');
      await enqueue(database.db, 'test.export', { firm: 8 }, { delaySeconds: 600 });
    });
    after(() => database.destroy());

    it('shows the network admin each queue with its counts and the dead job with its error', async () => {
      const res = await app.request('/admin/jobs?lang=nb', { headers: netAdmin.headers() });
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>Bakgrunnsjobber<\/h1>/);
      assert.match(
        html,
        /<code>test\.export<\/code><\/th>\s*<td class="num dead">1<\/td>\s*<td class="num">0<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>/,
        'one dead, none retrying, one waiting, none running',
      );
      assert.match(html, /<code>mail\.send<\/code>/, 'the mail queue is listed');
      assert.match(html, /export target unreachable: ECONNREFUSED/);
      assert.match(html, /2 av 2/, 'both attempts used');
      assert.match(html, new RegExp(`name="id" value="${deadId}"`));
      assert.doesNotMatch(html, /__pgboss/, 'internal queues are not shown');
    });

    it('the jobs link is in the navigation for the network admin only', async () => {
      assert.match(await (await app.request('/network?lang=en', { headers: netAdmin.headers() })).text(), /href="\/admin\/jobs\?lang=en">Jobs</);
      assert.doesNotMatch(await (await app.request('/network?lang=en', { headers: orgAdmin.headers() })).text(), /\/admin\/jobs/);
    });

    it('refuses an organisation admin and sends an anonymous visitor to sign in', async () => {
      assert.equal((await app.request('/admin/jobs', { headers: orgAdmin.headers() })).status, 403);
      assert.equal((await postForm(app, '/admin/jobs/retry', { queue: 'test.export', id: deadId }, orgAdmin)).status, 403);
      const anon = await app.request('/admin/jobs');
      assert.equal(anon.status, 302);
      assert.match(anon.headers.get('location') ?? '', /\/sign-in/);
      assert.equal(
        (await sql<{ state: string }>`select state::text as state from pgboss.job where id = ${deadId}::uuid`.execute(database.db)).rows[0]?.state,
        'failed',
        'the refused retry changed nothing',
      );
    });

    it('reports jobs per queue and state in /metrics', async () => {
      const text = await (await app.request('/metrics')).text();
      assert.match(text, /lokalkraft_jobs\{queue="test\.export",state="failed"\} 1/);
      assert.match(text, /lokalkraft_jobs\{queue="test\.export",state="created"\} 1/);
      assert.match(text, /lokalkraft_jobs_processed_total\{queue="test\.export",outcome="failed"\} \d+/);
    });

    it("a bad retry names the field in the reader's language; a job that is not dead is a 409", async () => {
      const bad = await postForm(app, '/admin/jobs/retry?lang=sv', { queue: 'test.export', id: 'not-a-uuid' }, netAdmin);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /jobb-ID/);
      const waiting = (await sql<{ id: string }>`select id::text as id from pgboss.job where name = 'test.export' and state = 'created'`.execute(database.db))
        .rows[0]!.id;
      const notDead = await postForm(app, '/admin/jobs/retry?lang=en', { queue: 'test.export', id: waiting }, netAdmin);
      assert.equal(notDead.status, 409);
      assert.match(await notDead.text(), /Only a dead job can be retried/);
    });

    it('the network admin retries a dead job; it runs again and completes', async () => {
      const res = await postForm(app, '/admin/jobs/retry?lang=en', { queue: 'test.export', id: deadId }, netAdmin);
      assert.equal(res.status, 303);
      assert.match(await (await app.request(res.headers.get('location')!, { headers: netAdmin.headers() })).text(), /The job is queued again/);
      healthy = true;
      assert.equal(await runner.runPending('test.export'), 1);
      assert.equal(
        (await sql<{ state: string }>`select state::text as state from pgboss.job where id = ${deadId}::uuid`.execute(database.db)).rows[0]?.state,
        'completed',
      );
    });
  });
}
