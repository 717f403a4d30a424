import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { cookiesFrom, postForm, anonymous } from '../../../test/support/auth.js';
import { seedDemoIfEmpty } from '../registry/demo/demo.service.js';
import { ensureDemoWorld } from './demo-world.js';

const now = new Date('2026-11-22T12:00:00Z');

for (const backend of await backendsUnderTest()) {
  describe(`demo world on ${backend}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(backend);
    });
    after(async () => database?.destroy());

    it('has no world without demo firms', async () => {
      assert.equal(await ensureDemoWorld(database.db), undefined);
    });

    it('builds organisations, people, agreements and story firms once, the same the second time', async () => {
      await seedDemoIfEmpty(database.db, { now });
      const first = await ensureDemoWorld(database.db);
      const second = await ensureDemoWorld(database.db);
      assert.ok(first && second);
      assert.deepEqual(second, first, 'seeding again finds the same rows');
      const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0].n;
      assert.equal(await count('organisations'), 9);
      assert.ok(Object.values(first.orgs).every((o) => o.name.endsWith('(demo)')));
      // The Sorsele café is a Swedish café in Sorsele; Røros' shops are three different firms there.
      const roros = [first.firms['bakery-roros'], first.firms['bookshop-roros'], first.firms['wool-roros']];
      assert.equal(new Set(roros.map((f) => f.firmId)).size, 3);
      const cafe = await sql<{
        nace_code: string;
        municipality_code: string;
      }>`select nace_code, municipality_code from firms where id = ${first.firms['cafe-sorsele'].firmId}`.execute(database.db);
      assert.match(cafe.rows[0].nace_code, /^561/);
      // Sorsele and Arjeplog share coaching; Kemijärvi is outside Region 10's agreements.
      const shares = async (from: number, to: number) =>
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from sharing_agreements where from_organisation_id = ${from} and to_organisation_id = ${to} and scope = 'coaching'`.execute(
            database.db,
          )
        ).rows[0].n;
      assert.equal(await shares(first.orgs.sorsele.id, first.orgs.arjeplog.id), 1);
      assert.equal(await shares(first.orgs.arjeplog.id, first.orgs.sorsele.id), 1);
      assert.equal(await shares(first.orgs.kemijarvi.id, first.orgs.sorsele.id), 0);
      const roles = await sql<{
        role: string;
        organisation_id: number;
      }>`select role, organisation_id from staff_roles where user_id = ${first.people['coach-sorsele'].id}`.execute(database.db);
      assert.deepEqual(
        roles.rows.map((r) => [r.role, Number(r.organisation_id)]),
        [['coach', first.orgs.sorsele.id]],
      );
      const managers = await sql<{
        status: string;
      }>`select status from firm_managers where user_id = ${first.people['owner-bakery-roros'].id} and firm_id = ${first.firms['bakery-roros'].firmId}`.execute(
        database.db,
      );
      assert.equal(managers.rows[0]?.status, 'approved');
    });

    it('lets the machine itself (or an opted-in demo site) sign in as a demo person, and nobody else', async () => {
      const closed = createTestApp(database); // app.request has no socket: not the loopback address
      assert.equal((await closed.request('/demo')).status, 404);
      const open = createTestApp(database, { LOKALKRAFT_DEMO_SIGNIN: 'true' });
      const page = await open.request('/demo?lang=en');
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Sign in as Anna Sjödin/);
      const visitor = await anonymous(open);
      const refused = await postForm(open, '/demo/sign-in', { email: 'someone@example.org' }, visitor);
      assert.equal(refused.status, 400, 'only demo addresses');
      const res = await postForm(open, '/demo/sign-in', { email: 'coach-sorsele@demo.lokalkraft.example' }, visitor);
      assert.equal(res.status, 303);
      const cookie = cookiesFrom(res).find((c) => /^(__Host-)?lk_session=/.test(c))!;
      const me = await open.request('/api/v1/me', { headers: { cookie } });
      assert.equal(me.status, 200);
      const body = (await me.json()) as { user: { email: string; roles: { role: string }[] } };
      assert.equal(body.user.email, 'coach-sorsele@demo.lokalkraft.example');
      assert.deepEqual(
        body.user.roles.map((r) => r.role),
        ['coach'],
      );
      const production = createTestApp(database, { LOKALKRAFT_DEMO_SIGNIN: 'true', LOKALKRAFT_DEMO: 'false' });
      assert.equal((await production.request('/demo')).status, 404, 'not without the demo');
    });
  });
}
