import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { createUser, postForm, signIn, testOrigin, type SignedIn } from '../../../test/support/auth.js';
import { insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import type { DB } from '../../db/types.js';
import { completeNationalId } from '../registry/national-id.js';
import { csv, layouts, xlsx } from './spend.fixtures.js';
import { localSpendForReporting } from './spend.service.js';
import { parse } from 'csv-parse/sync';

const fiId = (body: number): string => {
  for (let b = body; ; b++) {
    const id = completeNationalId('FI', b);
    if (id) return id;
  }
};

async function firm(db: Kysely<DB>, f: { name: string; id: string; municipality: string; nace: string; establishmentIn?: string }) {
  const row = await db
    .insertInto('firms')
    .values({
      country: 'FI',
      national_id: f.id,
      name: f.name,
      nace_code: f.nace,
      nace_division: f.nace.slice(0, 2),
      municipality_code: f.municipality,
      legal_form: 'OY',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (f.establishmentIn)
    await db
      .insertInto('establishments')
      .values({
        firm_id: Number(row.id),
        country: 'FI',
        national_id: `${f.id}-T1`,
        name: `${f.name} Kemijärvi`,
        nace_code: f.nace,
        nace_division: f.nace.slice(0, 2),
        municipality_code: f.establishmentIn,
        parent_national_id: f.id,
      })
      .execute();
  return Number(row.id);
}

for (const backend of await backendsUnderTest()) {
  describe(`spend on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let dataDir: string;
    let org: number;
    let other: number;
    let analyst: SignedIn;
    let coach: SignedIn;
    let otherAnalyst: SignedIn;
    let orgAdmin: SignedIn;
    const ids = { A: fiId(2_001_000), B: fiId(2_002_000), C: fiId(2_003_000), D: fiId(2_004_000), unknown: fiId(2_009_000) };
    const firms: Record<string, number> = {};

    before(async () => {
      database = await createTestDatabase(backend);
      dataDir = mkdtempSync(join(tmpdir(), `spend-${backend}-`));
      app = createTestApp(database, { LOKALKRAFT_DATA_DIR: dataDir });
      const db = database.db;
      // East Lapland test buyer: covers Kemijärvi (320) and Salla (732); home is Kemijärvi.
      org = await insertOrganisation(db, {
        name: 'Kemijärven kaupunki (test)',
        country: 'FI',
        coverage: [
          { code: '320', from: '2020-01-01' },
          { code: '732', from: '2020-01-01' },
        ],
      });
      other = await insertOrganisation(db, { name: 'Osta paikallista (test)', country: 'FI', coverage: [{ code: '732', from: '2020-01-01' }] });
      firms.A = await firm(db, { name: 'Kemijärven Rakennus Oy', id: ids.A, municipality: '320', nace: '41200' });
      firms.B = await firm(db, { name: 'Sallan Leipomo Oy', id: ids.B, municipality: '732', nace: '10710' });
      firms.C = await firm(db, { name: 'Rovaniemen Siivous Oy', id: ids.C, municipality: '698', nace: '81210' });
      firms.D = await firm(db, { name: 'Ketjukauppa Oyj', id: ids.D, municipality: '091', nace: '47110', establishmentIn: '320' });
      firms.E = await firm(db, { name: 'Kemijärven Puhdistus Oy', id: fiId(2_005_000), municipality: '320', nace: '81220' });
      firms.F = await firm(db, { name: 'Pelkosen Kuljetus Oy', id: fiId(2_006_000), municipality: '698', nace: '49410' });
      firms.G = await firm(db, { name: 'Savukosken Sähköasennus Oy', id: fiId(2_007_000), municipality: '742', nace: '43210' });
      await createUser(db, { email: 'analyst@kemijarvi.fi', roles: [{ organisationId: org, role: 'analyst' }] });
      await createUser(db, { email: 'admin@kemijarvi.fi', roles: [{ organisationId: org, role: 'org_admin' }] });
      await createUser(db, { email: 'coach@kemijarvi.fi', roles: [{ organisationId: org, role: 'coach' }] });
      await createUser(db, { email: 'analyst@ostapaikallista.fi', roles: [{ organisationId: other, role: 'analyst' }] });
      analyst = await signIn(app, 'analyst@kemijarvi.fi');
      orgAdmin = await signIn(app, 'admin@kemijarvi.fi');
      coach = await signIn(app, 'coach@kemijarvi.fi');
      otherAnalyst = await signIn(app, 'analyst@ostapaikallista.fi');
    });
    after(async () => {
      await database?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const upload = async (files: { name: string; bytes: Buffer }[], as: SignedIn = analyst) => {
      const form = new FormData();
      form.set('_csrf', as.csrfToken);
      for (const f of files) form.append('files', new File([new Uint8Array(f.bytes)], f.name));
      return app.request(`/spend/${org}/uploads`, { method: 'POST', headers: { cookie: as.cookie, origin: testOrigin }, body: form });
    };
    const page = async (path: string, as: SignedIn = analyst) => {
      const res = await app.request(path, { headers: { cookie: as.cookie } });
      return { status: res.status, html: await res.text() };
    };
    const waitImported = async (url: string) => {
      for (let i = 0; i < 200; i++) {
        const res = await app.request(`${url}/status`, { headers: { cookie: analyst.cookie } });
        const body = (await res.json()) as { status: string };
        if (body.status !== 'importing') return body.status;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('import did not finish');
    };

    // Four quarterly files whose headers differ.
    const q1 = () =>
      csv(
        layouts.kuntaliitto2021,
        [
          ['15.1.2024', ids.A, 'Kemijärven Rakennus Oy', 'Rakentamispalvelut', 'Kadut ja tiet', '1 234,50', '1 549,30'],
          ['2.2.2024', ids.B, 'Sallan Leipomo Oy', 'Elintarvikkeet', 'Perusopetus', '500,00', '627,50'],
          ['3.3.2024', ids.C, 'Rovaniemen Siivous Oy', 'Siivouspalvelut', 'Perusopetus', '2 000,00', '2 510,00'],
          ['4.3.2024', '', 'Anonymisoitu', 'Avustukset', 'Sosiaalipalvelut', '300,00', '300,00'],
        ],
        { bom: true },
      );
    const q2 = () =>
      csv(
        layouts.kuntaliitto2015drift,
        [
          ['10.04.2024', ids.D, 'Ketjukauppa Oyj', '4900', 'Tarvikkeet', '1.000,00'],
          ['11.04.2024', '', 'Pelkosen Kuljetus', '4400', 'Kuljetuspalvelut', '400,00'],
          ['12.04.2024', 'FI21 1234 5600 0007 85', 'Matti Meikäläinen', '4300', 'Asiantuntijapalvelut', '250,00'],
          ['30.06.2024', ids.A, 'Kemijärven Rakennus Oy', '4340', 'Rakentamispalvelut', '-12,00'],
        ],
        { encoding: 'windows-1252', eol: '\n' },
      );
    const q3 = () =>
      xlsx(
        ['Tositepäivämäärä', 'Toimittajan nimi', 'Y-tunnus', 'Tilin nimi', 'Summa ALV0 euroina'],
        [
          [new Date(Date.UTC(2024, 6, 3)), 'Savukosken Sähkö', '', 'Sähkötyöt', 600],
          [new Date(Date.UTC(2024, 7, 1)), 'Ruotsin Tukku AB', 'SE556036079301', 'Tarvikkeet', 700],
        ],
        { gzip: true },
      );
    const q4 = () =>
      csv(
        ['Pvm', 'Toimittajan Y-tunnus', 'Toimittajan nimi', 'Tilin nimi', 'Summa ALV0 euroina'],
        [
          ['2024-10-01', ids.unknown, 'Tuntematon Oy', 'Tarvikkeet', '100,00'],
          ['2024-10-02', '131052-308T', 'Maija Meikäläinen', 'Asiantuntijapalvelut', '50,00'],
          ['2024-11-15', ids.A, 'Kemijärven Rakennus Oy', 'Rakentamispalvelut', '1.000,00'],
        ],
        { delimiter: '\t', eol: '\r' },
      );

    let uploadUrl = '';

    it('refuses people without the analyst or admin role, and other organisations', async () => {
      assert.equal((await upload([{ name: 'q1.csv', bytes: q1() }], coach)).status, 403);
      assert.equal((await upload([{ name: 'q1.csv', bytes: q1() }], otherAnalyst)).status, 403);
      assert.equal((await page(`/spend/${org}`, coach)).status, 403);
      assert.equal((await page(`/spend/${org}`, otherAnalyst)).status, 403);
    });

    it('uploads four quarterly files with drifting headers and shows the guessed mapping and the preview', async () => {
      const res = await upload([
        { name: 'Q1-2024.csv', bytes: q1() },
        { name: 'Q2-2024.csv', bytes: q2() },
        { name: 'Q3-2024.xlsx.gz', bytes: await q3() },
        { name: 'Q4-2024.csv', bytes: q4() },
      ]);
      assert.equal(res.status, 303);
      uploadUrl = new URL(res.headers.get('location')!, 'http://x').pathname;
      const { html } = await page(uploadUrl);
      assert.match(html, /Q1-2024\.csv/);
      assert.match(html, /windows-1252/);
      assert.match(html, /XLSX \(gzip\)/);
      // Sample values beside the guessed columns, and the typo'd header recognised as "similar".
      assert.match(html, /Kemijärven Rakennus Oy · Sallan Leipomo Oy/);
      assert.match(html, /similar name – check/);
      // Totals per file before anything is written.
      assert.match(html, /4 lines, 0 with problems/);
      assert.match(html, /Import<\/button>/);
      // Nothing is in the results yet.
      assert.match((await page(`/spend/${org}/results`)).html, /No lines imported yet/);
    });

    it('remembers a corrected mapping for the organisation', async () => {
      const { html } = await page(uploadUrl);
      const fileId = /\/files\/(\d+)\/mapping/.exec(html.slice(html.indexOf('Q4-2024.csv')))![1];
      // The Q4 file: "Pvm" is the date; confirm the rest as guessed.
      const res = await postForm(
        app,
        `${uploadUrl}/files/${fileId}/mapping`,
        { date: '0', supplier_id: '1', supplier_name: '2', account_name: '3', amount_net: '4' },
        analyst,
      );
      assert.equal(res.status, 303);
      const again = await page(uploadUrl);
      assert.match(again.html, /remembered/);
      const stored = await database.db.selectFrom('spend_header_choices').select(['header_key', 'field']).where('organisation_id', '=', org).execute();
      assert.ok(stored.some((s) => s.header_key === 'pvm' && s.field === 'date'));
    });

    it('imports all of it, then the same file again changes nothing', async () => {
      const res = await postForm(app, `${uploadUrl}/import`, { mode: 'all' }, analyst);
      assert.equal(res.status, 303);
      assert.equal(await waitImported(uploadUrl), 'imported');
      const again = await upload([{ name: 'Q1-copy.csv', bytes: q1() }]);
      const url = new URL(again.headers.get('location')!, 'http://x').pathname;
      assert.match((await page(url)).html, /The same file was imported/);
      const refused = await postForm(app, `${url}/import`, { mode: 'all' }, analyst);
      assert.equal(refused.status, 400);
    });

    it('computes the shares by hand: municipality, region, country, abroad, unknown', async () => {
      const { html } = await page(`/spend/${org}/results?from=2024-01-01&to=2024-12-31&home=320`);
      // municipality: A 1 234,50 − 12,00 + 1 000,00, D (chain's Kemijärvi establishment) 1 000,00 = 3 222,50
      // region (Salla): B 500,00 · country: C 2 000,00 + F (name match) 400,00 = 2 400,00
      // abroad: the Swedish firm 700,00 · unknown: private 300 + 250 + 50, Savukosken (unsure) 600, unknown id 100 = 1 300,00
      const cell = (label: string) => new RegExp(`<th scope="row">${label}</th><td class="num">([^<]+)</td>`).exec(html)?.[1]?.replace(/\s/g, ' ');
      assert.equal(cell('In the municipality'), '€3,222.50');
      assert.equal(cell('In the region'), '€500.00');
      assert.equal(cell('Elsewhere in the country'), '€2,400.00');
      assert.equal(cell('Abroad'), '€700.00');
      assert.equal(cell('Unknown'), '€1,300.00');
      assert.match(html, /Total spend: €8,122.50/);
      // The chain counts as local by its establishment, and the page says so.
      assert.match(html, /Ketjukauppa Oyj<\/a><\/td><td>[^<]*<\/td><td>establishment/);
      // Years and quarters.
      assert.match(html, /2024-Q1/);
      assert.match(html, /2024-Q4/);
      // Could be local: cleaning (81) bought from Rovaniemi although a Kemijärvi cleaner exists.
      assert.match(html, /81 [^<]*<\/th><td class="num">€2,000.00/);
      assert.match(html, new RegExp(`href="/firms/by-firm/${firms.E}\\?lang=en">Kemijärven Puhdistus Oy`));
      // LM3 with its assumptions: (8 122,50 + 3 722,50 + 25 % × 3 722,50) / 8 122,50 = 1.57
      assert.match(html, /LM3 \(Local Multiplier 3\): 1\.57/);
      assert.match(html, /assumed/);
      // svg chart with the same figures in a table
      assert.match(html, /<svg[^>]*role="img"/);
    });

    it('never names private persons or anonymised rows', async () => {
      const { html } = await page(`/spend/${org}/results`);
      assert.doesNotMatch(html, /Matti|Maija|Meikäläinen|131052|FI21 1234/);
      assert.match(html, /Private persons and anonymised \(not named\)/);
      const csvRes = await app.request(`/spend/${org}/export/suppliers?format=csv`, { headers: { cookie: analyst.cookie } });
      assert.doesNotMatch(await csvRes.text(), /Matti|Maija|Meikäläinen/);
      const stored = await database.db
        .selectFrom('spend_suppliers')
        .select(['raw_key', 'name', 'method'])
        .where('organisation_id', '=', org)
        .where('status', '=', 'private')
        .execute();
      assert.equal(stored.length, 3);
      assert.ok(stored.every((s) => s.name === null && s.raw_key.startsWith('~p:')));
      assert.deepEqual(stored.map((s) => s.method).sort(), ['private', 'refused-iban', 'refused-person']);
    });

    it('asks a person to confirm an unsure name match; the decision moves the money', async () => {
      const { html } = await page(`/spend/${org}/suppliers`);
      assert.match(html, /Savukosken Sähkö/);
      const key = /name="key" value="([^"]+)"/.exec(html)![1]!;
      const res = await postForm(app, `/spend/${org}/suppliers/confirm`, { key, firmId: String(firms.G) }, analyst);
      assert.equal(res.status, 303);
      const twice = await postForm(app, `/spend/${org}/suppliers/confirm`, { key, firmId: String(firms.G) }, analyst);
      assert.equal(twice.status, 409);
      const after = (await page(`/spend/${org}/results?from=2024-01-01&to=2024-12-31&home=320`)).html;
      assert.match(after, /<th scope="row">Elsewhere in the country<\/th><td class="num">€3,000.00/);
    });

    it('exports every table as CSV and XLSX', async () => {
      const c = await app.request(`/spend/${org}/export/years?format=csv&from=2024-01-01&to=2024-12-31`, { headers: { cookie: analyst.cookie } });
      assert.equal(c.status, 200);
      const bytes = Buffer.from(await c.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      assert.match(text, /^\uFEFFYear;In the municipality;/);
      assert.match(text, /2024;3222\.5;500;3000;700;700;8122\.5/);
      const x = await app.request(`/spend/${org}/export/could-be-local?format=xlsx`, { headers: { cookie: analyst.cookie } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await x.arrayBuffer()) as ArrayBuffer);
      assert.match(String(wb.worksheets[0]!.getRow(2).getCell(5).value), /Kemijärven Puhdistus Oy/);
      assert.equal((await app.request(`/spend/${org}/export/nope?format=csv`, { headers: { cookie: analyst.cookie } })).status, 404);
    });

    it('shares with another organisation and publishes a year for the public', async () => {
      assert.equal((await postForm(app, `/spend/${org}/sharing`, { organisationId: String(other), on: '1' }, analyst)).status, 403);
      assert.equal((await postForm(app, `/spend/${org}/sharing`, { organisationId: String(other), on: '1' }, orgAdmin)).status, 303);
      assert.equal((await page(`/spend/${org}/results`, otherAnalyst)).status, 200);
      assert.equal((await upload([{ name: 'x.csv', bytes: q1() }], otherAnalyst)).status, 403);
      assert.equal((await app.request(`/spend/public/${org}`)).status, 404);
      assert.equal((await postForm(app, `/spend/${org}/publish`, { year: '2024' }, orgAdmin)).status, 303);
      const pub = await app.request(`/spend/public/${org}`);
      const html = await pub.text();
      assert.equal(pub.status, 200);
      assert.match(html, /Total spend: €8,122.50/);
      assert.doesNotMatch(html, /Rovaniemen Siivous|Top suppliers/);
      assert.match(await (await app.request('/spend/public')).text(), /Kemijärven kaupunki \(test\)/);
    });

    it('an import with bad lines is all or nothing, or without the named lines', async () => {
      const bad = csv(layouts.kuntaliitto2021, [
        ['15.1.2025', ids.A, 'Kemijärven Rakennus Oy', 'X', 'Y', '10,00', ''],
        ['31.2.2025', ids.A, 'Kemijärven Rakennus Oy', 'X', 'Y', '20,00', ''],
      ]);
      const res = await upload([{ name: 'bad.csv', bytes: bad }]);
      const url = new URL(res.headers.get('location')!, 'http://x').pathname;
      const { html } = await page(url);
      assert.match(html, /<td>bad\.csv<\/td><td class="num">3<\/td><td>Date<\/td><td>31\.2\.2025<\/td>/);
      assert.equal((await postForm(app, `${url}/import`, { mode: 'all' }, analyst)).status, 400);
      // Two clicks at once: the upload row is locked while deciding, so one import runs and the other is refused.
      const both = await Promise.all([
        postForm(app, `${url}/import`, { mode: 'without-bad' }, analyst),
        postForm(app, `${url}/import`, { mode: 'without-bad' }, orgAdmin),
      ]);
      assert.deepEqual(both.map((r) => r.status).sort(), [303, 409]);
      assert.equal(await waitImported(url), 'imported');
      const r = (await page(`/spend/${org}/results?from=2025-01-01&to=2025-12-31&home=320`)).html;
      assert.match(r, /Total spend: €10.00/);
    });

    it('gives the funder reports the local share the results page shows, by booking day', async () => {
      const share = async (fromDay: string, toDay: string) => {
        const [row, ...more] = await localSpendForReporting(database.db, dataDir, { organisationIds: [org, other, org], fromDay, toDay });
        assert.equal(more.length, 0, 'one row: the organisation sharing its ledger has none of its own, and the buyer is read once');
        return row;
      };
      // The year as on the results page (home Kemijärvi, region = the coverage): 3 222,50 + 500,00 of 8 122,50.
      assert.deepEqual(await share('2024-01-01', '2024-12-31'), { organisationId: org, totalMinor: 8_122_50, localMinor: 3_722_50, lines: 13 });
      // The credit note of 30 June is in the first half-year and not in a period ending the day before.
      assert.deepEqual(await share('2024-01-01', '2024-06-30'), { organisationId: org, totalMinor: 5_672_50, localMinor: 2_722_50, lines: 8 });
      assert.deepEqual(await share('2024-01-01', '2024-06-29'), { organisationId: org, totalMinor: 5_684_50, localMinor: 2_734_50, lines: 7 });
      assert.equal(await share('2023-01-01', '2023-12-31'), undefined, 'no lines in the period');
      assert.deepEqual(
        await localSpendForReporting(database.db, join(dataDir, 'nothing-here'), { organisationIds: [org], fromDay: '2024-01-01', toDay: '2024-12-31' }),
        [],
      );

      // The plain-count report: a percentage with its numerator and denominator; staff of the buyer read it.
      const report = (await page(`/reports/r/org-${org}/plain?from=2024-01-01&to=2024-12-31&lang=en`)).html;
      assert.match(report, /<th scope="row">F1<\/th>[\s\S]*?<td class="num">45\.8\s%<\/td>/);
      assert.match(report, /Local suppliers: €3,722\.50/);
      assert.match(report, /All spend: €8,122\.50/);
      const edge = (await page(`/reports/r/org-${org}/plain?from=2024-01-01&to=2024-06-29&lang=en`)).html;
      assert.match(edge, /<th scope="row">F1<\/th>[\s\S]*?<td class="num">48\.1\s%<\/td>/);
      const csvRes = await app.request(`/reports/r/org-${org}/plain/report.csv?from=2024-01-01&to=2024-06-30&lang=en`, { headers: { cookie: analyst.cookie } });
      const rows = parse(await csvRes.text(), { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
      assert.deepEqual(
        rows.filter((r) => r[0] === 'F1'),
        [
          ['F1', 'Local share of public spend', '', '48', 'percent'],
          ['F1', 'Local share of public spend', 'Local suppliers', '2722.5', 'money'],
          ['F1', 'Local share of public spend', 'All spend', '5672.5', 'money'],
        ],
      );
      // No firm is named behind the share, and people without a role in the buyer get no figures.
      assert.doesNotMatch(report, /plain\/firms\?[^"]*indicator=SPEND-LOCAL/);
      assert.equal((await page(`/reports/r/org-${org}/plain?from=2024-01-01&to=2024-12-31`, otherAnalyst)).status, 403);
    });
  });
}
