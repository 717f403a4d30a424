import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { DiskBlobStore } from '../../src/shared/files/blob-store.js';
import { moduleDataPath } from '../../src/shared/paths.js';
import { seedAcademyDemo } from '../../src/modules/academy/academy.demo.js';
import { demoCourses } from '../../src/modules/academy/academy.demo-data.js';
import type { DemoWorld } from '../../src/modules/demo/demo-world.types.js';

const password = 'a browser test password';

/**
 * The academy as people use it: a shop owner in Örebro finds the Instagram course on a phone,
 * takes lessons (the placeholder film, captions, a quiz), continues on a laptop where she left off,
 * completes the course and her certificate's link verifies; an editor authors and publishes a
 * course; Linköping's admin offers the shared course. axe on the lesson (phone, and with quiz
 * feedback), the certificate and the lesson editor; the other academy pages are in the
 * authorization matrix, so phone.e2e.test.ts checks them with axe at 390 px.
 */
describe('academy in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let dataDir: string;
  let linkoping: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    dataDir = mkdtempSync(join(tmpdir(), 'academy-e2e-'));
    const db = database.db;
    const orebro = await insertOrganisation(db, {
      name: 'Örebro City (demo)',
      type: 'city_centre_partnership',
      country: 'SE',
      coverage: [{ code: '1880', from: '2020-01-01' }],
    });
    linkoping = await insertOrganisation(db, {
      name: 'Linköping City (demo)',
      type: 'city_centre_partnership',
      country: 'SE',
      coverage: [{ code: '0580', from: '2020-01-01' }],
    });
    const firm = await insertFirm(db, { name: 'Butik Ågatan', country: 'SE', municipality: '1880', nationalId: '5560000002' });
    const editor = await createUser(db, {
      email: 'editor@orebro.test',
      displayName: 'Eva Editor',
      password,
      roles: [{ organisationId: orebro, role: 'editor' }],
    });
    await createUser(db, { email: 'anna@butik.test', displayName: 'Anna Öberg', password, managedFirmIds: [firm] });
    await createUser(db, { email: 'admin@linkoping.test', displayName: 'Lina', password, roles: [{ organisationId: linkoping, role: 'org_admin' }] });
    const world = {
      orgs: { 'orebro-city': { id: orebro }, 'linkoping-city': { id: linkoping } },
      people: { 'editor-orebro': { id: editor.id } },
    } as unknown as DemoWorld;
    // The Instagram course with its first three lessons (films: the committed placeholder).
    await seedAcademyDemo(db, world, new DiskBlobStore(join(dataDir, 'files')), [{ ...demoCourses[0], lessons: demoCourses[0].lessons.slice(0, 3) }]);
    server = await serveApp(createTestApp(database, { LOKALKRAFT_DATA_DIR: dataDir }));
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(email: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'en-GB', viewport });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in?lang=en`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
    return { context, page };
  }

  /** Plays the film fast (muted, 16×) until it ends or `until` seconds, as a learner would watch it. */
  // Browser-side code is given as text: this project compiles without the DOM types.
  const video = "document.getElementById('lesson-video')";
  const status = "(document.getElementById('watch-status')?.textContent ?? '')";

  /** Polls a browser-side expression until it is true (waitForFunction would evaluate text, which the page's CSP refuses). */
  async function until(page: Page, expression: string, timeoutMs = 20_000) {
    const end = Date.now() + timeoutMs;
    while (!(await page.evaluate(expression))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${expression}: ${await page.evaluate(status)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function watch(page: Page, stopAt?: number) {
    await until(page, `${video}.readyState >= 1`);
    await page.evaluate(`(async () => {
      const v = ${video};
      v.muted = true;
      v.playbackRate = 16;
      await v.play();
      await new Promise((resolve) => {
        const check = () => {
          if (v.ended || (${stopAt ?? 'null'} !== null && v.currentTime >= ${stopAt ?? 'null'})) { v.pause(); resolve(); }
          else setTimeout(check, 50);
        };
        check();
      });
    })()`);
  }

  it('a shop owner takes lessons on a phone, continues on a laptop, completes the course; the certificate verifies', async () => {
    const { context: phone, page } = await signedIn('anna@butik.test', { width: 390, height: 844 });
    const problems = trackProblems(page);
    await page.goto(`${base}/academy?lang=en`);
    await page.getByRole('link', { name: 'Instagram', exact: true }).click();
    await page.getByRole('link', { name: 'Instagram for the shop' }).click();
    assert.match((await page.locator('main').textContent()) ?? '', /Made by.*Örebro City/s);
    await Promise.all([page.waitForURL(/\/lessons\/\d+/), page.getByRole('button', { name: 'Enrol' }).click()]);
    assert.match((await page.locator('.placeholder-note').textContent()) ?? '', /placeholder/);
    await expectNoAxeViolations(page, 'a lesson on a phone');

    // Captions chosen by the learner.
    await page.getByLabel('Captions').selectOption('sv');
    assert.equal(await page.evaluate(`[...${video}.textTracks].find((t) => t.mode === 'showing')?.language`), 'sv');
    // Lesson 1: a jump to the end first (does not count), then the whole film, then the quiz.
    await page.evaluate(`${video}.currentTime = ${video}.duration - 1`);
    await watch(page);
    await until(page, `/Watched: [0-9] s of 24 s/.test(${status})`);
    await page.evaluate(`${video}.currentTime = 0`);
    await watch(page);
    await until(page, `/Watched: 2[2-4] s/.test(${status})`);
    await page.getByLabel('Ett skyltfönster som syns även när butiken är stängd').check();
    await page.getByRole('button', { name: 'Check the answers' }).click();
    assert.match((await page.locator('.quiz').textContent()) ?? '', /All answers are right/);
    await expectNoAxeViolations(page, 'a lesson with quiz feedback');

    // Lesson 2 (no quiz): watched to the end.
    await page.getByRole('link', { name: /A profile that says who you are/ }).click();
    await watch(page);
    await until(page, `${status} === 'The lesson is done.'`);
    // Lesson 3: half of it, then she puts the phone away.
    await page.getByRole('link', { name: /Pictures that sell/ }).click();
    await watch(page, 10);
    await until(page, `/Watched: (9|1[0-2]) s/.test(${status})`);
    assert.deepEqual(problems, []);
    await phone.close();

    // The laptop: "continue where you left off" leads to lesson 3, at the place she stopped.
    const { context: laptop, page: p2 } = await signedIn('anna@butik.test', { width: 1280, height: 800 });
    await p2.goto(`${base}/academy/my?lang=en`);
    assert.match((await p2.locator('main').textContent()) ?? '', /2 of 3 lessons done/);
    await p2.getByRole('link', { name: 'Continue where you left off' }).click();
    assert.match((await p2.locator('h1').textContent()) ?? '', /Pictures that sell/);
    await until(p2, `${video}.currentTime >= 9`);
    await watch(p2);
    await p2.getByLabel('En människa som använder varan').check();
    await p2.getByRole('button', { name: 'Check the answers' }).click();
    await p2.getByRole('link', { name: 'Back to the course' }).click();
    await p2.getByRole('link', { name: 'Certificate' }).click();
    await expectNoAxeViolations(p2, 'the certificate page');
    const verifyUrl = (await p2.locator('main a[href*="/academy/verify/"]').getAttribute('href')) ?? '';
    await laptop.close();

    const anyone = await browser.newPage();
    await anyone.goto(verifyUrl.replace(/^https?:\/\/[^/]+/, base));
    assert.match((await anyone.locator('main').textContent()) ?? '', /valid.*Anna Öberg.*Instagram for the shop/s);
    await anyone.close();
  });

  it('an editor authors, uploads and publishes a course; Linköping offers the shared Instagram course', async () => {
    const { context, page } = await signedIn('editor@orebro.test', { width: 1024, height: 800 });
    await page.goto(`${base}/academy/author?lang=en`);
    await page.getByLabel('Title (Swedish)').first().fill('Kassan som säljer');
    await Promise.all([page.waitForURL(/\/author\/courses\/\d+/), page.getByRole('button', { name: 'Create the course' }).click()]);
    await page.getByRole('form', { name: 'New lesson' }).getByLabel('Title (Swedish)').fill('Sista intrycket');
    await page.getByRole('form', { name: 'New lesson' }).getByLabel('Length (seconds)').fill('24');
    await Promise.all([page.waitForURL(/\/author\/lessons\/\d+/), page.getByRole('button', { name: 'Add the lesson' }).click()]);
    await page
      .getByLabel('Film', { exact: true })
      .setInputFiles({ name: 'film.webm', mimeType: 'video/webm', buffer: readFileSync(moduleDataPath('academy', 'placeholder.webm')) });
    await page.getByRole('button', { name: 'Upload a film' }).click();
    const vtt = join(dataDir, 'sv.vtt');
    writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nVälkommen till kassan.\n');
    await page.getByLabel('Captions', { exact: true }).setInputFiles(vtt);
    await page.getByRole('button', { name: 'Upload captions' }).click();
    assert.match((await page.locator('main').textContent()) ?? '', /Film in the draft: film\.webm.*Captions: Swedish/s);
    await expectNoAxeViolations(page, 'the lesson editor');
    await page.getByRole('link', { name: 'Preview the lesson' }).click();
    assert.match((await page.locator('main').textContent()) ?? '', /Preview for authors/);
    await page.getByRole('link', { name: 'Kassan som säljer' }).click();
    await page.goBack();
    await page.goBack();
    await page.getByRole('link', { name: 'Kassan som säljer' }).last().click();
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    assert.match((await page.locator('main').textContent()) ?? '', /Published version 1/);
    await context.close();

    const admin = await signedIn('admin@linkoping.test', { width: 390, height: 844 });
    await admin.page.goto(`${base}/academy/organisations/${linkoping}?lang=en`);
    await admin.page.getByRole('form', { name: 'Offer to our firms: Instagram for the shop' }).getByRole('button').click();
    assert.match((await admin.page.locator('main').textContent()) ?? '', /The course is now offered/);
    await admin.context.close();
  });
});
