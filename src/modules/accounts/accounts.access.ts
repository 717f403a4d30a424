import { accountsText } from './accounts.messages.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { Context } from 'hono';
import { definePolicies, isNetworkAdmin as policyIsNetworkAdmin } from '../../shared/access/access.js';
import { AppError } from '../../shared/errors.js';
import { requireUser, type SessionUser, type StaffRole } from '../../shared/http/auth.js';
import type { AppEnv } from '../../shared/http/context.js';

/**
 * Named access checks for every module. A denied check throws AppError('forbidden') → 403;
 * no user at all → 401 (pages redirect to /sign-in). Network admins pass organisation checks
 * unless `allowNetworkAdmin: false`.
 */
export const staffRoles: readonly StaffRole[] = ['org_admin', 'coach', 'editor'];

type UserOrContext = SessionUser | Context<AppEnv>;
const userOf = (x: UserOrContext): SessionUser => ('req' in x ? requireUser(x) : x);

export function isNetworkAdmin(user: SessionUser | undefined): boolean {
  return user?.isNetworkAdmin === true;
}

/** Does the person hold one of `roles` (any role when omitted) in the organisation? */
export function hasOrgRole(user: SessionUser | undefined, organisationId: number, roles: readonly StaffRole[] = staffRoles): boolean {
  return !!user?.roles.some((r) => r.organisationId === organisationId && roles.includes(r.role));
}

/** Organisations where the person holds one of `roles`. */
export function organisationIdsWithRole(user: SessionUser | undefined, roles: readonly StaffRole[] = staffRoles): number[] {
  return [...new Set((user?.roles ?? []).filter((r) => roles.includes(r.role)).map((r) => r.organisationId))];
}

export function isStaff(user: SessionUser | undefined): boolean {
  return (user?.roles.length ?? 0) > 0;
}

export function canManageFirm(user: SessionUser | undefined, firmId: number): boolean {
  return !!user?.managedFirmIds.includes(firmId);
}

export function requireNetworkAdmin(x: UserOrContext): SessionUser {
  const user = userOf(x);
  if (!user.isNetworkAdmin) throw new AppError('forbidden', errorMessages.notAllowed);
  return user;
}

export function requireOrgRole(x: UserOrContext, organisationId: number, roles: readonly StaffRole[] = staffRoles, options: { allowNetworkAdmin?: boolean } = {}): SessionUser {
  const user = userOf(x);
  if ((options.allowNetworkAdmin ?? true) && user.isNetworkAdmin) return user;
  if (!hasOrgRole(user, organisationId, roles)) throw new AppError('forbidden', errorMessages.notAllowed);
  return user;
}

export function requireOrgAdmin(x: UserOrContext, organisationId: number): SessionUser {
  return requireOrgRole(x, organisationId, ['org_admin']);
}

/** Any staff role in any organisation (or network admin). */
export function requireStaff(x: UserOrContext): SessionUser {
  const user = userOf(x);
  if (!user.isNetworkAdmin && !isStaff(user)) throw new AppError('forbidden', errorMessages.notAllowed);
  return user;
}

export function requireFirmManager(x: UserOrContext, firmId: number, options: { allowNetworkAdmin?: boolean } = {}): SessionUser {
  const user = userOf(x);
  if ((options.allowNetworkAdmin ?? true) && user.isNetworkAdmin) return user;
  if (!canManageFirm(user, firmId)) throw new AppError('forbidden', errorMessages.notAllowed);
  return user;
}

export function requireVerifiedEmail(x: UserOrContext): SessionUser {
  const user = userOf(x);
  if (!user.isEmailVerified) throw new AppError('forbidden', accountsText.verifyEmailFirst);
  return user;
}

/**
 * The accounts module's policy table (the helpers above predate it).
 * The development outbox holds live reset and invitation links: besides the machine itself
 * (checked by the route on the socket's address), only network admins may read it.
 */
export const accountsAccess = definePolicies({
  'accounts.outbox.read': (u: SessionUser, _: undefined) => policyIsNetworkAdmin(u),
});
