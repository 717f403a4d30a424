import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { textIn } from '../../../shared/errors.js';
import { completeNationalId } from '../national-id.js';
import { bolagsverketHeader } from './bolagsverket.js';
import { importRegisterFiles } from './import.service.js';
import { countRows, createTempFiles, enhet, norwegianIds, rejectionText, resetRegistry } from './test-files.js';

const firstId = (country: 'SE' | 'FI', from: number) => {
  for (let body = from; ; body++) {
    const id = completeNationalId(country, body);
    if (id) return id;
  }
};

for (const backend of await backendsUnderTest()) {
  describe(`import limits on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    afterEach(async () => resetRegistry(database.db));
    const db = () => database.db;

    it('rejects a 3 500-character name as a record (naming record and field, in every language) and imports the rest', async () => {
      const [a, b, c] = norwegianIds(3, 36_000_000);
      const s = await importRegisterFiles(db(), 'brreg', [files.json('long.json', [enhet(a), enhet(b, { navn: 'Å'.repeat(3500) }), enhet(c)])]);
      assert.equal(s.status, 'succeeded', s.error);
      assert.deepEqual([s.created, s.rejected], [2, 1]);
      assert.deepEqual([s.rejections[0].line, s.rejections[0].field], [2, 'navn']);
      assert.equal(rejectionText(s.rejections[0]), 'is too long (at most 500)');
      assert.equal(textIn(s.rejections[0].message, 'nb', s.rejections[0].values), 'er for lang (høyst 500)');
      const run = await db().selectFrom('import_runs').select(['status', 'rejections']).executeTakeFirstOrThrow();
      assert.equal(run.status, 'succeeded');
      assert.equal(
        textIn(run.rejections[0].message, 'fi', run.rejections[0].values),
        'on liian pitkä (enintään 500)',
        'the run log keeps the message in all languages',
      );
    });

    it('rejects a record of several MB without reading it in, in the main thread and in the worker', async () => {
      const [a, b, c] = norwegianIds(3, 37_000_000);
      const huge = 'X'.repeat(3 * 1024 * 1024);
      for (const worker of ['never', 'always'] as const) {
        const path = files.write('huge.json.gz', JSON.stringify([enhet(a), enhet(b, { navn: huge }), enhet(c)]));
        const s = await importRegisterFiles(db(), 'brreg', [path], { worker });
        assert.equal(s.status, 'succeeded', s.error);
        assert.deepEqual([s.read, s.created + s.unchanged, s.rejected], [3, 2, 1], worker);
        assert.deepEqual([s.rejections[0].line, s.rejections[0].field], [2, '(record)']);
        assert.match(rejectionText(s.rejections[0]), /the record is too large \(3 MB, at most 1 MB\)/);
      }
      assert.equal(await countRows(db(), 'firms'), 2);
    });

    it('limits every kind of field: a Bolagsverket name and a PRH street over the limit are rejections', async () => {
      const se = firstId('SE', 556_100_000);
      const header = bolagsverketHeader.join(';');
      const row = (name: string) =>
        bolagsverketHeader
          .map((h) => (h === 'organisationsidentitet' ? `"${se}$ORGNR-IDORG"` : h === 'organisationsnamn' ? `"${name}$FORETAGSNAMN-ORGNAM"` : '""'))
          .join(';');
      const sv = await importRegisterFiles(db(), 'bolagsverket', [files.write('se.txt', `${header}\n${row('N'.repeat(600))}\n`)]);
      assert.deepEqual([sv.rejected, sv.rejections[0]?.field, rejectionText(sv.rejections[0])], [1, 'organisationsnamn', 'is too long (at most 500)']);

      const fi = firstId('FI', 3_200_000);
      const company = {
        businessId: { value: fi },
        names: [{ name: 'Testi Oy', type: '1', version: 1 }],
        addresses: [{ type: 1, street: 'K'.repeat(301), postCode: '98100', postOffices: [{ city: 'KEMIJÄRVI', languageCode: '1', municipalityCode: '320' }] }],
      };
      const p = await importRegisterFiles(db(), 'prh', [files.json('fi.json', { totalResults: 1, companies: [company] })]);
      assert.deepEqual([p.rejected, p.rejections[0]?.field, rejectionText(p.rejections[0])], [1, 'addresses.0.street', 'is too long (at most 300)']);
    });
  });
}
