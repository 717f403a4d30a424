import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { anonymous, cookiesFrom, createUser, defaultPassword, postForm, signIn, testOrigin, type SignedIn } from '../../../test/support/auth.js';

type App = ReturnType<typeof createTestApp>;
const sessionCookieOf = (res: Response) => cookiesFrom(res).find((c) => /^(__Host-)?lk_session=/.test(c));

async function formSignIn(app: App, email: string, password: string, extra: { headers?: Record<string, string>; lang?: string; anon?: SignedIn } = {}) {
  const anon = extra.anon ?? (await anonymous(app));
  return postForm(app, `/sign-in${extra.lang ? `?lang=${extra.lang}` : ''}`, { email, password, next: '/account' }, anon, extra.headers);
}

for (const backend of await backendsUnderTest()) {
  describe(`accounts: sign-in and sessions on ${backend}`, () => {
    let database: TestDatabase;
    let app: App;
    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database, { TRUST_PROXY: 'true', SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '5' });
    });
    after(async () => database?.destroy());

    it('signs in through the form, shows the name, signs out', async () => {
      await createUser(database.db, { email: 'Kari@Example.no', displayName: 'Kari Nordmann', roles: [{ organisationId: 7, role: 'coach' }] });
      const res = await formSignIn(app, '  KARI@example.no ', defaultPassword);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account');
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('lk_session='))!;
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Secure/i, 'plain http in tests: no Secure flag');
      const cookie = sessionCookieOf(res)!;
      const page = await app.request('/account', { headers: { cookie } });
      const html = await page.text();
      assert.equal(page.status, 200);
      assert.match(html, /Kari Nordmann/);
      const me = (await (await app.request('/api/v1/me', { headers: { cookie } })).json()) as { user: { roles: unknown[]; email: string } };
      assert.equal(me.user.email, 'kari@example.no');
      assert.deepEqual(me.user.roles, [{ organisationId: 7, role: 'coach' }]);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1];
      const out = await postForm(app, '/sign-out', {}, { cookie, csrfToken: csrf, headers: () => ({}) });
      assert.equal(out.status, 303);
      assert.equal((await app.request('/api/v1/me', { headers: { cookie } })).status, 401);
      const count = await database.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0, 'sign-out deleted the session row');
    });

    it('sets Secure and the __Host- prefix when PUBLIC_BASE_URL is https', async () => {
      const secureApp = createTestApp(database, { PUBLIC_BASE_URL: 'https://lokalkraft.example' });
      await createUser(database.db, { email: 'secure@example.no' });
      const res = await secureApp.request('/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'secure@example.no', password: defaultPassword }),
      });
      assert.equal(res.status, 201);
      const setCookie = res.headers.getSetCookie().join('\n');
      assert.match(setCookie, /__Host-lk_session=[^;]+;.*Secure/i);
    });

    it('refuses a wrong password and an unknown account with the same message', async () => {
      await createUser(database.db, { email: 'ola@example.no' });
      const wrong = await formSignIn(app, 'ola@example.no', 'not the password', { headers: { 'x-forwarded-for': '10.0.0.1' } });
      const unknown = await formSignIn(app, 'nobody@example.no', 'not the password', { headers: { 'x-forwarded-for': '10.0.0.1' } });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.match(await wrong.text(), /Wrong e-mail address or password/);
      assert.match(await unknown.text(), /Wrong e-mail address or password/);
      assert.equal(sessionCookieOf(wrong), undefined);
    });

    it('rotates the session id on sign-in (session fixation)', async () => {
      await createUser(database.db, { email: 'fixation@example.no' });
      const planted = 'lk_session=' + 'A'.repeat(43);
      const anon = await anonymous(app);
      const res = await postForm(
        app,
        '/sign-in',
        { email: 'fixation@example.no', password: defaultPassword },
        { ...anon, cookie: `${anon.cookie}; ${planted}` },
      );
      assert.equal(res.status, 303);
      const issued = sessionCookieOf(res)!;
      assert.notEqual(issued, planted);
      assert.equal((await app.request('/api/v1/me', { headers: { cookie: planted } })).status, 401, 'the planted id is not a session');
      // Signing in again from a signed-in browser ends the old session.
      const accountHtml = await (await app.request('/account', { headers: { cookie: issued } })).text();
      const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(accountHtml)![1];
      const again = await postForm(
        app,
        '/sign-in',
        { email: 'fixation@example.no', password: defaultPassword },
        { ...anon, cookie: issued, csrfToken: sessionCsrf },
      );
      assert.equal(again.status, 303);
      const second = sessionCookieOf(again)!;
      assert.notEqual(second, issued);
      assert.equal((await app.request('/api/v1/me', { headers: { cookie: issued } })).status, 401);
      assert.equal((await app.request('/api/v1/me', { headers: { cookie: second } })).status, 200);
    });

    it('ends sessions after the idle time and at the absolute expiry', async () => {
      const u = await createUser(database.db, { email: 'expiry@example.no' });
      const idle = await signIn(app, u.email);
      await database.db.updateTable('sessions').set({ last_seen_at: sql<Date>`now() - interval '9 hours'` }).where('user_id', '=', u.id).execute();
      assert.equal((await app.request('/api/v1/me', { headers: idle.headers() })).status, 401);
      const old = await signIn(app, u.email);
      assert.equal((await app.request('/api/v1/me', { headers: old.headers() })).status, 200);
      await database.db.updateTable('sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', u.id).execute();
      assert.equal((await app.request('/api/v1/me', { headers: old.headers() })).status, 401);
    });

    it('limits failed sign-ins per account with a clear, localised message (429)', async () => {
      await createUser(database.db, { email: 'flood@example.no' });
      const anon = await anonymous(app);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await formSignIn(app, 'flood@example.no', `guess ${i}`, { anon, headers: { 'x-forwarded-for': `10.1.0.${i}` } })).status);
      assert.deepEqual(statuses, [401, 401, 429], 'the third failure reaches the limit of 3');
      const right = await formSignIn(app, 'flood@example.no', defaultPassword, { anon, headers: { 'x-forwarded-for': '10.1.0.9' } });
      assert.equal(right.status, 429, 'even the right password waits');
      const html = await right.text();
      assert.match(html, /Too many failed sign-ins for this account\. Try again in 15 minutes/);
      assert.ok(Number(right.headers.get('retry-after')) > 800);
      const nb = await formSignIn(app, 'flood@example.no', defaultPassword, { anon, lang: 'nb', headers: { 'x-forwarded-for': '10.1.0.9' } });
      assert.match(await nb.text(), /For mange mislykkede innlogginger for denne kontoen\. Prøv igjen om 15 minutter/);
      const api = await app.request('/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'flood@example.no', password: defaultPassword }),
      });
      assert.equal(api.status, 429);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'rate_limited');
      // The window slides: once the failures are older than 15 minutes, the right password works.
      await database.db
        .updateTable('failed_sign_ins')
        .set({ attempted_at: sql<Date>`attempted_at - interval '16 minutes'` })
        .where('email', '=', 'flood@example.no')
        .execute();
      assert.equal((await formSignIn(app, 'flood@example.no', defaultPassword, { anon, headers: { 'x-forwarded-for': '10.1.0.9' } })).status, 303);
    });

    it('limits failed sign-ins per client address', async () => {
      await createUser(database.db, { email: 'victim@example.no' });
      const anon = await anonymous(app);
      const headers = { 'x-forwarded-for': '192.0.2.66' };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await formSignIn(app, `spray${i}@example.no`, 'Summer2024!', { anon, headers })).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      const blocked = await formSignIn(app, 'victim@example.no', defaultPassword, { anon, headers });
      assert.equal(blocked.status, 429);
      assert.match(await blocked.text(), /Too many failed sign-ins from your network address/);
      const elsewhere = await formSignIn(app, 'victim@example.no', defaultPassword, { anon, headers: { 'x-forwarded-for': '198.51.100.7' } });
      assert.equal(elsewhere.status, 303, 'the same account from another address is not blocked');
    });

    it('refuses state-changing forms without the right CSRF token or from another origin (403)', async () => {
      const u = await createUser(database.db, { email: 'csrf@example.no', displayName: 'Before' });
      const s = await signIn(app, u.email);
      const post = (fields: Record<string, string>, headers: Record<string, string>) =>
        app.request('/account/profile', {
          method: 'POST',
          headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(fields).toString(),
        });
      assert.equal((await post({ name: 'Missing' }, { origin: testOrigin })).status, 403, 'no token');
      assert.equal((await post({ name: 'Wrong', _csrf: 'x'.repeat(43) }, { origin: testOrigin })).status, 403, 'wrong token');
      assert.equal((await post({ name: 'Evil', _csrf: s.csrfToken }, { origin: 'https://evil.example' })).status, 403, 'cross-origin, even with a token');
      assert.equal((await post({ name: 'Evil', _csrf: s.csrfToken }, { 'sec-fetch-site': 'cross-site' })).status, 403, 'cross-site fetch metadata');
      const refused = await post({ name: 'Evil' }, { origin: 'https://evil.example' });
      assert.match(await refused.text(), /The form has expired or came from another site/);
      const ok = await post({ name: 'After', _csrf: s.csrfToken }, { origin: testOrigin });
      assert.equal(ok.status, 303);
      const names = await database.db.selectFrom('users').select('display_name').where('id', '=', u.id).executeTakeFirstOrThrow();
      assert.equal(names.display_name, 'After', 'only the legitimate post changed anything');
      // Anonymous forms (sign-in) need the double-submit cookie that matches the field.
      const anon = await anonymous(app);
      const noCookie = await postForm(app, '/sign-in', { email: u.email, password: defaultPassword }, { ...anon, cookie: '' });
      assert.equal(noCookie.status, 403);
      const other = await anonymous(app);
      const mixed = await postForm(app, '/sign-in', { email: u.email, password: defaultPassword }, { ...anon, csrfToken: other.csrfToken });
      assert.equal(mixed.status, 403);
      const forged = await postForm(
        app,
        '/sign-in',
        { email: u.email, password: defaultPassword },
        { ...anon, cookie: 'lk_csrf=abc.def', csrfToken: 'abc.def' },
      );
      assert.equal(forged.status, 403, 'an unsigned token made up by an attacker is refused');
      // Form bodies are capped before the token is read from them.
      const huge = await app.request('/account/profile', {
        method: 'POST',
        headers: { cookie: s.cookie, origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${s.csrfToken}&name=${'x'.repeat(26 * 1024 * 1024)}`,
      });
      assert.equal(huge.status, 413);
      // The JSON API is exempt from the token but not from the origin check.
      const apiCross = await app.request('/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: '{}',
      });
      assert.equal(apiCross.status, 403);
    });

    it('shows a stored XSS payload in the display name as text', async () => {
      const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
      const u = await createUser(database.db, { email: 'xss@example.no', displayName: 'Safe' });
      const s = await signIn(app, u.email);
      assert.equal((await postForm(app, '/account/profile', { name: payload }, s)).status, 303);
      const html = await (await app.request('/account', { headers: s.headers() })).text();
      assert.ok(!html.includes('<script>alert'), 'no live script tag');
      assert.ok(!html.includes('<img src=x'), 'no live img tag');
      assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;') || html.includes('&lt;script&gt;alert("x")&lt;/script&gt;'));
    });

    it('shows a bad sign-up form with each field by its label and a localised problem, in English and Finnish', async () => {
      const anon = await anonymous(app);
      const form = { name: '', email: 'not-an-address', password: 'short' };
      const en = await postForm(app, '/sign-up?lang=en', form, anon);
      assert.equal(en.status, 400);
      const enHtml = await en.text();
      assert.match(enHtml, /href="#f-name">Name<\/a>: is required/);
      assert.match(enHtml, /href="#f-email">E-mail address<\/a>: must be an e-mail address/);
      assert.match(enHtml, /href="#f-password">Password<\/a>: is too short \(at least 10\)/);
      assert.match(enHtml, /id="f-email"[^>]*aria-invalid="true"[^>]*aria-describedby="f-email-error"/);
      const fiHtml = await (await postForm(app, '/sign-up?lang=fi', form, anon)).text();
      assert.match(fiHtml, /href="#f-email">Sähköpostiosoite<\/a>: on oltava sähköpostiosoite/);
      assert.match(fiHtml, /href="#f-password">Salasana<\/a>: on liian lyhyt \(vähintään 10\)/);
    });

    it('treats SQL meta-characters in e-mail and name fields as plain data', async () => {
      const anon = await anonymous(app);
      const name = `Robert'); DROP TABLE users;--`;
      const email = `o'brien+test@example.no`;
      const signUp = await postForm(app, '/sign-up', { name, email, password: 'a long enough password' }, anon);
      assert.equal(signUp.status, 200);
      const signedIn = await formSignIn(app, email, 'a long enough password', { headers: { 'x-forwarded-for': '10.9.9.9' } });
      assert.equal(signedIn.status, 303);
      const html = await (await app.request('/account', { headers: { cookie: sessionCookieOf(signedIn)! } })).text();
      assert.ok(html.includes('Robert&#39;); DROP TABLE users;--') || html.includes("Robert'); DROP TABLE users;--"));
      for (const attack of [`' OR '1'='1`, `x@example.no' --`, `"; select pg_sleep(5); --`]) {
        const res = await formSignIn(app, attack, `' OR ''='`, { headers: { 'x-forwarded-for': '10.9.9.10' } });
        assert.ok([401, 429].includes(res.status), `${attack} → ${res.status}`);
      }
      const forgot = await postForm(app, '/forgot-password', { email: `' OR 1=1 --` }, anon);
      assert.equal(forgot.status, 400, 'not an e-mail address: a field error, not a crash');
      const users = await database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(users.n) > 5, 'the users table is still there');
    });

    it('sends anonymous visitors of /account to sign-in and back; the API answers 401', async () => {
      const res = await app.request('/account?lang=sv');
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('location'), '/sign-in?next=%2Faccount%3Flang%3Dsv');
      assert.equal((await app.request('/api/v1/me')).status, 401);
      const page = await (await app.request('/sign-in?next=//evil.example')).text();
      assert.match(page, /name="next" value="\/account"/, 'an open redirect target is replaced');
    });

    it('shows a sign-in link to visitors and the name with a sign-out form to signed-in people', async () => {
      const visitor = await (await app.request('/sign-in')).text();
      assert.match(visitor, /href="\/sign-in\?lang=en">Sign in</);
      const u = await createUser(database.db, { email: 'menu@example.no', displayName: 'Menu Person' });
      const s = await signIn(app, u.email);
      const html = await (await app.request('/account', { headers: s.headers() })).text();
      assert.match(html, /Menu Person/);
      assert.match(html, /action="\/sign-out"/);
    });
  });
}
