import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { createFirm } from '../support/factories.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * Issue 9 as a new user tries it. On a phone, a resident searches "bakri", is told it searched
 * "bakeri", taps a result, sees whether it is open and finds the directions link. On a desktop, the
 * owner of the Røros branch edits her shop's hours and description from the shop's page and sees
 * them there. axe at 390 px and at desktop size on the search with a correction, the firm page
 * and the branch editor (each at both sizes).
 */
describe('directory: a shop owner and a resident in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let shopListing: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    const every = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '23:59' }));
    const firm = await createFirm(database.db, {
      name: 'Trønder Bakeri AS',
      municipality_code: '5001',
      nace_code: '10.710',
      phone: '+47 73 00 00 00',
      description: { en: 'Bread from Trøndelag.', nb: 'Brød fra Trøndelag.' },
      opening_hours: { weekly: every },
      establishments: [
        {
          name: 'Trønder Bakeri Røros',
          municipality_code: '5025',
          nace_code: '10.710',
          lat: 62.5747,
          lon: 11.3843,
          street: 'Kjerkgata 12',
          postcode: '7374',
          city: 'Røros',
        },
        { name: 'Trønder Bakeri Midtbyen', municipality_code: '5001', nace_code: '10.710' },
      ],
    });
    shopListing = firm.establishmentIds[0] * 2 + 1;
    await createUser(database.db, { email: 'kari@tronderbakeri.no', displayName: 'Kari', password: 'a browser test password', managedFirmIds: [firm.firmId] });
    server = await serveApp(createTestApp(database));
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('on a phone: "bakri" is corrected to "bakeri", a tap opens the shop, open now and directions are there', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${base}/?lang=en`);
    await page.getByLabel('Search for a firm, product or service').fill('bakri');
    await Promise.all([page.waitForURL(/\/firms\?/), page.getByRole('button', { name: 'Search' }).click()]);
    const note = page.getByRole('note');
    assert.match((await note.textContent()) ?? '', /Showing results for bakeri/);
    assert.ok(await note.getByRole('link', { name: 'Search instead for “bakri”' }).isVisible());
    // Results come before the filters' contents and the map: the first result is on the first screen.
    const first = page.locator('ol.results a').first();
    const box = await first.boundingBox();
    assert.ok(box && box.y < 844, `the first result is on the first screen (y=${box?.y})`);
    assert.equal(await page.locator('details.search-filters').getAttribute('open'), null, 'filters are collapsed');
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
    await expectNoAxeViolations(page, 'search with a correction (phone)');

    await Promise.all([page.waitForURL(/\/firms\/\d+$/), page.getByRole('link', { name: 'Trønder Bakeri Røros' }).tap()]);
    assert.match((await page.locator('.opening-line').textContent()) ?? '', /Open now/);
    const directions = page.getByRole('link', { name: 'Directions' });
    assert.match((await directions.getAttribute('href')) ?? '', /^geo:62\.5747,11\.3843/);
    assert.ok(await page.getByRole('link', { name: /^Call / }).isVisible());
    await expectNoAxeViolations(page, 'firm page (phone)');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("on a phone: the owner's branch editor passes axe and fits the screen", async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('kari@tronderbakeri.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(`${base}/account`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${base}/firms/${shopListing}?lang=en`);
    await Promise.all([page.waitForURL(/\/manage\/establishments\/\d+/), page.getByRole('link', { name: "Edit this shop's page" }).tap()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Edit Trønder Bakeri Røros');
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `the branch editor has no sideways scrolling (${width}px)`);
    await expectNoAxeViolations(page, 'the branch editor (phone)');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("on a desktop: the owner edits the Røros shop's hours and description from its page and sees them there", async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('kari@tronderbakeri.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(`${base}/account`), page.getByRole('button', { name: 'Sign in' }).click()]);

    await page.goto(`${base}/firms?q=bakri&lang=en`);
    assert.match((await page.getByRole('note').textContent()) ?? '', /Showing results for bakeri/);
    await expectNoAxeViolations(page, 'search with a correction (desktop)');

    await page.goto(`${base}/firms/${shopListing}?lang=en`);
    await expectNoAxeViolations(page, 'firm page (desktop)');
    await Promise.all([page.waitForURL(/\/manage\/establishments\/\d+/), page.getByRole('link', { name: "Edit this shop's page" }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Edit Trønder Bakeri Røros');
    await expectNoAxeViolations(page, 'the branch editor');

    await page.getByLabel('Description in English').fill('Our shop in the mining town: cinnamon buns from seven.');
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.locator('section[aria-labelledby="description"] form').first().getByRole('button', { name: 'Save' }).click(),
    ]);
    assert.match((await page.getByRole('status').textContent()) ?? '', /The page of Trønder Bakeri Røros shows the change/);
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await page.getByLabel(`${day}: Opens`).fill('07:00');
      await page.getByLabel(`${day}: Closes`).fill('16:30');
    }
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.locator('section[aria-labelledby="hours"] form').first().getByRole('button', { name: 'Save' }).click(),
    ]);
    await Promise.all([page.waitForURL(/\/firms\/\d+$/), page.getByRole('link', { name: 'See the page' }).click()]);
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /Our shop in the mining town/);
    assert.match(text, /07:00–16:30/);
    const api = (await (await page.request.get(`${base}/api/v1/firms/${shopListing}`)).json()) as { description: Record<string, string> };
    assert.equal(api.description.en, 'Our shop in the mining town: cinnamon buns from seven.');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
