import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declaredActions, type Access, type PolicyTable } from '../src/shared/access/access.js';
import type { SessionUser } from '../src/shared/http/auth.js';
import { AppError } from '../src/shared/errors.js';
import { accountsAccess } from '../src/modules/accounts/accounts.access.js';
import { jobsAccess } from '../src/modules/jobs/jobs.access.js';
import { networkAccess } from '../src/modules/network/network.access.js';
import { registryAccess } from '../src/modules/registry/registry.access.js';
import { procurementAccess } from '../src/modules/procurement/procurement.access.js';
import { filesAccess } from '../src/shared/files/files.access.js';
import { coachingAccess } from '../src/modules/coaching/coaching.access.js';
import { navigatorAccess } from '../src/modules/navigator/navigator.access.js';
import { eventsAccess } from '../src/modules/events/events.access.js';
import { academyAccess } from '../src/modules/academy/academy.access.js';
import { spendAccess } from '../src/modules/spend/spend.access.js';
import { giftcardAccess } from '../src/modules/giftcard/giftcard.access.js';
import { surveysAccess } from '../src/modules/surveys/surveys.access.js';
import { storefrontAccess } from '../src/modules/storefront/storefront.access.js';
import { reportingAccess } from '../src/modules/reporting/reporting.access.js';
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
const REPORT = { leadOrganisationId: ORG, organisationIds: [ORG] };
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
const firmScope = { firmId: FIRM, coveringOrganisationIds: [ORG] };
const group = { leadFirmId: FIRM, acceptedFirmIds: [FIRM], invitedFirmIds: [], coachUserId: null };

