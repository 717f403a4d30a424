import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { completeNationalId } from '../national-id.js';
import { bolagsverketHeader } from './bolagsverket.js';
import { importRegisterFiles } from './import.service.js';
import { createTempFiles, resetRegistry, rejectionText } from './test-files.js';

const swedishIds = (count: number) => {
  const ids: string[] = [];
  for (let body = 556_000_100; ids.length < count; body++) {
    const id = completeNationalId('SE', body);
    if (id) ids.push(id);
  }
  return ids;
};

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
type Row = Partial<Record<(typeof bolagsverketHeader)[number], string>>;
/** One line of the bulk file; unset fields are empty. */
const line = (r: Row) => bolagsverketHeader.map((h) => quote(r[h] ?? '')).join(';');
const bulkFile = (rows: (Row | string)[]) => [bolagsverketHeader.join(';'), ...rows.map((r) => (typeof r === 'string' ? r : line(r)))].join('\n') + '\n';

for (const backend of await backendsUnderTest()) {
  describe(`Bolagsverket import on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    afterEach(async () => resetRegistry(database.db));
    const db = () => database.db;
    const firm = (id: string) => db().selectFrom('firms').selectAll().where('country', '=', 'SE').where('national_id', '=', id).executeTakeFirstOrThrow();

    it('reads $ sub-fields and | repeats, and finds the municipality from the postcode', async () => {
      const [a, b, c, d, e, f] = swedishIds(6);
      const path = files.write(
        'bolagsverket_bulkfil.txt',
        bulkFile([
          {
            organisationsidentitet: `${a}$ORGNR-IDORG`,
            registreringsland: 'SE-LAND',
            organisationsnamn: 'Exempel Bageri AB$FORETAGSNAMN-ORGNAM$2001-01-01|Example Bakery Ltd$FORNAMN_FRSPRAK-ORGNAM$2005-03-01',
            organisationsform: 'AB-ORGFO',
            registreringsdatum: '2001-01-01',
            verksamhetsbeskrivning: 'Bageri och konditori; även "catering"',
            postadress: 'Storgatan 1$$STOCKHOLM$111 22$SE-LAND',
          },
          {
            organisationsidentitet: `${b}$ORGNR-IDORG`,
            organisationsnamn: 'Västkust Handel HB$FORETAGSNAMN-ORGNAM',
            organisationsform: 'HB-ORGFO',
            postadress: 'Box 123$c/o Andersson$GÖTEBORG$41101$SE-LAND',
          },
          {
            organisationsidentitet: `${c}$ORGNR-IDORG`,
            organisationsnamn: 'Gammal AB$FORETAGSNAMN-ORGNAM',
            avregistreringsdatum: '2020-06-30',
            avregistreringsorsak: 'AVREG-AVORG$Avregistrerad',
            postadress: 'Byvägen 2$$KIRUNA$98131$SE-LAND',
          },
          {
            organisationsidentitet: `${d}$ORGNR-IDORG`,
            organisationsnamn: 'Konkurs AB$FORETAGSNAMN-ORGNAM',
            pagandeAvvecklingsEllerOmstruktureringsforfarande: 'KK-AVOMFO$Konkurs$2024-01-15',
            postadress: 'Torget 3$$ÖSTERSUND$83130$SE-LAND',
          },
          {
            organisationsidentitet: `${e}$ORGNR-IDORG`,
            organisationsnamn: 'Rekon AB$FORETAGSNAMN-ORGNAM',
            pagandeAvvecklingsEllerOmstruktureringsforfarande: 'FR-AVOMFO$Företagsrekonstruktion$2024-02-01',
            postadress: 'Fjällvägen 9$$ARJEPLOG$93090$SE-LAND',
          },
          {
            organisationsidentitet: '198001011234$PERSON-IDORG',
            namnskyddslopnummer: '1',
            organisationsnamn: 'Anderssons Måleri$NAMN-ORGNAM',
            organisationsform: 'E-ORGFO',
          },
          { organisationsidentitet: `${f}$ORGNR-IDORG`, organisationsnamn: 'Utland AB$FORETAGSNAMN-ORGNAM', postadress: 'Rue 1$$PARIS$75001$FR' },
        ]),
      );
      const s = await importRegisterFiles(db(), 'bolagsverket', [path]);
      assert.equal(s.status, 'succeeded', s.error);
      assert.deepEqual([s.read, s.created, s.closed, s.rejected, s.ignored], [7, 6, 2, 0, 1]);
      const run = await db().selectFrom('import_runs').select(['ignored_count', 'skipped_count']).executeTakeFirstOrThrow();
      assert.deepEqual(run, { ignored_count: 1, skipped_count: 0 });
      const bageri = await firm(a);
      assert.equal(bageri.name, 'Exempel Bageri AB');
      assert.deepEqual(bageri.other_names, ['Example Bakery Ltd']);
      assert.equal(bageri.legal_form, 'AB');
      assert.equal(bageri.activity, 'Bageri och konditori; även "catering"');
      assert.equal(bageri.postcode, '11122');
      assert.equal(bageri.street, 'Storgatan 1');
      assert.equal(bageri.municipality_code, '0180', 'postcode 111 22 → Stockholm');
      assert.equal(bageri.language, 'sv');
      const box = await firm(b);
      assert.equal(box.municipality_code, '1480', 'postcode 411 01 → Göteborg');
      assert.equal(box.street, null, 'a box address is no street address');
      assert.equal(box.postal_street, 'c/o Andersson, Box 123');
      const closed = await db()
        .selectFrom('firms')
        .select(['national_id', sql<string>`closed_on::text`.as('closed_on')])
        .where('status', '=', 'closed')
        .orderBy('national_id')
        .execute();
      assert.deepEqual(closed, [
        { national_id: c, closed_on: '2020-06-30' },
        { national_id: d, closed_on: '2024-01-15' },
      ]);
      assert.equal((await firm(e)).status, 'active', 'a reconstruction does not close the firm');
      assert.equal((await firm(e)).municipality_code, null, 'postcode prefix 930 straddles kommuner: unknown, not guessed');
      assert.equal((await firm(f)).municipality_code, null, 'a foreign address has no Swedish municipality');
      const again = await importRegisterFiles(db(), 'bolagsverket', [path]);
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 6]);
    });

    it('rejects a wrong check digit, a bad date and a line with the wrong number of fields, naming them', async () => {
      const [a, b] = swedishIds(2);
      const wrong = `${a.slice(0, 9)}${(Number(a[9]) + 1) % 10}`;
      const path = files.write(
        'bad.txt.gz',
        bulkFile([
          { organisationsidentitet: `${wrong}$ORGNR-IDORG`, organisationsnamn: 'Fel AB$FORETAGSNAMN-ORGNAM' },
          '"only";"three";"fields"',
          { organisationsidentitet: `${b}$ORGNR-IDORG`, organisationsnamn: 'Datum AB$FORETAGSNAMN-ORGNAM', registreringsdatum: '2021-13-01' },
          { organisationsidentitet: `${a}$ORGNR-IDORG`, organisationsnamn: '' },
        ]),
      );
      const s = await importRegisterFiles(db(), 'bolagsverket', [path]);
      assert.deepEqual([s.read, s.created, s.rejected], [4, 0, 4]);
      assert.deepEqual(
        s.rejections.map((r) => [r.line, r.field]),
        [
          [1, 'organisationsidentitet'],
          [2, '(record)'],
          [3, 'registreringsdatum'],
          [4, 'organisationsnamn'],
        ],
      );
      assert.match(rejectionText(s.rejections[0]), /wrong check digit/);
      assert.match(rejectionText(s.rejections[1]), /line 3: wrong number of fields/);
    });

    it('stops on a file without the expected header, and on an unterminated quote', async () => {
      const noHeader = await importRegisterFiles(db(), 'bolagsverket', [files.write('x.txt', 'a;b;c\n"1";"2";"3"\n')]);
      assert.equal(noHeader.status, 'failed');
      assert.match(noHeader.error ?? '', /header line lacks "organisationsidentitet"/);
      const [a] = swedishIds(1);
      const cut = bulkFile([
        { organisationsidentitet: `${a}$ORGNR-IDORG`, organisationsnamn: 'Avklippt AB', verksamhetsbeskrivning: 'text som tar slut' },
      ]).slice(0, -20);
      const truncated = await importRegisterFiles(db(), 'bolagsverket', [files.write('cut.txt', cut)]);
      assert.equal(truncated.status, 'failed');
      assert.match(truncated.error ?? '', /never closed.*truncated/);
    });

    it('keeps a county by the municipality found from the postcode', async () => {
      const [a, b] = swedishIds(2);
      const path = files.write(
        'two.txt',
        bulkFile([
          { organisationsidentitet: `${a}$ORGNR-IDORG`, organisationsnamn: 'Norr AB', postadress: 'Torget 3$$ÖSTERSUND$83130$SE-LAND' },
          { organisationsidentitet: `${b}$ORGNR-IDORG`, organisationsnamn: 'Söder AB', postadress: 'Storgatan 1$$STOCKHOLM$11122$SE-LAND' },
        ]),
      );
      const s = await importRegisterFiles(db(), 'bolagsverket', [path], { onlyCounty: '23' });
      assert.deepEqual([s.created, s.skipped], [1, 1]);
      assert.equal((await firm(a)).municipality_code, '2380');
    });
  });
}
