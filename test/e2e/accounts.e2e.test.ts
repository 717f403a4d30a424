import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/** Sign-in, the account page and sign-out in Chromium; axe (WCAG 2.1 AA) on the accounts pages. */
describe('accounts in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    database = await createTestDatabase('pglite');
    await createUser(database.db, {
      email: 'kari@example.no',
      displayName: 'Kari Nordmann',
      password: 'a browser test password',
      roles: [{ organisationId: 1, role: 'coach' }],
    });
    const app = createTestApp(database);
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

  async function newPage(): Promise<Page & { problems: string[] }> {
    const context = await browser.newContext({ locale: 'en-GB' });
    contexts.push(context);
    const page = (await context.newPage()) as Page & { problems: string[] };
    page.problems = trackProblems(page);
    return page;
  }

  it('signs in through the form, shows the name, signs out', async () => {
    const page = await newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-mail address').fill('kari@example.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(`${base}/account`), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Your account');
    assert.equal(await page.locator('.user-menu a[href^="/account"]').textContent(), 'Kari Nordmann');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'lk_session');
    assert.ok(session?.httpOnly, 'session cookie is HttpOnly');
    assert.equal(session?.sameSite, 'Lax');
    await Promise.all([page.waitForURL(/\/\?lang=en$/), page.locator('.user-menu').getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal(await page.locator('.user-menu a[href^="/sign-in"]').textContent(), 'Sign in');
    await page.goto(`${base}/account`);
    assert.match(page.url(), /\/sign-in\?next=%2Faccount$/);
    assert.deepEqual(page.problems, []);
  });

  it('shows a clear message for a wrong password, in the chosen language', async () => {
    const page = await newPage();
    await page.goto(`${base}/sign-in?lang=nb`);
    await page.getByLabel('E-postadresse').fill('kari@example.no');
    await page.getByLabel('Passord').fill('feil passord');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    assert.equal((await page.getByRole('alert').textContent())?.trim(), 'Feil e-postadresse eller passord.');
    await expectNoAxeViolations(page, 'sign-in with an error (nb)');
  });

  it('has no axe violations on the sign-in, forgot-password, sign-up and account pages', async () => {
    const page = await newPage();
    for (const path of ['/sign-in', '/forgot-password', '/sign-up', '/sign-in?lang=fi']) {
      await page.goto(`${base}${path}`);
      await expectNoAxeViolations(page, path);
    }
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill('kari@example.no');
    await page.getByLabel('Password').fill('a browser test password');
    await Promise.all([page.waitForURL(`${base}/account`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expectNoAxeViolations(page, '/account');
    await page.goto(`${base}/account?lang=sv`);
    await expectNoAxeViolations(page, '/account (sv)');
    assert.deepEqual(page.problems, []);
  });
});