const rows: Record<string, Row> = {
  'events.attendance.read': {
    allows: 'firmMember',
    refuses: 'anonymous',
    scope: FIRM,
    route: { none: 'a firm-record section on the staff firm page: left out for readers it refuses (events.test.ts)' },
  },
  'events.checkin.record': { allows: 'coach', refuses: 'otherCoach', scope: { organisationIds: [ORG] }, route: 'POST /events/manage/:eventId/check-in' },
  'events.event.create': {
    allows: 'coach',
    refuses: 'otherCoach',
    scope: ORG,
    route: { none: 'the organisation is chosen in the body of POST /events/manage/new (events.test.ts)' },
  },
  'events.event.list': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'GET /events/manage' },
  'events.event.manage': { allows: 'orgAdmin', refuses: 'otherCoach', scope: { organisationIds: [ORG] }, route: 'POST /events/manage/:eventId/publish' },
  'events.participants.read': { allows: 'coach', refuses: 'firmMember', scope: { organisationIds: [ORG] }, route: 'GET /events/manage/:eventId/participants' },
  'academy.authoring.list': { allows: 'orgAdmin', refuses: 'coach', scope: undefined, route: 'GET /academy/author' },
  'academy.course.author': { allows: 'orgAdmin', refuses: 'coach', scope: { authorOrganisationId: ORG }, route: 'GET /academy/author/courses/:courseId' },
  'academy.course.enrol': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /academy/my' },
  'academy.lesson.watch': {
    allows: 'firmMember',
    refuses: 'coach',
    scope: { authorOrganisationId: ORG, enrolledUserId: 2 },
    route: 'GET /academy/lessons/:lessonId/files/:fileId',
  },
  'academy.offering.manage': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /academy/organisations/:orgId/offerings' },
  'academy.progress.record': {
    allows: 'firmMember',
    refuses: 'orgAdmin',
    scope: { userId: 2 },
    route: 'POST /academy/courses/:courseId/lessons/:lessonId/progress',
  },
  'academy.report.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /academy/organisations/:orgId' },
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
  // coaching (a case of ORG; OTHER_ORG shares with it only when agreement and the firm's consent hold)
  'coaching.home.read': { allows: 'otherCoach', refuses: 'networkAdmin', scope: undefined, route: 'GET /coaching' },
  'coaching.case.create': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'POST /coaching/cases' },
  'coaching.case.read': {
    allows: 'otherCoach',
    refuses: 'networkAdmin',
    scope: { organisationId: ORG, sharedWith: [OTHER_ORG] },
    route: 'GET /coaching/cases/:caseId',
  },
  'coaching.case.update': {
    allows: 'coach',
    refuses: 'otherCoach',
    scope: { organisationId: ORG, sharedWith: [OTHER_ORG] },
    route: 'POST /coaching/cases/:caseId/entries',
  },
  'coaching.note.read': {
    allows: 'coach',
    refuses: 'orgAdmin',
    scope: { organisationId: ORG, sharedWith: [], authorId: 4, isPrivate: true },
    route: 'GET /coaching/cases/:caseId/entries/:entryId',
  },
  'coaching.note-log.read': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'GET /coaching/organisations/:orgId/note-reads' },
  'coaching.referral.decide': {
    allows: 'otherCoach',
    refuses: 'coach',
    scope: { fromOrganisationId: ORG, toOrganisationId: OTHER_ORG },
    route: 'POST /coaching/referrals/:referralId/decide',
  },
  'coaching.referral.report': {
    allows: 'coach',
    refuses: 'firmMember',
    scope: { fromOrganisationId: ORG, toOrganisationId: null },
    route: 'POST /coaching/referrals/:referralId/result',
  },
  'coaching.firm.read': { allows: 'firmMember', refuses: 'anonymous', scope: FIRM, route: 'GET /coaching/firms/:firmId' },
  'coaching.activity.create': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'POST /coaching/calendar/activities' },
  'coaching.feed.organisation': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /coaching/calendar/feeds' },
  'navigator.contact.manage': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'POST /navigator/admin/contacts' },
  'navigator.ledger.read': { allows: 'coach', refuses: 'otherCoach', scope: { coveringOrganisationIds: [ORG] }, route: 'GET /navigator/firms/:firmId' },
  'navigator.ledger.write': {
    allows: 'orgAdmin',
    refuses: 'firmMember',
    scope: { coveringOrganisationIds: [ORG] },
    route: 'POST /navigator/firms/:firmId/de-minimis',
  },
  'navigator.offer.import': { allows: 'networkAdmin', refuses: 'orgAdmin', scope: undefined, route: 'POST /navigator/admin/import' },
  'navigator.offer.maintain': { allows: 'networkAdmin', refuses: 'coach', scope: { contactOf: [] }, route: 'GET /navigator/admin' },
  'navigator.rate.enter': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'POST /navigator/rates' },
  'spend.overview.list': { allows: 'orgAdmin', refuses: 'coach', scope: undefined, route: 'GET /spend' },
  'spend.ledger.read': { allows: 'orgAdmin', refuses: 'networkAdmin', scope: { organisationId: ORG, sharedWith: [] }, route: 'GET /spend/:orgId' },
  'spend.ledger.upload': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /spend/:orgId/uploads' },
  'spend.supplier.confirm': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /spend/:orgId/suppliers/confirm' },
  'spend.sharing.manage': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /spend/:orgId/sharing' },
  'spend.publication.manage': { allows: 'orgAdmin', refuses: 'networkAdmin', scope: ORG, route: 'POST /spend/:orgId/publish' },
  'procurement.firm.read': { allows: 'coach', refuses: 'otherCoach', scope: firmScope, route: 'GET /tenders/firms/:firmId' },
  'procurement.firm.interests': { allows: 'firmMember', refuses: 'coach', scope: firmScope, route: 'POST /tenders/firms/:firmId/interests' },
  'procurement.area.read': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'GET /tenders/area' },
  'procurement.buyer.read': { allows: 'coach', refuses: 'firmMember', scope: undefined, route: 'GET /tenders/buyers' },
  'procurement.group.create': { allows: 'firmMember', refuses: 'coach', scope: FIRM, route: 'POST /tenders/:noticeId/groups' },
  'procurement.group.read': { allows: 'firmMember', refuses: 'networkAdmin', scope: group, route: 'GET /tenders/groups/:groupId' },
  'procurement.group.post': { allows: 'firmMember', refuses: 'coach', scope: group, route: 'POST /tenders/groups/:groupId/messages' },
  'procurement.group.manage': { allows: 'firmMember', refuses: 'orgAdmin', scope: group, route: 'POST /tenders/groups/:groupId/members' },
  'procurement.group.respond': {
    allows: 'firmMember',
    refuses: 'coach',
    scope: { ...group, acceptedFirmIds: [], invitedFirmIds: [FIRM], firmId: FIRM },
    route: 'POST /tenders/groups/:groupId/members/:firmId/answer',
  },
  'procurement.feed.manage': {
    allows: 'networkAdmin',
    refuses: 'orgAdmin',
    scope: undefined,
    route: { none: 'the feeds are managed from the command line (procurement feed add)' },
  },
  'procurement.outcome.read': {
    allows: 'orgAdmin',
    refuses: 'firmMember',
    scope: undefined,
    route: { none: 'a service function for the reports module (groupOutcomes); no route yet' },
  },
  'giftcard.programme.list': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'GET /giftcard/admin' },
  'giftcard.programme.create': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /giftcard/organisations/:orgId/programmes' },
  'giftcard.programme.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /giftcard/programmes/:programmeId' },
  'giftcard.programme.manage': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /giftcard/programmes/:programmeId/shops' },
  'giftcard.card.sell': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'POST /giftcard/programmes/:programmeId/batches' },
  'giftcard.settlement.run': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /giftcard/programmes/:programmeId/settlements' },
  'giftcard.report.read': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'GET /giftcard/programmes/:programmeId/reports' },
  'giftcard.counter.use': { allows: 'firmMember', refuses: 'networkAdmin', scope: FIRM, route: 'POST /giftcard/counter/:shopId/redeem' },
  'giftcard.counter.list': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /giftcard/counter' },
  'giftcard.holder.cards': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /giftcard/my' },
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
  'storefront.shop.list': { allows: 'firmMember', refuses: 'anonymous', scope: undefined, route: 'GET /storefront/shop' },
  'storefront.shop.setup': {
    allows: 'firmMember',
    refuses: 'networkAdmin',
    scope: FIRM,
    route: { none: "the firm is chosen in the body of POST /storefront/shop/setup (storefront.test.ts: another firm's manager is refused)" },
  },
  'storefront.reservation.work': {
    allows: 'firmMember',
    refuses: 'networkAdmin',
    scope: FIRM,
    route: 'POST /storefront/shop/:shopId/reservations/:reservationId/step',
  },
  'storefront.catalogue.manage': { allows: 'firmMember', refuses: 'coach', scope: FIRM, route: 'POST /storefront/shop/:shopId/products' },
  'storefront.activity.list': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'GET /storefront/activity' },
  'storefront.activity.read': {
    allows: 'coach',
    refuses: 'otherCoach',
    scope: ORG,
    route: { none: 'GET /storefront/activity lists only the organisations it allows (storefront.test.ts)' },
  },
  'surveys.survey.manage': { allows: 'coach', refuses: 'otherCoach', scope: ORG, route: 'POST /surveys/manage/:surveyId/edit' },
  'reporting.report.list': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'GET /reports' },
  'reporting.report.read': { allows: 'coach', refuses: 'otherCoach', scope: REPORT, route: 'GET /reports/r/:scope/:template' },
  'reporting.firms.read': { allows: 'coach', refuses: 'networkAdmin', scope: REPORT, route: 'GET /reports/r/:scope/:template/firms' },
  'reporting.report.freeze': { allows: 'orgAdmin', refuses: 'coach', scope: REPORT, route: 'POST /reports/r/:scope/:template/freeze' },
  'reporting.project.create': { allows: 'orgAdmin', refuses: 'coach', scope: ORG, route: 'POST /reports/projects' },
  'reporting.project.manage': { allows: 'coach', refuses: 'otherCoach', scope: REPORT, route: 'POST /reports/projects/:projectId/tags' },
  'reporting.facts.record': { allows: 'otherCoach', refuses: 'firmMember', scope: undefined, route: 'POST /reports/firm-facts' },
};

const tables: Access<PolicyTable>[] = [
  accountsAccess,
  filesAccess,
  jobsAccess,
  networkAccess,
  registryAccess,
  coachingAccess,
  navigatorAccess,
  eventsAccess,
  academyAccess,
  spendAccess,
  procurementAccess,
  giftcardAccess,
  surveysAccess,
  storefrontAccess,
  reportingAccess,
] as never;
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
