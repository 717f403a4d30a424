import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectFitsWidth, expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import * as repo from '../../src/modules/storefront/storefront.repository.js';
import { product as storefrontProduct } from '../support/storefront-fixtures.js';

const product = (sku: string, name: string, en: string, category: string, variants: { label: string; stock: number }[]) =>
  storefrontProduct(sku, name, { translations: { en: { name: en } }, category, variants });

/**
 * The Røros story in the browser at phone size (390 × 844): a resident finds wool socks, reserves a
 * pair in the wool shop and a book in the bookshop (one basket, two reservations); the wool shop
 * walks its reservation through confirm → ready → collected on a phone. axe on every page.
 */
describe('storefront in the browser, at phone size', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let woolShop: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    const orgId = await insertOrganisation(database.db, { name: 'Røros Handel og Næring', type: 'retail_association' });
    const woolFirm = await insertFirm(database.db, { name: 'Røros Ullvare AS' });
    const bookFirm = await insertFirm(database.db, { name: 'Røros Bokhandel AS' });
    woolShop = await repo.insertShop(database.db, {
      organisationId: orgId,
      firmId: woolFirm,
      establishmentId: null,
      name: 'Røros Ullvare AS',
      notifyEmail: 'ull@roros.no',
    });
    const bookShop = await repo.insertShop(database.db, {
      organisationId: orgId,
      firmId: bookFirm,
      establishmentId: null,
      name: 'Røros Bokhandel AS',
      notifyEmail: 'bok@roros.no',
    });
    await database.db.transaction().execute(async (trx) => {
      await repo.upsertProduct(
        trx,
        woolShop,
        product('S1', 'Ullsokker', 'Wool socks', 'Klær', [
          { label: '36–39 grå', stock: 2 },
          { label: '40–43 grå', stock: 5 },
        ]),
      );
      await repo.upsertProduct(trx, bookShop, product('B1', 'Bergstaden', 'The mining town', 'Bøker', [{ label: '', stock: 3 }]));
    });
    await createUser(database.db, { email: 'ull@roros.no', password: 'a browser test password', managedFirmIds: [woolFirm] });
    server = await serveApp(createTestApp(database));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  const phone = () => browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  it('a resident finds wool socks, reserves a pair and a book in another shop; the wool shop hands it over', async () => {
    const context = await phone();
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${server.base}/storefront?lang=en`);
    await expectNoAxeViolations(page, 'the storefront');
    await expectFitsWidth(page, 'the storefront');
    await page.locator('#f-q').fill('socks');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
    const socks = page.locator('li.sf-card', { hasText: 'Wool socks' });
    await socks.getByLabel('Variant').selectOption({ label: '40–43 grå' });
    await Promise.all([page.waitForNavigation(), socks.getByRole('button', { name: 'Add to basket' }).click()]);
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /Ullsokker is in your basket/);
    await page.goto(`${server.base}/storefront?lang=en`);
    const book = page.locator('li.sf-card', { hasText: 'The mining town' });
    await Promise.all([page.waitForNavigation(), book.getByRole('button', { name: 'Add to basket' }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Basket (2)' }).click()]);
    await expectNoAxeViolations(page, 'the basket');
    await expectFitsWidth(page, 'the basket');
    assert.match((await page.locator('main').textContent()) ?? '', /Ready within 2 h of opening hours/);
    await page.getByLabel('Name').fill('Kari Nordmann');
    await page.getByLabel('E-mail').fill('kari@example.no');
    await Promise.all([page.waitForURL(/\/storefront\/baskets\//), page.getByRole('button', { name: 'Reserve' }).click()]);
    await expectNoAxeViolations(page, 'the reservations');
    await expectFitsWidth(page, 'the reservations');
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /Reservation at Røros Ullvare AS/);
    assert.match(main, /Reservation at Røros Bokhandel AS/);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Reservation at Røros Ullvare AS' }).click()]);
    await expectNoAxeViolations(page, 'one reservation');
    const reservationUrl = page.url();
    assert.deepEqual(problems, []);

    // The wool shop on its phone.
    const shopContext = await phone();
    const shop = await shopContext.newPage();
    const shopProblems = trackProblems(shop);
    await shop.goto(`${server.base}/sign-in?lang=en`);
    await shop.getByLabel('E-mail address').fill('ull@roros.no');
    await shop.getByLabel('Password').fill('a browser test password');
    await Promise.all([shop.waitForNavigation(), shop.getByRole('button', { name: 'Sign in' }).click()]);
    await shop.goto(`${server.base}/storefront/shop?lang=en`);
    await expectNoAxeViolations(shop, 'my shops');
    await Promise.all([shop.waitForURL(/\/storefront\/shop\/\d+/), shop.getByRole('link', { name: 'Røros Ullvare AS' }).click()]);
    await expectNoAxeViolations(shop, "the shop's day");
    await expectFitsWidth(shop, "the shop's day");
    assert.match((await shop.locator('main').textContent()) ?? '', /Kari Nordmann/);
    for (const step of ['Confirm', 'Ready – tell the customer', 'Collected and paid'])
      await Promise.all([shop.waitForNavigation(), shop.getByRole('button', { name: step }).click()]);
    assert.match((await shop.locator('main').textContent()) ?? '', /Collected/);
    await expectNoAxeViolations(shop, "the shop's day after hand-over");
    await shop.goto(`${server.base}/storefront/shop/${woolShop}/products?lang=en`);
    await expectNoAxeViolations(shop, 'the catalogue');
    await expectFitsWidth(shop, 'the catalogue');
    assert.deepEqual(shopProblems, []);

    const mails = await database.db.selectFrom('mail_outbox').select(['subject']).where('to_address', '=', 'kari@example.no').orderBy('id').execute();
    assert.ok(
      mails.some((m) => /Ready to collect at Røros Ullvare AS/.test(m.subject)),
      'the "ready" e-mail',
    );
    await page.goto(reservationUrl);
    assert.match((await page.locator('main').textContent()) ?? '', /Status: Collected/);
    await context.close();
    await shopContext.close();
  });
});
