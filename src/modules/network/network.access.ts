import { AppError } from '../../shared/errors.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * Named access checks of the network module. Each names who may do it; services call
 * `requireAccess(user, action, organisationId)` before reading or changing anything.
 * Anonymous → 401 (pages redirect to sign-in), signed in without the right → 403.
 */
export type NetworkAction =
  | 'network.organisation.list'
  | 'network.organisation.create'
  | 'network.organisation.read'
  | 'network.organisation.update'
  | 'network.coverage.update'
  | 'network.staff.read'
  | 'network.staff.manage'
  | 'network.membership.read'
  | 'network.membership.manage'
  | 'network.sharing.read'
  | 'network.sharing.manage'
  | 'network.audit.read'
  | 'network.claim.review';

export const hasRoleIn = (user: SessionUser, organisationId: number, roles: readonly StaffRole[]) =>
  user.roles.some((r) => r.organisationId === organisationId && roles.includes(r.role));

export const isStaffOf = (user: SessionUser, organisationId: number) => user.roles.some((r) => r.organisationId === organisationId);

const anyStaff: readonly StaffRole[] = ['org_admin', 'coach', 'editor'];
const adminOnly: readonly StaffRole[] = ['org_admin'];
const reviewers: readonly StaffRole[] = ['org_admin', 'coach'];

/** Who may do what, per organisation; the network admin may do everything. */
const policies: Record<NetworkAction, (user: SessionUser, organisationId: number | undefined) => boolean> = {
  'network.organisation.list': (u) => u.roles.length > 0,
  'network.organisation.create': () => false,
  'network.organisation.read': (u, id) => id !== undefined && isStaffOf(u, id),
  'network.organisation.update': (u, id) => id !== undefined && hasRoleIn(u, id, adminOnly),
  'network.coverage.update': (u, id) => id !== undefined && hasRoleIn(u, id, adminOnly),
  'network.staff.read': (u, id) => id !== undefined && hasRoleIn(u, id, anyStaff),
  'network.staff.manage': (u, id) => id !== undefined && hasRoleIn(u, id, adminOnly),
  'network.membership.read': (u, id) => id !== undefined && hasRoleIn(u, id, anyStaff),
  'network.membership.manage': (u, id) => id !== undefined && hasRoleIn(u, id, adminOnly),
  'network.sharing.read': (u, id) => id !== undefined && hasRoleIn(u, id, anyStaff),
  'network.sharing.manage': (u, id) => id !== undefined && hasRoleIn(u, id, adminOnly),
  'network.audit.read': (u, id) => id !== undefined && hasRoleIn(u, id, adminOnly),
  'network.claim.review': (u, id) => id !== undefined && hasRoleIn(u, id, reviewers),
};

export function can(user: SessionUser | undefined, action: NetworkAction, organisationId?: number): boolean {
  if (!user) return false;
  return user.isNetworkAdmin || policies[action](user, organisationId);
}

/** Throws 401 for anonymous, 403 for a signed-in person without the right. */
export function requireAccess(user: SessionUser | undefined, action: NetworkAction, organisationId?: number): SessionUser {
  if (!user) throw new AppError('unauthorized', 'Sign-in required');
  if (!can(user, action, organisationId)) throw new AppError('forbidden', `Not allowed: ${action}`);
  return user;
}
