import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import { createUser, signIn, type SignedIn } from '../../../../test/support/auth.js';
import { importRegisterFiles } from './import.service.js';
import { createTempFiles, enhet, norwegianIds } from './test-files.js';

for (const backend of await backendsUnderTest()) {
  describe(`/admin/imports on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    let admin: SignedIn;
    let coach: SignedIn;
    before(async () => {
      database = await createTestDatabase(backend);
      const app = createTestApp(database);
      await createUser(database.db, { email: 'admin@network.test', isNetworkAdmin: true });
      await createUser(database.db, { email: 'coach@org.test', roles: [{ organisationId: 1, role: 'org_admin' }] });
      admin = await signIn(app, 'admin@network.test');
      coach = await signIn(app, 'coach@org.test');
      await importRegisterFiles(database.db, 'brreg', ['test/fixtures/registry/brreg_underenheter_sample.json']);
      await importRegisterFiles(database.db, 'brreg', [files.write('broken.json', '[{"organisasjonsnummer": "811553352", "navn": "X"')]);
      await importRegisterFiles(database.db, 'brreg', [files.json('long.json', [enhet(norwegianIds(1, 38_000_000)[0], { navn: 'L'.repeat(3000) })])]);
    });
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    const get = (path: string, headers: Record<string, string> = {}) => createTestApp(database).request(path, { headers });

    it('sends anonymous visitors to sign in and refuses everyone but network administrators', async () => {
      const anonymousRes = await get('/admin/imports?lang=en');
      assert.ok([302, 303, 401].includes(anonymousRes.status), `anonymous: ${anonymousRes.status}`);
      const refused = await get('/admin/imports?lang=en', coach.headers());
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /Access denied/);
    });

    it('lists the last imports with their counts and the reasons of a failure, in each language', async () => {
      const res = await get('/admin/imports?lang=en', admin.headers());
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const html = await res.text();
      assert.match(html, /<h1>Register imports<\/h1>/);
      assert.match(html, /<caption id="import-runs-caption">Latest imports, newest first<\/caption>/);
      assert.match(html, /brreg_underenheter_sample\.json/);
      assert.match(html, /<td class="num">40<\/td>/, 'records read and created');
      assert.match(html, /Failed/);
      assert.match(html, /the file ends in the middle of a record|truncated/);
      const rows = html.match(/<tr>/g)?.length ?? 0;
      assert.equal(rows, 4, 'a header row and three runs');
      assert.match(html, /<code>navn<\/code> – is too long \(at most 500\)/);
      for (const [lang, title] of [
        ['nb', 'Registerimporter'],
        ['sv', 'Registerimporter'],
        ['fi', 'Rekisterituonnit'],
      ] as const) {
        const page = await (await get(`/admin/imports?lang=${lang}`, admin.headers())).text();
        assert.match(page, new RegExp(`<html lang="${lang}"`));
        assert.match(page, new RegExp(`<h1>${title}</h1>`));
        if (lang === 'nb') assert.match(page, /<code>navn<\/code> – er for lang \(høyst 500\)/, "a rejection in the reader's language");
      }
    });
  });
}
