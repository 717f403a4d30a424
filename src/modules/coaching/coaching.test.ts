import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { exportPersonalData } from '../accounts/accounts.privacy.js';
import { sql } from 'kysely';
import { maintainCoachingJob } from './coaching.jobs.js';
import { listOutcomes } from './coaching.service.js';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

for (const backend of await backendsUnderTest()) {
  describe(`coaching on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let sorsele: number;
    let arjeplog: number;
    let kemijarvi: number;
    let almi: number;
    let cafe: number;
    let coachS: SignedIn;
    let adminS: SignedIn;
    let coachA: SignedIn;
    let coachK: SignedIn;
    let coachN: SignedIn;
    let fjell: number;
    let tynsetFirm: number;
    let sallaFirm: number;
    let almiCoach: SignedIn;
    let owner: SignedIn;
    let caseId: number;
    let coachAId: number;
    let ownerUserId: number;

    const get = (path: string, as: SignedIn) => app.request(path, { headers: as.headers() });
    const idFrom = (res: Response, re: RegExp) => Number(re.exec(res.headers.get('location') ?? '')?.[1]);

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      const db = database.db;
      sorsele = await insertOrganisation(db, {
        name: 'Sorsele näringsliv',
        country: 'SE',
        type: 'municipal_business_office',
        coverage: [{ code: '2422', from: '2020-01-01' }],
      });
      arjeplog = await insertOrganisation(db, {
        name: 'Arjeplog näringsliv',
        country: 'SE',
        type: 'municipal_business_office',
        coverage: [{ code: '2506', from: '2020-01-01' }],
      });
      kemijarvi = await insertOrganisation(db, { name: 'Kemijärvi elinkeino', country: 'FI', coverage: [{ code: '320', from: '2020-01-01' }] });
      fjell = await insertOrganisation(db, { name: 'Fjellregionen næringshage', country: 'NO', coverage: [{ code: '3427', from: '2020-01-01' }] });
      tynsetFirm = await insertFirm(db, { name: 'Tynset Sport AS', country: 'NO', municipality: '3427', nationalId: '912345678' });
      sallaFirm = await insertFirm(db, { name: 'Sallan Leipomo Oy', country: 'FI', municipality: '732', nationalId: '1234567-8' });
      almi = await insertOrganisation(db, { name: 'Almi Nord', country: 'SE', type: 'partner_body' });
      for (const [from, to] of [
        [sorsele, arjeplog],
        [arjeplog, sorsele],
      ])
        await db
          .insertInto('sharing_agreements')
          .values({ from_organisation_id: from, to_organisation_id: to, scope: 'coaching', valid_from: '2024-01-01', valid_to: null, note: null })
          .execute();
      cafe = await insertFirm(db, { name: '=HYPERLINK("http://evil")', country: 'SE', municipality: '2422', nationalId: '5569999999' });
      await createUser(db, { email: 'coach@sorsele.se', displayName: 'Stina Coach', roles: [{ organisationId: sorsele, role: 'coach' }] });
      await createUser(db, { email: 'admin@sorsele.se', displayName: 'Sara Admin', roles: [{ organisationId: sorsele, role: 'org_admin' }] });
      coachAId = (await createUser(db, { email: 'coach@arjeplog.se', displayName: 'Anders Arjeplog', roles: [{ organisationId: arjeplog, role: 'coach' }] }))
        .id;
      await createUser(db, { email: 'coach@kemijarvi.fi', roles: [{ organisationId: kemijarvi, role: 'coach' }] });
      await createUser(db, { email: 'coach@fjell.no', roles: [{ organisationId: fjell, role: 'coach' }] });
      await createUser(db, { email: 'coach@almi.se', roles: [{ organisationId: almi, role: 'coach' }] });
      ownerUserId = (await createUser(db, { email: 'owner@cafe.se', managedFirmIds: [cafe] })).id;
      [coachS, adminS, coachA, coachK, almiCoach, owner, coachN] = await Promise.all(
        ['coach@sorsele.se', 'admin@sorsele.se', 'coach@arjeplog.se', 'coach@kemijarvi.fi', 'coach@almi.se', 'owner@cafe.se', 'coach@fjell.no'].map((e) =>
          signIn(app, e),
        ),
      );
    });
    after(async () => database?.destroy());

    it('a coach opens a case for a café by its organisation number; a coach elsewhere cannot open one for Sorsele', async () => {
      const bad = await postForm(
        app,
        '/coaching/cases',
        { organisation_id: String(sorsele), national_id: '1234567890', title: 'Café', type: 'growth', opened_on: today() },
        coachS,
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /No firm with this number/);
      const res = await postForm(
        app,
        '/coaching/cases',
        { organisation_id: String(sorsele), national_id: '556999-9999', title: 'Vinteröppet café', type: 'growth', needs: 'financing', opened_on: today() },
        coachS,
      );
      assert.equal(res.status, 303);
      caseId = idFrom(res, /cases\/(\d+)/);
      const denied = await postForm(
        app,
        '/coaching/cases',
        { organisation_id: String(sorsele), national_id: '5569999999', title: 'X', type: 'growth', opened_on: today() },
        coachA,
      );
      assert.equal(denied.status, 403);
    });

    it('logs a visit in the firm’s zone across a daylight-saving change, adds a task that shows on the home page', async () => {
      // 29 March 2026: Sweden moves to summer time at 02:00. 10:00 local = 08:00 UTC that day, 09:00 UTC the day before.
      for (const [local, utc] of [
        ['2026-03-28T10:00', '2026-03-28T09:00:00.000Z'],
        ['2026-03-29T10:00', '2026-03-29T08:00:00.000Z'],
      ]) {
        const r = await postForm(
          app,
          `/coaching/cases/${caseId}/entries`,
          {
            kind: 'meeting',
            title: `Besök ${local}`,
            meeting_at: local,
            duration_minutes: '45',
            meeting_form: 'visit',
            participants: 'Ägaren',
            body: 'Pratade om vinteröppet.',
          },
          coachS,
        );
        assert.equal(r.status, 303);
        const row = await database.db.selectFrom('coaching_entries').select('meeting_at').where('title', '=', `Besök ${local}`).executeTakeFirstOrThrow();
        assert.equal(new Date(row.meeting_at!).toISOString(), utc);
      }
      const page = await (await get(`/coaching/cases/${caseId}?lang=sv`, coachS)).text();
      assert.match(page, /2026-03-29 10:00 CEST/, 'the case page shows the meeting at the local wall time');
      assert.match(page, /2026-03-28 10:00 CET/);
      // The same wall time in Norway and Finland (each firm's own zone).
      for (const [who, firm, org, utc] of [
        [coachN, tynsetFirm, fjell, '2026-03-29T08:00:00.000Z'],
        [coachK, sallaFirm, kemijarvi, '2026-03-29T07:00:00.000Z'],
      ] as const) {
        const opened = await postForm(
          app,
          '/coaching/cases',
          { organisation_id: String(org), firm_id: String(firm), title: `Sak ${org}`, type: 'start_up', opened_on: today() },
          who,
        );
        const id = idFrom(opened, /cases\/(\d+)/);
        assert.equal(
          (
            await postForm(
              app,
              `/coaching/cases/${id}/entries`,
              { kind: 'meeting', title: `Møte ${org}`, meeting_at: '2026-03-29T10:00', duration_minutes: '30', meeting_form: 'video' },
              who,
            )
          ).status,
          303,
        );
        const row = await database.db.selectFrom('coaching_entries').select('meeting_at').where('title', '=', `Møte ${org}`).executeTakeFirstOrThrow();
        assert.equal(new Date(row.meeting_at!).toISOString(), utc);
      }
      const badTime = await postForm(
        app,
        `/coaching/cases/${caseId}/entries`,
        { kind: 'meeting', title: 'x', meeting_at: '2026-02-30T10:00', duration_minutes: '30', meeting_form: 'phone' },
        coachS,
      );
      assert.equal(badTime.status, 400);
      const task = await postForm(app, `/coaching/cases/${caseId}/entries`, { kind: 'task', title: 'Skicka budgetmall', task_due_on: yesterday() }, coachS);
      assert.equal(task.status, 303);
      const home = await (await get('/coaching?lang=en', coachS)).text();
      assert.match(home, /Skicka budgetmall/);
      assert.match(home, /Overdue/);
      assert.match(home, /Vinteröppet café/);
    });

    it('shares a case with a partner organisation only with the firm’s valid consent; revoking or expiry hides it again', async () => {
      const url = `/coaching/cases/${caseId}`;
      assert.equal((await get(url, coachA)).status, 403, 'agreement but no consent');
      assert.equal((await get(url, coachK)).status, 403);
      // Consent that starts tomorrow or ended yesterday does not count.
      await postForm(app, `${url}/consents`, { scope: 'case_sharing', given_by: 'Ägaren', given_on: tomorrow() }, coachS);
      await postForm(app, `${url}/consents`, { scope: 'case_sharing', given_by: 'Ägaren', given_on: '2025-01-01', valid_to: yesterday() }, coachS);
      assert.equal((await get(url, coachA)).status, 403, 'future or expired consent');
      const res = await postForm(app, `${url}/consents`, { scope: 'case_sharing', given_by: 'Ägaren', given_on: today(), valid_to: '2099-12-31' }, coachS);
      assert.equal(res.status, 303);
      const shared = await get(url, coachA);
      assert.equal(shared.status, 200);
      assert.match(await shared.text(), /Read only/);
      assert.equal((await get(url, coachK)).status, 403, 'outside the agreement');
      const list = await (await get('/coaching/cases', coachA)).text();
      assert.match(list, /Vinteröppet café/);
      assert.equal((await postForm(app, `${url}/entries`, { kind: 'note', title: 'x' }, coachA)).status, 403, 'partners read, they do not write');
      const consentId = (await database.db.selectFrom('coaching_consents').select('id').where('valid_to', '=', '2099-12-31').executeTakeFirstOrThrow()).id;
      assert.equal((await postForm(app, `${url}/consents/${consentId}/revoke`, {}, coachS)).status, 303);
      assert.equal((await get(url, coachA)).status, 403, 'revoked');
      assert.doesNotMatch(await (await get('/coaching/cases', coachA)).text(), /Vinteröppet café/);
      await postForm(app, `${url}/consents`, { scope: 'case_sharing', given_by: 'Ägaren', given_on: today() }, coachS);
    });

    it('logs every read of a note; the admin sees the log and the note shows its readers; a private note is its author’s alone', async () => {
      const r = await postForm(app, `/coaching/cases/${caseId}/entries`, { kind: 'note', title: 'Ekonomin', body: 'Likviditeten är svag.' }, coachS);
      assert.equal(r.status, 303);
      const note = await database.db.selectFrom('coaching_entries').select('id').where('title', '=', 'Ekonomin').executeTakeFirstOrThrow();
      const noteUrl = `/coaching/cases/${caseId}/entries/${note.id}`;
      const read = await get(noteUrl, coachA);
      assert.equal(read.status, 200);
      assert.match(await read.text(), /Likviditeten är svag/);
      const reads = await database.db.selectFrom('coaching_note_reads').selectAll().where('entry_id', '=', note.id).execute();
      assert.equal(reads.length, 1);
      assert.equal(Number(reads[0]!.reader_id), coachAId);
      assert.equal(reads[0]!.role, 'partner_coach');
      const again = await (await get(noteUrl, coachS)).text();
      assert.match(again, /Anders Arjeplog/, 'the note page shows who read it');
      const log = await get(`/coaching/organisations/${sorsele}/note-reads`, adminS);
      assert.equal(log.status, 200);
      const logText = await log.text();
      assert.match(logText, /Anders Arjeplog/);
      assert.match(logText, /partner_coach/);
      assert.equal((await get(`/coaching/organisations/${sorsele}/note-reads`, coachS)).status, 403);

      await postForm(app, `/coaching/cases/${caseId}/entries`, { kind: 'note', title: 'Min magkänsla', body: 'hemligt', is_private: 'on' }, coachS);
      const priv = await database.db.selectFrom('coaching_entries').select('id').where('title', '=', 'Min magkänsla').executeTakeFirstOrThrow();
      assert.equal((await get(`/coaching/cases/${caseId}/entries/${priv.id}`, adminS)).status, 403);
      assert.doesNotMatch(await (await get(`/coaching/cases/${caseId}`, adminS)).text(), /Min magkänsla/);
      assert.equal((await get(`/coaching/cases/${caseId}/entries/${priv.id}`, coachS)).status, 200);
    });

    it('attaches a document to the timeline: checked by its bytes, read through the case (logged), erased on request', async () => {
      const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
      const upload = (as: SignedIn, bytes: Uint8Array | undefined, name: string, title = '') => {
        const form = new FormData();
        form.set('_csrf', as.csrfToken);
        form.set('title', title);
        if (bytes) form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
        return app.request(`/coaching/cases/${caseId}/documents?lang=en`, { method: 'POST', headers: as.headers(), body: form });
      };
      const documents = async () =>
        (await database.db.selectFrom('coaching_entries').select('id').where('case_id', '=', caseId).where('kind', '=', 'document').execute()).length;
      const missing = await upload(coachS, undefined, '');
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /Choose a file/);
      // A text file named .pdf is refused by its bytes, and leaves no entry behind.
      const fake = await upload(coachS, new TextEncoder().encode('just text, not a PDF'), 'budget.pdf');
      assert.equal(fake.status, 415);
      assert.match(await fake.text(), /PDF/);
      assert.equal(await documents(), 0);
      assert.equal((await upload(coachA, pdf, 'budget.pdf')).status, 403, 'a partner reads the case, it does not attach');
      const ok = await upload(coachS, pdf, 'budget.pdf', 'Budget 2027');
      assert.equal(ok.status, 303);
      const entryUrl = (ok.headers.get('location') ?? '').replace(/\?.*$/, '');
      assert.match(entryUrl, /\/entries\/\d+$/);
      assert.match(await (await get(`/coaching/cases/${caseId}?lang=en`, coachS)).text(), /Budget 2027/, 'on the timeline');
      const entryPage = await (await get(`${entryUrl}?lang=en`, coachS)).text();
      assert.match(entryPage, /budget\.pdf/);
      // The partner (agreement + consent) downloads it; the read is logged under the partner's role.
      const before = (await database.db.selectFrom('coaching_note_reads').select('id').where('reader_id', '=', coachAId).execute()).length;
      const download = await get(`${entryUrl}/file`, coachA);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/pdf');
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), pdf);
      const reads = await database.db.selectFrom('coaching_note_reads').select(['role']).where('reader_id', '=', coachAId).execute();
      assert.equal(reads.length, before + 1);
      assert.equal(reads.at(-1)!.role, 'partner_coach');
      // A viewer's next byte range is the same reading: served (206), not logged again.
      const more = await app.request(`${entryUrl}/file`, { headers: coachA.headers({ range: 'bytes=5-' }) });
      assert.equal(more.status, 206);
      assert.equal((await database.db.selectFrom('coaching_note_reads').select('id').where('reader_id', '=', coachAId).execute()).length, before + 1);
      assert.equal((await get(`${entryUrl}/file`, coachK)).status, 403, 'outside the agreement');
      assert.equal((await get(`${entryUrl}/file`, owner)).status, 403, "the firm's people do not read the coaches' documents");
      // The store's own door is shut for these files: every read goes through the case and its log.
      const entryId = Number(/entries\/(\d+)/.exec(entryUrl)![1]);
      const fileId = (await database.db.selectFrom('coaching_entries').select('file_id').where('id', '=', entryId).executeTakeFirstOrThrow()).file_id!;
      assert.equal((await get(`/files/${fileId}`, coachS)).status, 403);
      // The uploader's personal-data export names the file.
      const coachSId = (await database.db.selectFrom('users').select('id').where('email', '=', 'coach@sorsele.se').executeTakeFirstOrThrow()).id;
      assert.match(JSON.stringify(await exportPersonalData(database.db, Number(coachSId))), /budget\.pdf/);
      // Erasing the file: the case's own coaches only; the entry stays, the file is gone.
      assert.equal((await postForm(app, `${entryUrl}/erase-file`, {}, coachA)).status, 403);
      assert.equal((await postForm(app, `${entryUrl}/erase-file`, {}, coachS)).status, 303);
      assert.equal((await get(`${entryUrl}/file`, coachS)).status, 404);
      assert.equal((await database.db.selectFrom('files').select('id').where('id', '=', fileId).execute()).length, 0);
      assert.match(await (await get(`/coaching/cases/${caseId}?lang=en`, coachS)).text(), /file erased/);
    });

    it('refers the café to Almi with only what the firm consented to share; Almi accepts and reports funding, which becomes one outcome', async () => {
      const url = `/coaching/cases/${caseId}/referrals`;
      const refused = await postForm(app, url, { to_organisation_id: String(almi), purpose: 'Lån för ombyggnad', shared_info: 'Omsättning 2 MSEK' }, coachS);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /no valid consent to share/);
      await postForm(app, `/coaching/cases/${caseId}/consents`, { scope: 'referral', given_by: 'Ägaren', given_on: today() }, coachS);
      const ok = await postForm(app, url, { to_organisation_id: String(almi), purpose: 'Lån för ombyggnad', shared_info: 'Omsättning 2 MSEK' }, coachS);
      assert.equal(ok.status, 303);
      const ref = await database.db.selectFrom('coaching_referrals').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
      assert.match(await (await get('/coaching/referrals', almiCoach)).text(), /Lån för ombyggnad/);
      assert.equal((await postForm(app, `/coaching/referrals/${ref.id}/decide`, { decision: 'accept' }, coachS)).status, 403, 'the sender does not decide');
      assert.equal((await postForm(app, `/coaching/referrals/${ref.id}/decide`, { decision: 'decline' }, almiCoach)).status, 400, 'a decline needs a reason');
      assert.equal((await postForm(app, `/coaching/referrals/${ref.id}/decide`, { decision: 'accept' }, almiCoach)).status, 303);
      assert.equal((await postForm(app, `/coaching/referrals/${ref.id}/decide`, { decision: 'accept' }, almiCoach)).status, 409);
      const done = await postForm(
        app,
        `/coaching/referrals/${ref.id}/result`,
        { result: 'funding', occurred_on: '2026-05-01', programme: 'Almi företagslån', amount: '250000', currency: 'SEK', result_note: 'Beviljat' },
        almiCoach,
      );
      assert.equal(done.status, 303);
      // The same funding recorded again from a second case of the same firm counts once.
      const second = await postForm(
        app,
        '/coaching/cases',
        { organisation_id: String(sorsele), firm_id: String(cafe), title: 'Export', type: 'export', opened_on: today() },
        coachS,
      );
      const secondId = idFrom(second, /cases\/(\d+)/);
      const dup = await postForm(
        app,
        `/coaching/cases/${secondId}/outcomes`,
        { kind: 'funding', occurred_on: '2026-05-01', programme: 'Almi företagslån', amount: '250000', currency: 'SEK' },
        coachS,
      );
      assert.equal(dup.status, 409);
      await postForm(
        app,
        `/coaching/cases/${secondId}/outcomes`,
        { kind: 'jobs_created', occurred_on: '2026-06-01', quantity: '2', evidence: 'Anställningsavtal' },
        coachS,
      );
      const outcomes = await listOutcomes(database.db, { organisationIds: [sorsele], from: '2026-01-01', to: '2026-12-31' });
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['funding', 'jobs_created']);
      assert.equal(new Set(outcomes.map((o) => o.firmId)).size, 1);
      assert.equal(outcomes.find((o) => o.kind === 'funding')!.amountMinor, 25_000_000);
    });

    it('a referral for funding shows the firm’s de minimis room and asks before passing the ceiling', async () => {
      const form = await (await get(`/coaching/cases/${caseId}?form=referral&lang=en`, coachS)).text();
      assert.match(form, /de minimis room today: €300,000\.00 of €300,000\.00/);
      assert.match(form, new RegExp(`/navigator/firms/${cafe}`), 'links to the navigator page of the firm');
      const url = `/coaching/cases/${caseId}/referrals?lang=en`;
      // SEK 4 000 000 at the latest ECB rate (11.1930 per EUR) is about EUR 357 366: past the SE ceiling of EUR 300 000.
      const big = { to_body: 'Tillväxtverket', purpose: 'Investeringsstöd', funding_amount: '4000000', funding_currency: 'SEK' };
      const warned = await postForm(app, url, big, coachS);
      assert.equal(warned.status, 400);
      const warning = await warned.text();
      assert.match(warning, /more than the firm&#39;s de minimis room \(EUR 300\s000\)/);
      assert.match(warning, /Refer anyway/);
      assert.equal((await database.db.selectFrom('coaching_referrals').select('id').where('purpose', '=', 'Investeringsstöd').execute()).length, 0);
      assert.equal((await postForm(app, url, { ...big, over_ceiling_ok: 'on' }, coachS)).status, 303);
      const small = await postForm(app, url, { to_body: 'Almi', purpose: 'Mikrolån', funding_amount: '100000', funding_currency: 'SEK' }, coachS);
      assert.equal(small.status, 303);
      const rows = await database.db
        .selectFrom('coaching_referrals')
        .select(['purpose', 'funding_amount_minor', 'over_ceiling_confirmed', 'de_minimis_room_eur_minor'])
        .where('purpose', 'in', ['Investeringsstöd', 'Mikrolån'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.purpose, Number(r.funding_amount_minor), r.over_ceiling_confirmed, Number(r.de_minimis_room_eur_minor)]),
        [
          ['Investeringsstöd', 400_000_000, true, 30_000_000],
          ['Mikrolån', 10_000_000, false, 30_000_000],
        ],
      );
      assert.equal((await postForm(app, url, { to_body: 'Almi', purpose: 'x', funding_amount: '5000' }, coachS)).status, 400, 'an amount needs its currency');
    });

    it('the café’s owner sees what the network holds about the firm but no coach’s notes', async () => {
      const res = await get(`/coaching/firms/${cafe}?lang=en`, owner);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /Growth/);
      assert.match(html, /Almi Nord/);
      assert.match(html, /Funding obtained/);
      assert.doesNotMatch(html, /Likviditeten|Ekonomin|Vinteröppet café|Pratade om|Budget 2027/);
      assert.equal((await get(`/coaching/cases/${caseId}`, owner)).status, 403);
      const staff = await (await get(`/coaching/firms/${cafe}?lang=en`, coachS)).text();
      assert.match(staff, /Vinteröppet café/);
      assert.equal((await get(`/coaching/firms/${cafe}`, coachK)).status, 200, 'staff elsewhere see the register facts');
      assert.doesNotMatch(await (await get(`/coaching/firms/${cafe}`, coachK)).text(), /Vinteröppet café/);
    });

    it('exports the case list as CSV and XLSX with formula cells neutralised', async () => {
      const csv = await get('/coaching/cases/export?format=csv&lang=en', coachS);
      assert.equal(csv.status, 200);
      const rows = parse((await csv.text()).replace(/^\ufeff/, '')) as string[][];
      assert.equal(rows[0]![0], 'Firm');
      assert.ok(rows.slice(1).every((r) => r[0]!.startsWith("'=HYPERLINK")));
      const xlsx = await get('/coaching/cases/export?format=xlsx', coachS);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const cell = wb.worksheets[0]!.getRow(2).getCell(1);
      assert.equal(typeof cell.value, 'string');
      assert.ok(String(cell.value).startsWith("'="));
      assert.equal((await get('/coaching/cases/export?format=pdf', coachS)).status, 400);
    });

    it('plans a joint activity seen across the agreement; iCalendar feeds per person renew and parse', async () => {
      const res = await postForm(
        app,
        '/coaching/calendar/activities',
        {
          organisation_id: String(sorsele),
          title: 'Företagsbesök Sorsele',
          kind: 'visit',
          starts_at: '2026-10-25T10:00',
          ends_at: '2026-10-25T12:00',
          firms: '5569999999',
        },
        coachS,
      );
      assert.equal(res.status, 303);
      const list = '/coaching/calendar?view=list&date=2026-10-25&lang=en';
      assert.match(await (await get(list, coachA)).text(), /Företagsbesök Sorsele/);
      assert.doesNotMatch(await (await get(list, coachK)).text(), /Företagsbesök Sorsele/);
      assert.match(await (await get('/coaching/calendar?view=month&date=2026-10-01', coachS)).text(), /Företagsbesök Sorsele/);
      assert.match(await (await get('/coaching/calendar?view=week&date=2026-10-25', coachS)).text(), /Företagsbesök Sorsele/);

      const renew = await postForm(app, '/coaching/calendar/feeds', {}, coachS);
      const url = /(\/coaching\/feeds\/[A-Za-z0-9_-]+\.ics)/.exec(await renew.text())![1]!;
      const feed = await app.request(url);
      assert.equal(feed.status, 200);
      const comp = new ICAL.Component(ICAL.parse(await feed.text()));
      const events = comp.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      const visit = events.find((e) => e.summary === 'Företagsbesök Sorsele')!;
      // 25 October 2026: Sweden is back on standard time (UTC+1) since 03:00.
      assert.equal(visit.startDate.toJSDate().toISOString(), '2026-10-25T09:00:00.000Z');
      assert.ok(events.some((e) => e.summary.startsWith('Meeting: Besök')));
      await postForm(app, '/coaching/calendar/feeds', {}, coachS);
      assert.equal((await app.request(url)).status, 404, 'the old address stops working');
      assert.equal((await postForm(app, '/coaching/calendar/feeds', { organisation_id: String(sorsele) }, coachS)).status, 403);
    });

    it('erases contact people: staff for non-users, and the personal-data export and erasure for users', async () => {
      const noConsent = await postForm(app, `/coaching/cases/${caseId}/contacts`, { name: 'Eva Ägare', email: 'eva@cafe.se' }, coachS);
      assert.equal(noConsent.status, 400);
      assert.equal((await postForm(app, `/coaching/cases/${caseId}/contacts`, { name: 'Eva Ägare', email: 'eva@cafe.se', consent: 'on' }, coachS)).status, 303);
      const contact = await database.db.selectFrom('coaching_contacts').select('id').where('name', '=', 'Eva Ägare').executeTakeFirstOrThrow();
      assert.equal((await postForm(app, `/coaching/cases/${caseId}/contacts/${contact.id}/erase`, {}, coachS)).status, 303);
      const erased = await database.db.selectFrom('coaching_contacts').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
      assert.equal(erased.name, '');
      assert.equal(erased.email, null);
      await database.db
        .insertInto('coaching_contacts')
        .values({
          case_id: caseId,
          user_id: ownerUserId,
          name: 'Olle Owner',
          role: 'VD',
          email: 'owner@cafe.se',
          phone: null,
          consent_given_on: today(),
          consent_note: null,
        })
        .execute();
      const exported = await exportPersonalData(database.db, ownerUserId);
      assert.match(JSON.stringify(exported), /Olle Owner/);
    });

    it('a coach added to a case finds it among their open cases on the home page', async () => {
      const adminId = (await database.db.selectFrom('users').select('id').where('email', '=', 'admin@sorsele.se').executeTakeFirstOrThrow()).id;
      const myOpen = async () => /aria-labelledby="h-open">([\s\S]*?)<\/section>/.exec(await (await get('/coaching?lang=en', adminS)).text())![1]!;
      assert.doesNotMatch(await myOpen(), /Vinteröppet café/);
      assert.equal((await postForm(app, `/coaching/cases/${caseId}/coaches`, { user_id: String(adminId) }, coachS)).status, 303);
      assert.match(await myOpen(), /Vinteröppet café/);
    });

    it('the nightly maintenance vacuums and analyses the lists’ tables (PGlite has no autovacuum)', async () => {
      const logged: unknown[] = [];
      const logger = { info: (o: unknown) => logged.push(o) } as never;
      await maintainCoachingJob.handler({}, { id: 'test', retryCount: 0, logger, db: database.db });
      assert.equal(logged.length, 1);
      const stats = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_stat_user_tables where relname = 'coaching_cases' and last_analyze is not null`.execute(database.db);
      assert.equal(stats.rows[0]!.n, 1);
    });

    if (backend === 'postgres')
      it('two answers to one referral at once: one wins, the other is told it was answered', async () => {
        await postForm(app, `/coaching/cases/${caseId}/referrals`, { to_organisation_id: String(almi), purpose: 'Andra lånet' }, coachS);
        const ref = await database.db.selectFrom('coaching_referrals').select('id').where('purpose', '=', 'Andra lånet').executeTakeFirstOrThrow();
        const answers = await Promise.all([
          postForm(app, `/coaching/referrals/${ref.id}/decide`, { decision: 'accept' }, almiCoach),
          postForm(app, `/coaching/referrals/${ref.id}/decide`, { decision: 'decline', reason: 'Fullt' }, almiCoach),
        ]);
        assert.deepEqual(answers.map((a) => a.status).sort(), [303, 409]);
      });
  });
}
