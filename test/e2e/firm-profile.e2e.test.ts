import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertMembership, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * A shop owner signs in, claims her firm (approved at once: her verified address is at the
 * firm's domain), edits the description and opening hours, and sees them on the public page.
 * axe (WCAG 2.1 AA) on the claim page and the profile editor.
 */
describe('firm profile in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let firmId: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    await insertOrganisation(database.db, { name: 'Rørosregionen Næringshage', coverage: [{ code: '5025', from: '2020-01-01' }] });
    firmId = await insertFirm(database.db, { name: 'Røros Bakeri AS', municipality: '5025', website: 'https://www.roros-bakeri.no' });
    const orgId = await database.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    await createUser(database.db, {
      email: 'admin@rnh.no',
      displayName: 'Org Admin',
      password: 'a browser test password',
      roles: [{ organisationId: Number(orgId.id), role: 'org_admin' }],
    });
    await insertMembership(database.db, Number(orgId.id), firmId, { minor: 150000, currency: 'NOK' });
    // Another organisation asks to cover Røros too: the request waits in Rørosregionen's queue.
    const other = await insertOrganisation(database.db, { name: 'Gauldal Næringsforum' });
    await database.db
      .insertInto('organisation_coverage')
      .values({ organisation_id: other, country: 'NO', municipality_code: '5025', valid_from: '2025-01-01', valid_to: null, status: 'pending' })
      .execute();
    await createUser(database.db, { email: 'anna@roros-bakeri.no', displayName: 'Anna Bakke', password: 'a browser test password', isEmailVerified: true });
    const app = createTestApp(database);
    server = await serveApp(app);
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('claims a firm by domain, edits description and hours, and the public page shows them', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = trackProblems(page);

    // Anonymous: the claim page asks to sign in first, and brings her back.
    await page.goto(`${base}/firms/${firmId}/manage?lang=en`);
    await page.getByRole('link', { name: 'Sign in to ask for access' }).click();
    await page.getByLabel('E-mail address').fill('anna@roros-bakeri.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(`${base}/firms/${firmId}/manage`), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Ask to manage Røros Bakeri AS');
    assert.match((await page.locator('main').textContent()) ?? '', /roros-bakeri\.no/);
    await expectNoAxeViolations(page, 'the claim page');

    await Promise.all([page.waitForURL(/\/manage\?claimed=1$/), page.getByRole('button', { name: 'Ask for access' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Firm profile: Røros Bakeri AS');
    assert.match((await page.getByRole('status').textContent()) ?? '', /You can now manage this firm/);
    await expectNoAxeViolations(page, 'the profile editor');

    await page.getByLabel('Description in English').fill('Sourdough bread from the mining town, baked since 1952.');
    await page.getByLabel('Description in Norsk (bokmål)').fill('Surdeigsbrød fra Bergstaden, bakt siden 1952.');
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.locator('#description ~ form, section[aria-labelledby="description"] form').first().getByRole('button', { name: 'Save' }).click(),
    ]);
    assert.match((await page.getByRole('status').textContent()) ?? '', /Saved/);

    await page.getByLabel('Monday: Opens').fill('09:00');
    await page.getByLabel('Monday: Closes').fill('17:00');
    await page.getByLabel('Saturday: Opens').fill('10:00');
    await page.getByLabel('Saturday: Closes').fill('14:00');
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.locator('section[aria-labelledby="hours"] form').first().getByRole('button', { name: 'Save' }).click(),
    ]);
    assert.equal(await page.getByLabel('Monday: Opens').inputValue(), '09:00');
    assert.equal(await page.getByLabel('Saturday: Closes').inputValue(), '14:00');
    assert.equal(await page.getByLabel('Description in English').inputValue(), 'Sourdough bread from the mining town, baked since 1952.');

    await page.getByRole('link', { name: 'View the public page' }).first().click();
    await page.waitForURL(/\/firms\/\d+$/);
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /Sourdough bread from the mining town/);
    assert.match(text, /09[:.]00/);
    assert.match(text, /14[:.]00/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the network pages of an org admin pass axe', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('admin@rnh.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(`${base}/account`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${base}/network`);
    await page.getByRole('link', { name: 'Rørosregionen Næringshage' }).click();
    const orgUrl = page.url();
    await expectNoAxeViolations(page, 'organisation overview');
    for (const tail of ['/edit', '/coverage', '/staff', '/members', '/sharing', '/audit']) {
      await page.goto(`${orgUrl}${tail}`);
      await expectNoAxeViolations(page, tail);
    }
    await page.goto(`${orgUrl}/members`);
    await page.getByRole('link', { name: 'Røros Bakeri AS' }).click();
    await expectNoAxeViolations(page, 'membership page');
    await page.goto(`${base}/network/claims`);
    await expectNoAxeViolations(page, 'claims queue');
    await page.goto(`${base}/network`);
    await page.getByRole('link', { name: 'Coverage requests' }).click();
    await page.getByRole('cell', { name: 'Gauldal Næringsforum', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'coverage requests queue');
    await context.close();
  });
});
