import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { completeNationalId } from '../national-id.js';
import { importRegisterFiles } from './import.service.js';
import { createTempFiles, resetRegistry, rejectionText } from './test-files.js';

const samplePath = 'test/fixtures/registry/prh_ytj_v3_companies_sample.json';
const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as { totalResults: number; companies: Record<string, unknown>[] };

/** A company as YTJ v3 gives it, with a visiting address in Kemijärvi (320). */
function company(businessId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    businessId: { value: businessId, registrationDate: '2010-05-04', source: '3' },
    names: [{ name: `Testi ${businessId} Oy`, type: '1', registrationDate: '2010-05-04', version: 1, source: '1' }],
    mainBusinessLine: { type: '47111', typeCodeSet: 'TOIMI3', source: '2' },
    companyForms: [{ type: '16', descriptions: [{ languageCode: '1', description: 'Osakeyhtiö' }], version: 1, source: '1' }],
    companySituations: [],
    registeredEntries: [],
    addresses: [
      {
        type: 1,
        street: 'Kuumaniemenkatu',
        buildingNumber: '2',
        postCode: '98100',
        postOffices: [{ city: 'KEMIJÄRVI', languageCode: '1', municipalityCode: '320' }],
        source: '0',
      },
    ],
    tradeRegisterStatus: '1',
    status: '2',
    registrationDate: '2010-05-04',
    lastModified: '2024-06-17T12:12:45',
    ...over,
  };
}

const finnishIds = (count: number) => {
  const ids: string[] = [];
  for (let body = 3_100_000; ids.length < count; body++) {
    const id = completeNationalId('FI', body);
    if (id) ids.push(id);
  }
  return ids;
};

for (const backend of await backendsUnderTest()) {
  describe(`PRH import on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    afterEach(async () => resetRegistry(database.db));
    const db = () => database.db;
    const firm = (id: string) => db().selectFrom('firms').selectAll().where('country', '=', 'FI').where('national_id', '=', id).executeTakeFirstOrThrow();

    it('imports the 10 real companies: current names, parallel names, TOL codes, municipalities', async () => {
      const s = await importRegisterFiles(db(), 'prh', [samplePath]);
      assert.equal(s.status, 'succeeded', s.error);
      assert.deepEqual([s.read, s.created, s.rejected], [10, 10, 0]);
      const saivo = await firm('0100990-4');
      assert.equal(saivo.name, 'Saivokämppä Oy', 'the type-1 name without endDate, not the old one');
      assert.equal(saivo.nace_code, '68209');
      assert.equal(saivo.nace_division, '68');
      assert.equal(saivo.municipality_code, '837');
      assert.equal(saivo.postal_street, 'Suuruspäänkatu 5');
      assert.equal(saivo.postal_city, 'TAMPERE');
      assert.equal(saivo.legal_form, 'Osakeyhtiö');
      assert.equal(saivo.language, 'fi');
      assert.equal(saivo.status, 'active');
      assert.deepEqual((await firm('0106575-4')).other_names, ['Tamrock Corp.']);
      assert.deepEqual((await firm('0104676-4')).other_names, ['Ma-Ru']);
      const unknownLine = await firm('0110071-6');
      assert.equal(unknownLine.nace_code, null, 'TOL 00000 means unknown');
      const names = await db().selectFrom('firms').select('name').where('country', '=', 'FI').orderBy('national_id').execute();
      assert.deepEqual(
        names.map((n) => n.name),
        sample.companies.map((c) => (c.names as { name: string; type: string; endDate?: string }[]).find((n) => n.type === '1' && !n.endDate)!.name),
      );
      const perMunicipality = await db()
        .selectFrom('firms')
        .select(['municipality_code', sql<number>`count(*)::int`.as('n')])
        .groupBy('municipality_code')
        .execute();
      assert.deepEqual(perMunicipality, [{ municipality_code: '837', n: 10 }]);
    });

    it('reads several pages, plain and gzip, and is idempotent', async () => {
      const [a, b, c] = finnishIds(3);
      const page1 = files.json('page1.json', { totalResults: 3, companies: [company(a), company(b)] });
      const page2 = files.write('page2.json.gz', JSON.stringify({ totalResults: 3, companies: [company(c)] }));
      const first = await importRegisterFiles(db(), 'prh', [page1, page2]);
      assert.deepEqual([first.read, first.created], [3, 3]);
      assert.equal((await firm(c)).municipality_code, '320');
      assert.equal((await firm(c)).street, 'Kuumaniemenkatu 2');
      const again = await importRegisterFiles(db(), 'prh', [page1, page2]);
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 3]);
      // a bare JSON array of companies (the unzipped /all_companies dump) reads too
      const bare = await importRegisterFiles(db(), 'prh', [files.json('all.json', [company(a)])]);
      assert.equal(bare.unchanged, 1);
    });

    it('marks ended, bankrupt and liquidated companies closed; a restructuring stays active', async () => {
      const [a, b, c, d] = finnishIds(4);
      const s = await importRegisterFiles(db(), 'prh', [
        files.json('closed.json', {
          totalResults: 4,
          companies: [
            company(a, { endDate: '2023-12-31' }),
            company(b, { companySituations: [{ type: 'KONK', registrationDate: '2024-02-01', source: '1' }] }),
            company(c, { companySituations: [{ type: 'SELTILA', registrationDate: '2024-03-01', source: '1' }] }),
            company(d, { companySituations: [{ type: 'SANE', registrationDate: '2024-04-01', source: '1' }] }),
          ],
        }),
      ]);
      assert.deepEqual([s.created, s.closed], [4, 3]);
      const rows = await db()
        .selectFrom('firms')
        .select(['national_id', 'status', sql<string>`closed_on::text`.as('closed_on')])
        .orderBy('national_id')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.status, r.closed_on]),
        [
          ['closed', '2023-12-31'],
          ['closed', '2024-02-01'],
          ['closed', '2024-03-01'],
          ['active', null],
        ],
      );
    });

    it('rejects a wrong check digit and an unknown municipality with the record number and field', async () => {
      const [a, b] = finnishIds(2);
      const wrong = `${a.slice(0, 8)}${(Number(a[8]) + 1) % 10}`;
      const bad = company(b, {
        addresses: [{ type: 1, street: 'X', postCode: '00100', postOffices: [{ city: 'X', languageCode: '1', municipalityCode: '999' }], source: '0' }],
      });
      const s = await importRegisterFiles(db(), 'prh', [files.json('bad.json', { totalResults: 3, companies: [company(a), company(wrong), bad] })]);
      assert.deepEqual([s.created, s.rejected], [1, 2]);
      assert.deepEqual(
        s.rejections.map((r) => [r.line, r.field]),
        [
          [2, 'businessId.value'],
          [3, 'addresses.0.postOffices.municipalityCode'],
        ],
      );
      assert.match(rejectionText(s.rejections[0]), /check digit|not a valid number/);
      assert.match(rejectionText(s.rejections[1]), /unknown municipality code 999/);
    });

    it('keeps only the municipalities asked for', async () => {
      const [a, b] = finnishIds(2);
      const path = files.json('two.json', { totalResults: 2, companies: [company(a), company(b, { addresses: [] })] });
      const s = await importRegisterFiles(db(), 'prh', [samplePath, path], { onlyMunicipalities: ['320'] });
      assert.deepEqual([s.read, s.created, s.skipped], [12, 1, 11]);
    });
  });
}
