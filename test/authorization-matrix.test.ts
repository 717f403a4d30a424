import { after, before, describe, it } from 'node:test';
import { syncListings } from '../src/modules/directory/directory.sync.js';
import { findListingIdForFirm } from '../src/modules/directory/directory.service.js';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { grantStaffRole, setFirmManagerStatus } from '../src/modules/accounts/accounts.service.js';
import { anonymous, createUser, signIn, testOrigin, type SignedIn } from './support/auth.js';
import { insertFirm, insertOrganisation } from './support/network-fixtures.js';
import { createTestApp } from './support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from './support/test-db.js';
import { matrix, roles, type MatrixEntry, type MatrixFixture, type Outcome, type Role } from './authorization-matrix.js';

const key = (method: string, path: string) => `${method} ${path}`;

/** Every (method, path) Hono knows, once each (a route with a guard middleware is listed twice). */
function appRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  return [...new Set(app.routes.map((r) => key(r.method, r.path)))].sort();
}

function judge(outcome: Outcome, res: Response): string | undefined {
  const status = res.status;
  const location = res.headers.get('location') ?? '';
  const toSignIn = (status === 302 || status === 303) && location.startsWith('/sign-in');
  const passed = status < 500 && status !== 401 && status !== 403 && !toSignIn;
  const ok =
    typeof outcome === 'number'
      ? status === outcome
      : outcome === 'ok'
        ? passed && status !== 404
        : outcome === 'public'
          ? passed
          : outcome === 'signin'
            ? status === 401 || toSignIn
            : outcome === 'denied'
              ? status === 403
              : status === 404;
  return ok ? undefined : `expected ${outcome}, got ${status}${location ? ` → ${location}` : ''}`;
}

