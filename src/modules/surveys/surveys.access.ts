import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere, managesFirm, staffRoles } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * Who may do what with surveys. Scope: the survey's organisation (or, for answering a members-only
 * survey, the organisation and its member firms; for a firm's page, the firm).
 */
const builders: readonly StaffRole[] = ['org_admin', 'editor', 'coach'];
const inOrg = (roles: readonly StaffRole[]) => (u: SessionUser, organisationId: number | undefined) => isNetworkAdmin(u) || hasRoleIn(u, organisationId, roles);

export interface MembersOnlyScope {
  organisationId: number;
  memberFirmIds: number[];
}

export const surveysAccess = definePolicies({
  // The list of an organisation's surveys, their results and free-text answers: any of its staff.
  'surveys.survey.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u),
  'surveys.results.read': inOrg(staffRoles),
  // Building, opening, closing, inviting and tagging answers: admins, editors and coaches of the organisation.
  'surveys.survey.manage': inOrg(builders),
  // Opted-in contact details are personal data: the organisation's admins only, with a stated purpose (logged).
  'surveys.contacts.read': (u: SessionUser, organisationId: number) => hasRoleIn(u, organisationId, ['org_admin']),
  // A members-only survey: people of the organisation's member firms, and its staff.
  'surveys.answer.members': (u: SessionUser, s: MembersOnlyScope) =>
    hasRoleIn(u, s.organisationId, staffRoles) || s.memberFirmIds.some((id) => managesFirm(u, id)),
  // What residents miss, for one firm: its own people, the network's staff (coaches in their cases), the network admin.
  'surveys.firm-needs.read': (u: SessionUser, firmId: number) => managesFirm(u, firmId) || isStaffAnywhere(u) || isNetworkAdmin(u),
});

export const { requireAccess, can } = surveysAccess;
export type SurveysAction = Parameters<typeof surveysAccess.can>[1];
