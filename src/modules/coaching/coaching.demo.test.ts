import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { anonymous, cookiesFrom, postForm } from '../../../test/support/auth.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { ensureDemoWorld } from '../demo/demo-world.js';
import { seedDemoIfEmpty } from '../registry/demo/demo.service.js';
import { coachingDemo } from './coaching.demo.js';

const now = new Date('2026-11-22T12:00:00Z');

for (const backend of await backendsUnderTest()) {
  describe(`coaching demo on ${backend}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(backend);
    });
    after(async () => database?.destroy());

    it('fills the coaches’ pages across Region 10, Fjellregionen and East Lapland, marked demo, once', async () => {
      await seedDemoIfEmpty(database.db, { now });
      const world = (await ensureDemoWorld(database.db))!;
      assert.match((await coachingDemo.seed(database.db, world, now)) ?? '', /more cases/);
      assert.equal(await coachingDemo.seed(database.db, world, now), undefined, 'idempotent');
      const perCountry = await sql<{ country: string; n: number }>`
        select firm_country as country, count(*)::int as n from coaching_cases where is_demo group by firm_country order by 1`.execute(database.db);
      const counts = Object.fromEntries(perCountry.rows.map((r) => [r.country, r.n]));
      assert.ok(counts.SE! >= 25 && counts.NO! >= 10 && counts.FI! >= 12, JSON.stringify(counts));
      const notDemo = await sql<{ n: number }>`
        select (select count(*) from coaching_cases where not is_demo) + (select count(*) from coaching_entries where not is_demo)
             + (select count(*) from coaching_referrals where not is_demo) + (select count(*) from coaching_activities where not is_demo) as n`.execute(
        database.db,
      );
      assert.equal(Number(notDemo.rows[0]!.n), 0, 'every row is marked demo');
      const entries = await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from coaching_entries group by kind`.execute(database.db);
      const kinds = Object.fromEntries(entries.rows.map((r) => [r.kind, r.n]));
      assert.ok(kinds.meeting! > 100 && kinds.task! > 30 && kinds.email! > 30, JSON.stringify(kinds));

      // The Sorsele coach's day on first start: open cases, overdue tasks, follow-ups, a shared case of Arjeplog.
      const app = createTestApp(database, { LOKALKRAFT_DEMO_SIGNIN: 'true' });
      const res = await postForm(app, '/demo/sign-in', { email: 'coach-sorsele@demo.lokalkraft.example' }, await anonymous(app));
      const cookie = cookiesFrom(res).find((c) => /^(__Host-)?lk_session=/.test(c))!;
      const home = await (await app.request('/coaching?lang=en', { headers: { cookie } })).text();
      assert.match(home, /My open cases[\s\S]*\(demo\)/);
      assert.match(home, /Overdue/);
      const list = await (await app.request('/coaching/cases?lang=en', { headers: { cookie } })).text();
      assert.match(list, /Arjeplog/, 'a case of the partner Arjeplog, shared with consent');
      const calendar = await app.request(`/coaching/calendar?view=list&date=${now.toISOString().slice(0, 10)}&lang=en`, { headers: { cookie } });
      assert.equal(calendar.status, 200);
    });
  });
}
