import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { sql } from 'kysely';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { createUser } from '../support/auth.js';
import { insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { surveysDemo } from '../../src/modules/surveys/surveys.demo.js';
import { answeringRules } from '../../src/modules/surveys/surveys.service.js';
import type { DemoWorld } from '../../src/modules/demo/demo-world.types.js';

/**
 * A resident answers East Lapland's survey on a phone with JavaScript off, part by part, from the
 * front page's navigation; the organisation's analyst reads the results with a breakdown. axe on
 * every page of the way, at 390 px.
 */
describe('surveys in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let surveyId: number;
  const minSeconds = answeringRules.minSeconds;

  before(async () => {
    database = await createTestDatabase('pglite');
    const org = await insertOrganisation(database.db, {
      name: 'Osta paikallista – Itä-Lappi',
      country: 'FI',
      coverage: ['320', '732', '742', '583', '614'].map((code) => ({ code, from: '2020-01-01' })),
    });
    const analyst = await createUser(database.db, {
      email: 'analyst@osta.test',
      password: 'a browser test password',
      roles: [{ organisationId: org, role: 'analyst' }],
    });
    const world = { orgs: { 'east-lapland': { id: org } }, people: { 'admin-east-lapland': { id: analyst.id } } } as unknown as DemoWorld;
    await surveysDemo.seed(database.db, world, new Date());
    surveyId = Number((await sql<{ id: number }>`select id from surveys`.execute(database.db)).rows[0].id);
    // The demo survey is closed; open it again for this visit.
    await sql`update surveys set status = 'open', closes_on = null where id = ${surveyId}`.execute(database.db);
    answeringRules.minSeconds = 0; // the browser is faster than a person
    server = await serveApp(createTestApp(database));
    base = server.base;
    browser = await launchChromium();
  });
  after(async () => {
    answeringRules.minSeconds = minSeconds;
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('answers the survey on a phone without JavaScript, part by part, and only what applies is asked', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: 'fi-FI' });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${base}/?lang=en`);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Surveys' }).click();
    await page.locator('ul.survey-list').first().getByRole('link', { name: 'What do you miss in your village? (demo)' }).click();
    assert.match(await page.locator('.progress').innerText(), /Part 1 of 3/);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
    // Sending part 1 empty names both required questions.
    await page.getByRole('button', { name: 'Next' }).click();
    assert.match(await page.getByRole('alert').innerText(), /Who are you\?[\s\S]*This question needs an answer/);
    await page.getByLabel('I live here').check();
    await page.getByLabel('Salla').check();
    await page.getByRole('button', { name: 'Next' }).click();
    assert.match(await page.locator('.progress').innerText(), /Part 2 of 3/);
    await page.getByLabel('Sector').selectOption('food');
    await page.getByLabel('What do you miss?').fill('Fresh bread every morning');
    await page.getByLabel('How much do you spend outside the region a month (€)?').fill('120,50');
    await page
      .getByRole('group', { name: /How important is buying locally/ })
      .getByLabel('4')
      .check();
    await page.getByRole('button', { name: 'Next' }).click();
    assert.match(await page.locator('.progress').innerText(), /Part 3 of 3/);
    assert.equal(await page.getByText('Would you come more often').count(), 0, 'the visitors’ question is not asked of a resident');
    assert.equal(await page.locator('.map-picker').isHidden(), true, 'without JavaScript the point is typed');
    await page.getByRole('button', { name: 'Send answers' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Thank you for your answers!');
    assert.deepEqual(problems, []);
    const stored = await sql<{ n: number }>`select count(*)::int as n from survey_answers where text_value = 'Fresh bread every morning'`.execute(database.db);
    assert.equal(stored.rows[0].n, 1);
    await context.close();
  });

  it('passes axe on each part at phone size (axe itself needs JavaScript; the pages do not)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const token = (await sql<{ public_token: string }>`select public_token from surveys where id = ${surveyId}`.execute(database.db)).rows[0].public_token;
    await page.goto(`${base}/surveys/s/${token}?lang=en`);
    await expectNoAxeViolations(page, 'survey part 1');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoAxeViolations(page, 'survey part 1 with errors');
    await page.getByLabel('I live here').check();
    await page.getByLabel('Salla').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Sector').waitFor();
    await expectNoAxeViolations(page, 'survey part 2');
    await page.getByLabel('Sector').selectOption('food');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Send answers' }).waitFor();
    await expectNoAxeViolations(page, 'survey part 3 with the map and the contact opt-in');
    await context.close();
  });

  it('shows the results with charts, tables and a breakdown, small groups hidden', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('analyst@osta.test');
    await page.getByLabel('Password').fill('a browser test password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Work' }).getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('link', { name: 'Results' }).first().click();
    await page.getByLabel('Break down by').selectOption('municipality');
    await page.getByRole('button', { name: 'Show' }).click();
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /What do you miss in your village/);
    assert.ok((await page.locator('svg.bar-chart').count()) >= 4, 'a chart per question');
    const table = page.getByRole('region', { name: /Which service or product do you miss locally\? – Break down by/ });
    assert.match(await table.innerText(), /Salla/);
    await expectNoAxeViolations(page, 'survey results with a breakdown');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
