import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { importRegisterFiles } from '../../src/modules/registry/importers/import.service.js';
import { createTestApp } from '../support/test-app.js';
import { createUser, signIn } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/** The import log page in Chromium: axe (WCAG 2.1 AA) in all four languages, no CSP problems. */
describe('import log page in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let adminCookie: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    await importRegisterFiles(database.db, 'brreg', ['test/fixtures/registry/brreg_underenheter_sample.json']);
    await importRegisterFiles(database.db, 'prh', ['test/fixtures/registry/prh_ytj_v3_companies_sample.json'], { onlyMunicipalities: ['091'] });
    await importRegisterFiles(database.db, 'prh', ['/nonexistent/file.json']);
    const app = createTestApp(database);
    await createUser(database.db, { email: 'admin@network.test', isNetworkAdmin: true });
    adminCookie = (await signIn(app, 'admin@network.test')).cookie;
    server = await serveApp(app);
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('passes axe in nb, sv, fi and en, and the details of a failed run are reachable', async () => {
    const context = await browser.newContext();
    const [name, ...value] = adminCookie.split('=');
    await context.addCookies([{ name, value: value.join('='), url: base }]);
    const page = await context.newPage();
    const problems = trackProblems(page);
    for (const lang of ['nb', 'sv', 'fi', 'en']) {
      await page.goto(`${base}/admin/imports?lang=${lang}`);
      await expectNoAxeViolations(page, `the import log (${lang})`);
    }
    assert.equal(await page.getByRole('table').getByRole('row').count(), 4);
    await page.getByRole('link', { name: /Details of import 3/ }).click();
    assert.ok(await page.getByRole('heading', { name: 'Details of import 3' }).isVisible());
    assert.match((await page.locator('#run-3').textContent()) ?? '', /does not exist/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