for (const backend of await backendsUnderTest()) {
  describe(`authorization matrix on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let fx: MatrixFixture;
    const emails: Record<Exclude<Role, 'anonymous'>, string> = {
      firmMember: 'owner@bakeri.test',
      otherCoach: 'coach@other-org.test',
      coach: 'coach@org-a.test',
      orgAdmin: 'admin@org-a.test',
      networkAdmin: 'admin@network.test',
    };
    const sessions = {} as Record<Role, SignedIn>;
    let png: Uint8Array;

    async function signInAs(role: Role) {
      sessions[role] = role === 'anonymous' ? await anonymous(app) : await signIn(app, emails[role]);
    }
    async function signInAll() {
      for (const role of roles) await signInAs(role);
    }

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      const db = database.db;
      const orgA = await insertOrganisation(db, { name: 'Org A', coverage: [{ code: '5025', from: '2020-01-01' }] });
      const orgB = await insertOrganisation(db, { name: 'Org B', coverage: [{ code: '5001', from: '2020-01-01' }] });
      const firmId = await insertFirm(db, { name: 'Bakeri F', municipality: '5025', website: 'https://bakeri.test' });
      await syncListings(db, { firmIds: [firmId] });
      const listingId = (await findListingIdForFirm(db, firmId)) ?? 0;
      const member = await createUser(db, { email: emails.firmMember, managedFirmIds: [firmId] });
      await createUser(db, { email: emails.otherCoach, roles: [{ organisationId: orgB, role: 'coach' }] });
      await createUser(db, { email: emails.coach, roles: [{ organisationId: orgA, role: 'coach' }] });
      await createUser(db, { email: emails.orgAdmin, roles: [{ organisationId: orgA, role: 'org_admin' }] });
      await createUser(db, { email: emails.networkAdmin, isNetworkAdmin: true });
      const spare = await createUser(db, { email: 'spare@org-a.test', roles: [{ organisationId: orgA, role: 'editor' }] });
      const claimant = await createUser(db, { email: 'claimant@elsewhere.test' });
      await setFirmManagerStatus(db, claimant.id, firmId, 'pending');
      const membership = await db.insertInto('memberships').values({ organisation_id: orgA, firm_id: firmId, tier: 'Basis', status: 'active', valid_from: '2024-01-01', valid_to: null, fee_minor: null, currency: null }).returning('id').executeTakeFirstOrThrow();
      const coverage = await db.selectFrom('organisation_coverage').select('id').where('organisation_id', '=', orgA).executeTakeFirstOrThrow();
      const agreement = await db.insertInto('sharing_agreements').values({ from_organisation_id: orgA, to_organisation_id: orgB, scope: 'coaching_cases', valid_from: '2024-01-01', valid_to: null, note: null }).returning('id').executeTakeFirstOrThrow();
      png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).webp().toBuffer());
      await db.updateTable('organisations').set({ logo: png, logo_content_type: 'image/webp' }).where('id', '=', orgA).execute();
      fx = {
        orgId: orgA,
        otherOrgId: orgB,
        firmId,
        listingId,
        membershipId: Number(membership.id),
        coverageId: Number(coverage.id),
        agreementId: Number(agreement.id),
        spareStaffId: spare.id,
        claimantId: claimant.id,
        productId: 0,
        linkId: 0,
        imageId: 0,
        token: 'not-a-real-token',
      };
      Object.assign(fx, await prepare('product'), await prepare('link'), await prepare('image'));
      void member;
      await signInAll();
    });
    after(async () => database?.destroy());

    /** Re-creates what an allowed role's request deleted, so each role meets the same world. */
    async function prepare(what: MatrixEntry['prepare']): Promise<Partial<MatrixFixture>> {
      const db = database.db;
      if (what === 'product') {
        const r = await db.insertInto('products').values({ firm_id: fx.firmId, name: 'Brød', kind: 'product' }).returning('id').executeTakeFirstOrThrow();
        return { productId: Number(r.id) };
      }
      if (what === 'link') {
        const r = await db.insertInto('firm_links').values({ firm_id: fx.firmId, label: 'Web', url: 'https://bakeri.test' }).returning('id').executeTakeFirstOrThrow();
        return { linkId: Number(r.id) };
      }
      if (what === 'image') {
        const r = await db
          .insertInto('firm_images')
          .values({ firm_id: fx.firmId, content_type: 'image/webp', width: 8, height: 8, data: png, thumb_data: png, thumb_width: 8, thumb_height: 8, byte_size: png.byteLength, sha256: 'x'.repeat(64), uploaded_by: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { imageId: Number(r.id) };
      }
      if (what === 'spareStaff') await grantStaffRole(db, fx.spareStaffId, fx.orgId, 'editor');
      return {};
    }

    function urlFor(entry: MatrixEntry, values: MatrixFixture): string {
      if (entry.probe) return entry.probe.path;
      return entry.path.replace(/:(\w+)/g, (_, name: string) => {
        const k = (entry.params?.[name] ?? name) as keyof MatrixFixture;
        if (!(k in values)) throw new Error(`matrix: no fixture value for :${name} in ${entry.path} (add params: { ${name}: '…' })`);
        return String(values[k]);
      });
    }

    async function request(entry: MatrixEntry, role: Role): Promise<Response> {
      const values = { ...fx, ...(entry.prepare ? await prepare(entry.prepare) : {}) };
      const url = urlFor(entry, values);
      const method = entry.probe?.method ?? entry.method;
      const s = sessions[role];
      if (method === 'GET') return app.request(url, { headers: { cookie: s.cookie } });
      const isApi = url.startsWith('/api/');
      const headers: Record<string, string> = { cookie: s.cookie, origin: testOrigin, 'x-csrf-token': s.csrfToken };
      if (isApi) return app.request(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
      return app.request(url, { method, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: s.csrfToken }).toString() });
    }

    it('has an entry for every route of the app', () => {
      const known = new Set(matrix.map((e) => key(e.method, e.path)));
      const missing = appRoutes(app).filter((r) => !known.has(r));
      assert.deepEqual(missing, [], `Routes without an entry in test/authorization-matrix.ts:\n  ${missing.join('\n  ')}`);
    });

    it('would fail for a route added without an entry', () => {
      const probe = createTestApp(database);
      probe.get('/surely-not-in-the-matrix', (c) => c.text('x'));
      const known = new Set(matrix.map((e) => key(e.method, e.path)));
      assert.deepEqual(appRoutes(probe).filter((r) => !known.has(r)), ['GET /surely-not-in-the-matrix']);
    });

    it('answers every route as the matrix says, for every role', async () => {
      const present = new Set(appRoutes(app));
      const failures: string[] = [];
      let checked = 0;
      for (const entry of matrix) {
        if (entry.middleware || !present.has(key(entry.method, entry.path))) continue;
        assert.ok(entry.who, `${key(entry.method, entry.path)} needs 'who'`);
        for (const role of roles) {
          const res = await request(entry, role);
          await res.arrayBuffer();
          const problem = judge(entry.who[role], res);
          if (problem) failures.push(`${key(entry.method, entry.path)} as ${role}: ${problem}`);
          checked++;
          if (entry.endsSession) await signInAs(role);
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${checked} answers differ from the matrix`);
      assert.ok(checked > 300, `only ${checked} route × role pairs were checked`);
    });
  });
}
