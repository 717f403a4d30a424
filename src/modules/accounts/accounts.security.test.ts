import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { anonymous, createUser, postForm, signIn, testOrigin } from '../../../test/support/auth.js';
import { serveApp } from '../../../test/support/browser.js';
import { insertOrganisation } from '../../../test/support/network-fixtures.js';
import { envSchema, loadEnv, mailDestination, publicBaseUrl } from '../../config/env.js';
import { latestOutboxMessageTo } from '../../shared/mail/outbox.repository.js';

/*
 * The security findings of issue 7 (items 1, 2 and 9), each as a person would notice it.
 * Every test here failed on the code before the fix.
 */

type App = ReturnType<typeof createTestApp>;

/** A request as if from another machine: the socket's peer address is what the server trusts. */
const fromSocket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: 'IPv4' } } });

async function mailsTo(database: TestDatabase, to: string) {
  return database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();
}

function linkIn(text: string, path: string): URL {
  const match = new RegExp(`https?://[^\\s/]+(?::\\d+)?/${path}/[A-Za-z0-9_-]+`).exec(text);
  assert.ok(match, `a /${path}/ link in: ${text}`);
  return new URL(match[0]);
}

for (const backend of await backendsUnderTest()) {
  describe(`accounts security (issue 7) on ${backend}`, () => {
    let database: TestDatabase;
    let app: App;
    before(async () => {
      database = await createTestDatabase(backend);
      // Requests here all come from one client ('unknown': no socket); the per-client limit has its own test.
      app = createTestApp(database, { MAIL_REQUEST_MAX_PER_ADDRESS: '1000' });
    });
    after(async () => database?.destroy());

    // ---- 1: the development outbox ------------------------------------------------------

    it('keeps the outbox off with the defaults `npm start` uses: a reset for the admin cannot be read anywhere', async () => {
      const admin = await createUser(database.db, { email: 'netadmin@outbox.test', isNetworkAdmin: true });
      // The defaults: NODE_ENV and LOKALKRAFT_DEV_OUTBOX unset, listening on every interface.
      const defaults = createTestApp(database, { LOKALKRAFT_DEV_OUTBOX: 'false' });
      const served = await serveApp(defaults);
      try {
        const anon = await anonymous(defaults);
        const asked = await postForm(defaults, '/forgot-password', { email: admin.email }, anon);
        assert.equal(asked.status, 200);
        assert.equal((await mailsTo(database, admin.email)).length, 0, 'nothing kept: the reset link exists only in the (absent) mail');
        const res = await fetch(`${served.base}/dev/outbox`);
        assert.equal(res.status, 404, 'not even from the machine itself');
        const asAdmin = await signIn(defaults, admin.email);
        assert.equal((await defaults.request('/dev/outbox', { headers: asAdmin.headers() })).status, 404);
      } finally {
        await served.close();
      }
      assert.match(mailDestination(envSchema.parse({})), /^nowhere/);
    });

    it('when enabled, shows the outbox only to the machine itself or a signed-in network admin', async () => {
      const admin = await createUser(database.db, { email: 'reader@outbox.test', isNetworkAdmin: true });
      const coach = await createUser(database.db, { email: 'coach@outbox.test', roles: [{ organisationId: 1, role: 'coach' }] });
      await postForm(app, '/forgot-password', { email: admin.email }, await anonymous(app));
      assert.equal((await mailsTo(database, admin.email)).length, 1);

      const served = await serveApp(app); // a real socket on 127.0.0.1
      try {
        const local = await fetch(`${served.base}/dev/outbox`);
        assert.equal(local.status, 200);
        assert.match(await local.text(), /reset-password\//);
      } finally {
        await served.close();
      }
      const remote = await app.request('/dev/outbox', {}, fromSocket('203.0.113.7'));
      assert.equal(remote.status, 404, 'anyone else on the network');
      const spoofed = await app.request('/dev/outbox', { headers: { 'x-forwarded-for': '127.0.0.1' } }, fromSocket('203.0.113.7'));
      assert.equal(spoofed.status, 404, 'X-Forwarded-For is not believed without TRUST_PROXY');
      const asCoach = await signIn(app, coach.email);
      assert.equal((await app.request('/dev/outbox', { headers: asCoach.headers() }, fromSocket('203.0.113.7'))).status, 404);
      const asAdmin = await signIn(app, admin.email);
      assert.equal((await app.request('/dev/outbox', { headers: asAdmin.headers() }, fromSocket('203.0.113.7'))).status, 200);
    });

    it('refuses to start with the outbox in production, and the start-up line says where mail goes', () => {
      assert.throws(() => loadEnv({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://lk.example', LOKALKRAFT_DEV_OUTBOX: 'true' }), /LOKALKRAFT_DEV_OUTBOX/);
      assert.equal(mailDestination(envSchema.parse({ SMTP_URL: 'smtp://user:secret@mail.example:587' })), 'SMTP mail.example:587', 'no password in the log');
      assert.match(mailDestination(envSchema.parse({ LOKALKRAFT_DEV_OUTBOX: 'true' })), /development outbox at http:\/\/localhost:3000\/dev\/outbox/);
    });

    // ---- 2: links follow configuration, never the Host header -----------------------------

    it('builds reset links from configuration, not from a forged Host header', async () => {
      const u = await createUser(database.db, { email: 'victim@host.test' });
      const anon = await anonymous(app);
      const res = await app.request('http://evil.example/forgot-password', {
        method: 'POST',
        headers: { host: 'evil.example', origin: 'http://evil.example', cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: anon.csrfToken, email: u.email }).toString(),
      });
      assert.equal(res.status, 200);
      const mail = await latestOutboxMessageTo(database.db, u.email);
      assert.ok(mail);
      assert.equal(linkIn(mail.text_body, 'reset-password').origin, 'http://localhost:3000', 'development: the address the server listens on');

      const configured = createTestApp(database, { PUBLIC_BASE_URL: 'https://lokalkraft.example.org/' });
      const anon2 = await anonymous(configured);
      await configured.request('http://evil.example/sign-up', {
        method: 'POST',
        headers: { host: 'evil.example', origin: 'http://evil.example', cookie: anon2.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: anon2.csrfToken,
          name: 'New',
          email: 'fresh@host.test',
          password: 'a long enough password',
          password_confirm: 'a long enough password',
        }).toString(),
      });
      const verify = await latestOutboxMessageTo(database.db, 'fresh@host.test');
      assert.ok(verify, 'the verification mail');
      assert.equal(linkIn(verify.text_body, 'verify-email').origin, 'https://lokalkraft.example.org');
    });

    it('refuses to start in production without PUBLIC_BASE_URL, with a message naming it', () => {
      assert.throws(() => loadEnv({ NODE_ENV: 'production' }), /PUBLIC_BASE_URL: must be set when NODE_ENV=production/);
      assert.equal(publicBaseUrl(loadEnv({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://lk.example/' })), 'https://lk.example');
      assert.equal(publicBaseUrl(loadEnv({ PORT: '8080' })), 'http://localhost:8080');
    });

    // ---- 9a: one reset ends every other reset link ----------------------------------------

    it('uses up every other reset link of the person when one reset succeeds', async () => {
      const u = await createUser(database.db, { email: 'twice@reset.test' });
      const anon = await anonymous(app);
      await postForm(app, '/forgot-password', { email: u.email }, anon);
      const first = linkIn((await latestOutboxMessageTo(database.db, u.email))!.text_body, 'reset-password').pathname;
      await postForm(app, '/forgot-password', { email: u.email }, anon);
      const second = linkIn((await latestOutboxMessageTo(database.db, u.email))!.text_body, 'reset-password').pathname;
      assert.notEqual(first, second);
      const done = await postForm(app, second, { password: 'the owner chose this', password_confirm: 'the owner chose this' }, anon);
      assert.equal(done.status, 200);
      assert.equal((await app.request(first)).status, 410, 'the earlier link is dead');
      const late = await postForm(app, first, { password: 'an attacker chose this', password_confirm: 'an attacker chose this' }, anon);
      assert.equal(late.status, 410);
      await signIn(app, u.email, 'the owner chose this');
    });

    // ---- 9b: forgot-password is throttled, the same for every address ----------------------

    it('mails at most three reset links an hour per address, answering the same for unknown addresses', async () => {
      const u = await createUser(database.db, { email: 'bombed@reset.test' });
      const anon = await anonymous(app);
      const pages: string[] = [];
      for (const email of [u.email, 'nobody@reset.test']) {
        for (let i = 0; i < 5; i++) {
          const res = await postForm(app, '/forgot-password', { email }, anon);
          assert.equal(res.status, 200, `request ${i + 1} for ${email}`);
          pages.push((await res.text()).replaceAll(email, 'ADDRESS').replace(/name="_csrf" value="[^"]+"/, ''));
        }
      }
      assert.equal((await mailsTo(database, u.email)).length, 3, 'three mails, then silence');
      assert.equal(new Set(pages).size, 1, 'every answer is the same page, known address or not');
    });

    it('tells one client that sends many reset requests to wait (429), per client address', async () => {
      const limited = createTestApp(database, { MAIL_REQUEST_MAX_PER_ADDRESS: '4' });
      const anon = await anonymous(limited);
      const post = (email: string, ip: string) =>
        limited.request(
          '/forgot-password',
          {
            method: 'POST',
            headers: { cookie: anon.cookie, origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf: anon.csrfToken, email }).toString(),
          },
          fromSocket(ip),
        );
      for (let i = 0; i < 4; i++) assert.equal((await post(`spray${i}@reset.test`, '198.51.100.20')).status, 200);
      const fifth = await post('spray9@reset.test', '198.51.100.20');
      assert.equal(fifth.status, 429);
      assert.ok(Number(fifth.headers.get('retry-after')) > 0);
      assert.match(await fifth.text(), /Too many requests from your network address/);
      assert.equal((await post('spray9@reset.test', '198.51.100.21')).status, 200, 'another client is not affected');
    });

    it('resends the verification link at most three times an hour (no flooding an address through the account page)', async () => {
      const u = await createUser(database.db, { email: 'squatted@verify.test', isEmailVerified: false });
      const s = await signIn(app, u.email);
      for (let i = 0; i < 5; i++) assert.equal((await postForm(app, '/account/verify-email', {}, s)).status, 303);
      assert.equal((await mailsTo(database, u.email)).length, 3);
    });

    // ---- 9c: sign-up does the same work whether or not the address exists ----------------

    it('takes as long to sign up with a taken address as with a new one, and mails the owner instead', async () => {
      const owner = await createUser(database.db, { email: 'taken@signup.test' });
      const anon = await anonymous(app);
      const signUp = async (email: string) => {
        const started = performance.now();
        const res = await postForm(
          app,
          '/sign-up',
          { name: 'Someone', email, password: 'a long enough password', password_confirm: 'a long enough password' },
          anon,
        );
        const ms = performance.now() - started;
        assert.equal(res.status, 200);
        return { ms, page: (await res.text()).replaceAll(email, 'ADDRESS').replace(/name="_csrf" value="[^"]+"/, '') };
      };
      const taken: number[] = [];
      const fresh: number[] = [];
      let takenPage = '';
      let freshPage = '';
      for (let i = 0; i < 5; i++) {
        const a = await signUp(owner.email);
        const b = await signUp(`new${i}@signup.test`);
        taken.push(a.ms);
        fresh.push(b.ms);
        takenPage = a.page;
        freshPage = b.page;
      }
      assert.equal(takenPage, freshPage, 'the same page either way');
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      // Before the fix: ~5 ms for a taken address vs ~80 ms (the password hash) for a new one.
      assert.ok(median(taken) > 0.4 * median(fresh), `taken ${median(taken).toFixed(1)} ms vs new ${median(fresh).toFixed(1)} ms`);
      const notices = await mailsTo(database, owner.email);
      assert.equal(notices.length, 3, 'five attempts, three notices: sign-up cannot mail-bomb the owner');
      assert.ok(notices.every((m) => m.subject === 'You already have an account'));
    });

    it('answers parallel sign-ups with one new address alike — "check your e-mail", never "already exists"', async () => {
      const email = 'racing@signup.test';
      const anon = await anonymous(app);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          postForm(app, '/sign-up', { name: 'Racer', email, password: 'a long enough password', password_confirm: 'a long enough password' }, anon),
        ),
      );
      const pages = await Promise.all(answers.map(async (res) => ({ status: res.status, page: (await res.text()).replace(/name="_csrf" value="[^"]+"/, '') })));
      assert.deepEqual(
        pages.map((p) => p.status),
        [200, 200, 200, 200, 200, 200],
        'no 409 telling the visitor the address has an account',
      );
      assert.equal(new Set(pages.map((p) => p.page)).size, 1, 'the same page for every one of them');
      const accounts = await database.db.selectFrom('users').select('id').where('email', '=', email).execute();
      assert.equal(accounts.length, 1);
    });

    // ---- 9d: staff by invitation only ------------------------------------------------------

    it('adds staff by invitation only: the same answer for any address, and no role until accepted', async () => {
      const orgId = await insertOrganisation(database.db, { name: 'Invite Org', coverage: [] });
      const orgAdmin = await createUser(database.db, { email: 'admin@invite.test', roles: [{ organisationId: orgId, role: 'org_admin' }] });
      const existing = await createUser(database.db, { email: 'has.account@invite.test' });
      const as = await signIn(app, orgAdmin.email);
      const add = async (email: string) => {
        const res = await postForm(app, `/network/organisations/${orgId}/staff`, { email, role: 'coach' }, as);
        // The pending list grows by one each time; everything else must be identical.
        const page = (await res.text()).replace(/<section aria-labelledby="pending-invitations">.*?<\/section>/, '').replaceAll(email, 'ADDRESS');
        return { status: res.status, page };
      };
      const known = await add(existing.email);
      const unknown = await add('no.account@invite.test');
      assert.equal(known.status, 200);
      assert.equal(known.status, unknown.status);
      assert.match(known.page, /Invitation sent to ADDRESS/);
      assert.ok(known.page === unknown.page, 'the page does not tell who has an account');
      const rolesNow = await database.db
        .selectFrom('staff_roles')
        .select('role')
        .where('organisation_id', '=', orgId)
        .where('user_id', '=', existing.id)
        .execute();
      assert.equal(rolesNow.length, 0, 'no role before the person accepts');

      const mail = await latestOutboxMessageTo(database.db, existing.email);
      assert.ok(mail, 'the invitation mail');
      const link = linkIn(mail.text_body, 'invitations').pathname;
      const invitee = await signIn(app, existing.email);
      const meBefore = (await (await app.request('/api/v1/me', { headers: invitee.headers() })).json()) as { user: { roles: unknown[] } };
      assert.deepEqual(meBefore.user.roles, []);
      const accepted = await app.request(link, { method: 'POST', headers: invitee.headers() });
      assert.equal(accepted.status, 303);
      const meAfter = (await (await app.request('/api/v1/me', { headers: invitee.headers() })).json()) as {
        user: { roles: { organisationId: number; role: string }[] };
      };
      assert.deepEqual(meAfter.user.roles, [{ organisationId: orgId, role: 'coach' }]);
    });

    it('offers invitations on the account page only to the verified owner of the address', async () => {
      const orgId = await insertOrganisation(database.db, { name: 'Account Page Org', coverage: [] });
      const orgAdmin = await createUser(database.db, { email: 'admin@accountpage.test', roles: [{ organisationId: orgId, role: 'org_admin' }] });
      // Someone signed up with the invitee's address before the invitee did: never verified.
      const squatter = await createUser(database.db, { email: 'invitee@accountpage.test', isEmailVerified: false });
      const other = await createUser(database.db, { email: 'other@accountpage.test' });
      const as = await signIn(app, orgAdmin.email);
      assert.equal((await postForm(app, `/network/organisations/${orgId}/staff`, { email: squatter.email, role: 'editor' }, as)).status, 200);
      const invitation = await database.db.selectFrom('invitations').select('id').where('email', '=', squatter.email).executeTakeFirstOrThrow();
      const accept = `/account/invitations/${invitation.id}/accept`;

      const unverified = await signIn(app, squatter.email);
      assert.doesNotMatch(await (await app.request('/account', { headers: unverified.headers() })).text(), /Invitations for you/);
      assert.equal((await postForm(app, accept, {}, unverified)).status, 404, 'an unverified address cannot take the role');
      assert.equal((await postForm(app, accept, {}, await signIn(app, other.email))).status, 404, "someone else's invitation");

      await database.db.updateTable('users').set({ email_verified_at: new Date() }).where('id', '=', squatter.id).execute();
      const owner = await signIn(app, squatter.email);
      const page = await (await app.request('/account', { headers: owner.headers() })).text();
      assert.match(page, /Invitations for you/);
      assert.match(page, /Account Page Org: editor/);
      const done = await postForm(app, accept, {}, owner);
      assert.equal(done.status, 303);
      const roles = await database.db
        .selectFrom('staff_roles')
        .select('role')
        .where('user_id', '=', squatter.id)
        .where('organisation_id', '=', orgId)
        .execute();
      assert.deepEqual(
        roles.map((r) => r.role),
        ['editor'],
      );
      assert.equal((await postForm(app, accept, {}, owner)).status, 404, 'once only');
    });
  });
}
