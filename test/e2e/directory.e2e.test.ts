import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { seedDirectory } from '../support/directory-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * The directory in Chromium: search, facets, firm page, language, near, the map as an
 * enhancement, and axe (WCAG 2.1 AA) on every directory page in two languages.
 */
describe('directory in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    database = await createTestDatabase('pglite');
    await seedDirectory(database.db);
    // Tiles from a port nobody listens on: the map must fail gracefully and the list stay usable.
    const app = createTestApp(database, { MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
    server = await serveApp(app);
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  /** A fresh page (own cookies) that records CSP violations and script errors. */
  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page & { problems: string[] }> {
    const context = await browser.newContext({ locale: 'en-GB', ...options });
    contexts.push(context);
    const page = (await context.newPage()) as Page & { problems: string[] };
    page.problems = trackProblems(page);
    return page;
  }

  it('searches from the front page, filters by a facet and opens a firm page', async () => {
    const page = await newPage();
    await page.goto(`${base}/?lang=en`);
    await page.getByLabel('Search for a firm, product or service').fill('leipomo');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/firms\?q=leipomo/);
    assert.equal(await page.getByRole('status').filter({ hasText: 'found' }).textContent(), '1 place found');
    assert.ok(await page.getByRole('link', { name: 'Kemijärven Leipomo' }).isVisible());

    await page.goto(`${base}/firms`);
    await page.getByRole('complementary').getByRole('link', { name: 'Røros (3)' }).click();
    await page.waitForURL(/municipality=5025/);
    assert.equal(await page.locator('.result-count').textContent(), '3 places found');
    assert.equal(await page.getByRole('link', { name: /Røros \(3\)/ }).getAttribute('aria-current'), 'true');
    assert.equal(await page.locator('#municipality').inputValue(), '5025', 'the form shows the filter too');

    await page.getByRole('link', { name: 'Rørosbakeriet' }).click();
    await page.waitForURL(/\/firms\/\d+$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Rørosbakeriet');
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as Record<string, unknown>;
    assert.equal(ld['@type'], 'LocalBusiness');
    assert.ok(await page.getByRole('region', { name: 'Map showing where Rørosbakeriet is' }).isVisible(), 'the map shows although tiles fail');
    assert.deepEqual(page.problems, []);
  });

  it('switches language and remembers the choice on the next page', async () => {
    const page = await newPage();
    await page.goto(`${base}/firms?municipality=5025`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Search the directory');
    await page.getByLabel('Language').selectOption('sv');
    await page.waitForURL(/lang=sv/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sök i företagskatalogen');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.equal(await page.locator('#municipality').inputValue(), '5025', 'the search survives the switch');
    await page.getByRole('link', { name: 'Rørosbakeriet' }).click();
    await page.waitForURL(/\/firms\/\d+$/);
    assert.ok(await page.getByRole('heading', { name: 'Öppettider' }).isVisible());
    assert.ok(await page.getByText('Texten är på norskt bokmål.').isVisible());
  });

  it('sorts by distance near a chosen place', async () => {
    const page = await newPage();
    await page.goto(`${base}/firms?lang=en`);
    await page.locator('details.search-filters > summary').click(); // filters fold away until asked for
    await page.getByLabel('Near', { exact: true }).selectOption({ label: 'Røros' });
    await page.getByLabel('Within').selectOption('25');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/near=62\.575%2C11\.384/);
    assert.ok(!page.url().includes('q=&'), 'empty fields stay out of the shareable URL');
    assert.equal(await page.locator('.result-count').textContent(), '4 places found', 'Røros three, and Os 12 km away');
    const distances = await page.locator('.result .distance').allTextContents();
    assert.equal(distances.length, 4);
    assert.ok(distances.every((d) => / km away$/.test(d)));
  });

  it('finds places near me with the browser position', async () => {
    const page = await newPage({ geolocation: { latitude: 66.713, longitude: 27.431 }, permissions: ['geolocation'] });
    await page.goto(`${base}/firms?lang=en`);
    await page.getByRole('button', { name: 'Near me' }).click();
    await page.waitForURL(/near=66\.7130%2C27\.4310/);
    assert.equal(await page.locator('.result h3 a').first().textContent(), 'Kemijärven Leipomo');
    assert.equal(await page.locator('#near option:checked').textContent(), 'Chosen point (66.7130,27.4310)');
  });

  it('shows the results on a map that does not hide the list when tiles fail', async () => {
    const page = await newPage();
    await page.goto(`${base}/firms?lang=en`);
    const map = page.getByRole('region', { name: 'Map of the results' });
    await map.waitFor();
    assert.ok((await page.locator('.leaflet-marker-icon').count()) > 0);
    await page.locator('.map-error').waitFor();
    assert.ok(await page.locator('.results').isVisible());
    const toggle = page.locator('.map-toggle');
    assert.equal(await toggle.textContent(), 'Hide map');
    await toggle.click();
    assert.equal(await toggle.textContent(), 'Show map');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await map.isVisible(), false);
    assert.deepEqual(page.problems, []);
  });

  it('searches without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${base}/firms?lang=en`);
    await page.locator('details.search-filters > summary').click();
    await page.getByRole('combobox', { name: 'Sector' }).selectOption('C');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/sector=C/);
    assert.equal(await page.locator('.result-count').textContent(), '3 places found');
    assert.equal(await page.getByRole('region', { name: 'Map of the results' }).isVisible(), false, 'no map without JS, the list is the content');
  });

  for (const lang of ['nb', 'en'] as const) {
    it(`has no axe violations on the directory pages (${lang})`, async () => {
      const page = await newPage();
      await page.goto(`${base}/?lang=${lang}`);
      await expectNoAxeViolations(page, `front page (${lang})`);
      await page.goto(`${base}/firms?municipality=5025`);
      await page.locator('.leaflet-container').waitFor();
      await expectNoAxeViolations(page, `search with results (${lang})`);
      await page.goto(`${base}/firms?q=zzzqqq`);
      await expectNoAxeViolations(page, `search without results (${lang})`);
      await page.goto(`${base}/firms?per_page=2&page=2&near=62.575,11.384`);
      await expectNoAxeViolations(page, `search with pagination and distance (${lang})`);
      await page.goto(`${base}/firms?municipality=5025`);
      await page.getByRole('link', { name: 'Rørosbakeriet' }).click();
      await page.locator('.leaflet-container').waitFor();
      await expectNoAxeViolations(page, `firm page (${lang})`);
      await page.goto(`${base}/api/docs`);
      await expectNoAxeViolations(page, `API docs (${lang})`);
      await page.goto(`${base}/firms/987654321`);
      await expectNoAxeViolations(page, `not found page (${lang})`);
    });
  }
});
