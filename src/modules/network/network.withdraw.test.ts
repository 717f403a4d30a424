import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { listAuditTrail } from '../audit/audit.service.js';

/*
 * The organisation that asked takes back its own pending coverage request or unanswered
 * membership offer; a decided one stays decided; withdraw and decide at once have one winner.
 */
for (const backend of await backendsUnderTest()) {
  describe(`withdrawing coverage requests and membership offers on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let roros: number; // covers Røros (5025) and Holtålen (5026)
    let trondheim: number; // covers Trondheim (5001)
    let bakery: number; // in Røros
    let rorosAdmin: SignedIn;
    let trondheimAdmin: SignedIn;
    let trondheimCoach: SignedIn;
    let netAdmin: SignedIn;
    let bakeryManager: SignedIn;

    const page = async (url: string, who: SignedIn) => (await app.request(url, { headers: who.headers() })).text();
    const requestCoverage = async (code: string) => {
      const res = await postForm(app, `/network/organisations/${trondheim}/coverage`, { municipality: code, valid_from: '2025-01-01' }, trondheimAdmin);
      assert.equal(res.status, 200);
      const row = await database.db
        .selectFrom('organisation_coverage')
        .select(['id', 'status'])
        .where('organisation_id', '=', trondheim)
        .where('municipality_code', '=', code)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    };
    const coverageRow = (id: number) => database.db.selectFrom('organisation_coverage').select('status').where('id', '=', id).executeTakeFirst();
    const offerBakery = async () => {
      const res = await postForm(
        app,
        `/network/organisations/${trondheim}/members`,
        { orgnr: '933333333', tier: 'Basis', status: 'active', valid_from: '2025-01-01' },
        trondheimAdmin,
      );
      assert.equal(res.status, 200);
      const row = await database.db
        .selectFrom('membership_requests')
        .select('id')
        .where('organisation_id', '=', trondheim)
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    };
    const offerRow = (id: number) =>
      database.db.selectFrom('membership_requests').select(['state', 'membership_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const trail = (organisationId: number, entityType: string, id: number) => listAuditTrail(database.db, { entityType, entityId: String(id), organisationId });

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      const db = database.db;
      roros = await insertOrganisation(db, {
        name: 'Rørosregionen Næringshage',
        coverage: [
          { code: '5025', from: '2020-01-01' },
          { code: '5026', from: '2020-01-01' },
        ],
      });
      trondheim = await insertOrganisation(db, { name: 'Trondheim Næringsforum', coverage: [{ code: '5001', from: '2020-01-01' }] });
      bakery = await insertFirm(db, { name: 'Røros Bakeri AS', municipality: '5025', nationalId: '933333333', website: 'https://www.roros-bakeri.no' });
      await createUser(db, { email: 'admin@rnh.no', roles: [{ organisationId: roros, role: 'org_admin' }] });
      await createUser(db, { email: 'admin@tnf.no', roles: [{ organisationId: trondheim, role: 'org_admin' }] });
      await createUser(db, { email: 'coach@tnf.no', roles: [{ organisationId: trondheim, role: 'coach' }] });
      await createUser(db, { email: 'net@lokalkraft.no', isNetworkAdmin: true });
      await createUser(db, { email: 'ola@roros-bakeri.no', managedFirmIds: [bakery] });
      rorosAdmin = await signIn(app, 'admin@rnh.no');
      trondheimAdmin = await signIn(app, 'admin@tnf.no');
      trondheimCoach = await signIn(app, 'coach@tnf.no');
      netAdmin = await signIn(app, 'net@lokalkraft.no');
      bakeryManager = await signIn(app, 'ola@roros-bakeri.no');
    });
    after(async () => database?.destroy());

    it("the asking organisation's admin withdraws a pending coverage request: gone from the decider's queue, audited, no longer decidable; others are refused", async () => {
      const id = await requestCoverage('5025');
      const withdrawUrl = `/network/organisations/${trondheim}/coverage/${id}/withdraw`;
      assert.match(await page(`/network/coverage-requests`, rorosAdmin), /Trondheim Næringsforum/);
      // The button is on the asking organisation's coverage page, for its admin only.
      assert.ok((await page(`/network/organisations/${trondheim}/coverage`, trondheimAdmin)).includes(`action="${withdrawUrl}"`));
      assert.ok(!(await page(`/network/organisations/${trondheim}/coverage`, trondheimCoach)).includes(withdrawUrl));
      // Neither the asking organisation's coach nor the decider (another organisation's admin) withdraws it.
      assert.equal((await postForm(app, withdrawUrl, {}, trondheimCoach)).status, 403);
      assert.equal((await postForm(app, `/network/organisations/${roros}/coverage/${id}/withdraw`, {}, rorosAdmin)).status, 404);
      assert.equal((await postForm(app, withdrawUrl, {}, rorosAdmin)).status, 403);
      assert.equal((await coverageRow(id))?.status, 'pending');

      const res = await postForm(app, withdrawUrl, {}, trondheimAdmin);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/network/organisations/${trondheim}/coverage?withdrawn=1`);
      assert.equal(await coverageRow(id), undefined);
      assert.doesNotMatch(await page(`/network/coverage-requests`, rorosAdmin), /Trondheim Næringsforum/);
      assert.equal((await postForm(app, `/network/coverage-requests/${id}`, { decision: 'approve' }, rorosAdmin)).status, 404);
      const entries = await trail(trondheim, 'coverage', id);
      const entry = entries.find((e) => e.action === 'network.coverage.withdraw');
      assert.ok(entry, 'the withdrawal is in the audit trail');
      assert.match(JSON.stringify(entry), /NO-5025/);
    });

    it('the network admin withdraws too; a decided request cannot be withdrawn (409, localised)', async () => {
      const first = await requestCoverage('5025');
      assert.equal((await postForm(app, `/network/organisations/${trondheim}/coverage/${first}/withdraw`, {}, netAdmin)).status, 303);
      assert.equal(await coverageRow(first), undefined);

      const second = await requestCoverage('5025');
      assert.equal((await postForm(app, `/network/coverage-requests/${second}`, { decision: 'reject' }, rorosAdmin)).status, 303);
      const refused = await postForm(app, `/network/organisations/${trondheim}/coverage/${second}/withdraw`, {}, trondheimAdmin);
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /already been decided|allerede avgjort/);
      assert.equal((await coverageRow(second))?.status, 'rejected');
    });

    it("the offering organisation's admin withdraws an unanswered membership offer: the firm no longer sees it and cannot accept it; an answered one cannot be withdrawn", async () => {
      const id = await offerBakery();
      const withdrawUrl = `/network/organisations/${trondheim}/offers/${id}/withdraw`;
      assert.match(await page('/my/firms', bakeryManager), /Trondheim Næringsforum/);
      assert.ok((await page(`/network/organisations/${trondheim}/members`, trondheimAdmin)).includes(`action="${withdrawUrl}"`));
      assert.ok(!(await page(`/network/organisations/${trondheim}/members`, trondheimCoach)).includes(withdrawUrl));
      assert.equal((await postForm(app, withdrawUrl, {}, trondheimCoach)).status, 403);
      assert.equal((await postForm(app, withdrawUrl, {}, rorosAdmin)).status, 403);
      assert.equal((await postForm(app, `/network/organisations/${roros}/offers/${id}/withdraw`, {}, rorosAdmin)).status, 404);

      const res = await postForm(app, withdrawUrl, {}, trondheimAdmin);
      assert.equal(res.status, 303);
      assert.equal((await offerRow(id)).state, 'withdrawn');
      assert.doesNotMatch(await page('/my/firms', bakeryManager), /Trondheim Næringsforum/);
      assert.equal((await postForm(app, `/firms/${bakery}/manage/membership-offers`, { offer: String(id), decision: 'accept' }, bakeryManager)).status, 404);
      const again = await postForm(app, withdrawUrl, {}, trondheimAdmin);
      assert.equal(again.status, 409);
      assert.match(await again.text(), /already been answered|allerede besvart/);
      assert.ok((await trail(trondheim, 'membership_request', id)).some((e) => e.action === 'network.membership.offer_withdraw'));

      // Declined by the firm: stays declined.
      const declined = await offerBakery();
      assert.equal(
        (await postForm(app, `/firms/${bakery}/manage/membership-offers`, { offer: String(declined), decision: 'decline' }, bakeryManager)).status,
        303,
      );
      assert.equal((await postForm(app, `/network/organisations/${trondheim}/offers/${declined}/withdraw`, {}, netAdmin)).status, 409);
      assert.equal((await offerRow(declined)).state, 'declined');
    });

    it('withdraw and decide at the same moment: exactly one wins, and the data says which', async () => {
      for (let round = 0; round < 3; round++) {
        const id = await requestCoverage('5026');
        const [withdrawn, decided] = await Promise.all([
          postForm(app, `/network/organisations/${trondheim}/coverage/${id}/withdraw`, {}, trondheimAdmin),
          postForm(app, `/network/coverage-requests/${id}`, { decision: 'reject' }, rorosAdmin),
        ]);
        const entries = await trail(trondheim, 'coverage', id);
        const row = await coverageRow(id);
        if (withdrawn.status === 303) {
          assert.equal(decided.status, 404, 'a withdrawn request is not decided');
          assert.equal(row, undefined);
          assert.ok(!entries.some((e) => e.action === 'network.coverage.reject'));
        } else {
          assert.equal(withdrawn.status, 409, 'a decided request is not withdrawn');
          assert.equal(decided.status, 303);
          assert.equal(row?.status, 'rejected');
          assert.ok(!entries.some((e) => e.action === 'network.coverage.withdraw'));
        }
      }
      for (let round = 0; round < 3; round++) {
        const id = await offerBakery();
        const [withdrawn, accepted] = await Promise.all([
          postForm(app, `/network/organisations/${trondheim}/offers/${id}/withdraw`, {}, trondheimAdmin),
          postForm(app, `/firms/${bakery}/manage/membership-offers`, { offer: String(id), decision: 'accept' }, bakeryManager),
        ]);
        const row = await offerRow(id);
        if (withdrawn.status === 303) {
          assert.equal(accepted.status, 404, 'a withdrawn offer is not accepted');
          assert.equal(row.state, 'withdrawn');
          assert.equal(row.membership_id, null);
        } else {
          assert.equal(withdrawn.status, 409, 'an accepted offer is not withdrawn');
          assert.equal(accepted.status, 303);
          assert.equal(row.state, 'accepted');
          // End the membership so the next round can offer again.
          await database.db.updateTable('memberships').set({ status: 'ended' }).where('id', '=', Number(row.membership_id)).execute();
        }
      }
    });
  });
}
