import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { expectFitsWidth, expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { createUser } from '../support/auth.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { insertCase, insertCompletion, insertEvent } from '../support/reporting-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import * as repo from '../../src/modules/reporting/reporting.repository.js';

/**
 * NiMR's coordinator makes the ERDF half-year report for Region 10's municipalities on a phone:
 * from the work menu to the project, the report (each firm once although it had a case, a workshop
 * and a course), the firms behind the figure, and the frozen copy. axe and no sideways scrolling
 * at 390 px on every page of the way.
 */
describe('funder reports in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let projectId: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    const db = database.db;
    const region = await insertOrganisation(db, { name: 'Region 10', country: 'SE', type: 'inter_municipal_project' });
    const sorsele = await insertOrganisation(db, { name: 'Sorsele näringsliv', country: 'SE', type: 'municipal_business_office' });
    const coordinator = await createUser(db, {
      email: 'samordnare@region10.test',
      password: 'a browser test password',
      roles: [{ organisationId: region, role: 'org_admin' }],
    });
    const cafe = await insertFirm(db, { name: 'Sorsele Kaffebar AB', country: 'SE', municipality: '2422', nationalId: '5561234567' });
    const smith = await insertFirm(db, { name: 'Gargnäs Smide AB', country: 'SE', municipality: '2422', nationalId: '5561234568' });
    const year = new Date().getUTCFullYear();
    const h = new Date().getUTCMonth() < 6 ? { from: `${year}-01-01`, mid: `${year}-03-15` } : { from: `${year}-07-01`, mid: `${year}-09-15` };
    // The café: a case with two meetings (Sorsele), a workshop and a course (Region 10) — one firm.
    await insertCase(db, sorsele, cafe, [{ at: `${h.mid}T08:00:00Z` }, { at: `${h.mid}T13:00:00Z` }]);
    await insertEvent(db, region, `${h.mid}T09:00:00Z`, [
      { firmId: cafe, gender: 'kvinna' },
      { firmId: smith, gender: 'man' },
    ]);
    await insertCompletion(db, region, coordinator.id, cafe, `${h.mid}T15:00:00Z`);
    const { id } = await repo.insertProject(db, {
      name: 'NiMR – Näringsliv i Region 10',
      organisationId: region,
      startsOn: `${year - 1}-01-01`,
      endsOn: `${year + 1}-12-31`,
      description: '',
      isDemo: false,
      createdBy: coordinator.id,
    });
    projectId = Number(id);
    await repo.insertProjectOrganisations(db, projectId, [region, sorsele]);
    await repo.insertFunders(db, projectId, [
      { template: 'erdf', funderName: 'Europeiska regionala utvecklingsfonden', budgetMinor: 6_000_000_00, currency: 'SEK' },
    ]);
    server = await serveApp(createTestApp(database));
    base = server.base;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('the coordinator makes the ERDF half-year report, drills down and freezes it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = trackProblems(page);
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('samordnare@region10.test');
    await page.getByLabel('Password').fill('a browser test password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Work' }).getByRole('link', { name: 'Reports' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Reports');
    await expectFitsWidth(page, 'reports');
    await expectNoAxeViolations(page, 'reports');
    await page.getByRole('link', { name: 'NiMR – Näringsliv i Region 10' }).click();
    await expectFitsWidth(page, 'project');
    await expectNoAxeViolations(page, 'project');
    await page.getByRole('link', { name: 'Show report: Europeiska regionala utvecklingsfonden' }).click();
    // The project's own period first; the half-year is chosen in the period form.
    const now = new Date();
    const half = now.getUTCMonth() < 6 ? ['01-01', '06-30'] : ['07-01', '12-31'];
    await page.getByLabel('From', { exact: true }).fill(`${now.getUTCFullYear()}-${half[0]}`);
    await page.getByLabel('To', { exact: true }).fill(`${now.getUTCFullYear()}-${half[1]}`);
    await page.getByRole('button', { name: 'Show report' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'ERDF common indicators');
    assert.match(await page.locator('.counted-once').innerText(), /^2 firms counted once, from 4 recorded activities/);
    const rco01 = page.getByRole('row', { name: /^RCO01/ });
    assert.match(await rco01.innerText(), /Enterprises supported[\s\S]*\b2\b[\s\S]*micro: 2/);
    assert.equal(await page.locator('svg[role="img"]').count(), 2, 'charts: by size and per indicator');
    await expectFitsWidth(page, 'report');
    await expectNoAxeViolations(page, 'ERDF report');
    await page.getByRole('link', { name: 'The firms behind RCO01' }).click();
    await expectNoAxeViolations(page, 'the purpose of reading the firms');
    await page.getByLabel("Funder's audit").check();
    await page.getByRole('button', { name: 'The firms behind the figure' }).click();
    const list = page.getByRole('region', { name: /The firms behind RCO01/ });
    assert.match(await list.innerText(), /Gargnäs Smide AB[\s\S]*Sorsele Kaffebar AB/);
    await expectFitsWidth(page, 'firms behind the figure');
    await expectNoAxeViolations(page, 'firms behind RCO01');
    await page.getByRole('link', { name: 'ERDF common indicators' }).click();
    await page.getByRole('button', { name: 'Freeze the report' }).click();
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Frozen report: ERDF common indicators/);
    assert.match(await page.locator('.no-changes').innerText(), /No differences/);
    await expectFitsWidth(page, 'frozen report');
    await expectNoAxeViolations(page, 'frozen report');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
