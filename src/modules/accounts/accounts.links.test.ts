import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { anonymous, cookiesFrom, createUser, defaultPassword, postForm, signIn } from '../../../test/support/auth.js';
import { envSchema } from '../../config/env.js';
import { latestOutboxMessageTo } from '../../shared/mail/outbox.repository.js';
import { createInvitation } from './accounts.invitations.js';
import { registerPersonalDataExporter } from './accounts.privacy.js';
import { accountCommands } from './accounts.cli.js';

type App = ReturnType<typeof createTestApp>;
const mailCtx = { env: envSchema.parse({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: 'true' }), baseUrl: 'http://localhost' };

async function linkFromMail(database: TestDatabase, to: string, path: string): Promise<string> {
  const mail = await latestOutboxMessageTo(database.db, to);
  assert.ok(mail, `a mail to ${to}`);
  const match = new RegExp(`http://localhost(?::\\d+)?(/${path}/[A-Za-z0-9_-]+)`).exec(mail.text_body);
  assert.ok(match, `a /${path}/ link in: ${mail.text_body}`);
  return match[1];
}

async function canSignIn(app: App, email: string, password: string): Promise<boolean> {
  const res = await app.request('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status === 201;
}

for (const backend of await backendsUnderTest()) {
  describe(`accounts: links, invitations and privacy on ${backend}`, () => {
    let database: TestDatabase;
    let app: App;
    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
    });
    after(async () => database?.destroy());

    it("resets a password by a single-use link that expires, in the person's language", async () => {
      const u = await createUser(database.db, { email: 'reset@example.no' });
      await database.db.updateTable('users').set({ locale: 'sv' }).where('id', '=', u.id).execute();
      const old = await signIn(app, u.email);
      const anon = await anonymous(app);
      const asked = await postForm(app, '/forgot-password', { email: 'Reset@Example.no' }, anon);
      assert.equal(asked.status, 200);
      assert.match(await asked.text(), /If there is an account for reset@example\.no/);
      const mail = await latestOutboxMessageTo(database.db, u.email);
      assert.equal(mail?.subject, 'Nytt lösenord för Lokalkraft');
      const link = await linkFromMail(database, u.email, 'reset-password');
      assert.equal((await app.request(link)).status, 200, 'opening the link does not use it up');
      const mismatch = await postForm(app, link, { password: 'brand new password', password_confirm: 'something else' }, anon);
      assert.equal(mismatch.status, 400);
      const done = await postForm(app, link, { password: 'brand new password', password_confirm: 'brand new password' }, anon);
      assert.equal(done.status, 200);
      assert.equal(await canSignIn(app, u.email, 'brand new password'), true);
      assert.equal(await canSignIn(app, u.email, defaultPassword), false);
      assert.equal((await app.request('/api/v1/me', { headers: old.headers() })).status, 401, 'old sessions end on reset');
      const reused = await postForm(app, link, { password: 'another new password', password_confirm: 'another new password' }, anon);
      assert.equal(reused.status, 410, 'single use');
      assert.equal((await app.request(link)).status, 410);

      await postForm(app, '/forgot-password', { email: u.email }, anon);
      const late = await linkFromMail(database, u.email, 'reset-password');
      await database.db.updateTable('account_tokens').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', u.id).execute();
      const expired = await postForm(app, late, { password: 'too late password', password_confirm: 'too late password' }, anon);
      assert.equal(expired.status, 410, 'expired');
      assert.match(await expired.text(), /has been used, has expired or is not valid/);
    });

    it('answers the same for an unknown address and sends nothing', async () => {
      const anon = await anonymous(app);
      const res = await postForm(app, '/forgot-password', { email: 'nobody@example.no' }, anon);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /If there is an account for nobody@example\.no/);
      assert.equal(await latestOutboxMessageTo(database.db, 'nobody@example.no'), undefined);
    });

    it('signs up and verifies the e-mail address by a single-use link', async () => {
      const anon = await anonymous(app);
      const res = await postForm(app, '/sign-up?lang=fi', { name: 'Matti Meikäläinen', email: 'matti@example.fi', password: 'pitkä salasana tässä' }, anon);
      assert.equal(res.status, 200);
      const mail = await latestOutboxMessageTo(database.db, 'matti@example.fi');
      assert.equal(mail?.subject, 'Vahvista sähköpostiosoitteesi');
      const s = await signIn(app, 'matti@example.fi', 'pitkä salasana tässä');
      const before = (await (await app.request('/api/v1/me', { headers: s.headers() })).json()) as { user: { isEmailVerified: boolean } };
      assert.equal(before.user.isEmailVerified, false);
      const link = await linkFromMail(database, 'matti@example.fi', 'verify-email');
      assert.equal((await app.request(link)).status, 200);
      assert.equal((await postForm(app, link, {}, anon)).status, 200);
      const after = (await (await app.request('/api/v1/me', { headers: s.headers() })).json()) as { user: { isEmailVerified: boolean } };
      assert.equal(after.user.isEmailVerified, true);
      assert.equal((await postForm(app, link, {}, anon)).status, 410, 'single use');
      // A second sign-up with the same address changes nothing and tells the owner by mail.
      const again = await postForm(app, '/sign-up', { name: 'Impostor', email: 'MATTI@example.fi', password: 'another password here' }, anon);
      assert.equal(again.status, 200);
      assert.equal((await latestOutboxMessageTo(database.db, 'matti@example.fi'))?.subject, 'Sinulla on jo tili');
      assert.equal(await canSignIn(app, 'matti@example.fi', 'another password here'), false);
    });

    it('lets an invited person create an account and join the organisation with the role', async () => {
      const admin = await createUser(database.db, {
        email: 'orgadmin@example.no',
        displayName: 'Org Admin',
        roles: [{ organisationId: 42, role: 'org_admin' }],
      });
      const { url } = await createInvitation(
        database.db,
        { email: 'New.Coach@example.no', organisationId: 42, organisationName: 'Region 10 Næringshage', role: 'coach', invitedBy: admin.id },
        mailCtx,
      );
      const mail = await latestOutboxMessageTo(database.db, 'new.coach@example.no');
      assert.match(mail!.text_body, /Org Admin has invited you to Region 10 Næringshage as coach/);
      const path = new URL(url).pathname;
      const page = await app.request(path);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /You are invited to Region 10 Næringshage as coach/);
      const anon = await anonymous(app);
      const weak = await postForm(app, path, { name: 'Nina Coach', password: 'short', password_confirm: 'short' }, anon);
      assert.equal(weak.status, 400);
      const accepted = await postForm(app, path, { name: 'Nina Coach', password: 'coaching is fun!', password_confirm: 'coaching is fun!' }, anon);
      assert.equal(accepted.status, 303);
      assert.match(accepted.headers.get('location')!, /^\/account/);
      const cookie = cookiesFrom(accepted).find((c) => c.startsWith('lk_session='))!;
      const me = (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as {
        user: { roles: unknown[]; isEmailVerified: boolean; displayName: string };
      };
      assert.deepEqual(me.user.roles, [{ organisationId: 42, role: 'coach' }]);
      assert.equal(me.user.isEmailVerified, true, 'the link proved the address');
      assert.equal(me.user.displayName, 'Nina Coach');
      const trail = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'accounts.invitation.accept')
        .where('organisation_id', '=', 42)
        .execute();
      assert.equal(trail.length, 1, "the role gained is in the organisation's audit trail");
      assert.deepEqual(trail[0]!.changes.role, { before: null, after: 'coach' });
      assert.equal(
        (await postForm(app, path, { name: 'x', password: 'coaching is fun!', password_confirm: 'coaching is fun!' }, anon)).status,
        410,
        'single use',
      );
    });

    it('asks an existing person to sign in as the invited address before accepting', async () => {
      const existing = await createUser(database.db, { email: 'existing@example.no' });
      const other = await createUser(database.db, { email: 'other@example.no' });
      const { url } = await createInvitation(database.db, { email: existing.email, organisationId: 43, role: 'editor', invitedBy: null }, mailCtx);
      const path = new URL(url).pathname;
      assert.match(await (await app.request(path)).text(), /There is already an account for existing@example\.no\. Sign in to accept/);
      const wrong = await signIn(app, other.email);
      const wrongTry = await postForm(app, path, {}, wrong);
      assert.equal(wrongTry.status, 403);
      assert.match(await wrongTry.text(), /but you are signed in as other@example\.no/);
      const right = await signIn(app, existing.email);
      const ok = await postForm(app, path, {}, right);
      assert.equal(ok.status, 303);
      const me = (await (await app.request('/api/v1/me', { headers: right.headers() })).json()) as { user: { roles: unknown[] } };
      assert.deepEqual(me.user.roles, [{ organisationId: 43, role: 'editor' }]);
      // Expired invitations do nothing.
      const late = await createInvitation(database.db, { email: existing.email, organisationId: 44, role: 'coach', invitedBy: null }, mailCtx);
      await database.db.updateTable('invitations').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('organisation_id', '=', 44).execute();
      assert.equal((await postForm(app, new URL(late.url).pathname, {}, right)).status, 410);
    });

    it("exports everything about the person as JSON, including other modules' data", async () => {
      registerPersonalDataExporter('testModule', async (_db, userId) => ({ note: `data of ${userId}` }));
      const u = await createUser(database.db, { email: 'export@example.no', displayName: 'Export Person', roles: [{ organisationId: 5, role: 'coach' }] });
      const s = await signIn(app, u.email);
      const res = await app.request('/account/export', { headers: s.headers() });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition')!, /attachment/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const data = (await res.json()) as Record<string, any>;
      assert.equal(data.account.email, 'export@example.no');
      assert.equal(data.account.displayName, 'Export Person');
      assert.deepEqual(
        data.staffRoles.map((r: { role: string }) => r.role),
        ['coach'],
      );
      assert.equal(data.sessions.length, 1);
      assert.deepEqual(data.testModule, { note: `data of ${u.id}` });
      const text = JSON.stringify(data);
      assert.ok(!text.includes('scrypt$'), 'no password hash');
      assert.ok(!text.includes(s.csrfToken), 'no session secrets');
      assert.equal((await app.request('/account/export')).status, 302, 'anonymous: to sign-in');
    });

    it('erases a person by anonymising: rows stay, the person can no longer sign in', async () => {
      const u = await createUser(database.db, { email: 'erase@example.no', displayName: 'Erase Me', roles: [{ organisationId: 9, role: 'coach' }] });
      const s = await signIn(app, u.email);
      assert.equal((await postForm(app, '/account/erase', { confirm_email: 'someone@else.no' }, s)).status, 400, 'the address must be typed');
      const res = await postForm(app, '/account/erase', { confirm_email: 'Erase@Example.no' }, s);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /You have been erased/);
      const row = await database.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
      assert.equal(row.email, `erased-${u.id}@invalid`);
      assert.equal(row.display_name, '');
      assert.equal(row.password_hash, null);
      assert.ok(row.erased_at);
      const roles = await database.db.selectFrom('staff_roles').selectAll().where('user_id', '=', u.id).execute();
      assert.equal(roles.length, 1, 'the count of coaches in organisation 9 stays true');
      assert.equal((await app.request('/api/v1/me', { headers: s.headers() })).status, 401, 'sessions ended');
      assert.equal(await canSignIn(app, 'erase@example.no', defaultPassword), false);
      const anon = await anonymous(app);
      await postForm(app, '/forgot-password', { email: 'erase@example.no' }, anon);
      assert.equal(await latestOutboxMessageTo(database.db, 'erase@example.no'), undefined, 'no reset link for an erased person');
    });

    it('shows the development outbox with clickable links, and never in production or with SMTP', async () => {
      await createUser(database.db, { email: 'outbox.reader@example.no', isNetworkAdmin: true });
      const reader = await signIn(app, 'outbox.reader@example.no');
      const html = await (await app.request('/dev/outbox', { headers: reader.headers() })).text();
      assert.match(html, /Developer outbox/);
      assert.match(html, /<a href="http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]+">/);
      const prod = createTestApp(database, { NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://lokalkraft.example' });
      assert.equal((await prod.request('/dev/outbox', { headers: reader.headers() })).status, 404);
      const smtp = createTestApp(database, { SMTP_URL: 'smtp://127.0.0.1:1' });
      assert.equal((await smtp.request('/dev/outbox', { headers: reader.headers() })).status, 404);
    });

    it('bootstraps a network admin from the CLI with a set-password link', async () => {
      const lines: string[] = [];
      const command = accountCommands.find((c) => c.name === 'users create')!;
      const ctx = { args: [], out: (l: string) => lines.push(l), openDb: async () => ({ ...database, close: async () => undefined }) };
      process.env.LOKALKRAFT_DEV_OUTBOX = 'true'; // the CLI reads the environment: mail to the outbox for this test
      let code: number | void;
      try {
        code = await command.run(ctx, { values: { email: 'First.Admin@example.no', 'network-admin': true }, positionals: [] });
      } finally {
        delete process.env.LOKALKRAFT_DEV_OUTBOX;
      }
      assert.equal(code ?? 0, 0);
      assert.match(lines[0], /created first\.admin@example\.no \(id \d+\) as network admin/);
      const link = new URL(lines.find((l) => l.includes('/reset-password/'))!).pathname;
      assert.equal(link, await linkFromMail(database, 'first.admin@example.no', 'reset-password'), 'the printed link is the one in the outbox');
      const anon = await anonymous(app);
      assert.equal((await postForm(app, link, { password: 'the first admin password', password_confirm: 'the first admin password' }, anon)).status, 200);
      const s = await signIn(app, 'first.admin@example.no', 'the first admin password');
      const me = (await (await app.request('/api/v1/me', { headers: s.headers() })).json()) as { user: { isNetworkAdmin: boolean } };
      assert.equal(me.user.isNetworkAdmin, true);
    });

    it('bootstraps from the CLI without any mail configured: the printed link is the only copy', async () => {
      const lines: string[] = [];
      const command = accountCommands.find((c) => c.name === 'users create')!;
      const ctx = { args: [], out: (l: string) => lines.push(l), openDb: async () => ({ ...database, close: async () => undefined }) };
      const code = await command.run(ctx, { values: { email: 'no.mail.admin@example.no', 'network-admin': true }, positionals: [] });
      assert.equal(code ?? 0, 0);
      assert.match(lines.join('\n'), /e-mail goes to nowhere/);
      const link = new URL(lines.find((l) => l.includes('/reset-password/'))!);
      assert.equal(link.origin, 'http://localhost:3000');
      assert.equal(await latestOutboxMessageTo(database.db, 'no.mail.admin@example.no'), undefined, 'no copy of the link is kept');
      const anon = await anonymous(app);
      assert.equal(
        (await postForm(app, link.pathname, { password: 'the first admin password', password_confirm: 'the first admin password' }, anon)).status,
        200,
      );
      await signIn(app, 'no.mail.admin@example.no', 'the first admin password');
    });
  });
}
