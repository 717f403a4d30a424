import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { listAuditTrail } from '../audit/audit.service.js';
import { organisationAuditTrail, organisationsCovering } from './network.service.js';

/*
 * Issue 7, finding 3 (firm takeover across organisations) and finding 10 (claims auto-approved
 * by a shared domain). Each test describes what a person would notice; on the code before the
 * fix every one of them fails.
 */
for (const backend of await backendsUnderTest()) {
  describe(`organisations, coverage and claims on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let roros: number;
    let trondheim: number;
    let bakery: number; // in Røros (5025), covered by roros
    let cafe: number; // in Trondheim (5001), covered by trondheim
    let kariId: number;
    let rorosAdmin: SignedIn;
    let rorosCoach: SignedIn;
    let rorosCoachId: number;
    let trondheimAdmin: SignedIn;
    let netAdmin: SignedIn;
    let netAdminId: number;
    let cafeManager: SignedIn;

    const pendingCoverage = (orgId: number, code: string) =>
      database.db
        .selectFrom('organisation_coverage')
        .select(['id', 'status'])
        .where('organisation_id', '=', orgId)
        .where('municipality_code', '=', code)
        .executeTakeFirst();

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      const db = database.db;
      roros = await insertOrganisation(db, { name: 'Rørosregionen Næringshage', coverage: [{ code: '5025', from: '2020-01-01' }] });
      trondheim = await insertOrganisation(db, { name: 'Trondheim Næringsforum', coverage: [{ code: '5001', from: '2020-01-01' }] });
      bakery = await insertFirm(db, { name: 'Røros Bakeri AS', municipality: '5025', nationalId: '933333333', website: 'https://www.roros-bakeri.no' });
      cafe = await insertFirm(db, { name: 'Bakklandet Kafé AS', municipality: '5001', nationalId: '944444444', website: 'https://bakklandet-kafe.no' });
      kariId = (await createUser(db, { email: 'kari@gmail.com', displayName: 'Kari Claimant' })).id;
      await createUser(db, { email: 'admin@rnh.no', roles: [{ organisationId: roros, role: 'org_admin' }] });
      rorosCoachId = (await createUser(db, { email: 'coach@rnh.no', roles: [{ organisationId: roros, role: 'coach' }] })).id;
      await createUser(db, { email: 'admin@tnf.no', roles: [{ organisationId: trondheim, role: 'org_admin' }] });
      netAdminId = (await createUser(db, { email: 'net@lokalkraft.no', isNetworkAdmin: true })).id;
      await createUser(db, { email: 'ola@bakklandet-kafe.no', managedFirmIds: [cafe] });
      rorosAdmin = await signIn(app, 'admin@rnh.no');
      rorosCoach = await signIn(app, 'coach@rnh.no');
      trondheimAdmin = await signIn(app, 'admin@tnf.no');
      netAdmin = await signIn(app, 'net@lokalkraft.no');
      cafeManager = await signIn(app, 'ola@bakklandet-kafe.no');
      // Kari asks to manage the bakery (gmail: goes to review by the organisation covering Røros).
      const kari = await signIn(app, 'kari@gmail.com');
      assert.equal((await postForm(app, `/firms/${bakery}/manage/claim`, {}, kari)).status, 303);
    });
    after(async () => database?.destroy());

    it("coverage overlapping another organisation's waits for approval and shows no claimants meanwhile; the requester cannot approve it", async () => {
      // Trondheim's admin adds Røros, which Rørosregionen covers.
      const res = await postForm(app, `/network/organisations/${trondheim}/coverage`, { municipality: '5025', valid_from: '2025-01-01' }, trondheimAdmin);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /already covered by another organisation|dekkes allerede av en annen organisasjon/);
      const row = await pendingCoverage(trondheim, '5025');
      assert.equal(row?.status, 'pending');
      // No effect: Trondheim does not cover Røros, sees neither the request nor Kari, cannot decide it.
      assert.deepEqual(await organisationsCovering(database.db, 'NO', '5025'), [roros]);
      const queue = await (await app.request('/network/claims', { headers: trondheimAdmin.headers() })).text();
      assert.doesNotMatch(queue, /Røros Bakeri|kari@gmail\.com|Kari Claimant/);
      assert.equal((await postForm(app, `/network/claims/${bakery}/${kariId}`, { decision: 'approve' }, trondheimAdmin)).status, 403);
      // A member added in Røros is only an offer (the coverage does not count yet).
      const member = await postForm(
        app,
        `/network/organisations/${trondheim}/members`,
        { orgnr: '933333333', tier: 'Basis', status: 'active', valid_from: '2025-02-01' },
        trondheimAdmin,
      );
      assert.equal(member.status, 200);
      assert.equal(
        (await database.db.selectFrom('memberships').select('id').where('organisation_id', '=', trondheim).where('firm_id', '=', bakery).execute()).length,
        0,
      );

      // The requester cannot approve their own request.
      assert.equal((await postForm(app, `/network/coverage-requests/${row!.id}`, { decision: 'approve' }, trondheimAdmin)).status, 403);
      // The other organisation's admin sees it in the queue (linked from /network) and decides.
      assert.match(await (await app.request('/network', { headers: rorosAdmin.headers() })).text(), /href="\/network\/coverage-requests"/);
      const rorosQueue = await (await app.request('/network/coverage-requests', { headers: rorosAdmin.headers() })).text();
      assert.match(rorosQueue, /Trondheim Næringsforum/);
      assert.match(rorosQueue, new RegExp(`action="/network/coverage-requests/${row!.id}"`));
      // A coach may not decide coverage.
      assert.equal((await postForm(app, `/network/coverage-requests/${row!.id}`, { decision: 'approve' }, rorosCoach)).status, 403);
      assert.equal((await postForm(app, `/network/coverage-requests/${row!.id}`, { decision: 'maybe' }, rorosAdmin)).status, 400);
      assert.equal((await postForm(app, `/network/coverage-requests/${row!.id}`, { decision: 'reject' }, rorosAdmin)).status, 303);
      assert.equal((await pendingCoverage(trondheim, '5025'))?.status, 'rejected');
      assert.deepEqual(await organisationsCovering(database.db, 'NO', '5025'), [roros]);
      assert.equal((await postForm(app, `/network/coverage-requests/${row!.id}`, { decision: 'approve' }, netAdmin)).status, 404, 'decided already');
      const trail = await listAuditTrail(database.db, { organisationId: trondheim });
      assert.ok(trail.some((e) => e.action === 'network.coverage.request'));
      assert.ok(trail.some((e) => e.action === 'network.coverage.reject'));
    });

    it("moving an ended coverage period's end later cannot reach into another organisation's coverage", async () => {
      const db = database.db;
      // Røros covered Trondheim once (until 2019); Trondheim Næringsforum has covered it since 2020.
      const old = await db
        .insertInto('organisation_coverage')
        .values({ organisation_id: roros, country: 'NO', municipality_code: '5001', valid_from: '2015-01-01', valid_to: '2019-12-31' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const res = await postForm(app, `/network/organisations/${roros}/coverage/${old.id}/end?lang=en`, { valid_to: '2030-12-31' }, rorosAdmin);
      assert.equal(res.status, 409);
      assert.match(await res.text(), /overlap another organisation/);
      assert.deepEqual((await organisationsCovering(db, 'NO', '5001', '2025-06-01')).sort(), [trondheim]);
      // An earlier end, or a later one that stays clear of others, is still fine.
      const ok = await postForm(app, `/network/organisations/${roros}/coverage/${old.id}/end?lang=en`, { valid_to: '2019-06-30' }, rorosAdmin);
      assert.equal(ok.status, 303);
      await db.deleteFrom('organisation_coverage').where('id', '=', old.id).execute();
    });

    it('a firm outside the coverage becomes a member only when its manager accepts the offer', async () => {
      const res = await postForm(
        app,
        `/network/organisations/${roros}/members`,
        { orgnr: '944444444', tier: 'Basis', status: 'active', valid_from: '2025-01-01', fee: '1500', currency: 'NOK' },
        rorosAdmin,
      );
      assert.equal(res.status, 200);
      assert.match(await res.text(), /outside your coverage area|utenfor dekningsområdet/);
      const members = () => database.db.selectFrom('memberships').select('id').where('organisation_id', '=', roros).where('firm_id', '=', cafe).execute();
      assert.equal((await members()).length, 0, 'not a member before consent');
      // The firm's manager sees the offer on "my firms".
      const mine = await (await app.request('/my/firms', { headers: cafeManager.headers() })).text();
      assert.match(mine, /Rørosregionen Næringshage/);
      const offer = await database.db.selectFrom('membership_requests').select('id').where('firm_id', '=', cafe).executeTakeFirstOrThrow();
      // Nobody but the firm's managers can accept — not the offering admin, not the network admin.
      for (const who of [rorosAdmin, netAdmin, trondheimAdmin])
        assert.equal((await postForm(app, `/firms/${cafe}/manage/membership-offers`, { offer: String(offer.id), decision: 'accept' }, who)).status, 403);
      assert.equal((await members()).length, 0);
      const ok = await postForm(app, `/firms/${cafe}/manage/membership-offers`, { offer: String(offer.id), decision: 'accept' }, cafeManager);
      assert.equal(ok.status, 303);
      assert.equal((await members()).length, 1);
      assert.equal(
        (await postForm(app, `/firms/${cafe}/manage/membership-offers`, { offer: String(offer.id), decision: 'accept' }, cafeManager)).status,
        404,
        'answered already',
      );
      // A firm inside the coverage is added at once.
      const inside = await postForm(
        app,
        `/network/organisations/${roros}/members`,
        { orgnr: '933333333', tier: 'Basis', status: 'active', valid_from: '2025-01-01' },
        rorosAdmin,
      );
      assert.equal(inside.status, 303);
    });

    it('nobody decides a request they made, not even the network admin', async () => {
      await postForm(app, `/firms/${bakery}/manage/claim`, {}, netAdmin);
      await postForm(app, `/firms/${bakery}/manage/claim`, {}, rorosCoach);
      assert.equal((await postForm(app, `/network/claims/${bakery}/${netAdminId}`, { decision: 'approve' }, netAdmin)).status, 403);
      assert.equal((await postForm(app, `/network/claims/${bakery}/${rorosCoachId}`, { decision: 'approve' }, rorosCoach)).status, 403);
      const own = await database.db
        .selectFrom('firm_managers')
        .select('status')
        .where('firm_id', '=', bakery)
        .where('user_id', 'in', [netAdminId, rorosCoachId])
        .execute();
      assert.deepEqual(
        own.map((r) => r.status),
        ['pending', 'pending'],
      );
      // Each may decide the other's.
      assert.equal((await postForm(app, `/network/claims/${bakery}/${netAdminId}`, { decision: 'reject' }, rorosCoach)).status, 303);
      assert.equal((await postForm(app, `/network/claims/${bakery}/${rorosCoachId}`, { decision: 'reject' }, netAdmin)).status, 303);
    });

    it("claimants' names and e-mails are shown only to reviewers of the covering organisation, and each showing is logged", async () => {
      // The network admin may decide, but the bakery is covered by Rørosregionen: no name, no e-mail.
      const adminQueue = await (await app.request('/network/claims', { headers: netAdmin.headers() })).text();
      assert.match(adminQueue, /Røros Bakeri AS/);
      assert.doesNotMatch(adminQueue, /kari@gmail\.com|Kari Claimant/);
      const coachQueue = await (await app.request('/network/claims', { headers: rorosCoach.headers() })).text();
      assert.match(coachQueue, /kari@gmail\.com/);
      const reads = await listAuditTrail(database.db, { firmIds: [bakery], entityType: 'firm_manager', entityId: `${bakery}:${kariId}` });
      const read = reads.find((e) => e.action === 'registry.claim.personal_data_read');
      assert.ok(read, 'the reading is in the audit log');
      assert.equal(read.actorUserId, rorosCoachId);
      assert.equal(read.organisationId, roros);
      assert.ok(!reads.some((e) => e.action === 'registry.claim.personal_data_read' && e.actorUserId === netAdminId));
    });

    it("an organisation's audit trail shows only its own facts about a member firm", async () => {
      // The café is a member of both organisations (Rørosregionen by consent above).
      assert.equal(
        (
          await postForm(
            app,
            `/network/organisations/${trondheim}/members`,
            { orgnr: '944444444', tier: 'Gull', status: 'active', valid_from: '2025-01-01', fee: '9999', currency: 'NOK' },
            trondheimAdmin,
          )
        ).status,
        303,
      );
      // Someone asks to manage the café; Trondheim's admin decides (a Trondheim fact).
      await createUser(database.db, { email: 'per@hotmail.com' });
      const per = await signIn(app, 'per@hotmail.com');
      await postForm(app, `/firms/${cafe}/manage/claim`, {}, per);
      const perId = (await database.db.selectFrom('users').select('id').where('email', '=', 'per@hotmail.com').executeTakeFirstOrThrow()).id;
      assert.equal((await postForm(app, `/network/claims/${cafe}/${perId}`, { decision: 'approve' }, trondheimAdmin)).status, 303);
      // The café's own profile change is a public fact every member organisation may follow.
      assert.equal((await postForm(app, `/firms/${cafe}/manage/profile`, { description_en: 'Coffee by the old bridge.' }, cafeManager)).status, 303);

      const rorosTrail = await organisationAuditTrail(
        database.db,
        { id: 0, email: 'x', displayName: 'x', isEmailVerified: true, isNetworkAdmin: true, roles: [], managedFirmIds: [], sessionId: 'x' },
        roros,
      );
      const json = JSON.stringify(rorosTrail);
      assert.ok(!rorosTrail.some((e) => e.organisationId !== null && e.organisationId !== roros), "no other organisation's entries");
      assert.ok(!rorosTrail.some((e) => e.action.startsWith('registry.claim') && e.firmId === cafe), 'no requests to manage the café (decided by Trondheim)');
      assert.ok(
        rorosTrail.some((e) => e.action === 'registry.claim.reject' && e.firmId === bakery),
        'its own decisions stay in its trail',
      );
      assert.doesNotMatch(json, /Gull|999900/);
      assert.ok(
        rorosTrail.some((e) => e.action.startsWith('registry.profile')),
        "the firm's public profile changes are shown",
      );
      // The page says the same.
      const page = await (await app.request(`/network/organisations/${roros}/audit`, { headers: rorosAdmin.headers() })).text();
      assert.doesNotMatch(page, /Gull|9999/);
      assert.doesNotMatch(page, /per@hotmail\.com/);
    });

    it('two organisations adding the same uncovered municipality at once: one is approved, the other waits; two deciders at once: one decides', async () => {
      // Holtålen (5026) is covered by nobody.
      const [a, b] = await Promise.all([
        postForm(app, `/network/organisations/${roros}/coverage`, { municipality: '5026', valid_from: '2025-01-01' }, rorosAdmin),
        postForm(app, `/network/organisations/${trondheim}/coverage`, { municipality: '5026', valid_from: '2025-01-01' }, trondheimAdmin),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 303]);
      const rows = await database.db.selectFrom('organisation_coverage').select(['id', 'status']).where('municipality_code', '=', '5026').execute();
      assert.deepEqual(rows.map((r) => r.status).sort(), ['approved', 'pending']);
      const pending = rows.find((r) => r.status === 'pending')!;
      const decided = await Promise.all([
        postForm(app, `/network/coverage-requests/${pending.id}`, { decision: 'approve' }, netAdmin),
        postForm(app, `/network/coverage-requests/${pending.id}`, { decision: 'reject' }, a.status === 303 ? rorosAdmin : trondheimAdmin),
      ]);
      assert.deepEqual(decided.map((r) => r.status).sort(), [303, 404]);
      const trail = await listAuditTrail(database.db, {
        entityType: 'coverage',
        entityId: String(pending.id),
        organisationId: a.status === 303 ? trondheim : roros,
      });
      assert.equal(trail.filter((e) => e.action === 'network.coverage.approve' || e.action === 'network.coverage.reject').length, 1);
    });

    it('auto-approves only when the e-mail domain is exactly the website host, never on a shared or public-sector domain', async () => {
      const cases: { website: string; email: string; expect: 'approved' | 'pending' }[] = [
        { website: 'https://www.fjellbakst.no', email: 'eva@fjellbakst.no', expect: 'approved' },
        // A sibling host of the same registrable domain (a tourism site hosting the firm's page).
        { website: 'https://fjellbakst.reiseliv-roros.no', email: 'eva@reiseliv-roros.no', expect: 'pending' },
        { website: 'https://reiseliv-roros.no/bedrifter/fjellbakst', email: 'eva@mail.reiseliv-roros.no', expect: 'pending' },
        // Exactly the host, but a municipality's or a tourism portal's.
        { website: 'https://www.roros.kommune.no/naering/fjellbakst', email: 'eva@roros.kommune.no', expect: 'pending' },
        { website: 'https://www.visitroros.no/fjellbakst', email: 'eva@visitroros.no', expect: 'pending' },
        { website: 'https://fjellbakst.wixsite.com', email: 'eva@fjellbakst.wixsite.com', expect: 'pending' },
      ];
      let i = 0;
      for (const c of cases) {
        i++;
        const firm = await insertFirm(database.db, { name: `Fjellbakst ${i}`, municipality: '5025', website: c.website });
        await createUser(database.db, { email: c.email.replace('@', `+${i}@`), isEmailVerified: true });
        const eva = await signIn(app, c.email.replace('@', `+${i}@`));
        assert.equal((await postForm(app, `/firms/${firm}/manage/claim`, {}, eva)).status, 303);
        const row = await database.db.selectFrom('firm_managers').select('status').where('firm_id', '=', firm).executeTakeFirstOrThrow();
        assert.equal(row.status, c.expect, `${c.email} for ${c.website}`);
      }
    });
  });
}
