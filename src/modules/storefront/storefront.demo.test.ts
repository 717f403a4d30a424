import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import type { DemoWorld } from '../demo/demo-world.types.js';
import { storefrontDemo } from './storefront.demo.js';

describe('storefront demo (Røros)', () => {
  let database: TestDatabase;
  let world: DemoWorld;

  before(async () => {
    database = await createTestDatabase('pglite');
    const org = await insertOrganisation(database.db, { name: 'Røros Handel og Næring (demo)', type: 'retail_association' });
    const firm = async (name: string) => ({
      firmId: await insertFirm(database.db, { name }),
      establishmentId: null,
      name,
      country: 'NO',
      municipality: '5025',
    });
    world = {
      orgs: { 'roros-handel': { id: org } },
      people: {},
      firms: {
        'wool-roros': await firm('Røros Ull (demo)'),
        'bookshop-roros': await firm('Røros Bok (demo)'),
        'bakery-roros': await firm('Røros Bakeri (demo)'),
      },
    } as unknown as DemoWorld;
  });
  after(async () => database?.destroy());

  it('three shops with products marked "(demo)", mirrored into the directory; a second run adds nothing', async () => {
    assert.match((await storefrontDemo.seed(database.db, world, new Date())) ?? '', /3 shops, 6 products/);
    assert.equal(await storefrontDemo.seed(database.db, world, new Date()), undefined);
    const products = await database.db.selectFrom('storefront_products').select(['name', 'is_demo']).execute();
    assert.equal(products.length, 6);
    assert.ok(products.every((p) => p.is_demo && p.name.endsWith('(demo)')));
    const mirrored = await database.db.selectFrom('products').select('name').where('origin', '=', 'storefront').execute();
    assert.ok(mirrored.some((m) => m.name === 'Ullsokker fra Røros (demo)'));
  });
});
