import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * A coach's day in the browser, no JavaScript needed: home → open a case for a café → log a
 * visit → add a task (it shows on the home page) → refer the café to Almi → the referral shows
 * its age. axe (WCAG 2.1 AA) on the home page, the new-case form, the case page with each form
 * and the referral page.
 */
describe('coaching in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    const sorsele = await insertOrganisation(database.db, { name: 'Sorsele näringsliv', country: 'SE', coverage: [{ code: '2422', from: '2020-01-01' }] });
    await insertOrganisation(database.db, { name: 'Almi Nord', country: 'SE', type: 'partner_body' });
    await insertFirm(database.db, { name: 'Kaffestugan i Sorsele', country: 'SE', municipality: '2422', nationalId: '5561234567' });
    await createUser(database.db, {
      email: 'anna@sorsele.se',
      displayName: 'Anna Sjödin',
      password: 'a browser test password',
      roles: [{ organisationId: sorsele, role: 'coach' }],
    });
    server = await serveApp(createTestApp(database));
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  const step = (what: string) => process.env.E2E_TRACE && console.error(new Date().toISOString(), what);
  it('home → case → meeting → task → referral, each page passing axe', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = trackProblems(page);
    step('start');
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('anna@sorsele.se');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(/\/\?|\/$|\/account/), page.getByRole('button', { name: 'Sign in' }).click()]);

    await page.goto(`${base}/coaching?lang=en`);
    step('axe coach home (empty)');
    await expectNoAxeViolations(page, 'coach home (empty)');
    await page.getByRole('link', { name: 'New case' }).first().click();
    await page.getByLabel('Organisation number').fill('556123-4567');
    await page.getByLabel('Title').fill('Winter opening');
    await page.getByLabel('Type').selectOption('growth');
    await page.getByLabel('Financing').check();
    step('axe new case form');
    await expectNoAxeViolations(page, 'new case form');
    await Promise.all([page.waitForURL(/\/coaching\/cases\/\d+\?saved=1/), page.getByRole('button', { name: 'Create' }).click()]);
    const caseUrl = page.url().split('?')[0]!;
    assert.match(await page.locator('h1').innerText(), /Kaffestugan i Sorsele – Winter opening/);
    step('axe case page');
    await expectNoAxeViolations(page, 'case page');

    await page.getByRole('link', { name: 'Log a meeting' }).click();
    const meeting = page.locator('form[aria-label="Log a meeting"]');
    await meeting.getByLabel('Title').fill('First visit');
    await meeting.getByLabel('Date and time').fill('2026-03-29T10:00');
    await meeting.getByLabel('Form').selectOption('visit');
    await meeting.getByLabel('Text').fill('Talked about opening in winter.');
    step('axe meeting form');
    await expectNoAxeViolations(page, 'meeting form');
    await Promise.all([page.waitForURL(/saved=1/), meeting.getByRole('button', { name: 'Save' }).click()]);
    assert.match(await page.locator('.timeline').innerText(), /First visit[\s\S]*29\/03\/2026, 10:00 CEST/);

    await page.getByRole('link', { name: 'Add a task' }).click();
    const task = page.locator('form[aria-label="Add a task"]');
    await task.getByLabel('Title').fill('Send the budget template');
    await task.getByLabel('Due').fill('2026-01-05');
    await Promise.all([page.waitForURL(/saved=1/), task.getByRole('button', { name: 'Save' }).click()]);

    await page.getByRole('link', { name: 'Attach a document' }).click();
    const doc = page.locator('form[aria-label="Attach a document"]');
    await doc
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') });
    await doc.getByLabel('Title', { exact: true }).fill('Budget 2027');
    step('axe document form');
    await expectNoAxeViolations(page, 'document form');
    await Promise.all([page.waitForURL(/\/entries\/\d+\?saved=1/), doc.getByRole('button', { name: 'Attach a document' }).click()]);
    assert.match((await page.locator('main').textContent()) ?? '', /Download: budget\.pdf/);
    step('axe document page');
    await expectNoAxeViolations(page, 'document page');
    await page.goto(`${caseUrl}?lang=en`);

    await page.getByRole('link', { name: 'Refer the firm' }).click();
    const referral = page.locator('form[aria-label="Refer the firm"]');
    await referral.getByLabel('To an organisation on the platform').selectOption({ label: 'Almi Nord' });
    await referral.getByLabel('Purpose').fill('Loan for a new kitchen');
    // Referring for funding: the firm's de minimis position (support navigator) is beside the amount.
    assert.match((await referral.textContent()) ?? '', /de minimis/);
    await referral.getByLabel('Amount sought (when referring for funding)').fill('200000');
    step('axe referral form');
    await expectNoAxeViolations(page, 'referral form');
    await Promise.all([page.waitForURL(/saved=1/), referral.getByRole('button', { name: 'Refer the firm' }).click()]);
    await page.getByRole('link', { name: 'Almi Nord' }).click();
    assert.match(await page.locator('main').innerText(), /Loan for a new kitchen[\s\S]*Open \(Age: 0 d\)/);
    step('axe referral page');
    await expectNoAxeViolations(page, 'referral page');

    await page.goto(`${base}/coaching?lang=en`);
    const home = await page.locator('main').innerText();
    assert.match(home, /Send the budget template[\s\S]*Overdue/);
    assert.match(home, /Kaffestugan i Sorsele – Winter opening/);
    step('axe coach home');
    await expectNoAxeViolations(page, 'coach home');
    await page.goto(`${caseUrl}?lang=en`);
    await page.getByRole('link', { name: 'First visit' }).click();
    assert.match(await page.locator('main').innerText(), /Read by[\s\S]*Anna Sjödin/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
