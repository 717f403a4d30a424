import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { defineJob, enqueue, JobRunner } from '../../src/shared/jobs/jobs.js';
import { createTestApp } from '../support/test-app.js';
import { createUser, signIn } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/** /admin/jobs in Chromium on a 390 px phone: axe in all four languages, nothing wider than the screen, retry by button. */
describe('jobs admin page in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let adminCookie: string;

  before(async () => {
    database = await createTestDatabase('pglite');
    const runner = new JobRunner(database.db, pino({ level: 'silent' }), [
      defineJob({
        name: 'test.report-export-to-the-regional-statistics-office',
        idempotent: true,
        queue: { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
        handler: async () =>
          Promise.reject(
            new Error('connect ECONNREFUSED 127.0.0.1:2525 — a long error message that must wrap on a narrow screen instead of widening the page'),
          ),
      }),
    ]);
    await runner.prepare();
    await enqueue(database.db, 'test.report-export-to-the-regional-statistics-office', {});
    await runner.runPending();
    const app = createTestApp(database);
    await createUser(database.db, { email: 'admin@network.test', isNetworkAdmin: true });
    adminCookie = (await signIn(app, 'admin@network.test')).cookie;
    server = await serveApp(app);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('passes axe in nb, sv, fi and en, fits 390 px, and a dead job is retried with its button', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, ...value] = adminCookie.split('=');
    await context.addCookies([{ name, value: value.join('='), url: server.base }]);
    const page = await context.newPage();
    const problems = trackProblems(page);
    for (const lang of ['nb', 'sv', 'fi', 'en']) {
      await page.goto(`${server.base}/admin/jobs?lang=${lang}`);
      await expectNoAxeViolations(page, `the jobs page (${lang})`);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= 390, `the ${lang} page is ${width} px wide`);
    }
    await page.screenshot({ path: process.env.JOBS_SCREENSHOT ?? '/dev/null', fullPage: true }).catch(() => undefined);
    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.waitForURL(/retried=1/);
    assert.ok(await page.getByRole('status').filter({ hasText: 'The job is queued again.' }).isVisible());
    assert.equal(await page.getByRole('button', { name: 'Retry now' }).count(), 0, 'no longer dead');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
