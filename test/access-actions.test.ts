import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declaredActions, type Access, type PolicyTable } from '../src/shared/access/access.js';
import type { SessionUser } from '../src/shared/http/auth.js';
import { AppError } from '../src/shared/errors.js';
import { accountsAccess } from '../src/modules/accounts/accounts.access.js';
import { jobsAccess } from '../src/modules/jobs/jobs.access.js';
import { networkAccess } from '../src/modules/network/network.access.js';
import { registryAccess } from '../src/modules/registry/registry.access.js';
import { filesAccess } from '../src/shared/files/files.access.js';
import { surveysAccess } from '../src/modules/surveys/surveys.access.js';
import { createApp } from '../src/app.js';
import { matrix, type Role } from './authorization-matrix.js';

/**
 * Every declared access action, with a role it lets act and a role it refuses, checked on the
 * policy itself; and, where the action guards a route, the route whose matrix row shows that
 * refusal over HTTP (test/authorization-matrix.test.ts). A new action without a row here fails.
 */
const ORG = 1;
const OTHER_ORG = 2;
const FIRM = 10;
const base: SessionUser = {
  id: 1,
  email: 'a@example.no',
  displayName: 'A',
  isEmailVerified: true,
  isNetworkAdmin: false,
  roles: [],
  managedFirmIds: [],
  sessionId: 's',
};
const people: Record<Role, SessionUser | undefined> = {
  anonymous: undefined,
  firmMember: { ...base, id: 2, managedFirmIds: [FIRM] },
  otherCoach: { ...base, id: 3, roles: [{ organisationId: OTHER_ORG, role: 'coach' }] },
  coach: { ...base, id: 4, roles: [{ organisationId: ORG, role: 'coach' }] },
  orgAdmin: { ...base, id: 5, roles: [{ organisationId: ORG, role: 'org_admin' }] },
  networkAdmin: { ...base, id: 6, isNetworkAdmin: true },
};

interface Row {
  allows: Role;
  refuses: Role;
  scope: unknown;
  /** 'METHOD path' of a matrix row where the refusal is seen over HTTP, or why there is none. */
  route: string | { none: string };
}

const fileOwner = {
  owner: 'test.thing',
  use: {} as never,
  scope: async () => ({}),
  canRead: (u: SessionUser | undefined) => !!u?.managedFirmIds.includes(FIRM),
  canAttach: (u: SessionUser | undefined) => !!u?.managedFirmIds.includes(FIRM),
};
const claim = { coveringOrganisationIds: [ORG], claimantId: 99 };

