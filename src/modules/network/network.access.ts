import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere, managesFirm, staffRoles } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * The network module's policy table. Services call `requireAccess(user, action, organisationId)`
 * before reading or changing anything; the scope is the organisation acted on.
 */
const adminOnly: readonly StaffRole[] = ['org_admin'];
const reviewers: readonly StaffRole[] = ['org_admin', 'coach'];

type OrgScope = number | undefined;
/** A pending coverage period: who asked, for which organisation, and whose coverage it overlaps. */
export interface CoverageRequestScope {
  requestingOrganisationId: number;
  requestedBy: number | null;
  overlappedOrganisationIds: number[];
}
/** A request to manage a firm: the organisations covering the firm today (approved coverage) and who asked. */
export interface ClaimScope {
  coveringOrganisationIds: number[];
  claimantId: number;
}
const inOrg = (roles: readonly StaffRole[]) => (u: SessionUser, id: OrgScope) => isNetworkAdmin(u) || hasRoleIn(u, id, roles);

export const networkAccess = definePolicies({
  'network.organisation.list': (u: SessionUser, _: OrgScope) => isNetworkAdmin(u) || u.roles.length > 0,
  'network.organisation.create': (u: SessionUser, _: OrgScope) => isNetworkAdmin(u),
  'network.organisation.read': inOrg(staffRoles),
  'network.organisation.update': inOrg(adminOnly),
  // Moving an organisation to another country: the network admin only.
  'network.organisation.change-country': (u: SessionUser, _: OrgScope) => isNetworkAdmin(u),
  'network.coverage.update': inOrg(adminOnly),
  // The asking organisation takes back its own pending coverage request (scope: the asking organisation).
  'network.coverage-request.withdraw': inOrg(adminOnly),
  'network.staff.read': inOrg(staffRoles),
  'network.staff.manage': inOrg(adminOnly),
  'network.membership.read': inOrg(staffRoles),
  'network.membership.manage': inOrg(adminOnly),
  // The offering organisation takes back its own unanswered membership offer (scope: the offering organisation).
  'network.membership-offer.withdraw': inOrg(adminOnly),
  'network.sharing.read': inOrg(staffRoles),
  'network.sharing.manage': inOrg(adminOnly),
  'network.audit.read': inOrg(adminOnly),
  // Nobody decides a request they made themselves — the network admin included.
  'network.claim.decide': (u: SessionUser, s: ClaimScope) =>
    u.id !== s.claimantId && (isNetworkAdmin(u) || s.coveringOrganisationIds.some((id) => hasRoleIn(u, id, reviewers))),
  // Claimants' names and e-mails: reviewers of an organisation covering the firm; the network
  // admin only where no organisation covers it (then they are the reviewer of last resort).
  'network.claim.personal-data': (u: SessionUser, s: ClaimScope) =>
    u.id !== s.claimantId &&
    (s.coveringOrganisationIds.some((id) => hasRoleIn(u, id, reviewers)) || (isNetworkAdmin(u) && s.coveringOrganisationIds.length === 0)),
  // The queue of coverage requests: the network admin and organisation admins (each sees what they may decide).
  'network.coverage-request.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, adminOnly),
  // Overlapping coverage: the network admin or the admin of an overlapped organisation agrees —
  // never the person who asked, nor an admin of the asking organisation deciding for the other side.
  'network.coverage-request.decide': (u: SessionUser, s: CoverageRequestScope) =>
    u.id !== s.requestedBy &&
    (isNetworkAdmin(u) || (s.overlappedOrganisationIds.some((id) => hasRoleIn(u, id, adminOnly)) && !hasRoleIn(u, s.requestingOrganisationId, adminOnly))),
  // A membership offered to a firm outside the organisation's coverage: the firm's approved managers answer.
  'network.membership-offer.respond': (u: SessionUser, firmId: number) => managesFirm(u, firmId),
  // The offers waiting for the firms a person manages: every signed-in person sees their own (maybe none).
  'network.membership-offer.list': (_u: SessionUser, _: undefined) => true,
  // The claim review pages: signed-in people; the registry's service narrows to what each may decide.
  'network.claim.review': (_u: SessionUser, _: undefined) => true,
});

export type NetworkAction = (typeof networkAccess.actions)[number];

/** Actions whose scope is an organisation id (or nothing); the others take their own scope via `networkAccess`. */
export type OrgAction = Exclude<
  NetworkAction,
  | 'network.claim.decide'
  | 'network.claim.personal-data'
  | 'network.coverage-request.list'
  | 'network.coverage-request.decide'
  | 'network.membership-offer.respond'
  | 'network.membership-offer.list'
  | 'network.claim.review'
>;

export const can = (user: SessionUser | undefined, action: OrgAction, organisationId?: number) => networkAccess.can(user, action, organisationId);
export const requireAccess = (user: SessionUser | undefined, action: OrgAction, organisationId?: number) =>
  networkAccess.requireAccess(user, action, organisationId);
