import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * The café owner in Sorsele finds support from the front page in the browser and reads an offer;
 * her coach opens the firm's page, records a grant and sees the room shrink. axe on each page.
 */
describe('support navigator in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let cafe: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    const org = await insertOrganisation(database.db, { name: 'Sorsele näringsliv', country: 'SE', coverage: [{ code: '2422', from: '2020-01-01' }] });
    cafe = await insertFirm(database.db, { name: 'Kafé Laisvall AB', country: 'SE', municipality: '2422', nationalId: '5590000002' });
    await database.db.updateTable('firms').set({ nace_code: '56.100', employees: 6, registered_on: '2024-06-01' }).where('id', '=', cafe).execute();
    await createUser(database.db, { email: 'coach@sorsele.se', password: 'a browser test password', roles: [{ organisationId: org, role: 'coach' }] });
    server = await serveApp(createTestApp(database));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('the café owner enters her facts and sees offers that fit with reasons; the offer page has its source and date checked', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${server.base}/?lang=sv`);
    await page.getByRole('link', { name: 'Stödnavigator' }).first().click();
    await page.getByLabel('Land').selectOption('SE');
    await page.getByLabel('Kommun', { exact: true }).fill('2422');
    await page.getByLabel('Bransch (SNI/NACE-kod)').fill('56.10');
    await page.getByLabel('Antal anställda').fill('6');
    await page.getByLabel('Ålder (hela år sedan registrering)').fill('2');
    await page.getByRole('button', { name: 'Hitta stöd' }).click();
    await page.getByRole('heading', { name: /Erbjudanden som passar/ }).waitFor();
    const fits = page.locator('li.offer-fits');
    assert.ok((await fits.count()) >= 3);
    assert.match((await page.locator('li.offer-fits', { hasText: 'Mikrostöd' }).textContent()) ?? '', /Gäller länet \(24\)/);
    await expectNoAxeViolations(page, 'the navigator with results');
    await page.locator('li.offer-fits', { hasText: 'Region Västerbotten' }).getByRole('link', { name: 'Mikrostöd' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mikrostöd' }).waitFor();
    assert.match(await page.locator('.checked').innerText(), /Senast kontrollerad/);
    assert.equal(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}')['@type'], 'GovernmentService');
    // (axe on the offer page at 390 px: test/e2e/phone.e2e.test.ts, through its matrix row.)
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the coach records a grant on the firm page and sees the room left', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${server.base}/sign-in?lang=en`);
    await page.getByLabel('E-mail').fill('coach@sorsele.se');
    await page.getByLabel('Password').fill('a browser test password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${server.base}/navigator/firms/${cafe}?lang=en`);
    assert.match(await page.locator('.room').innerText(), /Remaining room: €300,000\.00/);
    await page.getByLabel('Grantor').fill('Region Västerbotten');
    await page.getByLabel('Granted on').fill('2024-03-13');
    await page.getByLabel('Amount', { exact: true }).fill('1 119 300');
    await page.getByLabel('Currency').first().fill('SEK');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Saved.').waitFor();
    assert.match(await page.locator('.room').innerText(), /Remaining room: €200,000\.00/);
    await expectNoAxeViolations(page, 'the firm page');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
