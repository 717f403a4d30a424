import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere, managesFirm } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * Coaching's policy table. Cases hold personal data and coaches' notes, so the network admin has
 * no standing right to read them: a case is read by the coaches (and admins) of its organisation
 * and — only while a 'coaching' sharing agreement runs AND the firm's consent is valid — by the
 * coaches of the organisations it shares with. The service works out `sharedWith` (agreement ∩
 * consent) and passes it in; the rule itself stays a pure function of the person and the scope.
 */
export const coachRoles: readonly StaffRole[] = ['org_admin', 'coach'];
const adminOnly: readonly StaffRole[] = ['org_admin'];

export interface CaseScope {
  organisationId: number;
  /** Organisations whose coaches may read the case today: sharing agreement with the owner and the firm's consent. */
  sharedWith: number[];
}
export interface NoteScope extends CaseScope {
  authorId: number | null;
  isPrivate: boolean;
}
export interface ReferralScope {
  fromOrganisationId: number;
  toOrganisationId: number | null;
}

const inOrg = (roles: readonly StaffRole[]) => (u: SessionUser, orgId: number | undefined) => hasRoleIn(u, orgId, roles);
const readsCase = (u: SessionUser, s: CaseScope) => hasRoleIn(u, s.organisationId, coachRoles) || s.sharedWith.some((id) => hasRoleIn(u, id, coachRoles));

export const coachingAccess = definePolicies({
  // The coach's home, case lists, exports, referral lists and the joint calendar: coaches and admins anywhere.
  'coaching.home.read': (u: SessionUser, _: undefined) => isStaffAnywhere(u, coachRoles),
  'coaching.case.create': inOrg(coachRoles),
  'coaching.case.read': readsCase,
  // Working on a case (timeline, status, contacts, consent, outcomes, referrals): its own organisation only.
  'coaching.case.update': (u: SessionUser, s: CaseScope) => hasRoleIn(u, s.organisationId, coachRoles),
  // A private note: its author only; any other note: whoever reads the case.
  'coaching.note.read': (u: SessionUser, s: NoteScope) => (s.isPrivate ? s.authorId === u.id && readsCase(u, s) : readsCase(u, s)),
  // Who read which note: the organisation's admin.
  'coaching.note-log.read': inOrg(adminOnly),
  // A referral's receiving organisation accepts or declines; the referring one records the result.
  'coaching.referral.decide': (u: SessionUser, s: ReferralScope) => s.toOrganisationId !== null && hasRoleIn(u, s.toOrganisationId, coachRoles),
  'coaching.referral.report': (u: SessionUser, s: ReferralScope) =>
    hasRoleIn(u, s.fromOrganisationId, coachRoles) || (s.toOrganisationId !== null && hasRoleIn(u, s.toOrganisationId, coachRoles)),
  // The staff firm page: staff anywhere, the network admin and the firm's own people (sections decide what each sees).
  'coaching.firm.read': (u: SessionUser, firmId: number) => isNetworkAdmin(u) || isStaffAnywhere(u) || managesFirm(u, firmId),
  // Planning joint activities for an organisation; the calendar shows those of the agreement's partners too.
  'coaching.activity.create': inOrg(coachRoles),
  // An organisation's calendar feed (renewing its secret URL): its admin.
  'coaching.feed.organisation': inOrg(adminOnly),
});

export type CoachingAction = (typeof coachingAccess.actions)[number];
