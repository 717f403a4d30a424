import { definePolicies, hasRoleIn, isNetworkAdmin, staffRoles } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * The network module's policy table. Services call `requireAccess(user, action, organisationId)`
 * before reading or changing anything; the scope is the organisation acted on.
 */
const adminOnly: readonly StaffRole[] = ['org_admin'];
const reviewers: readonly StaffRole[] = ['org_admin', 'coach'];

type OrgScope = number | undefined;
const inOrg = (roles: readonly StaffRole[]) => (u: SessionUser, id: OrgScope) => isNetworkAdmin(u) || hasRoleIn(u, id, roles);

export const networkAccess = definePolicies({
  'network.organisation.list': (u: SessionUser, _: OrgScope) => isNetworkAdmin(u) || u.roles.length > 0,
  'network.organisation.create': (u: SessionUser, _: OrgScope) => isNetworkAdmin(u),
  'network.organisation.read': inOrg(staffRoles),
  'network.organisation.update': inOrg(adminOnly),
  'network.coverage.update': inOrg(adminOnly),
  'network.staff.read': inOrg(staffRoles),
  'network.staff.manage': inOrg(adminOnly),
  'network.membership.read': inOrg(staffRoles),
  'network.membership.manage': inOrg(adminOnly),
  'network.sharing.read': inOrg(staffRoles),
  'network.sharing.manage': inOrg(adminOnly),
  'network.audit.read': inOrg(adminOnly),
  'network.claim.review': inOrg(reviewers),
});

export type NetworkAction = (typeof networkAccess.actions)[number];

export const can = (user: SessionUser | undefined, action: NetworkAction, organisationId?: number) => networkAccess.can(user, action, organisationId);
export const requireAccess = (user: SessionUser | undefined, action: NetworkAction, organisationId?: number) => networkAccess.requireAccess(user, action, organisationId);
