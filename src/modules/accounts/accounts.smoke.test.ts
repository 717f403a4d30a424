import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { anonymous, createUser, postForm, signIn } from '../../../test/support/auth.js';

for (const backend of await backendsUnderTest()) {
  describe(`accounts smoke on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
    });
    after(async () => database?.destroy());

    it('signs in, shows the account, signs out', async () => {
      await createUser(database.db, { email: 'Kari@Example.no', displayName: 'Kari Nordmann', roles: [{ organisationId: 7, role: 'coach' }] });
      const s = await signIn(app, 'kari@example.no');
      const me = await app.request('/api/v1/me', { headers: s.headers() });
      assert.equal(me.status, 200);
      const body = (await me.json()) as { user: { displayName: string; roles: unknown[] } };
      assert.equal(body.user.displayName, 'Kari Nordmann');
      assert.deepEqual(body.user.roles, [{ organisationId: 7, role: 'coach' }]);
      const page = await app.request('/account', { headers: s.headers() });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Kari Nordmann/);
      const out = await postForm(app, '/sign-out', {}, s);
      assert.equal(out.status, 303);
      assert.equal((await app.request('/api/v1/me', { headers: s.headers() })).status, 401);
    });

    it('signs in through the form with the anonymous CSRF token', async () => {
      await createUser(database.db, { email: 'ola@example.no' });
      const anon = await anonymous(app);
      const res = await postForm(app, '/sign-in', { email: 'ola@example.no', password: 'correct horse battery staple', next: '/account' }, anon);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/account');
      const bad = await postForm(app, '/sign-in', { email: 'ola@example.no', password: 'x', _csrf: 'forged' }, anon);
      assert.equal(bad.status, 403);
    });

    it('redirects anonymous visitors of /account to sign-in', async () => {
      const res = await app.request('/account');
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('location'), '/sign-in?next=%2Faccount');
    });
  });
}
