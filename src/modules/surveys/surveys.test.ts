import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { anonymous, createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { createFirm } from '../../../test/support/factories.js';
import { insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { erasePerson } from '../accounts/accounts.privacy.js';
import * as service from './surveys.service.js';

/**
 * A needs survey from building to results: the builder, answering part by part without
 * JavaScript (skip logic, required answers, bots), anonymity, invitations, members-only surveys,
 * the small-group rule on real tallies, exports, contacts and erasure, and concurrent answers.
 */
const started = () => service.signStart(Date.now() - 10_000);
const count = async (db: TestDatabase['db'], table: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0].n;

for (const backend of await backendsUnderTest()) {
  describe(`surveys on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let admin: SignedIn;
    let coach: SignedIn;
    let outsider: SignedIn;
    let orgId: number;
    let surveyId: number;
    let token: string;
    let qGroup: number;
    let qPlace: number;
    let qMiss: number;
    let qVisitor: number;
    let qSpend: number;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      orgId = await insertOrganisation(database.db, {
        name: 'Osta paikallista',
        country: 'FI',
        coverage: [
          { code: '732', from: '2020-01-01' },
          { code: '320', from: '2020-01-01' },
        ],
      });
      const other = await insertOrganisation(database.db, { name: 'Muu', country: 'FI' });
      await createUser(database.db, { email: 'admin@osta.test', roles: [{ organisationId: orgId, role: 'org_admin' }] });
      await createUser(database.db, { email: 'coach@osta.test', roles: [{ organisationId: orgId, role: 'coach' }] });
      await createUser(database.db, { email: 'out@muu.test', roles: [{ organisationId: other, role: 'org_admin' }] });
      [admin, coach, outsider] = [await signIn(app, 'admin@osta.test'), await signIn(app, 'coach@osta.test'), await signIn(app, 'out@muu.test')];
    });
    after(async () => database?.destroy());

    it('builds a survey in two languages with parts and skip logic, and refuses what would not work', async () => {
      const created = await postForm(
        app,
        '/surveys/manage/new?lang=en',
        {
          organisation: String(orgId),
          title_fi: 'Mitä kaipaat?',
          title_en: 'What do you miss?',
          sections_en: 'About you\nNeeds',
          sections_fi: 'Sinusta\nTarpeet',
          audience: 'public',
          min_group_size: '3',
        },
        coach,
      );
      assert.equal(created.status, 303);
      surveyId = Number(/manage\/(\d+)/.exec(created.headers.get('location')!)![1]);
      const add = (fields: Record<string, string>) => postForm(app, `/surveys/manage/${surveyId}/questions?lang=en`, fields, coach);
      assert.equal(
        (
          await add({
            kind: 'group',
            section: '0',
            text_fi: 'Kuka olet?',
            text_en: 'Who are you?',
            options_fi: 'Asukas\nMatkailija',
            options_en: 'Resident\nVisitor',
            required: 'on',
          })
        ).status,
        303,
      );
      assert.equal((await add({ kind: 'municipality', section: '0', text_fi: 'Kunta', text_en: 'Municipality', required: 'on' })).status, 303);
      // A question in one language only, and options that do not line up, are named.
      const missing = await add({ kind: 'text', section: '1', text_en: 'Anything else?' });
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /Write the question in all of the survey(&#39;|')s languages/);
      const uneven = await add({ kind: 'single', section: '1', text_fi: 'X', text_en: 'X', options_fi: 'a\nb\nc', options_en: 'a\nb' });
      assert.match(await uneven.text(), /The same number of options in each language/);
      const questions = await service.listQuestions(database.db, surveyId);
      [qGroup, qPlace] = [questions[0].id, questions[1].id];
      // Skip logic may only look back to an earlier part.
      const sameSection = await add({ kind: 'text', section: '0', text_fi: 'Miksi?', text_en: 'Why?', show_if: `${qGroup}:o2` });
      assert.match(await sameSection.text(), /condition must be on a question in an earlier part/);
      assert.equal((await add({ kind: 'miss_local', section: '1', text_fi: 'Mitä kaipaat?', text_en: 'What do you miss?', required: 'on' })).status, 303);
      assert.equal(
        (
          await add({
            kind: 'single',
            section: '1',
            text_fi: 'Palaatko?',
            text_en: 'Will you come back?',
            options_fi: 'Kyllä\nEi',
            options_en: 'Yes\nNo',
            show_if: `${qGroup}:o2`,
          })
        ).status,
        303,
      );
      assert.equal((await add({ kind: 'spend_outside', section: '1', text_fi: 'Kuinka paljon?', text_en: 'How much a month?' })).status, 303);
      [, , qMiss, qVisitor, qSpend] = (await service.listQuestions(database.db, surveyId)).map((q) => q.id);
      // Someone else's organisation may not touch it; the coach's survey opens.
      assert.equal((await postForm(app, `/surveys/manage/${surveyId}/open`, {}, outsider)).status, 403);
      assert.equal((await postForm(app, `/surveys/manage/${surveyId}/open`, {}, coach)).status, 303);
      const row = await sql<{ public_token: string }>`select public_token from surveys where id = ${surveyId}`.execute(database.db);
      token = row.rows[0].public_token;
    });

    it('is answered part by part without JavaScript: skip logic, required answers, a visitor gets the extra question', async () => {
      const visitor = await anonymous(app);
      const url = `/surveys/s/${token}?lang=en`;
      const first = await app.request(url);
      assert.equal(first.status, 200);
      const html = await first.text();
      assert.match(html, /Part 1 of 2/);
      assert.match(html, /Salla/, 'the organisation’s municipalities are the choices');
      // Part 1 without the required answers: named, nothing stored.
      const empty = await postForm(app, url, { _section: '0', _started: started() }, visitor);
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /This question needs an answer/);
      // A visitor in Salla: part 2 carries part 1 along and asks the visitor's question.
      const part2 = await postForm(app, url, { _section: '0', _started: started(), [`q${qGroup}`]: 'o2', [`q${qPlace}`]: '732' }, visitor);
      const part2Html = await part2.text();
      assert.match(part2Html, /Will you come back\?/);
      assert.match(part2Html, new RegExp(`name="q${qGroup}" value="o2"`), 'part 1 travels as hidden fields');
      // A resident does not get it; and an answer sent to a question not asked is dropped.
      const resident = await postForm(app, url, { _section: '0', _started: started(), [`q${qGroup}`]: 'o1', [`q${qPlace}`]: '732' }, visitor);
      assert.doesNotMatch(await resident.text(), /Will you come back\?/);
      const sent = await postForm(
        app,
        url,
        {
          _section: '1',
          _started: started(),
          [`q${qGroup}`]: 'o1',
          [`q${qPlace}`]: '732',
          [`q${qMiss}_sector`]: 'food',
          [`q${qMiss}`]: 'A bakery',
          [`q${qVisitor}`]: 'o1',
          [`q${qSpend}`]: '1 234,50',
        },
        visitor,
      );
      assert.equal(sent.status, 200);
      assert.match(await sent.text(), /Thank you for your answers/);
      const answers = await sql<{ question_id: number; number_value: string | null }>`select question_id, number_value from survey_answers order by id`.execute(
        database.db,
      );
      assert.ok(!answers.rows.some((a) => Number(a.question_id) === qVisitor), 'the skipped question is not stored');
      assert.equal(Number(answers.rows.find((a) => Number(a.question_id) === qSpend)!.number_value), 1234.5);
    });

    it('stores nothing that tells who answered, and contact details only on opt-in', async () => {
      const cols = await sql<{
        column_name: string;
      }>`select column_name from information_schema.columns where table_name = 'survey_responses' order by column_name`.execute(database.db);
      assert.deepEqual(
        cols.rows.map((c) => c.column_name),
        ['id', 'is_demo', 'municipality_code', 'received_on', 'respondent_group', 'survey_id'],
        'no user, address, time of day or invitation on a response',
      );
      assert.equal(await count(database.db, 'survey_contacts'), 0);
      const visitor = await anonymous(app);
      const base = { _section: '1', _started: started(), [`q${qGroup}`]: 'o1', [`q${qPlace}`]: '320', [`q${qMiss}_sector`]: 'cafe' };
      const noWay = await postForm(app, `/surveys/s/${token}?lang=en`, { ...base, contact_opt_in: 'yes', contact_name: 'Aino' }, visitor);
      assert.equal(noWay.status, 400);
      assert.match(await noWay.text(), /Give an e-mail address or phone number/);
      const ok = await postForm(
        app,
        `/surveys/s/${token}?lang=en`,
        { ...base, contact_opt_in: 'yes', contact_name: 'Aino', contact_email: 'aino@example.fi' },
        visitor,
      );
      assert.equal(ok.status, 200);
      assert.equal(await count(database.db, 'survey_contacts'), 1);
      // Reading contacts needs an admin and a purpose, and is logged; a coach is refused.
      assert.equal((await app.request(`/surveys/manage/${surveyId}/contacts`, { headers: coach.headers() })).status, 403);
      const read = await postForm(app, `/surveys/manage/${surveyId}/contacts?lang=en`, { purpose: 'Call back about the bakery idea' }, admin);
      assert.match(await read.text(), /aino@example\.fi/);
      assert.equal(await count(database.db, 'survey_contact_reads'), 1);
      // The person's own erasure reaches the contact row.
      const aino = await createUser(database.db, { email: 'aino@example.fi' });
      await erasePerson(database.db, aino.id);
      assert.equal(await count(database.db, 'survey_contacts'), 0);
    });

    it('drops bots: a filled honeypot is thanked and forgotten, a form sent at once is sent back', async () => {
      const before = await count(database.db, 'survey_responses');
      const bot = await anonymous(app);
      const fields = { _section: '1', [`q${qGroup}`]: 'o1', [`q${qPlace}`]: '320', [`q${qMiss}_sector`]: 'food' };
      const trap = await postForm(app, `/surveys/s/${token}?lang=en`, { ...fields, _started: started(), website: 'http://spam.example' }, bot);
      assert.match(await trap.text(), /Thank you/);
      const quick = await postForm(app, `/surveys/s/${token}?lang=en`, { ...fields, _started: service.signStart(Date.now()) }, bot);
      assert.equal(quick.status, 400);
      assert.match(await quick.text(), /That was quick/);
      const forged = await postForm(app, `/surveys/s/${token}?lang=en`, { ...fields, _started: `${(Date.now() - 60_000).toString(36)}.forged` }, bot);
      assert.equal(forged.status, 400);
      assert.equal(await count(database.db, 'survey_responses'), before);
    });

    it('gives one answer per invitation link and never ties the answer to it', async () => {
      const inv = await postForm(
        app,
        '/surveys/manage/new?lang=en',
        { organisation: String(orgId), title_en: 'Buyers', audience: 'invited', min_group_size: '3' },
        admin,
      );
      const id = Number(/manage\/(\d+)/.exec(inv.headers.get('location')!)![1]);
      await postForm(app, `/surveys/manage/${id}/questions`, { kind: 'scale', section: '0', text_en: 'How good?', required: 'on', scale_max: '5' }, admin);
      await postForm(app, `/surveys/manage/${id}/open`, {}, admin);
      const bad = await postForm(app, `/surveys/manage/${id}/invitations?lang=en`, { emails: 'a@buyer.fi\nnot-an-address' }, admin);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /not an e-mail address: not-an-address/);
      const sent = await postForm(app, `/surveys/manage/${id}/invitations?lang=en`, { emails: 'a@buyer.fi, b@buyer.fi' }, admin);
      assert.equal(sent.status, 303);
      const mail = await sql<{ text_body: string }>`select text_body from mail_outbox where to_address = 'a@buyer.fi'`.execute(database.db);
      const link = /\/surveys\/i\/[A-Za-z0-9_-]+/.exec(mail.rows[0].text_body)![0];
      const q = (await service.listQuestions(database.db, id))[0];
      const respondent = await anonymous(app);
      const publicTry = await sql<{ public_token: string }>`select public_token from surveys where id = ${id}`.execute(database.db);
      assert.equal((await app.request(`/surveys/s/${publicTry.rows[0].public_token}`)).status, 403, 'no public link for an invited survey');
      const once = await postForm(app, `${link}?lang=en`, { _section: '0', _started: started(), [`q${q.id}`]: '4' }, respondent);
      assert.match(await once.text(), /Thank you/);
      const twice = await postForm(app, `${link}?lang=en`, { _section: '0', _started: started(), [`q${q.id}`]: '5' }, respondent);
      assert.equal(twice.status, 409);
      assert.match(await twice.text(), /used already/);
      const stored = await sql<{ n: number }>`select count(*)::int as n from survey_responses where survey_id = ${id}`.execute(database.db);
      assert.equal(stored.rows[0].n, 1);
    });

    it('opens a members-only survey to member firms’ people and the organisation’s staff only', async () => {
      const { firmId } = await createFirm(database.db, { name: 'Sallan Leipä', country: 'FI', municipality_code: '732', nace_code: '10.710' });
      await sql`insert into memberships (organisation_id, firm_id, tier, status, valid_from) values (${orgId}, ${firmId}, 'Jäsen', 'active', '2024-01-01')`.execute(
        database.db,
      );
      await createUser(database.db, { email: 'owner@leipa.test', managedFirmIds: [firmId] });
      await createUser(database.db, { email: 'stranger@x.test' });
      const created = await postForm(app, '/surveys/manage/new', { organisation: String(orgId), title_en: 'Members', audience: 'members' }, admin);
      const id = Number(/manage\/(\d+)/.exec(created.headers.get('location')!)![1]);
      await postForm(app, `/surveys/manage/${id}/questions`, { kind: 'text', section: '0', text_en: 'Ideas?' }, admin);
      await postForm(app, `/surveys/manage/${id}/open`, {}, admin);
      const t = (await sql<{ public_token: string }>`select public_token from surveys where id = ${id}`.execute(database.db)).rows[0].public_token;
      assert.equal((await app.request(`/surveys/s/${t}`)).status, 302, 'anonymous: sign in first');
      assert.equal((await app.request(`/surveys/s/${t}`, { headers: (await signIn(app, 'stranger@x.test')).headers() })).status, 403);
      assert.equal((await app.request(`/surveys/s/${t}`, { headers: (await signIn(app, 'owner@leipa.test')).headers() })).status, 200);
      assert.equal((await app.request(`/surveys/s/${t}`, { headers: coach.headers() })).status, 200);
    });

    it('hides small groups in results, breakdowns and exports, and nothing can be subtracted out', async () => {
      // 14 answers from Salla (12 residents, 2 visitors) and 4 from Kemijärvi, k = 3 on this survey (min_group_size 3).
      await assert.rejects(service.getResults(database.db, undefined, surveyId, {}, 'en'), /sign in/i, 'results need a signed-in person');
      await sql`delete from survey_tallies where survey_id = ${surveyId}`.execute(database.db);
      await sql`delete from survey_responses where survey_id = ${surveyId}`.execute(database.db);
      await sql`delete from survey_response_counts where survey_id = ${surveyId}`.execute(database.db);
      const ctx = await service.openForAnswering(database.db, undefined, { token });
      const answer = (group: string, place: string, sector: string) =>
        service.submitResponse(database.db, ctx, {
          answers: new Map<number, service.ParsedAnswer>([
            [qGroup, { choices: [group] }],
            [qPlace, { choices: [place] }],
            [qMiss, { sector }],
          ]),
          honeypot: '',
          started: started(),
          address: `10.0.0.${Math.floor(Math.random() * 200)}`,
        });
      for (let i = 0; i < 10; i++) await answer('o1', '732', 'food');
      for (let i = 0; i < 2; i++) await answer('o2', '732', 'cafe');
      for (let i = 0; i < 2; i++) await answer('o1', '732', 'health');
      for (let i = 0; i < 4; i++) await answer('o1', '320', 'food');
      const user = { id: 1, email: '', displayName: '', isEmailVerified: true, isNetworkAdmin: true, roles: [], managedFirmIds: [], sessionId: '' };
      const all = await service.getResults(database.db, user, surveyId, {}, 'en');
      const miss = all.results.find((r) => r.question.id === qMiss)!;
      assert.equal(miss.answered, 18);
      assert.equal(all.responses, 18, 'the response count kept as answers arrive matches the responses');
      // Salla (14) minus Salla residents (12) would be 2 visitors: the filtered view is withheld.
      const sallaResidents = await service.getResults(database.db, user, surveyId, { municipality: '732', group: 'o1' }, 'en');
      assert.equal(sallaResidents.results.find((r) => r.question.id === qMiss)!.shown, false);
      // By group: visitors (2) are below 3, so residents (16) cannot stand alone either.
      const byGroup = await service.getResults(database.db, user, surveyId, { by: 'group' }, 'en');
      assert.deepEqual(
        byGroup.results.find((r) => r.question.id === qMiss)!.breakdown!.rows.map((r) => [r.key, r.shown]),
        [
          ['o1', false],
          ['o2', false],
        ],
      );
      // By municipality: Kemijärvi (4) and Salla (14) are both at least 3 and differ from the whole by ≥ 3.
      const byPlace = await service.getResults(database.db, user, surveyId, { by: 'municipality' }, 'en');
      const rows = byPlace.results.find((r) => r.question.id === qMiss)!.breakdown!.rows;
      assert.deepEqual(
        rows.map((r) => [r.label, r.n]),
        [
          ['Kemijärvi', 4],
          ['Salla', 14],
        ],
      );
      // The export carries the same hidden cells, and opens in a spreadsheet library.
      const xlsx = await app.request(`/surveys/manage/${surveyId}/results.xlsx?by=group&lang=en`, { headers: admin.headers() });
      assert.equal(xlsx.status, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const sheetRows = (book.worksheets[0].getSheetValues() as unknown[][])
        .filter(Boolean)
        .map((r) => r.slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));
      const visitorRows = sheetRows.filter((r) => r[4] === 'Visitor');
      assert.ok(visitorRows.length > 0 && visitorRows.every((r) => r[1] === 'hidden' && r[2] === ''), 'the visitors are a hidden row without figures');
      const csvBytes = Buffer.from(await (await app.request(`/surveys/manage/${surveyId}/results.csv?lang=en`, { headers: coach.headers() })).arrayBuffer());
      assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM for spreadsheets');
      const csv = csvBytes.subarray(3).toString('utf8');
      assert.match(csv, /^Question,Answer,Count,Share/);
      // The group question's own answers are the groups: 2 visitors is a hidden figure there too.
      assert.match(csv, /Who are you\?,Visitor,hidden/);
      assert.doesNotMatch(csv, /,2,/);
      assert.equal((await app.request(`/surveys/manage/${surveyId}/results`, { headers: outsider.headers() })).status, 403);
      // A bakery in Salla sees what people in Salla miss in food (10 of 14; the 4 others are a group of at least k), a stranger not.
      const { firmId } = await createFirm(database.db, { name: 'Sallan Leipomo', country: 'FI', municipality_code: '732', nace_code: '10.710' });
      await createUser(database.db, { email: 'baker@salla.test', managedFirmIds: [firmId] });
      const baker = await signIn(app, 'baker@salla.test');
      const page = await (await app.request(`/surveys/firms/${firmId}?lang=en`, { headers: baker.headers() })).text();
      assert.match(page, /10 of 14 answers from Salla miss something in food and groceries/);
      assert.equal((await app.request(`/surveys/firms/${firmId}`, { headers: (await signIn(app, 'owner@leipa.test')).headers() })).status, 403);
    });

    it('counts every answer when many arrive at once (tallies are single-statement upserts)', async () => {
      const ctx = await service.openForAnswering(database.db, undefined, { token });
      const before = (
        await service.getResults(
          database.db,
          { id: 1, email: '', displayName: '', isEmailVerified: true, isNetworkAdmin: true, roles: [], managedFirmIds: [], sessionId: '' },
          surveyId,
          {},
          'en',
        )
      ).results.find((r) => r.question.id === qMiss)!.answered;
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          service.submitResponse(database.db, ctx, {
            answers: new Map<number, service.ParsedAnswer>([
              [qGroup, { choices: ['o1'] }],
              [qPlace, { choices: ['320'] }],
              [qMiss, { sector: 'food' }],
            ]),
            honeypot: '',
            started: started(),
            address: `10.1.0.${i}`,
          }),
        ),
      );
      const tally = await sql<{
        n: number;
      }>`select n::int as n from survey_tallies where question_id = ${qMiss} and value = '*' and municipality = '320' and grp = 'o1' and sector = 'food'`.execute(
        database.db,
      );
      assert.equal(tally.rows[0].n, 4 + 25);
      const after = (
        await service.getResults(
          database.db,
          { id: 1, email: '', displayName: '', isEmailVerified: true, isNetworkAdmin: true, roles: [], managedFirmIds: [], sessionId: '' },
          surveyId,
          {},
          'en',
        )
      ).results.find((r) => r.question.id === qMiss)!.answered;
      assert.equal(after, before + 25);
    });
  });
}
