import { definePolicies, isNetworkAdmin, isStaffAnywhere, hasRoleIn, managesFirm } from '../../shared/access/access.js';
import type { SessionUser } from '../../shared/http/auth.js';

/**
 * The procurement module's policy table. Notices are public (their pages need no check); what is
 * said about a firm (its matches, interests) belongs to the firm's people and the staff of the
 * organisations covering it; a bidding group's thread belongs to the group's accepted members and
 * the one coach they invite — nobody else, the network admin included (it is the firms' business).
 */
export interface FirmScope {
  firmId: number;
  coveringOrganisationIds: number[];
}
export interface GroupScope {
  leadFirmId: number;
  acceptedFirmIds: number[];
  invitedFirmIds: number[];
  coachUserId: number | null;
}
const managesAny = (u: SessionUser, firmIds: number[]) => firmIds.some((id) => managesFirm(u, id));

export const procurementAccess = definePolicies({
  // A firm's matching notices: its people, staff of an organisation covering it, the network admin.
  'procurement.firm.read': (u: SessionUser, s: FirmScope) =>
    managesFirm(u, s.firmId) || isNetworkAdmin(u) || s.coveringOrganisationIds.some((id) => hasRoleIn(u, id, ['org_admin', 'coach', 'analyst'])),
  // What the firm follows and its digest: the firm's people (and the network admin, who helps them).
  'procurement.firm.interests': (u: SessionUser, s: FirmScope) => managesFirm(u, s.firmId) || isNetworkAdmin(u),
  // Notices in one's area with the local firms matching each: staff of any organisation (their own area), the network admin.
  'procurement.area.read': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'coach', 'analyst']),
  // A buyer's local capacity and local share of awards: staff (analysts, coaches, admins) and the network admin.
  'procurement.buyer.read': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'coach', 'analyst']),
  // A firm's people start a group with the firm as lead partner.
  'procurement.group.create': (u: SessionUser, leadFirmId: number) => managesFirm(u, leadFirmId),
  // The thread, members, checklist and documents: accepted members' people and the invited coach.
  'procurement.group.read': (u: SessionUser, s: GroupScope) => managesAny(u, s.acceptedFirmIds) || (s.coachUserId !== null && u.id === s.coachUserId),
  'procurement.group.post': (u: SessionUser, s: GroupScope) => managesAny(u, s.acceptedFirmIds) || (s.coachUserId !== null && u.id === s.coachUserId),
  // Invite and remove members, roles and shares, the coach, the checklist, status and outcome: the lead partner's people.
  'procurement.group.manage': (u: SessionUser, s: GroupScope) => managesFirm(u, s.leadFirmId),
  // An invited firm's people accept or decline (and see what they are invited to).
  'procurement.group.respond': (u: SessionUser, s: GroupScope & { firmId: number }) => s.invitedFirmIds.includes(s.firmId) && managesFirm(u, s.firmId),
  // Feeds and imports from the command line and the admin page: the network admin.
  'procurement.feed.manage': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
  // Outcomes of bidding groups for the funders' reports: staff and the network admin.
  'procurement.outcome.read': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'analyst']),
});

export type ProcurementAction = (typeof procurementAccess.actions)[number];
