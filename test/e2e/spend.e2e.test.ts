import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { csv, layouts } from '../../src/modules/spend/spend.fixtures.js';
import { completeNationalId } from '../../src/modules/registry/national-id.js';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * An analyst of a Finnish municipality uploads two quarterly ledgers whose headers differ,
 * corrects the one column the guess missed, imports, and reads the local share by year and sector
 * and the "could be local" list. axe on the upload page, the preview and the results.
 */
describe('local spend in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let dir: string;
  let org: number;
  const fi = (b: number) => {
    for (;;) {
      const id = completeNationalId('FI', b++);
      if (id) return id;
    }
  };
  const local = fi(2_101_000);
  const outside = fi(2_102_000);

  before(async () => {
    database = await createTestDatabase('pglite');
    dir = mkdtempSync(join(tmpdir(), 'spend-e2e-'));
    org = await insertOrganisation(database.db, { name: 'Kemijärven kaupunki', country: 'FI', coverage: [{ code: '320', from: '2020-01-01' }] });
    for (const f of [
      { id: local, name: 'Kemijärven Rakennus Oy', m: '320', nace: '41200' },
      { id: outside, name: 'Oulun Siivous Oy', m: '564', nace: '81210' },
      { id: fi(2_103_000), name: 'Kemijärven Puhdistus Oy', m: '320', nace: '81220' },
    ])
      await database.db
        .insertInto('firms')
        .values({ country: 'FI', national_id: f.id, name: f.name, nace_code: f.nace, nace_division: f.nace.slice(0, 2), municipality_code: f.m })
        .execute();
    await createUser(database.db, { email: 'analyst@kemijarvi.fi', password: 'a browser test password', roles: [{ organisationId: org, role: 'analyst' }] });
    writeFileSync(
      join(dir, 'Q1.csv'),
      csv(
        layouts.kuntaliitto2021,
        [
          ['15.1.2024', local, 'Kemijärven Rakennus Oy', 'Rakentamispalvelut', 'Kadut ja tiet', '3 000,00', '3 765,00'],
          ['3.3.2024', outside, 'Oulun Siivous Oy', 'Siivouspalvelut', 'Perusopetus', '1 000,00', '1 255,00'],
        ],
        { bom: true },
      ),
    );
    writeFileSync(
      join(dir, 'Q2.csv'),
      csv(
        ['Kirjauspvm', 'Toimittajan Y-tunnus', 'Toimittaja', 'Tilin nimi', 'Summa ALV0 euroina'],
        [['10.4.2024', outside, 'Oulun Siivous Oy', 'Siivouspalvelut', '1 000,00']],
        {
          encoding: 'windows-1252',
          eol: '\n',
        },
      ),
    );
    server = await serveApp(createTestApp(database, { LOKALKRAFT_DATA_DIR: join(dir, 'data') }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upload → mapping → import → local share and "could be local"', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${server.base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('analyst@kemijarvi.fi');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);

    await page.goto(`${server.base}/spend?lang=en`);
    await page.getByRole('link', { name: 'Kemijärven kaupunki' }).click();
    await expectNoAxeViolations(page, 'the buyer page with the upload form');
    await page.getByLabel('Files').setInputFiles([join(dir, 'Q1.csv'), join(dir, 'Q2.csv')]);
    await Promise.all([page.waitForURL(/\/uploads\/\d+/), page.getByRole('button', { name: 'Upload and preview' }).click()]);
    assert.match((await page.locator('main').textContent()) ?? '', /No column for the date/);
    await expectNoAxeViolations(page, 'the preview with the guessed mapping');

    // Q2's date column ("Kirjauspvm") was not recognised: pick it.
    const q2 = page.locator('section', { has: page.getByRole('heading', { name: 'File: Q2.csv' }) });
    await q2.getByLabel('Date').selectOption({ label: 'Kirjauspvm' });
    await Promise.all([page.waitForURL(/saved=1/), q2.getByRole('button', { name: 'Save columns and check' }).click()]);
    assert.match((await page.locator('main').textContent()) ?? '', /1 lines, 0 with problems/);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    // The page refreshes itself while the import runs.
    await page
      .getByRole('link', { name: 'See the results' })
      .waitFor({ timeout: 45_000 })
      .catch(async (err) => {
        throw new Error(`${err}\n${await page.locator('main').textContent()}`);
      });
    await page.getByRole('link', { name: 'See the results' }).click();

    const main = page.locator('main');
    await main.getByRole('heading', { name: /Total spend: €5,000.00/ }).waitFor();
    const shares = page.getByRole('region', { name: 'Shares' });
    assert.match((await shares.textContent()) ?? '', /In the municipality€3,000.0060 %/);
    assert.match((await page.getByRole('region', { name: 'By year' }).textContent()) ?? '', /2024€3,000.00/);
    const could = page.getByRole('region', { name: 'Could be local' });
    assert.match((await could.textContent()) ?? '', /€2,000.00/);
    assert.ok(await could.getByRole('link', { name: 'Kemijärven Puhdistus Oy' }).isVisible());
    await expectNoAxeViolations(page, 'the results');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
