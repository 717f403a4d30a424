import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { maxImagesPerFirm } from '../src/modules/registry/profile/profile.service.js';
import { createUser, postForm, signIn, testOrigin, anonymous, type SignedIn } from './support/auth.js';
import { insertFirm, insertOrganisation } from './support/network-fixtures.js';
import { createTestApp } from './support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from './support/test-db.js';

/**
 * Many people (or one impatient person) changing the same thing at once. On PostgreSQL the
 * requests really run in parallel (pool of 8): without row locks, read-modify-write loses
 * changes and unique indexes surface as 500s. PGlite runs the same tests (one connection,
 * transactions one at a time) so both backends keep the same promises.
 */
for (const backend of await backendsUnderTest()) {
  describe(`concurrent writes on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let owner: SignedIn;
    let orgAdmin: SignedIn;
    let orgId: number;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      orgId = await insertOrganisation(database.db, { name: 'Org', coverage: [{ code: '5025', from: '2020-01-01' }] });
      await createUser(database.db, { email: 'admin@org.test', roles: [{ organisationId: orgId, role: 'org_admin' }] });
      orgAdmin = await signIn(app, 'admin@org.test');
    });
    after(async () => database?.destroy());

    /** A fresh firm whose owner is signed in as `owner`. */
    async function freshFirm(name: string): Promise<number> {
      const firmId = await insertFirm(database.db, { name });
      const email = `owner-${firmId}@firm.test`;
      await createUser(database.db, { email, managedFirmIds: [firmId] });
      owner = await signIn(app, email);
      return firmId;
    }

    const audit = (firmId: number, action: string) =>
      database.db.selectFrom('audit_log').select(['id', 'changes']).where('firm_id', '=', firmId).where('action', '=', action).orderBy('id').execute();

    const statuses = (rs: Response[]) => rs.map((r) => r.status).sort();

    it('keeps all 50 hours exceptions added at once (none lost, each audited)', async () => {
      const firmId = await freshFirm('Unntak AS');
      const dates = Array.from({ length: 50 }, (_, i) => `2027-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
      const rs = await Promise.all(dates.map((date) => postForm(app, `/firms/${firmId}/manage/hours/exceptions`, { date, closed: 'on' }, owner)));
      assert.deepEqual(statuses(rs), Array(50).fill(303));
      const row = await database.db.selectFrom('firms').select('opening_hours').where('id', '=', firmId).executeTakeFirstOrThrow();
      const hours = (typeof row.opening_hours === 'string' ? JSON.parse(row.opening_hours) : row.opening_hours) as { exceptions: { date: string }[] };
      assert.deepEqual(hours.exceptions.map((e) => e.date).sort(), [...dates].sort());
      assert.equal((await audit(firmId, 'registry.profile.hours_exception')).length, 50);
    });

    it('keeps the exceptions when the weekly hours are saved at the same time', async () => {
      const firmId = await freshFirm('Uke AS');
      const adds = Array.from({ length: 15 }, (_, i) =>
        postForm(app, `/firms/${firmId}/manage/hours/exceptions`, { date: `2027-05-${String(i + 1).padStart(2, '0')}`, closed: 'on' }, owner),
      );
      const weeks = Array.from({ length: 15 }, (_, i) =>
        postForm(app, `/firms/${firmId}/manage/hours`, { opens_1: '08:00', closes_1: `${String(10 + (i % 10)).padStart(2, '0')}:00` }, owner),
      );
      const rs = await Promise.all([...adds, ...weeks]);
      assert.ok(
        rs.every((r) => r.status === 303),
        `statuses: ${statuses(rs).join(',')}`,
      );
      const row = await database.db.selectFrom('firms').select('opening_hours').where('id', '=', firmId).executeTakeFirstOrThrow();
      const hours = (typeof row.opening_hours === 'string' ? JSON.parse(row.opening_hours) : row.opening_hours) as { exceptions: unknown[]; weekly: unknown[] };
      assert.equal(hours.exceptions.length, 15);
      assert.equal(hours.weekly.length, 1);
    });

    it('profile edits at once form one chain: each audit entry starts where the previous ended', async () => {
      const firmId = await freshFirm('Profil AS');
      const rs = await Promise.all(
        Array.from({ length: 30 }, (_, i) => postForm(app, `/firms/${firmId}/manage/profile`, { description_nb: `Versjon ${i}` }, owner)),
      );
      assert.deepEqual(statuses(rs), Array(30).fill(303));
      const entries = await audit(firmId, 'registry.profile.update');
      assert.equal(entries.length, 30);
      const changes = entries.map(
        (e) => (typeof e.changes === 'string' ? JSON.parse(e.changes) : e.changes) as Record<string, { before: unknown; after: unknown }>,
      );
      for (let i = 1; i < changes.length; i++)
        assert.deepEqual(changes[i].description.before, changes[i - 1].description.after, `entry ${i} did not see entry ${i - 1}`);
      const firm = await database.db.selectFrom('firms').select('description').where('id', '=', firmId).executeTakeFirstOrThrow();
      const description = typeof firm.description === 'string' ? JSON.parse(firm.description) : firm.description;
      assert.deepEqual(description, changes.at(-1)!.description.after);
    });

    it('adds every product sent at once, and parallel edits of one product all land in the trail', async () => {
      const firmId = await freshFirm('Produkt AS');
      const adds = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postForm(app, `/firms/${firmId}/manage/products`, { kind: 'product', name: `Vare ${i}`, price: String(10 + i), currency: 'NOK' }, owner),
        ),
      );
      assert.deepEqual(statuses(adds), Array(20).fill(303));
      const products = await database.db.selectFrom('products').select(['id', 'name']).where('firm_id', '=', firmId).execute();
      assert.equal(products.length, 20);
      const target = Number(products[0].id);
      const edits = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postForm(app, `/firms/${firmId}/manage/products/${target}`, { kind: 'service', name: `Tjeneste ${i}` }, owner)),
      );
      assert.deepEqual(statuses(edits), Array(20).fill(303));
      const trail = (await audit(firmId, 'registry.product.update')).map(
        (e) => (typeof e.changes === 'string' ? JSON.parse(e.changes) : e.changes) as Record<string, { before: unknown; after: unknown }>,
      );
      for (let i = 1; i < trail.length; i++) assert.deepEqual(trail[i].name.before, trail[i - 1].name.after, `product edit ${i} did not see edit ${i - 1}`);
    });

    it('gives links added at once distinct positions', async () => {
      const firmId = await freshFirm('Lenke AS');
      const rs = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postForm(app, `/firms/${firmId}/manage/links`, { label: `Lenke ${i}`, url: `https://example.test/${i}` }, owner)),
      );
      assert.deepEqual(statuses(rs), Array(20).fill(303));
      const links = await database.db.selectFrom('firm_links').select('position').where('firm_id', '=', firmId).execute();
      assert.equal(links.length, 20);
      assert.equal(new Set(links.map((l) => l.position)).size, 20, 'two links got the same position');
    });

    it(`holds the limit of ${maxImagesPerFirm} images per firm under parallel uploads (the rest get 409)`, async () => {
      const firmId = await freshFirm('Bilde AS');
      const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#468' } })
        .png()
        .toBuffer();
      const existing = maxImagesPerFirm - 3;
      for (let i = 0; i < existing; i++)
        await database.db
          .insertInto('firm_images')
          .values({
            firm_id: firmId,
            content_type: 'image/webp',
            width: 8,
            height: 8,
            data: png,
            thumb_data: png,
            thumb_width: 8,
            thumb_height: 8,
            byte_size: png.byteLength,
            sha256: 'x'.repeat(64),
            uploaded_by: null,
          })
          .execute();
      const upload = () => {
        const form = new FormData();
        form.set('_csrf', owner.csrfToken);
        form.set('alt_text', 'Butikken');
        form.set('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'shop.png');
        return app.request(`/firms/${firmId}/manage/images`, { method: 'POST', headers: { cookie: owner.cookie, origin: testOrigin }, body: form });
      };
      const rs = await Promise.all(Array.from({ length: 8 }, upload));
      assert.deepEqual(statuses(rs), [...Array(3).fill(303), ...Array(5).fill(409)]);
      const count = await database.db
        .selectFrom('firm_images')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('firm_id', '=', firmId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), maxImagesPerFirm);
      const refused = await rs.find((r) => r.status === 409)!.text();
      assert.match(refused, new RegExp(`at most ${maxImagesPerFirm} images`));
    });

    it('answers parallel sign-ups with one address with one account and no 500 (a duplicate is 409, in words)', async () => {
      const visitors = await Promise.all(Array.from({ length: 10 }, () => anonymous(app)));
      const rs = await Promise.all(
        visitors.map((v) => postForm(app, '/sign-up?lang=nb', { name: 'Kari', email: 'kari@race.test', password: 'a long enough password 123' }, v)),
      );
      for (const r of rs) assert.ok(r.status === 200 || r.status === 409, `sign-up answered ${r.status}`);
      const users = await database.db.selectFrom('users').select('id').where('email', '=', 'kari@race.test').execute();
      assert.equal(users.length, 1);
      const duplicate = rs.find((r) => r.status === 409);
      if (duplicate) assert.match(await duplicate.text(), /finnes allerede/);
    });

    it('adds a firm as member once when the form is sent many times at once; the others get 409 on the form', async () => {
      const firmId = await insertFirm(database.db, { name: 'Medlem AS', nationalId: '987654321' });
      const rs = await Promise.all(
        Array.from({ length: 10 }, () =>
          postForm(
            app,
            `/network/organisations/${orgId}/members?lang=en`,
            { orgnr: '987654321', tier: 'Basis', status: 'active', valid_from: '2026-01-01' },
            orgAdmin,
          ),
        ),
      );
      assert.equal(rs.filter((r) => r.status === 303).length, 1, `statuses: ${statuses(rs).join(',')}`);
      assert.ok(
        rs.every((r) => r.status === 303 || r.status === 409),
        `statuses: ${statuses(rs).join(',')}`,
      );
      const open = await database.db.selectFrom('memberships').select('id').where('organisation_id', '=', orgId).where('firm_id', '=', firmId).execute();
      assert.equal(open.length, 1);
      for (const r of rs.filter((x) => x.status === 409)) assert.match(await r.text(), /already/);
    });
  });
}
