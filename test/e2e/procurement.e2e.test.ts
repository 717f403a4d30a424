import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createUser, signIn } from '../support/auth.js';
import { expectFitsWidth, expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { importNoticeFile } from '../../src/modules/procurement/procurement.import.js';

/**
 * The Kemijärvi builder on a 390 px phone: its matching notices with reasons, a bidding group for
 * a lot, an invitation the Salla electrician accepts; axe on the list, the firm page and the group.
 */
describe('procurement in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let builderCookie: string;
  let electricianCookie: string;
  let builder: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    const db = database.db;
    await importNoticeFile(db, join(process.cwd(), 'test', 'fixtures', 'procurement', 'synthetic', 'lapland-school-renovation.xml'));
    const firm = async (name: string, municipality: string, nace: string, nationalId: string) => {
      const id = await insertFirm(db, { name, municipality, country: 'FI', nationalId });
      await db
        .updateTable('firms')
        .set({ nace_code: nace, nace_division: nace.slice(0, 2) })
        .where('id', '=', id)
        .execute();
      return id;
    };
    builder = await firm('Kemijärven Rakennus Oy', '320', '41.200', '1234567-1');
    const electrician = await firm('Sallan Sähkö Oy', '732', '43.210', '2345678-2');
    await insertOrganisation(db, { name: 'Itä-Lappi', country: 'FI', coverage: [{ code: '320', from: '2020-01-01' }] });
    await createUser(db, { email: 'rakennus@test.fi', managedFirmIds: [builder] });
    await createUser(db, { email: 'sahko@test.fi', managedFirmIds: [electrician] });
    const app = createTestApp(database);
    builderCookie = (await signIn(app, 'rakennus@test.fi')).cookie;
    electricianCookie = (await signIn(app, 'sahko@test.fi')).cookie;
    server = await serveApp(app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  async function phone(cookie?: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    if (cookie) {
      const [name, ...value] = cookie.split(';')[0]!.split('=');
      await context.addCookies([{ name: name!, value: value.join('='), url: server.base }]);
    }
    return context;
  }

  it('the public list filters and fits a phone', async () => {
    const context = await phone();
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${server.base}/tenders?lang=fi`);
    await page.getByLabel('Ala (CPV)').selectOption('45');
    await page.getByRole('button', { name: 'Suodata' }).click();
    await page.getByRole('link', { name: 'Koulun peruskorjaus, Kemijärvi' }).waitFor();
    await expectFitsWidth(page, 'the filtered public list of notices');
    await expectNoAxeViolations(page, 'the public list of notices');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the builder sees why a notice matches, starts a group for a lot and invites the electrician, who accepts', async () => {
    const context = await phone(builderCookie);
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${server.base}/tenders/my?lang=en`);
    assert.match((await page.locator('main').textContent()) ?? '', /Your activity \(NACE 41\) delivers 45214200/);
    assert.match((await page.locator('main').textContent()) ?? '', /Done in your municipality, Kemijärvi/);
    await expectFitsWidth(page, "the builder's matching notices");
    await expectNoAxeViolations(page, "the firm's matching notices");

    await page.getByRole('link', { name: 'Koulun peruskorjaus, Kemijärvi' }).click();
    await page.getByLabel('Lot', { exact: true }).selectOption('LOT-0001');
    await page.getByLabel('Group name').fill('Koulu-konsortio');
    await Promise.all([page.waitForURL(/\/tenders\/groups\/\d+/), page.getByRole('button', { name: 'Start the group' }).click()]);
    await page.getByLabel('Organisation number').fill('2345678-2');
    await page.getByLabel('Role').fill('Sähkötyöt');
    await page.getByLabel('Share (%)').fill('30');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('cell', { name: /Sallan Sähkö Oy/ }).waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Welcome aboard!');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Welcome aboard!').waitFor();
    await expectFitsWidth(page, 'the bidding group');
    await expectNoAxeViolations(page, 'the bidding group');
    const groupUrl = page.url().split('?')[0]!;
    assert.deepEqual(problems, []);
    await context.close();

    const other = await phone(electricianCookie);
    const p2 = await other.newPage();
    await p2.goto(`${groupUrl}?lang=en`);
    assert.doesNotMatch((await p2.locator('main').textContent()) ?? '', /Welcome aboard!/);
    await Promise.all([p2.waitForURL(/\/tenders\/groups\/\d+/), p2.getByRole('button', { name: 'Accept' }).click()]);
    await p2.getByText('Welcome aboard!').waitFor();
    await other.close();
  });
});
