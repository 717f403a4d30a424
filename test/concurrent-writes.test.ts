import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { pino } from 'pino';
import { envSchema } from '../src/config/env.js';
import { createInvitation } from '../src/modules/accounts/accounts.invitations.js';
import { issueSetPasswordLink, requestPasswordReset } from '../src/modules/accounts/accounts.service.js';
import { defineJob, enqueue, JobRunner } from '../src/shared/jobs/jobs.js';
import { anonymous, createUser, postForm, signIn, type SignedIn } from './support/auth.js';
import { insertFirm, insertOrganisation } from './support/network-fixtures.js';
import { createTestApp } from './support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from './support/test-db.js';

/**
 * Read-modify-write outside the firm profile (test/concurrency.test.ts has the profile): the
 * network's organisations, staff, memberships, coverage and agreements, accounts' invitations,
 * reset links and sign-in failure counting, and the retry of a dead job — each sent many times
 * at once. On PostgreSQL (pool of 8) the requests truly overlap; without the row locks these
 * tests lose updates, break audit chains or leave an organisation without an admin there.
 */
type Changes = Record<string, { before: unknown; after: unknown }>;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const statuses = (rs: Response[]) => rs.map((r) => r.status).sort();

for (const backend of await backendsUnderTest()) {
  describe(`concurrent writes outside the firm profile on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let netAdmin: SignedIn;
    let orgAdmin: SignedIn;
    let orgId: number;
    let seq = 0;
    const unique = (prefix: string) => `${prefix}-${backend}-${++seq}`;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      orgId = await insertOrganisation(database.db, { name: 'Hovedorg', coverage: [{ code: '5025', from: '2020-01-01' }] });
      await createUser(database.db, { email: 'admin@hoved.test', roles: [{ organisationId: orgId, role: 'org_admin' }] });
      await createUser(database.db, { email: 'net@lokalkraft.test', isNetworkAdmin: true });
      orgAdmin = await signIn(app, 'admin@hoved.test');
      netAdmin = await signIn(app, 'net@lokalkraft.test');
    });
    after(async () => database?.destroy());

    /** Audit entries of one entity, oldest first, as their field changes. */
    const trail = async (action: string, entityId: number | string) =>
      (
        await database.db
          .selectFrom('audit_log')
          .select('changes')
          .where('action', '=', action)
          .where('entity_id', '=', String(entityId))
          .orderBy('id')
          .execute()
      ).map((r) => parse<Changes>(r.changes));
    /** Each entry must start where the one before it ended: nobody overwrote a change they had not seen. */
    const assertChain = (entries: Changes[], field: string) => {
      for (let i = 1; i < entries.length; i++) assert.deepEqual(entries[i][field].before, entries[i - 1][field].after, `entry ${i} did not see entry ${i - 1}`);
    };

    // ---- network ----------------------------------------------------------------------

    it('two org admins demoting (or removing) each other at once leave one admin, never none', async () => {
      for (const action of ['role', 'remove'] as const) {
        for (let round = 0; round < 3; round++) {
          const org = await insertOrganisation(database.db, { name: unique('Toadmin') });
          const a = await createUser(database.db, { email: `${unique('a')}@org.test`, roles: [{ organisationId: org, role: 'org_admin' }] });
          const b = await createUser(database.db, { email: `${unique('b')}@org.test`, roles: [{ organisationId: org, role: 'org_admin' }] });
          const [sa, sb] = [await signIn(app, a.email), await signIn(app, b.email)];
          const path = (target: number) => `/network/organisations/${org}/staff/${target}/${action}?lang=en`;
          const fields: Record<string, string> = action === 'role' ? { role: 'coach' } : {};
          const rs = await Promise.all([postForm(app, path(b.id), fields, sa), postForm(app, path(a.id), fields, sb)]);
          // The loser meets the lock (409: the organisation must keep an admin) or, when it starts
          // after the winner committed, finds it is no longer an admin at all (403).
          const [won, lost] = statuses(rs);
          assert.equal(won, 303, `${action}, round ${round}`);
          assert.ok(lost === 409 || lost === 403, `${action}, round ${round}: the other request answered ${lost}`);
          const admins = await database.db
            .selectFrom('staff_roles')
            .select('user_id')
            .where('organisation_id', '=', org)
            .where('role', '=', 'org_admin')
            .execute();
          assert.equal(admins.length, 1, `${action}, round ${round}: ${admins.length} admins left`);
          const refused = rs.find((r) => r.status === 409);
          if (refused) assert.match(await refused.text(), /at least one/i);
        }
      }
    });

    it('edits of one membership at once each become the next version, and the trail is one chain', async () => {
      const firmId = await insertFirm(database.db, { name: 'Versjon AS' });
      const orgnr = (await database.db.selectFrom('firms').select('national_id').where('id', '=', firmId).executeTakeFirstOrThrow()).national_id;
      const added = await postForm(
        app,
        `/network/organisations/${orgId}/members`,
        { orgnr, tier: 'Start', status: 'active', valid_from: '2026-01-01' },
        orgAdmin,
      );
      assert.equal(added.status, 303);
      const membershipId = Number(/members\/(\d+)/.exec(added.headers.get('location')!)![1]);
      const rs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postForm(
            app,
            `/network/organisations/${orgId}/members/${membershipId}`,
            { tier: `Nivå ${i}`, status: 'active', valid_from: '2026-01-01', fee: String(100 + i), currency: 'NOK' },
            orgAdmin,
          ),
        ),
      );
      assert.deepEqual(statuses(rs), Array(20).fill(303));
      const versions = await database.db
        .selectFrom('membership_history')
        .select(['version', 'tier'])
        .where('membership_id', '=', membershipId)
        .orderBy('version')
        .execute();
      assert.deepEqual(
        versions.map((v) => v.version),
        Array.from({ length: 21 }, (_, i) => i + 1),
      );
      const entries = await trail('network.membership.update', membershipId);
      assert.equal(entries.length, 20);
      assertChain(entries, 'tier');
      const current = await database.db.selectFrom('memberships').select('tier').where('id', '=', membershipId).executeTakeFirstOrThrow();
      assert.equal(current.tier, versions.at(-1)!.tier, 'the membership is its last version');
    });

    it('organisation edits at once form one audit chain that ends in the stored name', async () => {
      const org = await insertOrganisation(database.db, { name: 'Navn 0' });
      await createUser(database.db, { email: `${unique('edit')}@org.test`, roles: [{ organisationId: org, role: 'org_admin' }] }).then(async (u) => {
        const s = await signIn(app, u.email);
        const rs = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            postForm(app, `/network/organisations/${org}/edit`, { name: `Navn ${i + 1}`, type: 'business_garden', country: 'NO' }, s),
          ),
        );
        assert.deepEqual(statuses(rs), Array(20).fill(303));
      });
      const entries = await trail('network.organisation.update', org);
      assert.equal(entries.length, 20);
      assertChain(entries, 'name');
      const stored = await database.db.selectFrom('organisations').select('name').where('id', '=', org).executeTakeFirstOrThrow();
      assert.equal(stored.name, entries.at(-1)!.name.after);
    });

    it('ends of one coverage period and of one sharing agreement at once are each seen by the next', async () => {
      const coverage = await database.db
        .insertInto('organisation_coverage')
        .values({ organisation_id: orgId, country: 'NO', municipality_code: '5026', valid_from: '2020-01-01', valid_to: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const coverageEnds = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postForm(app, `/network/organisations/${orgId}/coverage/${coverage.id}/end`, { valid_to: `2030-01-${String(i + 10)}` }, orgAdmin),
        ),
      );
      assert.deepEqual(statuses(coverageEnds), Array(10).fill(303));
      const coverageTrail = await trail('network.coverage.end', Number(coverage.id));
      assert.equal(coverageTrail.length, 10);
      assertChain(coverageTrail, 'valid_to');

      const partner = await insertOrganisation(database.db, { name: unique('Partner') });
      const agreement = await database.db
        .insertInto('sharing_agreements')
        .values({ from_organisation_id: orgId, to_organisation_id: partner, scope: 'coaching_cases', valid_from: '2020-01-01', valid_to: null, note: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sharingEnds = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postForm(app, `/network/organisations/${orgId}/sharing/${agreement.id}/end`, { valid_to: `2030-02-${String(i + 10)}` }, orgAdmin),
        ),
      );
      assert.deepEqual(statuses(sharingEnds), Array(10).fill(303));
      const sharingTrail = await trail('network.sharing.end', Number(agreement.id));
      assert.equal(sharingTrail.length, 10);
      assertChain(sharingTrail, 'valid_to');
    });

    it('an end that would reach into a period added at the same moment is refused: the periods never overlap', async () => {
      const org = await insertOrganisation(database.db, { name: unique('Periode'), coverage: [{ code: '5001', from: '2020-01-01', to: '2024-12-31' }] });
      const admin = await createUser(database.db, { email: `${unique('periode')}@org.test`, roles: [{ organisationId: org, role: 'org_admin' }] });
      const s = await signIn(app, admin.email);
      const first = await database.db.selectFrom('organisation_coverage').select('id').where('organisation_id', '=', org).executeTakeFirstOrThrow();
      const rs = await Promise.all([
        postForm(app, `/network/organisations/${org}/coverage?lang=en`, { municipality: '5001', valid_from: '2025-01-01', valid_to: '' }, s),
        postForm(app, `/network/organisations/${org}/coverage/${first.id}/end?lang=en`, { valid_to: '2025-06-30' }, s),
      ]);
      assert.deepEqual(statuses(rs), [303, 409]);
      const periods = await database.db
        .selectFrom('organisation_coverage')
        .select([sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('from'), sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('to')])
        .where('organisation_id', '=', org)
        .orderBy('valid_from')
        .execute();
      for (let i = 1; i < periods.length; i++)
        assert.ok(periods[i - 1].to !== null && periods[i - 1].to! < periods[i].from, `overlap: ${JSON.stringify(periods)}`);
      // On its own (nothing running beside it) the same end is refused too, naming the field.
      if (periods.length === 2) {
        const again = await postForm(app, `/network/organisations/${org}/coverage/${first.id}/end?lang=en`, { valid_to: '2025-06-30' }, s);
        assert.equal(again.status, 409);
        assert.match(await again.text(), /overlaps an existing period/);
      }
    });

    it('a coverage request decided by two people at once gets one decision; the other finds it decided (404)', async () => {
      const asking = await insertOrganisation(database.db, { name: unique('Spør') });
      const request = await database.db
        .insertInto('organisation_coverage')
        .values({
          organisation_id: asking,
          country: 'NO',
          municipality_code: '5025',
          valid_from: '2026-01-01',
          valid_to: null,
          status: 'pending',
          requested_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rs = await Promise.all([
        postForm(app, `/network/coverage-requests/${request.id}`, { decision: 'approve' }, netAdmin),
        postForm(app, `/network/coverage-requests/${request.id}`, { decision: 'reject' }, orgAdmin),
      ]);
      assert.deepEqual(statuses(rs), [303, 404]);
      const decisions = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'coverage')
        .where('entity_id', '=', String(request.id))
        .execute();
      assert.equal(decisions.length, 1);
    });

    it('an offer sent many times at once is one offer, and answered many times at once is one answer (one membership)', async () => {
      const firmId = await insertFirm(database.db, { name: 'Utenfor AS', municipality: '0301' });
      const orgnr = (await database.db.selectFrom('firms').select('national_id').where('id', '=', firmId).executeTakeFirstOrThrow()).national_id;
      const sends = await Promise.all(
        Array.from({ length: 8 }, () =>
          postForm(app, `/network/organisations/${orgId}/members?lang=en`, { orgnr, tier: 'Basis', status: 'active', valid_from: '2026-01-01' }, orgAdmin),
        ),
      );
      assert.deepEqual(statuses(sends), [200, ...Array(7).fill(409)]);
      const offers = await database.db.selectFrom('membership_requests').select('id').where('firm_id', '=', firmId).where('state', '=', 'pending').execute();
      assert.equal(offers.length, 1);

      const manager = await createUser(database.db, { email: `${unique('manager')}@firm.test`, managedFirmIds: [firmId] });
      const m = await signIn(app, manager.email);
      const answers = await Promise.all(
        ['accept', 'accept', 'decline', 'accept'].map((decision) =>
          postForm(app, `/firms/${firmId}/manage/membership-offers`, { offer: String(offers[0].id), decision }, m),
        ),
      );
      assert.deepEqual(statuses(answers), [303, 404, 404, 404]);
      const state = await database.db
        .selectFrom('membership_requests')
        .select(['state', 'membership_id'])
        .where('id', '=', offers[0].id)
        .executeTakeFirstOrThrow();
      const memberships = await database.db.selectFrom('memberships').select('id').where('firm_id', '=', firmId).execute();
      assert.equal(memberships.length, state.state === 'accepted' ? 1 : 0);
    });

    // ---- accounts ---------------------------------------------------------------------

    it('one invitation accepted several times at once makes one account with one role', async () => {
      const env = envSchema.parse({ LOKALKRAFT_DEV_OUTBOX: 'true' });
      const email = `${unique('invitee')}@org.test`;
      const { url } = await createInvitation(
        database.db,
        { email, organisationId: orgId, role: 'coach', organisationName: 'Hovedorg', invitedBy: null },
        { env, baseUrl: 'http://localhost' },
      );
      const path = new URL(url).pathname;
      const visitors = await Promise.all(Array.from({ length: 5 }, () => anonymous(app)));
      const rs = await Promise.all(
        visitors.map((v, i) =>
          postForm(app, path, { name: `Kari ${i}`, password: 'a long enough password 123', password_confirm: 'a long enough password 123' }, v),
        ),
      );
      assert.deepEqual(statuses(rs), [303, 410, 410, 410, 410], 'the others see a used link, not a duplicate-account error');
      const users = await database.db.selectFrom('users').select('id').where('email', '=', email).execute();
      assert.equal(users.length, 1);
      const roles = await database.db.selectFrom('staff_roles').select('role').where('user_id', '=', users[0].id).execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['coach'],
      );
    });

    it('a reset link used twice at once sets one password; the other use sees a used link', async () => {
      const user = await createUser(database.db, { email: `${unique('reset')}@org.test` });
      const env = envSchema.parse({});
      const link = await issueSetPasswordLink(database.db, { env, baseUrl: 'http://localhost' }, user.id);
      const path = new URL(link).pathname;
      const [v1, v2] = [await anonymous(app), await anonymous(app)];
      const rs = await Promise.all([
        postForm(app, path, { password: 'first new password 111', password_confirm: 'first new password 111' }, v1),
        postForm(app, path, { password: 'second new password 222', password_confirm: 'second new password 222' }, v2),
      ]);
      assert.deepEqual(statuses(rs), [200, 410]);
      const winner = rs[0].status === 200 ? 'first new password 111' : 'second new password 222';
      await signIn(app, user.email, winner);
    });

    it('wrong passwords sent at once count as failures before the check: no more than the limit get a password checked', async () => {
      const user = await createUser(database.db, { email: `${unique('guess')}@org.test` });
      const visitors = await Promise.all(Array.from({ length: 20 }, () => anonymous(app)));
      const rs = await Promise.all(visitors.map((v, i) => postForm(app, '/sign-in', { email: user.email, password: `wrong guess ${i}` }, v)));
      const limit = envSchema.parse({}).SIGN_IN_MAX_FAILURES_PER_ACCOUNT;
      const failures = await database.db.selectFrom('failed_sign_ins').select('id').where('email', '=', user.email).execute();
      assert.equal(failures.length, limit, `${failures.length} failures recorded for ${limit} allowed`);
      assert.ok(rs.filter((r) => r.status === 401).length <= limit - 1, `statuses: ${statuses(rs).join(',')}`);
      assert.equal(rs.filter((r) => r.status === 429).length >= 20 - limit, true);
      const right = await postForm(app, '/sign-in', { email: user.email, password: user.password }, await anonymous(app));
      assert.equal(right.status, 429, 'the account waits out the window, even with the right password');
    });

    it('with SMTP, a token or invitation and its mail job commit together: a rolled-back change leaves no mail', async () => {
      const env = envSchema.parse({ SMTP_URL: 'smtp://127.0.0.1:1' });
      const ctx = { env, baseUrl: 'http://localhost' };
      const mailJobsTo = async (to: string) =>
        (await sql<{ id: string }>`select id from pgboss.job where name = 'mail.send' and data->>'to' = ${to}`.execute(database.db)).rows.length;
      const rollback = new Error('the change failed after the mail was queued');

      const invited = `${unique('rolled')}@org.test`;
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await createInvitation(trx, { email: invited, organisationId: orgId, role: 'editor', organisationName: 'Hovedorg', invitedBy: null }, ctx);
          throw rollback;
        }),
        rollback,
      );
      assert.equal(await mailJobsTo(invited), 0, 'no mail for an invitation that does not exist');
      assert.equal((await database.db.selectFrom('invitations').select('id').where('email', '=', invited).execute()).length, 0);

      const resetUser = await createUser(database.db, { email: `${unique('rolledreset')}@org.test` });
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await requestPasswordReset(trx, ctx, resetUser.email, '10.9.9.9');
          throw rollback;
        }),
        rollback,
      );
      assert.equal(await mailJobsTo(resetUser.email), 0, 'no mail with a reset link that does not exist');
      assert.equal((await database.db.selectFrom('account_tokens').select('token_hash').where('user_id', '=', resetUser.id).execute()).length, 0);

      // The development outbox honours the caller's transaction too.
      const outboxCtx = { env: envSchema.parse({ LOKALKRAFT_DEV_OUTBOX: 'true' }), baseUrl: 'http://localhost' };
      const outboxed = `${unique('outboxed')}@org.test`;
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await createInvitation(trx, { email: outboxed, organisationId: orgId, role: 'editor', organisationName: 'Hovedorg', invitedBy: null }, outboxCtx);
          throw rollback;
        }),
        rollback,
      );
      assert.equal((await database.db.selectFrom('mail_outbox').select('id').where('to_address', '=', outboxed).execute()).length, 0);

      // Committed through the pages: the row and its mail job were written by one transaction (same xmin).
      const smtpApp = createTestApp(database, { SMTP_URL: 'smtp://127.0.0.1:1' });
      const xminOfJob = async (to: string) =>
        (await sql<{ x: string }>`select xmin::text as x from pgboss.job where name = 'mail.send' and data->>'to' = ${to}`.execute(database.db)).rows.map(
          (r) => r.x,
        );
      const admin = await signIn(smtpApp, 'admin@hoved.test');
      const kept = `${unique('kept')}@org.test`;
      assert.equal((await postForm(smtpApp, `/network/organisations/${orgId}/staff`, { email: kept, role: 'editor' }, admin)).status, 200);
      const invitation = (
        await sql<{ id: string; x: string }>`select id::text as id, xmin::text as x from invitations where email = ${kept}`.execute(database.db)
      ).rows[0];
      const audit = (
        await sql<{ x: string }>`select xmin::text as x from audit_log where action = 'network.staff.invite' and entity_id = ${invitation.id}`.execute(
          database.db,
        )
      ).rows;
      assert.deepEqual(await xminOfJob(kept), [invitation.x], 'invitation and mail in one transaction');
      assert.deepEqual(
        audit.map((r) => r.x),
        [invitation.x],
        'and its audit entry',
      );

      const resetter = await createUser(database.db, { email: `${unique('resetter')}@org.test` });
      assert.equal((await postForm(smtpApp, '/forgot-password', { email: resetter.email }, await anonymous(smtpApp))).status, 200);
      const token = (await sql<{ x: string }>`select xmin::text as x from account_tokens where user_id = ${resetter.id}`.execute(database.db)).rows.map(
        (r) => r.x,
      );
      assert.equal(token.length, 1);
      assert.deepEqual(await xminOfJob(resetter.email), token, 'reset link and its mail in one transaction');
    });

    // ---- jobs -------------------------------------------------------------------------

    it('a dead job retried twice at once gets one more attempt: one retry answers 303, the other 409', async () => {
      const runner = new JobRunner(database.db, pino({ level: 'silent' }), [
        defineJob({
          name: 'test.concurrent-retry',
          idempotent: true,
          queue: { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
          handler: async () => {
            throw new Error('always fails');
          },
        }),
      ]);
      await runner.prepare();
      const id = (await enqueue(database.db, 'test.concurrent-retry', {})).id!;
      await runner.runPending('test.concurrent-retry');
      const rs = await Promise.all([netAdmin, netAdmin, netAdmin].map((s) => postForm(app, '/admin/jobs/retry', { queue: 'test.concurrent-retry', id }, s)));
      assert.deepEqual(statuses(rs), [303, 409, 409]);
      const job = (
        await sql<{ state: string; retry_limit: number }>`select state::text as state, retry_limit from pgboss.job where id = ${id}::uuid`.execute(database.db)
      ).rows[0];
      assert.deepEqual({ ...job, retry_limit: Number(job.retry_limit) }, { state: 'retry', retry_limit: 1 });
    });
  });
}
