import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { envSchema } from '../../src/config/env.js';
import { insertRegistration } from '../../src/modules/events/events.repository.js';
import { newToken } from '../../src/modules/events/events.service.js';
import { registerFirmRecord } from '../../src/modules/firm-record.js';
import { allJobs } from '../../src/modules/jobs/jobs.registry.js';
import { JobRunner } from '../../src/shared/jobs/jobs.js';
import { loadFirmRecord } from '../../src/shared/views/firm-record.js';
import { createUser } from '../support/auth.js';
import { expectFitsWidth, expectNoAxeViolations, launchChromium, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { insertFirm, insertOrganisation } from '../support/network-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * Issue 12 as a new user would try it: a business garden in Tynset publishes a tendering workshop
 * with 20 places; people sign up from their phones; the 21st lands on the waiting list, gets in
 * when someone cancels (by the link in the e-mail) and is told; at the door the host checks
 * people in from a phone; afterwards the firm's record shows it attended. axe on every page,
 * at 390 px.
 */
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'nb-NO' };
const password = 'a browser test password';

describe('events in the browser', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let base: string;
  let runner: JobRunner;
  let firmId: number;

  before(async () => {
    database = await createTestDatabase('pglite');
    registerFirmRecord();
    const orgId = await insertOrganisation(database.db, { name: 'Fjellregionen næringshage', coverage: [{ code: '3427', from: '2020-01-01' }] });
    firmId = await insertFirm(database.db, { name: 'Tynset Bygg AS', municipality: '3427', nationalId: '912345670' });
    await createUser(database.db, { email: 'vert@fjell.no', displayName: 'Vert', password, roles: [{ organisationId: orgId, role: 'org_admin' }] });
    const app = createTestApp(database);
    runner = new JobRunner(database.db, pino({ level: 'silent' }), allJobs(envSchema.parse({ LOKALKRAFT_DEV_OUTBOX: 'true' }), database.db));
    await runner.prepare();
    server = await serveApp(app);
    base = server.base;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await runner?.stop();
    await database?.destroy();
  });

  const signInAsHost = async (page: Page) => {
    await page.goto(`${base}/sign-in?lang=nb`);
    await page.locator('#f-email, input[name=email]').first().fill('vert@fjell.no');
    await page.locator('input[name=password]').fill(password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.locator('main form button[type=submit]').first().click()]);
  };

  it('publish, sign up from phones, waiting list, cancel by link, check-in at the door, attendance on the record', async () => {
    const host = await browser.newContext(phone);
    const hostPage = await host.newPage();
    const problems = trackProblems(hostPage);
    await signInAsHost(hostPage);

    // The host creates the workshop (wall times in Oslo) and publishes it.
    const start = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await hostPage.goto(`${base}/events/manage/new?lang=nb`);
    // (The form, the event page and the check-in list are also checked with axe at 390 px by phone.e2e.)
    await hostPage.getByLabel('Tittel (Norsk (bokmål))').fill('Anbudsverksted');
    await hostPage.getByLabel('Starter (lokal tid)').fill(`${start}T09:00`);
    await hostPage.getByLabel('Slutter (lokal tid)').fill(`${start}T12:00`);
    await hostPage.getByLabel('Adresse').fill('Brugata 1');
    await hostPage.getByLabel('Kommune').fill('3427');
    await hostPage.getByLabel('Antall plasser').fill('20');
    await hostPage.getByLabel('Spørsmål ved påmelding').fill('Bransje?*');
    await Promise.all([hostPage.waitForURL(/\/events\/manage\/\d+/), hostPage.getByRole('button', { name: 'Opprett utkast' }).click()]);
    const eventId = Number(/\/events\/manage\/(\d+)/.exec(hostPage.url())![1]);
    await Promise.all([hostPage.waitForURL(/saved=1/), hostPage.getByRole('button', { name: 'Publiser' }).click()]);

    // 18 people signed up already.
    for (let n = 1; n <= 18; n++)
      await insertRegistration(database.db, {
        event_id: eventId,
        status: 'confirmed',
        user_id: null,
        firm_id: null,
        name: `Deltaker ${n}`,
        email: `d${n}@example.no`,
        national_id: null,
        locale: 'nb',
        answers: {},
        token: newToken(),
      });

    // Three people sign up from their phones: the 19th and 20th get places, the 21st waits.
    const guests = await browser.newContext(phone);
    const signUpFromPhone = async (name: string, email: string, orgnr = '') => {
      const context = guests;
      const page = await context.newPage();
      const pageProblems = trackProblems(page);
      await page.goto(`${base}/events/${eventId}?lang=nb`);
      await page.getByLabel('Navn').fill(name);
      await page.getByLabel('E-post').fill(email);
      if (orgnr) await page.getByLabel('Bedriftens organisasjonsnummer').fill(orgnr);
      await page.getByLabel('Bransje?').fill('Bygg');
      await Promise.all([page.waitForURL(/\/events\/r\//), page.locator('#signup-heading ~ form button[type=submit]').click()]);
      assert.deepEqual(pageProblems, []);
      return { context, page };
    };
    const first = await signUpFromPhone('Ola Bygg', 'ola@tynsetbygg.no', '912345670');
    await expectNoAxeViolations(first.page, 'the registration page with its QR code');
    await expectFitsWidth(first.page, 'the registration page');
    assert.match((await first.page.locator('main').textContent()) ?? '', /Du er påmeldt/);
    assert.equal(await first.page.getByRole('img', { name: 'QR-kode for innsjekking' }).count(), 1);
    const second = await signUpFromPhone('Siri Snekker', 'siri@example.no');
    const third = await signUpFromPhone('Tredje Person', 'tredje@example.no');
    assert.match((await third.page.locator('main').textContent()) ?? '', /nr\. 1 på ventelisten/);

    // Siri cannot come after all and cancels by the link in her e-mail; the 21st gets her place and is told.
    await Promise.all([second.page.waitForLoadState(), second.page.getByRole('button', { name: 'Meld meg av' }).click()]);
    assert.match((await second.page.locator('main').textContent()) ?? '', /Påmeldingen er avmeldt/);
    await runner.runPending('events.mail');
    const told = await database.db
      .selectFrom('mail_outbox')
      .select(['subject', 'attachments'])
      .where('to_address', '=', 'tredje@example.no')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      told.map((m) => m.subject),
      ['Venteliste: Anbudsverksted', 'Du har fått plass: Anbudsverksted'],
    );
    await third.page.reload();
    assert.match((await third.page.locator('main').textContent()) ?? '', /Påmeldt/);

    // At the door, on the host's phone: search by name and tap; then a code typed from a confirmation.
    await hostPage.goto(`${base}/events/manage/${eventId}/check-in?lang=nb`);
    await expectFitsWidth(hostPage, 'the check-in list');
    await hostPage.getByRole('searchbox', { name: 'Søk på navn' }).fill('ola');
    assert.equal(await hostPage.locator('#checkin-list li:not([hidden])').count(), 1, 'the list filters while typing');
    await Promise.all([hostPage.waitForLoadState(), hostPage.getByRole('button', { name: 'Sjekk inn: Ola Bygg' }).click()]);
    assert.match((await hostPage.locator('.notice').textContent()) ?? '', /Ola Bygg/);
    const code = (await third.page.locator('figcaption').textContent())!.split(': ')[1]!.trim();
    await hostPage.getByRole('textbox', { name: 'Kode fra bekreftelsen' }).fill(code);
    await Promise.all([hostPage.waitForLoadState(), hostPage.getByRole('button', { name: 'Sjekk inn', exact: true }).click()]);
    assert.match((await hostPage.locator('#checkin-count').textContent()) ?? '', /^2 av 20 sjekket inn/);
    await expectNoAxeViolations(hostPage, 'the check-in list with people checked in');
    assert.deepEqual(problems, []);

    // Afterwards Tynset Bygg's record shows the workshop as attended.
    const record = await loadFirmRecord(database.db, undefined, firmId, 'nb', 'public');
    const events = record.find((s) => s.section.key === 'events.public');
    assert.equal(events?.entries.length, 2, 'coming (signed up) and attended');
    assert.ok(events?.entries.some((e) => e.label === 'Anbudsverksted' && e.detail?.startsWith('Deltok')));
    await Promise.all([host.close(), guests.close()]);
  });
});
