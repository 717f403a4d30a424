import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { insertMatrixTender } from '../../../test/support/procurement-fixtures.js';
import {
  addMeeting,
  insertBiddingGroup,
  insertCase,
  insertCollectedReservation,
  insertCompletion,
  insertEvent,
  insertOutcome,
} from '../../../test/support/reporting-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { exportPersonalData } from '../accounts/accounts.privacy.js';
import { ensureDemoMembership } from '../network/network.demo.js';
import { templates, type Template } from './reporting.catalogue.js';
import { computeReport, dataVersion, sizeClassOf } from './reporting.compute.js';
import { sourcesFor } from './reporting.service.js';

/**
 * Funder reports from what the modules record: a firm counted once across coaching, events and
 * courses; size at the time of support; period edges at the organisation's local midnight; the
 * drill-down's access and its log; exports opened back; a frozen report rerun after a correction.
 */
const H2 = 'from=2026-07-01&to=2026-12-31';
const H1 = 'from=2026-01-01&to=2026-06-30';

for (const backend of await backendsUnderTest()) {
  describe(`reporting on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let admin: SignedIn;
    let coach: SignedIn;
    let editor: SignedIn;
    let outsider: SignedIn;
    let netAdmin: SignedIn;
    let orgA: number;
    let orgB: number;
    const firm: Record<string, number> = {};
    let betaCase: number;
    let otherEvent: number;

    const get = (path: string, as?: SignedIn) => app.request(path, { headers: as ? as.headers() : {} });
    const html = async (path: string, as: SignedIn) => {
      const res = await get(path, as);
      assert.equal(res.status, 200, `${path}: ${res.status}`);
      return res.text();
    };
    /** The value cell of an indicator's row in the figures table. */
    const figure = (page: string, code: string) => {
      const row = new RegExp(`<th scope="row">${code}</th>[\\s\\S]*?<td class="num">([^<]*)</td>`).exec(page);
      return row?.[1]?.replace(/\s| /g, '');
    };

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      const db = database.db;
      orgA = await insertOrganisation(db, { name: 'Region Tio', country: 'SE', type: 'inter_municipal_project' });
      orgB = await insertOrganisation(db, { name: 'Grannkommun', country: 'SE' });
      await createUser(db, { email: 'admin@tio.test', roles: [{ organisationId: orgA, role: 'org_admin' }] });
      const coachUser = await createUser(db, { email: 'coach@tio.test', roles: [{ organisationId: orgA, role: 'coach' }] });
      await createUser(db, { email: 'editor@tio.test', roles: [{ organisationId: orgA, role: 'editor' }] });
      await createUser(db, { email: 'admin@granne.test', roles: [{ organisationId: orgB, role: 'org_admin' }] });
      await createUser(db, { email: 'net@lk.test', isNetworkAdmin: true });
      [admin, coach, editor, outsider, netAdmin] = await Promise.all(
        ['admin@tio.test', 'coach@tio.test', 'editor@tio.test', 'admin@granne.test', 'net@lk.test'].map((e) => signIn(app, e)),
      );
      for (const [key, nationalId] of [
        ['Alfa', '5560000001'],
        ['Beta', '5560000002'],
        ['Gamma', '5560000003'],
        ['Delta', '5560000004'],
        ['Epsilon', '5560000005'],
        ['Zeta', '5560000006'],
      ])
        firm[key] = await insertFirm(db, { name: `${key} AB`, country: 'SE', municipality: '2422', nationalId });
      await db.updateTable('firms').set({ employees: null }).where('id', '=', firm.Epsilon).execute();
      await db.updateTable('firms').set({ registered_on: '2025-05-01' }).where('id', '=', firm.Gamma).execute();

      // Alfa: two meetings, a workshop and a course in the second half-year — one firm.
      await insertCase(db, orgA, firm.Alfa, [{ at: '2026-08-10T08:00:00Z' }, { at: '2026-09-01T08:00:00Z' }]);
      await insertEvent(db, orgA, '2026-09-15T08:00:00Z', [{ firmId: firm.Alfa, gender: 'kvinna' }]);
      await insertCompletion(db, orgA, coachUser.id, firm.Alfa, '2026-10-01T10:00:00Z');
      // Beta: one short phone call is not support; its jobs outcome has no evidence.
      betaCase = await insertCase(db, orgA, firm.Beta, [{ at: '2026-08-20T08:00:00Z', minutes: 30 }]);
      await insertOutcome(db, { orgId: orgA, firmId: firm.Beta, kind: 'jobs_created', on: '2026-09-01', quantity: 3, caseId: betaCase });
      // Gamma: a workshop at 00:15 on 1 July in Stockholm (still 30 June in UTC) — the second half-year.
      await insertEvent(db, orgA, '2026-06-30T22:15:00Z', [{ firmId: firm.Gamma }]);
      // Delta: two meetings, the last at 23:30 on 30 June in Stockholm (21:30 UTC) — the first half-year.
      await insertCase(db, orgA, firm.Delta, [{ at: '2026-06-15T08:00:00Z' }, { at: '2026-06-30T21:30:00Z' }]);
      // Epsilon: one long visit (support by time), no size anywhere.
      await insertCase(db, orgA, firm.Epsilon, [{ at: '2026-11-30T23:30:00Z', minutes: 150 }]);
      // Zeta: a workshop of the neighbouring municipality (tagged to the project below).
      otherEvent = await insertEvent(db, orgB, '2026-10-05T08:00:00Z', [{ firmId: firm.Zeta, gender: 'man' }]);
    });
    after(async () => database?.destroy());

    it('counts each firm once across coaching, events and courses, by its size at the time of support', async () => {
      // Alfa was micro (8) when the support began and grew to 60 in October.
      assert.equal(
        (await postForm(app, '/reports/firm-facts', { country: 'SE', national_id: '556000-0001', observed_on: '2026-01-01', employees: '8' }, coach)).status,
        303,
      );
      assert.equal(
        (await postForm(app, '/reports/firm-facts', { country: 'SE', national_id: '5560000001', observed_on: '2026-10-01', employees: '60' }, coach)).status,
        303,
      );
      const page = await html(`/reports/r/org-${orgA}/erdf?${H2}&lang=en`, coach);
      assert.equal(figure(page, 'RCO01'), '3', 'Alfa, Gamma, Epsilon — each once');
      assert.match(page, /micro: <a[^>]*>2<\/a>/, 'Alfa (8 then) and Gamma (register: 4) are micro');
      assert.match(page, /medium: 0/);
      assert.match(page, /unknown: <a[^>]*>1<\/a>/);
      assert.equal(figure(page, 'RCO04'), '3');
      assert.equal(figure(page, 'RCO05'), '1', 'Gamma registered in 2025');
      assert.equal(figure(page, 'RCR01'), '3', "Beta's three jobs");
      assert.match(page, /Outcomes without evidence: 1<span class="hint"> \(Beta AB\)/);
      assert.match(page, /Firms without a size: 1<span class="hint"> \(Epsilon AB\)/);
      assert.match(page, /Size from today&#39;s register, not from when the support began: 1<span class="hint"> \(Gamma AB\)/);
      assert.match(page, /3 firms counted once, from \d+ recorded activities/);
      assert.match(page, /<svg[^>]*role="img"/);
    });

    it("puts the period's edges at the organisation's local midnight", async () => {
      const h1 = await html(`/reports/r/org-${orgA}/erdf?${H1}&lang=en`, coach);
      assert.equal(figure(h1, 'RCO01'), '1', 'Delta (its 23:30 meeting on 30 June) and not Gamma (00:15 on 1 July)');
      const drill = await html(`/reports/r/org-${orgA}/erdf/firms?${H1}&indicator=RCO01&purpose=verify&lang=en`, coach);
      assert.match(drill, /Delta AB/);
      assert.doesNotMatch(drill, /Gamma AB/);
      const plain = await html(`/reports/r/org-${orgA}/plain?${H2}&lang=en`, coach);
      assert.equal(figure(plain, 'A1'), '2', 'two workshops held in the second half-year');
      assert.match(plain, /women: 1/);
    });

    it('counts click-and-collect pickups at the storefront once per shop firm, with their value', async () => {
      await insertCollectedReservation(database.db, orgA, firm.Alfa, '2026-08-05T10:00:00Z', 34_900);
      await insertCollectedReservation(database.db, orgA, firm.Alfa, '2026-09-05T10:00:00Z', 10_000);
      await insertCollectedReservation(database.db, orgB, firm.Zeta, '2026-09-05T10:00:00Z', 99_900);
      const plain = await html(`/reports/r/org-${orgA}/plain?${H2}&lang=en`, coach);
      assert.equal(figure(plain, 'D2'), '1', "Alfa's shop, once for two pickups; not the neighbour's shop");
      assert.match(figure(plain, 'D3') ?? '', /^(SEK)?449\.00(SEK)?$/, 'the two pickups: 349 + 100');
      const h1 = await html(`/reports/r/org-${orgA}/plain?${H1}&lang=en`, coach);
      assert.equal(figure(h1, 'D2'), '0', 'nothing collected in the first half-year');
    });

    it('shows the firms behind a figure only to the lead organisation’s admins and coaches, and logs each read', async () => {
      const reads = async () => (await sql<{ n: number }>`select count(*)::int as n from reporting_drilldown_reads`.execute(database.db)).rows[0].n;
      const before = await reads();
      // First the purpose is asked: no firm named, nothing logged.
      const ask = await html(`/reports/r/org-${orgA}/erdf/firms?${H2}&indicator=RCO01&lang=en`, coach);
      assert.match(ask, /name="purpose" value="audit"/);
      assert.doesNotMatch(ask, /Alfa AB/);
      assert.equal(await reads(), before);
      assert.equal((await get(`/reports/r/org-${orgA}/erdf/firms?${H2}&indicator=RCO01`, editor)).status, 403, 'the question is refused too');
      const path = `/reports/r/org-${orgA}/erdf/firms?${H2}&indicator=RCO01&purpose=audit&lang=en`;
      const list = await html(path, coach);
      for (const name of ['Alfa AB', 'Gamma AB', 'Epsilon AB']) assert.match(list, new RegExp(name));
      assert.doesNotMatch(list, /Beta AB/, 'one phone call is not support');
      assert.match(list, /recorded figure/);
      assert.equal(await reads(), before + 1);
      const row = await sql<{ purpose: string; indicator: string }>`select purpose, indicator from reporting_drilldown_reads order by id desc limit 1`.execute(
        database.db,
      );
      assert.deepEqual(row.rows[0], { purpose: 'audit', indicator: 'RCO01' });
      const coachId = Number((await sql<{ id: number }>`select id from users where email = 'coach@tio.test'`.execute(database.db)).rows[0].id);
      const exported = (await exportPersonalData(database.db, coachId)) as Record<string, unknown>;
      assert.ok(JSON.stringify(exported).includes('"purpose":"audit"'), "the reads are in the reader's own data export");
      for (const who of [editor, outsider, netAdmin]) assert.equal((await get(path, who)).status, 403);
      assert.equal((await get(path)).status, 302, 'anonymous: to the sign-in page');
      assert.equal(await reads(), before + 1, 'refused reads are not logged as reads');
      // The figures themselves: any staff of the organisation, without links to firms for the editor.
      const figures = await html(`/reports/r/org-${orgA}/erdf?${H2}&lang=en`, editor);
      assert.doesNotMatch(figures, /erdf\/firms\?/);
      assert.equal((await get(`/reports/r/org-${orgA}/erdf?${H2}`, outsider)).status, 403);
      assert.equal((await get(`/reports/r/org-${orgA}/nosuch?${H2}`, coach)).status, 404);
      const bad = await get(`/reports/r/org-${orgA}/erdf?from=2026-12-31&to=2026-01-01&lang=en`, coach);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /The end is before the start/);
    });

    it("exports in the funder's layout, read back with exceljs and csv-parse", async () => {
      const csvRes = await get(`/reports/r/org-${orgA}/erdf/report.csv?${H2}&lang=sv`, coach);
      assert.equal(csvRes.status, 200);
      const rows = parse(await csvRes.text(), { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
      assert.equal(rows[0][0], 'European Regional Development Fund (ERDF/Interreg)', 'ERDF reports in English');
      assert.deepEqual(rows[5], ['Code', 'Indicator', 'Breakdown', 'Value', 'Unit']);
      assert.deepEqual(
        rows.find((r) => r[0] === 'RCO01' && r[2] === ''),
        ['RCO01', 'Enterprises supported', '', '3', 'firms'],
      );
      assert.equal(rows.find((r) => r[0] === 'RCO01' && r[2] === 'micro')?.[3], '2');
      assert.equal(rows.find((r) => r[0] === 'RCR01')?.[3], '3');

      const xlsxRes = await get(`/reports/r/org-${orgA}/erdf/report.xlsx?${H2}`, coach);
      assert.equal(xlsxRes.status, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await xlsxRes.arrayBuffer());
      const sheet = book.getWorksheet('ERDF')!;
      const values: unknown[][] = [];
      sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
      assert.deepEqual(
        values.find((r) => r[0] === 'RCO01' && r[2] === ''),
        ['RCO01', 'Enterprises supported', '', 3, 'firms'],
      );
      assert.equal(values.find((r) => r[0] === 'RCO05')?.[3], 1);
    });

    it('freezes a report with its data version and shows the differences after a correction', async () => {
      const frozen = await postForm(app, `/reports/r/org-${orgA}/erdf/freeze?${H2}`, {}, admin);
      assert.equal(frozen.status, 303);
      const at = frozen.headers.get('location')!.split('?')[0];
      const same = await html(`${at}?lang=en`, coach);
      assert.match(same, /No differences: the data are the same/);
      assert.equal((await postForm(app, `/reports/r/org-${orgA}/erdf/freeze?${H2}`, {}, coach)).status, 403, 'coaches do not freeze');
      // The correction: Beta's coach records the second meeting that took place.
      await addMeeting(database.db, betaCase, '2026-09-10T08:00:00Z');
      const changed = await html(`${at}?lang=en`, coach);
      assert.equal(figure(changed, 'RCO01'), '3', 'the frozen figure stays');
      assert.match(changed, /Differences since the report was frozen/);
      assert.match(
        changed,
        /<th scope="row">RCO01<\/th>\s*<td class="num">3<\/td>\s*<td class="num">4<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>/,
      );
      const versions = await sql<{ data_version: string }>`select data_version from reporting_frozen_reports`.execute(database.db);
      assert.equal(versions.rows.length, 1);
      assert.match(versions.rows[0].data_version, /^[0-9a-f]{16}$/);
    });

    it('reports a project: its organisations, its period, its funders and the activities tagged to it', async () => {
      const bad = await postForm(
        app,
        '/reports/projects?lang=en',
        { name: 'NiMR', organisation: String(orgA), starts_on: '2026-01-01', ends_on: '2027-12-31', funders: 'erdf;EU;100000;SEK\nnosuch;X;1;SEK' },
        admin,
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Line 2: write template;name;amount;currency/);
      const nowhere = await postForm(
        app,
        '/reports/projects?lang=en',
        { name: 'X', organisation: '999999', starts_on: '2026-01-01', ends_on: '2026-12-31', funders: 'erdf;EU;1;SEK' },
        netAdmin,
      );
      assert.equal(nowhere.status, 400);
      assert.match(await nowhere.text(), /Unknown organisation/);
      assert.equal(
        (
          await postForm(
            app,
            '/reports/projects',
            { name: 'X', organisation: String(orgB), starts_on: '2026-01-01', ends_on: '2026-12-31', funders: 'erdf;EU;1;SEK' },
            admin,
          )
        ).status,
        403,
        'an admin of A does not lead a project for B',
      );
      const created = await postForm(
        app,
        '/reports/projects?lang=en',
        {
          name: 'NiMR',
          organisation: String(orgA),
          starts_on: '2026-01-01',
          ends_on: '2027-12-31',
          funders: 'erdf;EU regional fund;1 500 000;SEK\nplain;Region;200000;SEK',
        },
        admin,
      );
      assert.equal(created.status, 303);
      const projectPath = created.headers.get('location')!.split('?')[0];
      const projectId = Number(projectPath.split('/').pop());
      assert.equal((await postForm(app, `${projectPath}/tags`, { kind: 'event', ref: String(otherEvent) }, outsider)).status, 403);
      const missing = await postForm(app, `${projectPath}/tags?lang=en`, { kind: 'event', ref: '999999' }, coach);
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /No such activity/);
      assert.equal((await postForm(app, `${projectPath}/tags`, { kind: 'event', ref: String(otherEvent) }, coach)).status, 303);
      const page = await html(`${projectPath}?lang=en`, coach);
      assert.match(page, /EU regional fund/);
      assert.match(page, /Workshop/);
      const report = await html(`/reports/r/project-${projectId}/erdf?${H2}&lang=en`, coach);
      assert.equal(figure(report, 'RCO01'), '5', "org A's four (Beta since the correction) and Zeta through the tagged event");
      const home = await html('/reports?lang=en', admin);
      assert.match(home, /NiMR/);
      assert.match(home, /\/reports\/frozen\/\d+/);
    });

    it('keeps one record per firm and day when corrections and tags arrive at the same time', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          postForm(app, '/reports/firm-facts', { country: 'SE', national_id: '5560000006', observed_on: '2026-03-01', employees: String(10 + i) }, coach),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        Array(8).fill(303),
      );
      const rows = await sql<{
        employees: number;
      }>`select employees from reporting_firm_facts where firm_id = ${firm.Zeta} and observed_on = '2026-03-01'`.execute(database.db);
      assert.equal(rows.rows.length, 1, 'a correction replaces, never duplicates');
      assert.ok(rows.rows[0].employees >= 10 && rows.rows[0].employees < 18);
      const project = Number((await sql<{ id: number }>`select id from reporting_projects order by id desc limit 1`.execute(database.db)).rows[0].id);
      const tags = await Promise.all(
        Array.from({ length: 6 }, () => postForm(app, `/reports/projects/${project}/tags`, { kind: 'case', ref: String(betaCase) }, coach)),
      );
      assert.ok(tags.every((r) => r.status === 303));
      const tagged = await sql<{ n: number }>`select count(*)::int as n from reporting_project_activities where kind = 'case' and ref_id = ${betaCase}`.execute(
        database.db,
      );
      assert.equal(tagged.rows[0].n, 1);
    });

    it('refuses bad firm facts with a message naming the field, and changes nothing', async () => {
      const count = async () => (await sql<{ n: number }>`select count(*)::int as n from reporting_firm_facts`.execute(database.db)).rows[0].n;
      const before = await count();
      const r1 = await postForm(
        app,
        '/reports/firm-facts?lang=en',
        { country: 'SE', national_id: '5560000002', observed_on: '2026-01-01', employees: 'many' },
        coach,
      );
      assert.equal(r1.status, 400);
      assert.match(await r1.text(), /Employees/);
      const r2 = await postForm(
        app,
        '/reports/firm-facts?lang=en',
        { country: 'SE', national_id: '5569999999', observed_on: '2026-01-01', employees: '3' },
        coach,
      );
      assert.equal(r2.status, 400);
      assert.match(await r2.text(), /No firm with this number/);
      const r3 = await postForm(
        app,
        '/reports/firm-facts?lang=en',
        { country: 'SE', national_id: '5560000002', observed_on: '2026-01-01', leaders: '2', women_leaders: '3' },
        coach,
      );
      assert.equal(r3.status, 400);
      assert.match(await r3.text(), /More women than leaders/);
      assert.equal(await count(), before);
      assert.equal(
        (await postForm(app, '/reports/firm-facts', { country: 'SE', national_id: '5560000002', observed_on: '2026-01-01', employees: '3' }, editor)).status,
        403,
      );
    });

    it("records operating result and wage costs, and computes Siva's value-creation growth of the members", async () => {
      const facts = (f: Record<string, string>) => postForm(app, '/reports/firm-facts?lang=en', { country: 'SE', currency: 'SEK', ...f }, coach);
      // Refused, naming the field, and nothing written.
      const count = async () => (await sql<{ n: number }>`select count(*)::int as n from reporting_firm_facts`.execute(database.db)).rows[0].n;
      const before = await count();
      const negativeWages = await facts({ national_id: '5560000001', observed_on: '2025-12-31', wage_costs: '-5' });
      assert.equal(negativeWages.status, 400);
      assert.match(await negativeWages.text(), /Wage costs[\s\S]*Write the wage costs as an amount/);
      const noCurrency = await postForm(
        app,
        '/reports/firm-facts?lang=en',
        { country: 'SE', national_id: '5560000001', observed_on: '2025-12-31', operating_result: '100 000' },
        coach,
      );
      assert.equal(noCurrency.status, 400);
      assert.match(await noCurrency.text(), /Give the currency of the amounts/);
      const badResult = await facts({ national_id: '5560000001', observed_on: '2025-12-31', operating_result: '1-00' });
      assert.equal(badResult.status, 400);
      assert.match(await badResult.text(), /Operating result/);
      assert.equal(await count(), before);
      // Alfa: 100 000 + 400 000 at the start, a loss of 50 000 + 650 000 at the end (the period's last day): 500 000 → 600 000.
      assert.equal((await facts({ national_id: '5560000001', observed_on: '2025-12-31', operating_result: '100 000', wage_costs: '400 000' })).status, 303);
      assert.equal((await facts({ national_id: '5560000001', observed_on: '2026-12-31', operating_result: '−50 000', wage_costs: '650 000' })).status, 303);
      // Beta: only a start figure; Gamma: an end figure the day after the period.
      assert.equal((await facts({ national_id: '5560000002', observed_on: '2026-01-01', operating_result: '10 000', wage_costs: '90 000' })).status, 303);
      assert.equal((await facts({ national_id: '5560000003', observed_on: '2026-06-30', operating_result: '10 000', wage_costs: '90 000' })).status, 303);
      assert.equal((await facts({ national_id: '5560000003', observed_on: '2027-01-01', operating_result: '90 000', wage_costs: '90 000' })).status, 303);
      const stored = await sql<{ o: string; w: string; c: string }>`select operating_result_minor::text as o, wage_costs_minor::text as w, currency as c
        from reporting_firm_facts where firm_id = ${firm.Alfa} and observed_on = '2026-12-31'`.execute(database.db);
      assert.deepEqual(stored.rows[0], { o: '-5000000', w: '65000000', c: 'SEK' });
      const form = await html('/reports/firm-facts?lang=en', coach);
      assert.match(form, /name="operating_result"/);
      assert.match(form, /name="wage_costs"/);
      // Alfa a member of both organisations (one firm), Beta and Gamma of A.
      for (const [org, f] of [
        [orgA, firm.Alfa],
        [orgB, firm.Alfa],
        [orgA, firm.Beta],
        [orgA, firm.Gamma],
      ])
        await ensureDemoMembership(database.db, org, f, 'Test');
      const siva = await html(`/reports/r/org-${orgA}/siva?${H2}&lang=en`, coach);
      assert.equal(figure(siva, 'NH-6'), '20%', '(600 000 − 500 000) / 500 000');
      assert.match(siva, /Members without operating result and wage costs at both ends: 2<span class="hint"> \((Beta AB, Gamma AB|Gamma AB, Beta AB)\)/);
      const rows = parse(await (await get(`/reports/r/org-${orgA}/siva/report.csv?${H2}`, coach)).text(), {
        delimiter: ';',
        bom: true,
        relax_column_count: true,
      }) as string[][];
      assert.deepEqual(
        rows.find((r) => r[0] === 'NH-6'),
        ['NH-6', 'Vekst i verdiskaping', '', '20', 'percent'],
        'Siva in Norwegian',
      );
      const drill = await html(`/reports/r/org-${orgA}/siva/firms?${H2}&indicator=SIVA-V&purpose=verify&lang=en`, coach);
      assert.match(drill, /Alfa AB/);
      assert.doesNotMatch(drill, /Beta AB/);
    });

    it('counts bidding groups the organisation’s coach was invited to: member firms once, groups that submitted, groups that won', async () => {
      const coachId = Number((await sql<{ id: number }>`select id from users where email = 'coach@tio.test'`.execute(database.db)).rows[0].id);
      const neighbourId = Number((await sql<{ id: number }>`select id from users where email = 'admin@granne.test'`.execute(database.db)).rows[0].id);
      // A notice, and its group led by Epsilon without a coach: not the organisation's.
      const { noticeId } = await insertMatrixTender(database.db, firm.Epsilon, coachId);
      const group = (g: Omit<Parameters<typeof insertBiddingGroup>[1], 'noticeId' | 'createdBy'>) =>
        insertBiddingGroup(database.db, { noticeId, createdBy: coachId, ...g });
      // Formed at 00:30 on 1 July in Stockholm (30 June in UTC): the second half-year. Gamma never accepted.
      await group({
        coachUserId: coachId,
        members: [
          { firmId: firm.Alfa, state: 'accepted' },
          { firmId: firm.Beta, state: 'accepted' },
          { firmId: firm.Gamma, state: 'invited' },
        ],
        status: 'submitted',
        createdAt: '2026-06-30T22:30:00Z',
      });
      // Won, but recorded at 23:30 on 31 December UTC = 1 January in Stockholm: formed in H2, won in the next year.
      await group({
        coachUserId: coachId,
        members: [
          { firmId: firm.Alfa, state: 'accepted' },
          { firmId: firm.Delta, state: 'accepted' },
        ],
        status: 'won',
        createdAt: '2026-08-01T08:00:00Z',
        outcomeAt: '2026-12-31T23:30:00Z',
        valueMinor: 100_000_00,
      });
      // Formed in the first half-year, won in the second.
      await group({
        coachUserId: coachId,
        members: [{ firmId: firm.Beta, state: 'accepted' }],
        status: 'won',
        createdAt: '2026-03-01T08:00:00Z',
        outcomeAt: '2026-09-01T08:00:00Z',
        valueMinor: 50_000_00,
      });
      // The neighbour's coach: not counted for A.
      await group({ coachUserId: neighbourId, members: [{ firmId: firm.Zeta, state: 'accepted' }], status: 'won', createdAt: '2026-08-01T08:00:00Z' });
      const plain = await html(`/reports/r/org-${orgA}/plain?${H2}&lang=en`, coach);
      assert.equal(figure(plain, 'G1'), '3', 'Alfa (in two groups, once), Beta, Delta — not the invited Gamma, not Epsilon or Zeta');
      assert.equal(figure(plain, 'G2'), '2', 'the submitted group and the won one formed in H2');
      assert.equal(figure(plain, 'G3'), '1', 'won in H2: the group formed in H1');
      const h1 = await html(`/reports/r/org-${orgA}/plain?${H1}&lang=en`, coach);
      assert.equal(figure(h1, 'G1'), '1', 'Beta’s group formed in March');
      assert.equal(figure(h1, 'G3'), '0');
      const won = `/reports/r/org-${orgA}/plain/firms?${H2}&indicator=PG-WON&purpose=verify&lang=en`;
      const list = await html(won, coach);
      assert.match(list, /Beta AB/);
      assert.doesNotMatch(list, /Alfa AB|Delta AB/);
      for (const who of [editor, outsider, netAdmin]) assert.equal((await get(won, who)).status, 403);
      const members = await html(`/reports/r/org-${orgA}/plain/firms?${H2}&indicator=PG-FIRMS&purpose=verify&lang=en`, coach);
      for (const name of ['Alfa AB', 'Beta AB', 'Delta AB']) assert.match(members, new RegExp(name));
      assert.doesNotMatch(members, /Gamma AB|Epsilon AB|Zeta AB/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await (await get(`/reports/r/org-${orgA}/plain/report.xlsx?${H2}`, coach)).arrayBuffer());
      const values: unknown[][] = [];
      book.getWorksheet('PLAIN')!.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
      assert.deepEqual(
        values.find((r) => r[0] === 'G2'),
        ['G2', 'Bidding groups that submitted', '', 2, 'groups'],
      );
      // Without a spend ledger the local share is "not computable", never a 500.
      assert.match(plain, /<th scope="row">F1<\/th>[\s\S]*?<td class="num">no figures<\/td>/);
    });
  });
}

describe('reporting arithmetic', () => {
  const siva = templates.find((t) => t.key === 'siva')!;
  const plain = templates.find((t) => t.key === 'plain')!;
  const member = (firmId: number) => ({ firmId, kind: 'network.member' as const, firstOn: '2026-01-01', count: 1, quantity: 0, evidenced: true });
  const vc = (observedOn: string, operatingResultMinor: number | null, wageCostsMinor: number | null) => ({
    observedOn,
    employees: null,
    turnoverMinor: null,
    operatingResultMinor,
    wageCostsMinor,
    leaders: null,
    womenLeaders: null,
  });

  it('computes value-creation growth from figures holding both parts, each member once, at the period edges', () => {
    const r = computeReport({
      template: siva,
      fromDay: '2026-01-01',
      toDay: '2026-12-31',
      // Firm 1 is a member through two organisations: counted once.
      facts: [member(1), member(1), member(2), member(3), member(4), member(5)],
      totals: {},
      observations: new Map([
        // 1: start on the period's first day, end on its last: 1 000 000 → 1 100 000 (a loss of 100 000 at the end).
        [1, [vc('2026-01-01', 200_000_00, 800_000_00), vc('2026-12-31', -100_000_00, 1_200_000_00)]],
        // 2: 500 000 → 400 000; a later figure the day after the period is not read.
        [2, [vc('2025-12-31', 100_000_00, 400_000_00), vc('2026-06-30', 0, 400_000_00), vc('2027-01-01', 900_000_00, 900_000_00)]],
        // 3: the end figure lacks wage costs.
        [3, [vc('2025-12-31', 100_000_00, 100_000_00), vc('2026-12-31', 120_000_00, null)]],
        // 4: only a figure from the day after the period's start.
        [4, [vc('2026-01-02', 100_000_00, 100_000_00), vc('2026-12-01', 120_000_00, 100_000_00)]],
      ]),
      registry: new Map(),
    });
    const v = r.indicators.find((i) => i.key === 'SIVA-V')!;
    assert.equal(v.value, 0, '(1 100 000 + 400 000 − 1 000 000 − 500 000) / 1 500 000');
    assert.deepEqual(v.firmIds, [1, 2]);
    assert.deepEqual(r.missing.withoutValueCreation, [3, 4, 5]);
    const only1 = computeReport({
      template: siva,
      fromDay: '2026-01-01',
      toDay: '2026-12-31',
      facts: [member(1), member(1)],
      totals: {},
      observations: new Map([[1, [vc('2026-01-01', 200_000_00, 800_000_00), vc('2026-12-31', -100_000_00, 1_200_000_00)]]]),
      registry: new Map(),
    });
    assert.equal(only1.indicators.find((i) => i.key === 'SIVA-V')!.value, 10, 'one firm, its figures once: +10 %');
  });

  it('keeps the data version of figures recorded without value creation, and changes it when they are recorded', () => {
    const base = {
      template: siva,
      fromDay: '2026-01-01',
      toDay: '2026-12-31',
      facts: [member(1)],
      totals: {},
      registry: new Map(),
    };
    const old = { observedOn: '2026-01-01', employees: 3, turnoverMinor: 100, leaders: null, womenLeaders: null };
    const a = dataVersion({ ...base, observations: new Map([[1, [old]]]) });
    const b = dataVersion({ ...base, observations: new Map([[1, [{ ...old, operatingResultMinor: null, wageCostsMinor: null }]]]) });
    const c = dataVersion({ ...base, observations: new Map([[1, [{ ...old, operatingResultMinor: 5, wageCostsMinor: 7 }]]]) });
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('shows a share with its numerator and denominator, and "not computable" without spend', () => {
    const share = (totals: Record<string, number>) =>
      computeReport({
        template: plain,
        fromDay: '2026-01-01',
        toDay: '2026-12-31',
        facts: [],
        totals,
        observations: new Map(),
        registry: new Map(),
      }).indicators.find((i) => i.key === 'SPEND-LOCAL')!;
    const s = share({ 'spend.local_minor': 3_722_50, 'spend.total_minor': 8_122_50 });
    assert.equal(s.value, 45.8);
    assert.deepEqual(s.split, [
      { key: 'part', value: 3_722_50, unit: 'money' },
      { key: 'whole', value: 8_122_50, unit: 'money' },
    ]);
    assert.equal(share({}).value, null);
    assert.equal(share({ 'spend.local_minor': -10, 'spend.total_minor': -10 }).value, null, 'credit notes only: nothing to divide by');
  });

  it('asks only the sources a template reads', () => {
    const names = (t: Template) => sourcesFor(t).map((s) => s.name);
    assert.deepEqual(names(templates.find((t) => t.key === 'erdf')!), ['coaching', 'events', 'academy']);
    assert.deepEqual(names(siva), ['coaching', 'network']);
    assert.deepEqual(names(plain), ['coaching', 'events', 'academy', 'giftcard', 'storefront', 'spend', 'procurement']);
  });

  it('classes sizes by the EU headcount thresholds', () => {
    assert.deepEqual([0, 9, 10, 49, 50, 249, 250].map(sizeClassOf), ['micro', 'micro', 'small', 'small', 'medium', 'medium', 'large']);
  });

  it('computes Siva figures for members from recorded turnover, employees and leaders', () => {
    const siva = templates.find((t) => t.key === 'siva')!;
    const member = (firmId: number) => ({ firmId, kind: 'network.member' as const, firstOn: '2026-01-01', count: 1, quantity: 0, evidenced: true });
    const obs = (observedOn: string, employees: number, turnoverMinor: number, leaders: number | null = null, womenLeaders: number | null = null) => ({
      observedOn,
      employees,
      turnoverMinor,
      leaders,
      womenLeaders,
    });
    const r = computeReport({
      template: siva,
      fromDay: '2026-01-01',
      toDay: '2026-12-31',
      facts: [member(1), member(2), member(3)],
      totals: {},
      observations: new Map([
        [1, [obs('2025-12-31', 4, 1_000_000_00, 2, 1), obs('2026-12-31', 6, 1_200_000_00, 2, 1)]],
        [2, [obs('2025-12-31', 10, 3_000_000_00), obs('2026-06-30', 12, 3_300_000_00, 4, 1)]],
      ]),
      registry: new Map([[3, { employees: 1, registeredOn: null }]]),
    });
    const v = (k: string) => r.indicators.find((i) => i.key === k)!.value;
    assert.equal(v('SIVA-F'), 3);
    assert.equal(v('SIVA-E'), 6 + 12 + 1);
    assert.equal(v('SIVA-O'), 12.5, '(1.2 + 3.3 − 1.0 − 3.0) / 4.0');
    assert.equal(v('SIVA-K'), 33.3, '2 women of 6 leaders');
    assert.deepEqual(r.missing.withoutTurnover, [3]);
    assert.deepEqual(r.missing.withoutLeaders, [3]);
    assert.deepEqual(r.missing.sizeFromToday, [3]);
  });
});