const rows: Record<string, Row> = {
  'accounts.outbox.read': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'GET /dev/outbox' },
  'files.file.attach': { allows: 'firmMember', refuses: 'coach', scope: { owner: fileOwner, scope: {} }, route: 'POST /api/v1/files/:owner/:ownerId' },
  'files.file.read': { allows: 'firmMember', refuses: 'coach', scope: { owner: fileOwner, scope: {} }, route: 'GET /files/:fileId' },
  'jobs.job.retry': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'POST /admin/jobs/retry' },
  'jobs.queue.read': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'GET /admin/jobs' },
  'network.audit.read': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'GET /network/organisations/:orgId/audit' },
  'network.claim.decide': { allows: 'coach', refuses: 'otherCoach', scope: claim, route: 'POST /network/claims/:firmId/:userId' },
  'network.claim.personal-data': {
    allows: 'coach',
    refuses: 'networkAdmin',
    scope: claim,
    route: { none: 'decides which columns GET /network/claims shows (profile.test.ts: names hidden from the network admin)' },
  },
  'network.claim.review': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /network/claims' },
  'network.coverage.update': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /network/organisations/:orgId/coverage' },
  'network.coverage-request.decide': {
    allows: 'networkAdmin',
    refuses: 'orgAdmin',
    scope: { requestingOrganisationId: ORG, requestedBy: 99, overlappedOrganisationIds: [OTHER_ORG] },
    route: 'POST /network/coverage-requests/:coverageId',
  },
  'network.coverage-request.withdraw': {
    allows: 'orgAdmin',
    refuses: 'coach',
    scope: ORG,
    route: 'POST /network/organisations/:orgId/coverage/:coverageId/withdraw',
  },
  'network.coverage-request.list': { allows: 'orgAdmin', refuses: 'coach', scope: undefined, route: 'GET /network/coverage-requests' },
  'network.membership.manage': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /network/organisations/:orgId/members' },
  'network.membership.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /network/organisations/:orgId/members' },
  'network.membership-offer.list': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /my/firms' },
  'network.membership-offer.withdraw': {
    allows: 'orgAdmin',
    refuses: 'coach',
    scope: ORG,
    route: 'POST /network/organisations/:orgId/offers/:offerId/withdraw',
  },
  'network.membership-offer.respond': { allows: 'firmMember', refuses: 'networkAdmin', scope: FIRM, route: 'POST /firms/:firmId/manage/membership-offers' },
  'network.organisation.change-country': {
    allows: 'networkAdmin',
    refuses: 'orgAdmin',
    scope: ORG,
    route: { none: 'a field of POST /network/organisations/:orgId/edit that is kept for org admins, not a refusal' },
  },
  'network.organisation.create': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'POST /network/organisations' },
  'network.organisation.list': { allows: 'coach', refuses: 'firmMember', scope: undefined, route: 'GET /network' },
  'network.organisation.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /network/organisations/:orgId' },
  'network.organisation.update': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /network/organisations/:orgId/edit' },
  'network.sharing.manage': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /network/organisations/:orgId/sharing' },
  'network.sharing.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /network/organisations/:orgId/sharing' },
  'network.staff.manage': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /network/organisations/:orgId/staff' },
  'network.staff.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /network/organisations/:orgId/staff' },
  'registry.claim.list': { allows: 'coach', refuses: 'firmMember', scope: undefined, route: 'POST /network/claims/:firmId/:userId' },
  'registry.import.read': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'GET /admin/imports' },
  'registry.my-firms.read': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /my/firms' },
  'registry.profile.audit': { allows: 'firmMember', refuses: 'coach', scope: FIRM, route: 'GET /firms/:firmId/manage/audit' },
  'registry.profile.claim': { allows: 'coach', refuses: 'anonymous', scope: FIRM, route: 'POST /firms/:firmId/manage/claim' },
  'registry.profile.update': { allows: 'firmMember', refuses: 'coach', scope: FIRM, route: 'POST /firms/:firmId/manage/profile' },
  'surveys.answer.members': {
    allows: 'firmMember',
    refuses: 'otherCoach',
    scope: { organisationId: ORG, memberFirmIds: [FIRM] },
    route: { none: 'the matrix survey is public; src/modules/surveys/surveys.test.ts refuses a non-member over HTTP' },
  },
  'surveys.contacts.read': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'GET /surveys/manage/:surveyId/contacts' },
  'surveys.firm-needs.read': { allows: 'firmMember', refuses: 'anonymous', scope: FIRM, route: 'GET /surveys/firms/:firmId' },
  'surveys.results.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /surveys/manage/:surveyId/results' },
  'surveys.survey.list': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'GET /surveys/manage' },
  'surveys.survey.manage': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'POST /surveys/manage/:surveyId/edit' },
};

const tables: Access<PolicyTable>[] = [accountsAccess, filesAccess, jobsAccess, networkAccess, registryAccess, surveysAccess] as never;
const refusals = new Set(['signin', 'denied', 'hidden', 401, 403, 404]);

describe('declared access actions', () => {
  it('every declared action (all modules loaded through the app) has a row here, and no row is stale', async () => {
    assert.equal(typeof createApp, 'function'); // importing the app loads every module's policy table
    assert.deepEqual(Object.keys(rows).sort(), declaredActions());
  });

  for (const [action, row] of Object.entries(rows)) {
    it(`${action}: lets ${row.allows} act, refuses ${row.refuses}`, () => {
      const access = tables.find((t) => t.actions.includes(action));
      assert.ok(access, `${action} is in none of the policy tables`);
      assert.equal(access.can(people[row.allows], action, row.scope), true);
      assert.equal(access.can(people[row.refuses], action, row.scope), false);
      assert.throws(
        () => access.requireAccess(people[row.refuses], action, row.scope),
        (e: unknown) => e instanceof AppError && e.status === (row.refuses === 'anonymous' ? 401 : 403),
      );
      if (typeof row.route === 'string') {
        const [method, path] = row.route.split(' ');
        const entry = matrix.find((e) => e.method === method && e.path === path);
        assert.ok(entry?.who, `${row.route} has no matrix row`);
        assert.ok(
          Object.values(entry.who).some((o) => refusals.has(o)),
          `${row.route}: its matrix row refuses nobody`,
        );
      }
    });
  }
});
