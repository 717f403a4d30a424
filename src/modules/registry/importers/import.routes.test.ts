import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import { importRegisterFiles } from './import.service.js';
import { createTempFiles } from './test-files.js';

const token = 'test-admin-token-0123456789abcdef';

for (const backend of await backendsUnderTest()) {
  describe(`/admin/imports on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    const saved = process.env.LOKALKRAFT_ADMIN_TOKEN;
    before(async () => {
      database = await createTestDatabase(backend);
      await importRegisterFiles(database.db, 'brreg', ['../shared/data/samples/brreg_underenheter_sample.json']);
      await importRegisterFiles(database.db, 'brreg', [files.write('broken.json', '[{"organisasjonsnummer": "811553352", "navn": "X"')]);
    });
    after(async () => {
      process.env.LOKALKRAFT_ADMIN_TOKEN = saved;
      if (saved === undefined) delete process.env.LOKALKRAFT_ADMIN_TOKEN;
      await database?.destroy();
      files.cleanup();
    });
    const get = (path: string, headers: Record<string, string> = {}) => createTestApp(database).request(path, { headers });

    it('refuses everyone while no admin token is configured', async () => {
      delete process.env.LOKALKRAFT_ADMIN_TOKEN;
      assert.equal((await get('/admin/imports')).status, 403);
      assert.equal((await get('/admin/imports', { authorization: `Bearer ${token}` })).status, 403);
    });

    it('refuses a missing or wrong bearer token', async () => {
      process.env.LOKALKRAFT_ADMIN_TOKEN = token;
      const none = await get('/admin/imports?lang=en');
      assert.equal(none.status, 403);
      assert.match(await none.text(), /Access denied/);
      assert.equal((await get('/admin/imports', { authorization: `Bearer ${token}x` })).status, 403);
      assert.equal((await get('/admin/imports', { authorization: token })).status, 403);
    });

    it('lists the last imports with their counts and the reasons of a failure, in each language', async () => {
      process.env.LOKALKRAFT_ADMIN_TOKEN = token;
      const res = await get('/admin/imports?lang=en', { authorization: `Bearer ${token}` });
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
      assert.equal(rows, 3, 'a header row and two runs');
      for (const [lang, title] of [['nb', 'Registerimporter'], ['sv', 'Registerimporter'], ['fi', 'Rekisterituonnit']] as const) {
        const page = await (await get(`/admin/imports?lang=${lang}`, { authorization: `Bearer ${token}` })).text();
        assert.match(page, new RegExp(`<html lang="${lang}"`));
        assert.match(page, new RegExp(`<h1>${title}</h1>`));
      }
    });
  });
}
