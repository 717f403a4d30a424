import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectFitsWidth, expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertGiftcardWorld } from '../support/giftcard-fixtures.js';
import { insertFirm } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { generateCode, printCode } from '../../src/modules/giftcard/giftcard.code.js';
import { bookSale } from '../../src/modules/giftcard/giftcard.ledger.js';
import { insertCard, findCardByCode } from '../../src/modules/giftcard/giftcard.repository.js';

/**
 * The counter on a phone (390 × 844): the café's manager signs in, picks her shop, types the
 * code of a 500 NOK card, sees the balance, redeems 180, gets the receipt; going back and sending
 * the same form again (a retry) books nothing new. axe on the counter, the card and the receipt.
 */
describe('gift-card counter in the browser, at phone size', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let code: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    const cafe = await insertFirm(database.db, { name: 'Kafé Kaffestuggu' });
    const w = await insertGiftcardWorld(database.db, { firmIds: [cafe] });
    code = generateCode();
    await database.db.transaction().execute(async (trx) => {
      const id = await insertCard(trx, {
        programmeId: w.programmeId,
        code,
        batchId: null,
        orderId: null,
        valueMinor: 50_000,
        expiresOn: '2099-01-01',
        holderUserId: null,
      });
      await bookSale(trx, { programmeId: w.programmeId, key: 'e2e-sale', cardId: id, amountMinor: 50_000 });
    });
    await createUser(database.db, { email: 'kari@kaffestuggu.no', password: 'a browser test password', managedFirmIds: [cafe] });
    server = await serveApp(createTestApp(database));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('redeems 180 NOK of a 500 NOK card; a resent form books once', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = trackProblems(page);

    await page.goto(`${server.base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('kari@kaffestuggu.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${server.base}/giftcard/counter?lang=en`);
    await Promise.all([page.waitForURL(/\/giftcard\/counter\/\d+/), page.getByRole('link', { name: /Butikk 1/ }).click()]);
    await expectNoAxeViolations(page, 'the counter');
    await expectFitsWidth(page, 'the counter');

    await page.getByLabel('Card code').fill(printCode(code).toLowerCase());
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show balance' }).click()]);
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /500\.00/);
    await expectNoAxeViolations(page, 'the card at the counter');
    await expectFitsWidth(page, 'the card at the counter');

    assert.equal(await page.getByLabel('Amount').getAttribute('inputmode'), 'decimal', 'a phone shows the number keys for the amount');
    await page.getByLabel('Amount').fill('180');
    await Promise.all([page.waitForURL(/\/receipts\/\d+/), page.getByRole('button', { name: 'Redeem', exact: true }).click()]);
    const receiptUrl = page.url();
    assert.match((await page.locator('main').textContent()) ?? '', /320\.00/);
    await expectNoAxeViolations(page, 'the receipt');
    await expectFitsWidth(page, 'the receipt');

    // The connection dropped, the clerk goes back and taps "Redeem" again: the same receipt, no second redemption.
    await page.goBack();
    await page.getByLabel('Amount').fill('180');
    await Promise.all([page.waitForURL(/\/receipts\/\d+/), page.getByRole('button', { name: 'Redeem', exact: true }).click()]);
    assert.equal(page.url(), receiptUrl);
    assert.equal(Number((await findCardByCode(database.db, code))!.balance_minor), 32_000);

    // Back at the counter, the redemption is listed and its reverse button is on the phone's screen.
    await page.goto(`${server.base}/giftcard/counter/${/counter\/(\d+)/.exec(receiptUrl)![1]}?lang=en`);
    const reverse = page.getByRole('button', { name: /^Reverse/ }).first();
    const box = await reverse.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the reverse button is within 390 px (${JSON.stringify(box)})`);
    await expectNoAxeViolations(page, 'the counter with its recent redemptions');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
