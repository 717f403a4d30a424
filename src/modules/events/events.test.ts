import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { pino } from 'pino';
import { envSchema } from '../../config/env.js';
import { anonymous, createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertMembership, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { enqueue, JobRunner } from '../../shared/jobs/jobs.js';
import { loadFirmRecord } from '../../shared/views/firm-record.js';
import { registerFirmRecord } from '../firm-record.js';
import { allJobs } from '../jobs/jobs.registry.js';
import { sendDueReminders } from './events.jobs.js';
import { duplicateEvent } from './events.service.js';

/**
 * The events module through HTTP on both backends: an organiser publishes, people sign up at once
 * (never more confirmed than places), cancellations promote in order and the promoted are told by
 * the mail job, reminders once, check-in counting a firm once, feeds and exports read back by
 * their libraries, and wall times across NO/SE/FI daylight-saving changes.
 */
const env = envSchema.parse({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: 'true' });
const parseIcs = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

const eventForm = (orgId: number, over: Record<string, string> = {}) => ({
  organisation_id: String(orgId),
  title_nb: 'Anbudsverksted',
  title_en: 'Tendering workshop',
  description_nb: 'Slik vinner du offentlige kontrakter.',
  kind: 'workshop',
  starts_at: '2027-01-15T10:00',
  ends_at: '2027-01-15T13:00',
  address: 'Brugata 1',
  municipality_code: '3427',
  capacity: '20',
  audience: 'public',
  questions: 'Bransje?*\nAllergier?',
  tags: 'Anbud, digital',
  ...over,
});

for (const backend of await backendsUnderTest()) {
  describe(`events on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let runner: JobRunner;
    let orgId: number;
    let seOrg: number;
    let fiOrg: number;
    let firmId: number;
    let admin: SignedIn;
    let adminUser: SessionUser;
    let otherCoach: SignedIn;
    let guest: SignedIn;
    let owner: SignedIn;
    let eventId: number;
    /** Sign-ups of the rush that keep their place (the lock decides who is first, not the order sent). */
    let keeping: string[] = [];

    const outbox = (to: string) => database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();
    const createEvent = async (form: Record<string, string>, as = admin) => {
      const res = await postForm(app, '/events/manage/new', form, as);
      assert.equal(res.status, 303, await res.clone().text());
      const id = Number(/\/events\/manage\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
      return id;
    };
    const publish = async (id: number) => assert.equal((await postForm(app, `/events/manage/${id}/publish`, {}, admin)).status, 303);
    const signUp = (id: number, n: number | string, extra: Record<string, string> = {}, as = guest) =>
      postForm(app, `/events/${id}/sign-up`, { name: `Person ${n}`, email: `p${n}@example.no`, answer_q1: 'Bygg', ...extra }, as);
    const tokenOf = (res: Response) => /\/events\/r\/([A-Z2-9]{32})/.exec(res.headers.get('location') ?? '')?.[1] ?? '';

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      registerFirmRecord();
      runner = new JobRunner(database.db, pino({ level: 'silent' }), allJobs(env, database.db));
      await runner.prepare();
      orgId = await insertOrganisation(database.db, { name: 'Fjellregionen næringshage', coverage: [{ code: '3427', from: '2020-01-01' }] });
      seOrg = await insertOrganisation(database.db, { name: 'Sorsele näringsliv', country: 'SE', coverage: [{ code: '2422', from: '2020-01-01' }] });
      fiOrg = await insertOrganisation(database.db, { name: 'Itä-Lappi', country: 'FI', coverage: [{ code: '320', from: '2020-01-01' }] });
      firmId = await insertFirm(database.db, { name: 'Tynset Bygg AS', municipality: '3427', nationalId: '912345670' });
      const a = await createUser(database.db, {
        email: 'admin@fjell.no',
        roles: [
          { organisationId: orgId, role: 'org_admin' },
          { organisationId: seOrg, role: 'coach' },
          { organisationId: fiOrg, role: 'coach' },
        ],
      });
      adminUser = {
        id: a.id,
        email: a.email,
        displayName: 'admin',
        isEmailVerified: true,
        isNetworkAdmin: false,
        roles: [{ organisationId: orgId, role: 'org_admin' }],
        managedFirmIds: [],
        sessionId: 's',
      };
      await createUser(database.db, { email: 'coach@sorsele.se', roles: [{ organisationId: seOrg, role: 'coach' }] });
      await createUser(database.db, { email: 'eier@tynsetbygg.no', managedFirmIds: [firmId] });
      admin = await signIn(app, 'admin@fjell.no');
      otherCoach = await signIn(app, 'coach@sorsele.se');
      owner = await signIn(app, 'eier@tynsetbygg.no');
      guest = await anonymous(app);
      eventId = await createEvent(eventForm(orgId));
    });
    after(async () => {
      await runner?.stop();
      await database?.destroy();
    });

    it('a draft is hidden from the public and from staff of other organisations; published, it is on the calendar with schema.org data', async () => {
      assert.equal((await app.request(`/events/${eventId}`)).status, 404);
      assert.equal((await app.request(`/events/manage/${eventId}`, { headers: otherCoach.headers() })).status, 403);
      assert.equal((await postForm(app, `/events/manage/${eventId}/publish`, {}, otherCoach)).status, 403);
      await publish(eventId);
      const page = await (await app.request(`/events/${eventId}?lang=nb`)).text();
      assert.match(page, /Anbudsverksted/);
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
      assert.equal(ld['@type'], 'Event');
      assert.equal(ld.startDate, '2027-01-15T10:00:00+01:00');
      assert.equal(ld.location.address.addressLocality, 'Tynset');
      assert.equal(ld.maximumAttendeeCapacity, 20);
      const calendar = await (await app.request('/events?municipality=3427&kind=workshop&topic=anbud&lang=en')).text();
      assert.match(calendar, /Tendering workshop/);
      const none = await (await app.request('/events?kind=market')).text();
      assert.doesNotMatch(none, /Tendering workshop/);
    });

    it('refuses a bad form with the field named, and junk ids with 404', async () => {
      const res = await postForm(app, '/events/manage/new', eventForm(orgId, { ends_at: '2027-01-15T09:00', starts_at: '2027-13-01T10:00' }), admin);
      assert.equal(res.status, 400);
      const html = await res.text();
      assert.match(html, /f-starts_at/);
      assert.equal((await app.request('/events/abc')).status, 404);
      assert.equal((await app.request('/events/r/not-a-token')).status, 404);
    });

    it('30 people sign up at once for 20 places: exactly 20 confirmed, 10 waiting; cancellations promote in order and the promoted are told', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp(eventId, i + 1)));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [303]);
      const rows = await database.db
        .selectFrom('event_registrations')
        .select(['id', 'status', 'email'])
        .where('event_id', '=', eventId)
        .orderBy('id')
        .execute();
      assert.equal(rows.filter((r) => r.status === 'confirmed').length, 20);
      assert.equal(rows.filter((r) => r.status === 'waiting').length, 10);
      assert.ok(
        rows.slice(0, 20).every((r) => r.status === 'confirmed'),
        'the first 20 to get the lock have the places',
      );
      const waiting = rows.filter((r) => r.status === 'waiting');
      keeping = rows.slice(3, 20).map((r) => r.email!);
      // The 21st sees their place on the waiting list.
      const tokens = new Map(results.map((r, i) => [`p${i + 1}@example.no`, tokenOf(r)]));
      const firstWaitingPage = await (await app.request(`/events/r/${tokens.get(waiting[0]!.email!)}?lang=en`)).text();
      assert.match(firstWaitingPage, /number 1 on the waiting list/);
      // Three confirmed people cancel at once through their links.
      const leaving = rows.slice(0, 3).map((r) => tokens.get(r.email!)!);
      const cancels = await Promise.all(leaving.map((t) => postForm(app, `/events/r/${t}/cancel`, {}, guest)));
      assert.deepEqual(
        cancels.map((r) => r.status),
        [200, 200, 200],
      );
      const after = await database.db
        .selectFrom('event_registrations')
        .select(['id', 'status', 'email'])
        .where('event_id', '=', eventId)
        .orderBy('id')
        .execute();
      assert.equal(after.filter((r) => r.status === 'confirmed').length, 20);
      assert.deepEqual(
        after.filter((r) => r.status === 'waiting').map((r) => r.id),
        waiting.slice(3).map((r) => r.id),
        'the first three on the waiting list moved up',
      );
      // A second cancel of the same registration changes nothing.
      assert.equal((await postForm(app, `/events/r/${leaving[0]}/cancel`, {}, guest)).status, 200);
      assert.equal(
        (await database.db.selectFrom('event_registrations').select('id').where('event_id', '=', eventId).where('status', '=', 'confirmed').execute()).length,
        20,
      );
      // Mail goes out only when the job runs; the promoted get "you have a place" with a calendar entry.
      assert.equal((await outbox(waiting[0]!.email!)).length, 0);
      await runner.runPending('events.mail');
      const mails = await outbox(waiting[0]!.email!);
      assert.deepEqual(
        mails.map((m) => m.subject),
        ['Waiting list: Tendering workshop', 'You have a place: Tendering workshop'],
      );
      const ics = (mails[1]!.attachments as { content: string }[])[0]!.content;
      const [entry] = parseIcs(ics);
      assert.equal(entry!.startDate.toJSDate().toISOString(), '2027-01-15T09:00:00.000Z');
      assert.match(mails[1]!.text_body, /\/events\/r\/[A-Z2-9]{32}/);
      const confirmation = await outbox(keeping[2]!);
      assert.equal(confirmation.length, 1);
      assert.equal(confirmation[0]!.subject, 'Signed up: Tendering workshop');
      assert.equal(parseIcs((confirmation[0]!.attachments as { content: string }[])[0]!.content)[0]!.summary, 'Tendering workshop');
    });

    it('the mail job is safe to repeat: the same job run twice sends once', async () => {
      const { eventsMailJob } = await import('./events.jobs.js');
      const job = eventsMailJob(env);
      const reg = await database.db.selectFrom('event_registrations').select('id').where('email', '=', keeping[7]!).executeTakeFirstOrThrow();
      const before = (await outbox(keeping[7]!)).length;
      const ctx = { id: 'x', retryCount: 0, logger: pino({ level: 'silent' }), db: database.db };
      await job.handler({ registrationId: Number(reg.id), kind: 'reminder', ref: 0 }, ctx);
      await job.handler({ registrationId: Number(reg.id), kind: 'reminder', ref: 0 }, ctx);
      assert.equal((await outbox(keeping[7]!)).length, before + 1);
    });

    it('reminders: each confirmed person once, a day before; a second run sends none', async () => {
      const dayBefore = new Date('2027-01-14T12:00:00Z');
      assert.equal(await sendDueReminders(database.db, new Date('2027-01-10T12:00:00Z')), 0, 'nothing five days before');
      // The scheduled job, run by the job runner as cron would (with the clock it is given), twice.
      await enqueue(database.db, 'events.reminders', { now: dayBefore.toISOString() });
      await enqueue(database.db, 'events.reminders', { now: dayBefore.toISOString() });
      assert.equal(await runner.runPending('events.reminders'), 2);
      const claimed = await database.db
        .selectFrom('event_registrations')
        .select('id')
        .where('event_id', '=', eventId)
        .where('reminder_sent_at', 'is not', null)
        .execute();
      assert.equal(claimed.length, 20);
      assert.equal(await sendDueReminders(database.db, dayBefore), 0);
      await runner.runPending('events.mail');
      for (const to of [keeping[16]!, keeping[7]!]) {
        const mails = await outbox(to);
        assert.equal(mails.filter((m) => m.subject.startsWith('Reminder')).length, 1, `${to}: one reminder (keeping[7]'s came from the repeated job before)`);
      }
    });

    it('check-in on the door: by tap and by code; a firm counts once per event; walk-ins and no-shows; the firm record shows it', async () => {
      const a = await signUp(eventId, 'firm-a', { national_id: '912345670' });
      const b = await signUp(eventId, 'firm-b', { firm_id: String(firmId) }, owner);
      assert.equal(b.status, 303);
      const regA = await database.db
        .selectFrom('event_registrations')
        .select(['id', 'token'])
        .where('email', '=', 'pfirm-a@example.no')
        .executeTakeFirstOrThrow();
      assert.equal(
        Number(
          (await database.db.selectFrom('event_registrations').select('firm_id').where('email', '=', 'pfirm-b@example.no').executeTakeFirstOrThrow()).firm_id,
        ),
        firmId,
      );
      assert.ok(tokenOf(a));
      assert.equal((await postForm(app, `/events/manage/${eventId}/check-in`, { registration_id: String(regA.id) }, otherCoach)).status, 403);
      const list = await (await app.request(`/events/manage/${eventId}/check-in?q=firm`, { headers: admin.headers() })).text();
      assert.match(list, /Person firm-a/);
      assert.doesNotMatch(list, /Person 7</);
      assert.equal((await postForm(app, `/events/manage/${eventId}/check-in`, { registration_id: String(regA.id) }, admin)).status, 200);
      const byCode = await postForm(app, `/events/manage/${eventId}/check-in`, { code: regA.token.slice(0, 8).toLowerCase() }, admin);
      assert.equal(byCode.status, 200, 'the code is not case-sensitive; a second check-in is harmless');
      const bad = await postForm(app, `/events/manage/${eventId}/check-in`, { code: 'ZZZZZZZZ' }, admin);
      assert.equal(bad.status, 400);
      const regB = await database.db.selectFrom('event_registrations').select(['token']).where('email', '=', 'pfirm-b@example.no').executeTakeFirstOrThrow();
      assert.equal((await postForm(app, `/events/manage/${eventId}/check-in`, { code: regB.token.slice(0, 8) }, admin)).status, 200);
      assert.equal((await postForm(app, `/events/manage/${eventId}/walk-in`, { name: 'Walk In', national_id: '912345670' }, admin)).status, 200);
      const attendance = await database.db.selectFrom('event_attendance').select('firm_id').where('event_id', '=', eventId).execute();
      assert.equal(attendance.length, 1, 'three people of one firm: it attended once');
      assert.equal((await postForm(app, `/events/manage/${eventId}/no-shows`, {}, admin)).status, 200);
      const noShows = await database.db.selectFrom('event_registrations').select('id').where('event_id', '=', eventId).where('no_show', '=', true).execute();
      assert.ok(noShows.length >= 19);
      const record = await loadFirmRecord(database.db, undefined, firmId, 'en', 'public');
      assert.ok(record.find((s) => s.section.key === 'events.public')?.entries.some((e) => e.detail?.startsWith('Attended')));
      const staff = await loadFirmRecord(database.db, undefined, firmId, 'en', 'staff');
      assert.equal(
        staff.find((s) => s.section.key === 'events.attendance'),
        undefined,
        'anonymous readers see no staff section',
      );
      const coachView = await loadFirmRecord(database.db, { ...adminUser, id: 999 }, firmId, 'en', 'staff');
      const ownerView = await loadFirmRecord(database.db, { ...adminUser, id: 998, roles: [], managedFirmIds: [firmId] }, firmId, 'en', 'staff');
      const details = (v: typeof coachView) => v.find((s) => s.section.key === 'events.attendance')?.entries.map((e) => e.detail) ?? [];
      assert.ok(details(coachView).includes('Attended') && !details(coachView).some((d) => d?.includes('Person firm')), 'staff see attendance, not names');
      assert.ok(details(ownerView).includes('Person firm-b · Attended'), "the firm's own people see who went");
      // Undoing one check-in keeps the firm counted (another of its people is checked in).
      const regAId = Number(regA.id);
      assert.equal((await postForm(app, `/events/manage/${eventId}/check-in/${regAId}/undo`, {}, admin)).status, 303);
      assert.equal((await database.db.selectFrom('event_attendance').select('firm_id').where('event_id', '=', eventId).execute()).length, 1);
    });

    it('participants export as CSV and XLSX (read back), and a message to all goes out by the mail job', async () => {
      const csv = await app.request(`/events/manage/${eventId}/participants.csv?lang=en`, { headers: admin.headers() });
      assert.equal(csv.status, 200);
      const text = await csv.text();
      assert.match(text, /Name,E-mail,Firm/);
      assert.match(text, /Tynset Bygg AS/);
      const xlsx = await app.request(`/events/manage/${eventId}/participants.xlsx?lang=en`, { headers: admin.headers() });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      assert.equal(sheet.getRow(1).getCell(9).value, 'Bransje?');
      assert.equal(sheet.rowCount, 1 + 30 + 3, 'header, 30 sign-ups, two firm people and a walk-in');
      assert.equal((await app.request(`/events/manage/${eventId}/participants.csv`, { headers: otherCoach.headers() })).status, 403);
      const sent = await postForm(app, `/events/manage/${eventId}/message`, { subject: 'Parkering', body: 'Parker bak rådhuset.' }, admin);
      assert.equal(sent.status, 200);
      await runner.runPending('events.mail');
      const mails = await outbox(keeping[10]!);
      assert.ok(mails.some((m) => m.subject === 'Parkering – Tendering workshop' && m.text_body.includes('Parker bak rådhuset.')));
    });

    it('feeds: the filtered calendar and the organisation feed parse as iCalendar', async () => {
      const feed = await app.request('/events/feed.ics?kind=workshop');
      assert.match(feed.headers.get('content-type') ?? '', /text\/calendar/);
      const entries = parseIcs(await feed.text());
      assert.ok(entries.some((e) => e.uid.startsWith(`event-${eventId}@`)));
      assert.equal(parseIcs(await (await app.request('/events/feed.ics?kind=market')).text()).length, 0);
      const orgFeed = parseIcs(await (await app.request(`/events/organisations/${orgId}/feed.ics`)).text());
      assert.ok(orgFeed.some((e) => e.uid.startsWith(`event-${eventId}@`)));
      const orgPage = await (await app.request(`/events/organisations/${orgId}?lang=en`)).text();
      assert.match(orgPage, /Tendering workshop/);
    });

    it('wall times across NO/SE/FI daylight-saving changes; duplicating keeps the clock time across a change', async () => {
      const cases: [number, string, string][] = [
        [orgId, '2027-03-28T02:30', '2027-03-28T01:30:00.000Z'], // Oslo: 02:30 does not exist → 03:30 CEST
        [seOrg, '2027-10-31T02:30', '2027-10-31T00:30:00.000Z'], // Stockholm: 02:30 twice → the first (CEST)
        [fiOrg, '2027-03-28T03:30', '2027-03-28T01:30:00.000Z'], // Helsinki: 03:30 does not exist → 04:30 EEST
        [fiOrg, '2027-07-01T10:00', '2027-07-01T07:00:00.000Z'], // Helsinki summer: UTC+3
      ];
      for (const [org, local, utc] of cases) {
        const end = `${local.slice(0, 11)}${String(Number(local.slice(11, 13)) + 3).padStart(2, '0')}:00`;
        const id = await createEvent(eventForm(org, { starts_at: local, ends_at: end, municipality_code: '', address: 'Online', capacity: '' }));
        const row = await database.db.selectFrom('events').select(['starts_at', 'time_zone']).where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(new Date(row.starts_at).toISOString(), utc, `${local} in ${row.time_zone}`);
        await publish(id);
        const [ics] = parseIcs(await (await app.request(`/events/${id}/event.ics`)).text());
        assert.equal(ics!.startDate.toJSDate().toISOString(), utc);
      }
      // 10:00 on a Wednesday in October (CEST) copied on 2026-11-02 → 10:00 CET two weeks on.
      const autumn = await createEvent(eventForm(orgId, { starts_at: '2026-10-21T10:00', ends_at: '2026-10-21T12:00' }));
      const copy = await duplicateEvent(database.db, adminUser, autumn, new Date('2026-11-02T12:00:00Z'));
      const row = await database.db.selectFrom('events').select(['starts_at', 'status', 'duplicated_from']).where('id', '=', copy).executeTakeFirstOrThrow();
      assert.equal(new Date(row.starts_at).toISOString(), '2026-11-04T09:00:00.000Z');
      assert.equal(row.status, 'draft');
      assert.equal(Number(row.duplicated_from), autumn);
    });

    it('members-only events: guests are refused; a member firm signs up; cancelling the event tells everyone', async () => {
      const id = await createEvent(
        eventForm(orgId, { audience: 'members', capacity: '5', title_en: 'Members breakfast', title_nb: 'Medlemsfrokost', questions: '' }),
      );
      await publish(id);
      const refused = await signUp(id, 'm1', {}, guest);
      assert.equal(refused.status, 403);
      assert.equal((await signUp(id, 'm2', { firm_id: String(firmId) }, owner)).status, 403, 'the firm is not a member yet');
      await insertMembership(database.db, orgId, firmId);
      assert.equal((await signUp(id, 'm3', { firm_id: String(firmId) }, owner)).status, 303);
      assert.equal((await postForm(app, `/events/manage/${id}/cancel`, {}, admin)).status, 303);
      await runner.runPending('events.mail');
      const mails = await outbox('pm3@example.no');
      assert.deepEqual(
        mails.map((m) => m.subject),
        ['Signed up: Members breakfast', 'Cancelled: Members breakfast'],
      );
      assert.equal(parseIcs((mails[1]!.attachments as { content: string }[])[0]!.content)[0]!.component.getFirstPropertyValue('status'), 'CANCELLED');
      assert.equal((await signUp(id, 'm4', { firm_id: String(firmId) }, owner)).status, 409);
    });
  });
}
