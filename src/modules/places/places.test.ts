import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createMunicipalityResolver, listCounties, listMunicipalities } from './places.service.js';

for (const backend of await backendsUnderTest()) {
  describe(`places on ${backend}`, () => {
    let database: TestDatabase;
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => database?.destroy());

    it('has the counties and municipalities of the three countries', async () => {
      const count = async (country: string) => (await listMunicipalities(database.db, 'en', { country })).length;
      assert.equal(await count('NO'), 357);
      assert.equal(await count('SE'), 290);
      assert.ok((await count('FI')) >= 308);
      assert.equal((await listCounties(database.db, 'en', 'NO')).length, 15);
      assert.equal((await listCounties(database.db, 'en', 'SE')).length, 21);
      assert.equal((await listCounties(database.db, 'en', 'FI')).length, 19);
    });

    it('keeps official Sami names and Finnish/Swedish names', async () => {
      const all = await listMunicipalities(database.db, 'nb');
      const kautokeino = all.find((m) => m.country === 'NO' && m.code === '5612');
      assert.equal(kautokeino?.names.se, 'Guovdageaidnu');
      assert.equal(kautokeino?.names.nb, 'Kautokeino');
      const helsinki = all.find((m) => m.country === 'FI' && m.code === '091');
      assert.equal(helsinki?.names.fi, 'Helsinki');
      assert.equal(helsinki?.names.sv, 'Helsingfors');
      assert.equal(all.find((m) => m.country === 'FI' && m.code === '320')?.name, 'Kemijärvi');
    });

    it('maps old Norwegian municipality codes to current ones', async () => {
      const resolve = await createMunicipalityResolver(database.db);
      assert.equal(resolve('NO', '5025'), '5025'); // Røros, current
      assert.equal(resolve('NO', '1640'), '5025'); // Røros before 2018
      assert.equal(resolve('NO', '0301'), '0301');
      assert.equal(resolve('NO', '9999'), undefined);
      assert.equal(resolve('FI', '320'), '320');
    });
  });
}
