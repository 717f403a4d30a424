import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { listAuditTrail } from '../audit/audit.service.js';
import { neutraliseCell } from './network.csv.js';
import { coverageOn, organisationsCovering, organisationsSharingWith } from './network.service.js';

for (const backend of await backendsUnderTest()) {
  describe(`network on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let roros: number;
    let other: number;
    let admin: SignedIn;
    let netAdmin: SignedIn;
    let coach: SignedIn;
    let adminId: number;
    let firmA: number;
    let firmB: number;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      // Rørosregionen Næringshage: Røros + Holtålen from 2020, six more from 2023.
      roros = await insertOrganisation(database.db, {
        name: 'Rørosregionen Næringshage',
        coverage: [
          { code: '5025', from: '2020-01-01' },
          { code: '5026', from: '2020-01-01' },
        ],
      });
      other = await insertOrganisation(database.db, { name: 'Trondheim Næringsforum', coverage: [{ code: '5001', from: '2020-01-01' }] });
      firmA = await insertFirm(database.db, { name: 'Røros Bakeri AS', municipality: '5025', nationalId: '911111111' });
      firmB = await insertFirm(database.db, { name: '=HYPERLINK("http://evil")', municipality: '5026', nationalId: '922222222' });
      const a = await createUser(database.db, { email: 'admin@rnh.no', roles: [{ organisationId: roros, role: 'org_admin' }] });
      adminId = a.id;
      await createUser(database.db, { email: 'coach@rnh.no', roles: [{ organisationId: roros, role: 'coach' }] });
      await createUser(database.db, { email: 'net@lokalkraft.no', isNetworkAdmin: true });
      admin = await signIn(app, 'admin@rnh.no');
      coach = await signIn(app, 'coach@rnh.no');
      netAdmin = await signIn(app, 'net@lokalkraft.no');
    });
    after(async () => database?.destroy());

    it('network admin creates an organisation; org admin cannot', async () => {
      const denied = await postForm(app, '/network/organisations', { name: 'X', type: 'funder', country: 'NO' }, admin);
      assert.equal(denied.status, 403);
      const res = await postForm(
        app,
        '/network/organisations',
        { name: 'Innovasjon Norge Trøndelag', type: 'partner_body', country: 'NO', website: 'https://innovasjonnorge.no' },
        netAdmin,
      );
      assert.equal(res.status, 303);
      const page = await app.request(res.headers.get('location')!, { headers: netAdmin.headers() });
      assert.match(await page.text(), /Innovasjon Norge Trøndelag/);
    });

    it('coverage grows from 2 to 8 municipalities and the history stays true', async () => {
      for (const code of ['5021', '5022', '5033', '5027', '5028', '5032']) {
        const res = await postForm(app, `/network/organisations/${roros}/coverage`, { municipality: code, valid_from: '2023-01-01' }, admin);
        assert.equal(res.status, 303, `add ${code}`);
      }
      // Holtålen left at the end of 2024.
      const rows = await database.db
        .selectFrom('organisation_coverage')
        .select('id')
        .where('organisation_id', '=', roros)
        .where('municipality_code', '=', '5026')
        .execute();
      const end = await postForm(app, `/network/organisations/${roros}/coverage/${rows[0].id}/end`, { valid_to: '2024-12-31' }, admin);
      assert.equal(end.status, 303);

      assert.deepEqual((await coverageOn(database.db, roros, '2019-06-01')).length, 0);
      assert.deepEqual((await coverageOn(database.db, roros, '2021-06-01')).map((c) => c.municipalityCode).sort(), ['5025', '5026']);
      assert.equal((await coverageOn(database.db, roros, '2023-06-01')).length, 8);
      const in2025 = (await coverageOn(database.db, roros, '2025-06-01')).map((c) => c.municipalityCode);
      assert.equal(in2025.length, 7);
      assert.ok(!in2025.includes('5026'));
      // Who covers Holtålen on different dates.
      assert.deepEqual(await organisationsCovering(database.db, 'NO', '5026', '2024-12-31'), [roros]);
      assert.deepEqual(await organisationsCovering(database.db, 'NO', '5026', '2025-01-01'), []);

      // An overlapping period is refused, the page names the problem.
      const dup = await postForm(app, `/network/organisations/${roros}/coverage`, { municipality: '5025', valid_from: '2024-01-01' }, admin);
      assert.equal(dup.status, 409);
      // The page shows coverage on a chosen date.
      const page = await (await app.request(`/network/organisations/${roros}/coverage?on=2021-06-01`, { headers: coach.headers() })).text();
      assert.match(page, /Holtålen/);
      // A coach sees but cannot change coverage.
      assert.equal((await postForm(app, `/network/organisations/${roros}/coverage`, { municipality: '5001', valid_from: '2023-01-01' }, coach)).status, 403);
      const trail = await listAuditTrail(database.db, { organisationId: roros });
      assert.ok(trail.some((e) => e.action === 'network.coverage.end' && e.actorUserId === adminId));
    });

    it('keeps every version of a membership and filters the member list', async () => {
      const created = await postForm(
        app,
        `/network/organisations/${roros}/members`,
        { orgnr: '911111111', tier: 'Basis', status: 'active', valid_from: '2022-01-01', fee: '1 500,50', currency: 'NOK' },
        admin,
      );
      assert.equal(created.status, 303);
      const membershipId = Number(/members\/(\d+)/.exec(created.headers.get('location')!)![1]);
      const row = await database.db.selectFrom('memberships').selectAll().where('id', '=', membershipId).executeTakeFirstOrThrow();
      assert.equal(Number(row.fee_minor), 150050);

      const changed = await postForm(
        app,
        `/network/organisations/${roros}/members/${membershipId}`,
        { tier: 'Premium', status: 'paused', valid_from: '2022-01-01', fee: '3000', currency: 'NOK' },
        admin,
      );
      assert.equal(changed.status, 303);
      const versions = await database.db.selectFrom('membership_history').selectAll().where('membership_id', '=', membershipId).orderBy('version').execute();
      assert.deepEqual(
        versions.map((v) => [v.version, v.tier, v.status, Number(v.fee_minor)]),
        [
          [1, 'Basis', 'active', 150050],
          [2, 'Premium', 'paused', 300000],
        ],
      );
      // Saving the same values again writes no new version.
      await postForm(
        app,
        `/network/organisations/${roros}/members/${membershipId}`,
        { tier: 'Premium', status: 'paused', valid_from: '2022-01-01', fee: '3000', currency: 'NOK' },
        admin,
      );
      assert.equal((await database.db.selectFrom('membership_history').select('id').where('membership_id', '=', membershipId).execute()).length, 2);

      await postForm(
        app,
        `/network/organisations/${roros}/members`,
        { orgnr: '922222222', tier: '@SUM(A1:A9)', status: 'active', valid_from: '2024-03-01' },
        admin,
      );
      // A second open membership of the same firm is refused.
      assert.equal(
        (
          await postForm(
            app,
            `/network/organisations/${roros}/members`,
            { orgnr: '911111111', tier: 'Basis', status: 'active', valid_from: '2024-01-01' },
            admin,
          )
        ).status,
        409,
      );

      const list = async (q: string) => (await app.request(`/network/organisations/${roros}/members${q}`, { headers: coach.headers() })).text();
      assert.match(await list('?status=paused'), /Røros Bakeri AS/);
      assert.doesNotMatch(await list('?status=active'), /Røros Bakeri AS/);
      assert.doesNotMatch(await list('?on=2023-01-01'), /HYPERLINK/);
      assert.match(await list('?on=2024-06-01'), /HYPERLINK/);
      assert.match(await list('?municipality=5026'), /HYPERLINK/);
      assert.doesNotMatch(await list('?municipality=5026'), /Røros Bakeri/);
      assert.match(await list('?tier=Premium'), /Røros Bakeri/);
      // Another organisation's coach sees nothing.
      await createUser(database.db, { email: 'coach@trondheim.no', roles: [{ organisationId: other, role: 'coach' }] });
      const outsider = await signIn(app, 'coach@trondheim.no');
      assert.equal((await app.request(`/network/organisations/${roros}/members`, { headers: outsider.headers() })).status, 403);
      assert.equal((await app.request(`/network/organisations/${roros}/members.csv`, { headers: outsider.headers() })).status, 403);
      // A coach may read but not change memberships.
      assert.equal(
        (await postForm(app, `/network/organisations/${roros}/members/${membershipId}`, { tier: 'X', status: 'active', valid_from: '2022-01-01' }, coach))
          .status,
        403,
      );
      const trail = await listAuditTrail(database.db, { organisationId: roros });
      assert.ok(trail.some((e) => e.action === 'network.membership.update' && e.changes.tier?.before === 'Basis' && e.changes.tier?.after === 'Premium'));
    });

    it('exports members as CSV with formula-looking cells neutralised', async () => {
      const res = await app.request(`/network/organisations/${roros}/members.csv?lang=en`, { headers: coach.headers() });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
      const text = await res.text();
      const rows = parse(text.replace(/^\ufeff/, ''), { relax_column_count: false }) as string[][];
      assert.deepEqual(rows[0].slice(0, 4), ['Firm', 'Organisation number', 'Municipality', 'Tier']);
      const evil = rows.find((r) => r[1] === '922222222')!;
      assert.equal(evil[0], `'=HYPERLINK("http://evil")`);
      assert.equal(evil[3], `'@SUM(A1:A9)`);
      const bakery = rows.find((r) => r[1] === '911111111')!;
      assert.deepEqual(bakery.slice(2), ['Røros', 'Premium', 'paused', '2022-01-01', '', '3000.00', 'NOK']);
      // Filters apply to the export too.
      const only = await (await app.request(`/network/organisations/${roros}/members.csv?status=active`, { headers: coach.headers() })).text();
      assert.ok(!only.includes('Røros Bakeri'));
      assert.equal(neutraliseCell('-2+3'), `'-2+3`);
      assert.equal(neutraliseCell('+47 123'), `'+47 123`);
      assert.equal(neutraliseCell('\tcmd'), `'\tcmd`);
      assert.equal(neutraliseCell('Bakeri'), 'Bakeri');
    });

    it('looks up sharing agreements by scope and date', async () => {
      await createUser(database.db, { email: 'admin@trondheim.no', roles: [{ organisationId: other, role: 'org_admin' }] });
      const otherAdmin = await signIn(app, 'admin@trondheim.no');
      const res = await postForm(
        app,
        `/network/organisations/${other}/sharing`,
        { to_organisation_id: String(roros), scope: 'coaching_cases', valid_from: '2024-01-01', valid_to: '2024-12-31', note: '<b>Region 10</b>' },
        otherAdmin,
      );
      assert.equal(res.status, 303);
      assert.deepEqual(await organisationsSharingWith(database.db, roros, 'coaching_cases', '2024-06-01'), [other]);
      assert.deepEqual(await organisationsSharingWith(database.db, roros, 'coaching_cases', '2025-01-01'), []);
      assert.deepEqual(await organisationsSharingWith(database.db, roros, 'events', '2024-06-01'), []);
      assert.deepEqual(await organisationsSharingWith(database.db, other, 'coaching_cases', '2024-06-01'), [], 'the agreement has a direction');
      // The receiving org admin cannot make agreements in the other's name.
      assert.equal(
        (
          await postForm(
            app,
            `/network/organisations/${other}/sharing`,
            { to_organisation_id: String(roros), scope: 'events', valid_from: '2024-01-01' },
            admin,
          )
        ).status,
        403,
      );
      // Both sides see it; the note is text, not markup.
      const page = await (await app.request(`/network/organisations/${roros}/sharing`, { headers: coach.headers() })).text();
      assert.match(page, /&lt;b&gt;Region 10&lt;\/b&gt;/);
      assert.ok(!page.includes('<b>Region 10</b>'));
    });

    it('lets org admins manage staff, keeping at least one admin', async () => {
      // Someone with an account is invited too, and holds the role only after accepting.
      const add = await postForm(app, `/network/organisations/${roros}/staff`, { email: 'coach@trondheim.no', role: 'editor' }, admin);
      assert.equal(add.status, 200);
      assert.ok(!(await database.db.selectFrom('staff_roles').select('role').where('organisation_id', '=', roros).execute()).some((r) => r.role === 'editor'));
      const invitation = await database.db
        .selectFrom('mail_outbox')
        .select('text_body')
        .where('to_address', '=', 'coach@trondheim.no')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const link = /\/invitations\/[A-Za-z0-9_-]+/.exec(invitation.text_body)![0];
      const invitee = await signIn(app, 'coach@trondheim.no');
      assert.equal((await app.request(link, { method: 'POST', headers: invitee.headers() })).status, 303);
      const roles = await database.db.selectFrom('staff_roles').select(['user_id', 'role']).where('organisation_id', '=', roros).execute();
      assert.ok(roles.some((r) => r.role === 'editor'));
      const invite = await postForm(app, `/network/organisations/${roros}/staff`, { email: 'new.person@roros.no', role: 'coach' }, admin);
      assert.equal(invite.status, 200);
      assert.match(await invite.text(), /new\.person@roros\.no/);
      const mail = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'new.person@roros.no').execute();
      assert.equal(mail.length, 1);
      // The last admin cannot demote or remove themselves.
      const demote = await postForm(app, `/network/organisations/${roros}/staff/${adminId}/role`, { role: 'coach' }, admin);
      assert.equal(demote.status, 409);
      assert.equal((await postForm(app, `/network/organisations/${roros}/staff/${adminId}/remove`, {}, admin)).status, 409);
      // A coach cannot add staff.
      assert.equal((await postForm(app, `/network/organisations/${roros}/staff`, { email: 'x@y.no', role: 'org_admin' }, coach)).status, 403);
      const trail = await listAuditTrail(database.db, { organisationId: roros });
      assert.ok(trail.some((e) => e.action === 'network.staff.invite'));
    });

    it("shows the audit trail to org admins only, without other organisations' entries", async () => {
      const res = await app.request(`/network/organisations/${roros}/audit`, { headers: admin.headers() });
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /network\.membership\.update/);
      assert.doesNotMatch(html, /network\.sharing\.create/, 'the sharing agreement was made by the other organisation');
      assert.equal((await app.request(`/network/organisations/${roros}/audit`, { headers: coach.headers() })).status, 403);
      void firmA;
      void firmB;
    });

    it("shows stored XSS in the network's text fields as text", async () => {
      const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const orgRes = await postForm(app, '/network/organisations', { name: xss, type: 'funder', country: 'NO', phone: '+47 1234' }, netAdmin);
      const orgId = Number(/organisations\/(\d+)/.exec(orgRes.headers.get('location')!)![1]);
      await postForm(app, `/network/organisations/${orgId}/members`, { orgnr: '911111111', tier: xss, status: 'active', valid_from: '2024-01-01' }, netAdmin);
      await postForm(
        app,
        `/network/organisations/${orgId}/sharing`,
        { to_organisation_id: String(roros), scope: 'events', valid_from: '2024-01-01', note: xss },
        netAdmin,
      );
      const pages = [
        '/network',
        `/network/organisations/${orgId}`,
        `/network/organisations/${orgId}/members`,
        `/network/organisations/${orgId}/members.csv`,
        `/network/organisations/${orgId}/sharing`,
        `/network/organisations/${orgId}/audit`,
        `/network/organisations/${roros}/sharing`,
      ];
      for (const path of pages) {
        const res = await app.request(path, { headers: netAdmin.headers() });
        assert.equal(res.status, 200, path);
        const body = await res.text();
        if (path.endsWith('.csv')) continue;
        assert.ok(!body.includes('<script>alert(1)'), `${path} has a raw script tag`);
        assert.ok(!body.includes('<img src=x'), `${path} has a raw img tag`);
        assert.match(body, /&lt;script&gt;alert\(1\)/, path);
      }
    });

    it('keeps SQL meta-characters harmless in forms and filters', async () => {
      const evil = `x'); drop table organisations; --`;
      const res = await postForm(app, `/network/organisations/${roros}/edit`, { name: evil, type: 'business_garden', country: 'NO' }, admin);
      assert.equal(res.status, 303);
      const list = await app.request(`/network/organisations/${roros}/members?tier=${encodeURIComponent("' or '1'='1")}`, { headers: admin.headers() });
      assert.equal(list.status, 200);
      assert.match(await list.text(), /No members match/);
      const org = await database.db.selectFrom('organisations').select('name').where('id', '=', roros).executeTakeFirstOrThrow();
      assert.equal(org.name, evil);
      const bad = await app.request(`/network/organisations/${roros}/members?municipality=${encodeURIComponent("5025' or 1=1--")}`, {
        headers: admin.headers(),
      });
      assert.equal(bad.status, 400);
    });

    it('names a bad field by its label with a localised problem, in English and Norwegian', async () => {
      const form = { orgnr: '911111111', tier: '', status: 'active', valid_from: '2024-05-01', fee: 'tusen', currency: 'NOK' };
      const en = await postForm(app, `/network/organisations/${roros}/members?lang=en`, form, admin);
      assert.equal(en.status, 400);
      const enHtml = await en.text();
      assert.match(enHtml, /href="#f-fee">Fee<\/a>: must be an amount like 1500 \/ 1500,50/);
      assert.match(enHtml, /href="#f-tier">Tier<\/a>: is required/);
      assert.match(
        enHtml,
        /<input id="f-fee" name="fee" type="text" value="" aria-invalid="true" aria-describedby="f-fee-hint f-fee-error"\/><span class="field-error" id="f-fee-error">must be an amount/,
        'the field itself says what is wrong',
      );
      const nbHtml = await (await postForm(app, `/network/organisations/${roros}/members?lang=nb`, form, admin)).text();
      assert.match(nbHtml, /href="#f-fee">Kontingent<\/a>: må være et beløp som 1500 \/ 1500,50/);
      assert.match(nbHtml, /href="#f-tier">Nivå<\/a>: må fylles ut/);
      const summary = nbHtml.slice(nbHtml.indexOf('class="error-summary"'), nbHtml.indexOf('</div>', nbHtml.indexOf('class="error-summary"')));
      assert.doesNotMatch(summary.replace(/<[^>]+>/g, ''), /\b(fee|tier)\b|must /, 'no raw field names or English in the Norwegian summary');
      // The last admin cannot step down: said in the reader's language, beside the role field.
      const fi = await postForm(app, `/network/organisations/${roros}/staff/${adminId}/role?lang=fi`, { role: 'coach' }, admin);
      assert.equal(fi.status, 409);
      assert.match(await fi.text(), /Rooli<\/a>: viimeiseltä ylläpitäjältä ei voi poistaa roolia/);
    });

    it("shows fees as money and member counts with plural rules in the reader's language", async () => {
      const orgId = await insertOrganisation(database.db, { name: 'Fjellnett', coverage: [{ code: '5025', from: '2020-01-01' }] });
      const created = await postForm(
        app,
        `/network/organisations/${orgId}/members`,
        { orgnr: '911111111', tier: 'Basis', status: 'active', valid_from: '2024-01-01', fee: '1500', currency: 'NOK' },
        netAdmin,
      );
      assert.equal(created.status, 303);
      const page = async (path: string, lang: string) =>
        (await app.request(`/network/organisations/${orgId}${path}?lang=${lang}`, { headers: netAdmin.headers() })).text();
      const nbs = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
      assert.match(nbs(await page('/members', 'nb')), /1 500,00 kr/);
      assert.match(nbs(await page('/members', 'en')), /NOK 1,500\.00/);
      assert.match(await page('/members', 'en'), /1 membership ·/);
      assert.match(await page('', 'en'), /<dd>1 membership<\/dd>/);
      assert.match(await page('', 'fi'), /<dd>1 jäsenyys<\/dd>/);
      // The audit trail shows each change in Oslo time, with the zone named, not in UTC.
      const audit = await (await app.request(`/network/organisations/${roros}/audit?lang=nb`, { headers: admin.headers() })).text();
      const [, at, shown] = /<time datetime="([^"]+)">([^<]+)<\/time>/.exec(audit)!;
      const oslo = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo', hourCycle: 'h23' }).format(new Date(at));
      assert.ok(shown.includes(oslo), `${shown} shows ${oslo}, the Oslo time of ${at}`);
      assert.match(shown, /CES?T/);
      assert.doesNotMatch(audit, /\d UTC</);
      // Rørosregionen has two memberships by now.
      const roros2 = async (lang: string) =>
        (await app.request(`/network/organisations/${roros}/members?lang=${lang}`, { headers: netAdmin.headers() })).text();
      assert.match(await roros2('en'), /2 memberships ·/);
      assert.match(await roros2('fi'), /2 jäsenyyttä ·/);
    });
  });
}
