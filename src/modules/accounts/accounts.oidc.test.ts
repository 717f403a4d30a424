import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { cookiesFrom, createUser } from '../../../test/support/auth.js';
import { startTestOidcProvider, type TestOidcProvider } from '../../../test/support/oidc-provider.js';

type App = ReturnType<typeof createTestApp>;

/** Browser-like round trip: app → provider (signs in at once) → app callback. */
async function oidcRoundTrip(app: App, options: { tamperState?: boolean } = {}) {
  const start = await app.request('/sign-in/oidc?next=%2Faccount');
  assert.equal(start.status, 302);
  const flowCookie = cookiesFrom(start).find((c) => c.startsWith('lk_oidc='))!;
  assert.ok(flowCookie, 'flow cookie');
  const authorize = new URL(start.headers.get('location')!);
  const atProvider = await fetch(authorize, { redirect: 'manual' });
  assert.equal(atProvider.status, 302);
  const callback = new URL(atProvider.headers.get('location')!);
  if (options.tamperState) callback.searchParams.set('state', 'forged-state');
  const done = await app.request(callback.pathname + callback.search, { headers: { cookie: flowCookie } });
  return { authorize, callback, flowCookie, done, session: cookiesFrom(done).find((c) => c.startsWith('lk_session=')) };
}

async function me(app: App, cookie: string | undefined) {
  const res = await app.request('/api/v1/me', { headers: { cookie: cookie ?? '' } });
  return res.status === 200 ? ((await res.json()) as { user: { id: number; email: string; displayName: string; isEmailVerified: boolean } }).user : undefined;
}

for (const backend of await backendsUnderTest()) {
  describe(`accounts: OpenID Connect sign-in on ${backend}`, () => {
    let database: TestDatabase;
    let provider: TestOidcProvider;
    let app: App;
    before(async () => {
      database = await createTestDatabase(backend);
      provider = await startTestOidcProvider();
      app = createTestApp(database, {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_REDIRECT_URL: 'http://localhost/sign-in/oidc/callback',
        OIDC_LABEL: 'Test ID',
      });
    });
    after(async () => {
      await provider?.close();
      await database?.destroy();
    });

    it('offers the provider on the sign-in page', async () => {
      assert.match(await (await app.request('/sign-in')).text(), /href="\/sign-in\/oidc\?next=%2Faccount"[^>]*>Test ID</);
    });

    it('creates an account on the first round trip, with PKCE, state and nonce', async () => {
      provider.user = { sub: 'sub-new', email: 'New.Person@Example.org', email_verified: true, name: 'New Person' };
      const { authorize, done, session } = await oidcRoundTrip(app);
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(authorize.searchParams.get('code_challenge'));
      assert.ok(authorize.searchParams.get('state'));
      assert.ok(authorize.searchParams.get('nonce'));
      assert.equal(authorize.searchParams.get('redirect_uri'), 'http://localhost/sign-in/oidc/callback');
      assert.equal(done.status, 302);
      assert.equal(done.headers.get('location'), '/account');
      const user = await me(app, session);
      assert.equal(user?.email, 'new.person@example.org');
      assert.equal(user?.displayName, 'New Person');
      assert.equal(user?.isEmailVerified, true);
      assert.ok(provider.seen.token.at(-1)?.get('code_verifier'), 'the verifier went to the token endpoint');
      // The same subject signs in to the same account even after changing its address at the provider.
      provider.user = { sub: 'sub-new', email: 'renamed@example.org', email_verified: true, name: 'New Person' };
      const again = await oidcRoundTrip(app);
      assert.equal((await me(app, again.session))?.id, user?.id);
    });

    it('links to an existing account by verified e-mail, and refuses an unverified one', async () => {
      const existing = await createUser(database.db, { email: 'kari@example.no', displayName: 'Kari' });
      provider.user = { sub: 'sub-unverified', email: 'kari@example.no', email_verified: false, name: 'Not Kari' };
      const refused = await oidcRoundTrip(app);
      assert.equal(refused.done.status, 401);
      assert.match(await refused.done.text(), /Test ID did not confirm the e-mail address/);
      assert.equal(refused.session, undefined);
      provider.user = { sub: 'sub-kari', email: 'KARI@example.no', email_verified: true, name: 'Kari from IdP' };
      const linked = await oidcRoundTrip(app);
      assert.equal((await me(app, linked.session))?.id, existing.id);
    });

    it('refuses a forged state and a replayed callback', async () => {
      provider.user = { sub: 'sub-state', email: 'state@example.org', email_verified: true };
      const forged = await oidcRoundTrip(app, { tamperState: true });
      assert.equal(forged.done.status, 401);
      assert.equal(forged.session, undefined);
      const ok = await oidcRoundTrip(app);
      assert.equal(ok.done.status, 302);
      const replay = await app.request(ok.callback.pathname + ok.callback.search, { headers: { cookie: ok.flowCookie } });
      assert.equal(replay.status, 401, 'a flow is used once');
      const noCookie = await app.request(ok.callback.pathname + ok.callback.search);
      assert.equal(noCookie.status, 401);
    });
  });
}
