import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { importRegisterFiles } from '../../src/modules/registry/importers/import.service.js';
import { createTestApp } from '../support/test-app.js';
import { createUser, signIn } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/** The import log page in Chromium: axe (WCAG 2.1 AA) in all four languages, no CSP problems. */
describe('import log page in the browser', () => {
  let database: TestDatabase;
  let server: ServerType;
  let browser: Browser;
  let base: string;
  let adminCookie: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    await importRegisterFiles(database.db, 'brreg', ['../shared/data/samples/brreg_underenheter_sample.json']);
    await importRegisterFiles(database.db, 'prh', ['../shared/data/samples/prh_ytj_v3_companies_sample.json'], { onlyMunicipalities: ['091'] });
    await importRegisterFiles(database.db, 'prh', ['/nonexistent/file.json']);
    const app = createTestApp(database);
    await createUser(database.db, { email: 'admin@network.test', isNetworkAdmin: true });
    adminCookie = (await signIn(app, 'admin@network.test')).cookie;
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database?.destroy();
  });

  it('passes axe in nb, sv, fi and en, and the details of a failed run are reachable', async () => {
    const context = await browser.newContext();
    const [name, ...value] = adminCookie.split('=');
    await context.addCookies([{ name, value: value.join('='), url: base }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      // (a 404 for /favicon.ico is the browser's own request, not the page's)
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    for (const lang of ['nb', 'sv', 'fi', 'en']) {
      await page.goto(`${base}/admin/imports?lang=${lang}`);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${lang}`);
    }
    assert.equal(await page.getByRole('table').getByRole('row').count(), 4);
    await page.getByRole('link', { name: /Details of import 3/ }).click();
    assert.ok(await page.getByRole('heading', { name: 'Details of import 3' }).isVisible());
    assert.match((await page.locator('#run-3').textContent()) ?? '', /cannot be read/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
