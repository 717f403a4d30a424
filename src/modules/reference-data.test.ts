import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../test/support/test-db.js';
import { listMunicipalities } from './places/places.service.js';
import { loadReferenceData } from './reference-data.js';

for (const backend of await backendsUnderTest()) {
  describe(`reference data at start on ${backend}`, () => {
    let database: TestDatabase;
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => database?.destroy());

    it('loads once, skips an unchanged set on the next start, and loads again when the stamp differs', async () => {
      const db = database.db;
      // The test database was made with the reference data loaded: a start finds it current.
      assert.deepEqual(await loadReferenceData(db), { loaded: false });
      // A database that last loaded other files (or under other migrations) loads them again.
      await db.updateTable('reference_data_stamp').set({ digest: 'older files' }).execute();
      await db.deleteFrom('municipality_code_changes').execute();
      const again = await loadReferenceData(db);
      assert.equal(again.loaded, true);
      assert.ok(again.loaded && again.municipalities >= 955, 'NO 357 + SE 290 + FI 308 or more');
      assert.ok((await db.selectFrom('municipality_code_changes').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n !== 0);
      assert.equal((await listMunicipalities(db, 'en', { country: 'NO' })).length, 357);
      assert.deepEqual(await loadReferenceData(db), { loaded: false });
      // `force` loads whatever the stamp says.
      assert.equal((await loadReferenceData(db, { force: true })).loaded, true);
    });
  });
}
