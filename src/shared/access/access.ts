import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import type { SessionUser, StaffRole } from '../http/auth.js';
import type { AppEnv } from '../http/context.js';
import { errorMessages as m } from '../i18n/error.messages.js';

/**
 * One access vocabulary for every module: `requireAccess(user, 'module.action', scope)`.
 *
 * Each module declares a policy table in `<module>.access.ts`:
 *
 *   export const networkAccess = definePolicies({
 *     'network.staff.manage': (u, s: { organisationId: number }) => isNetworkAdmin(u) || hasRoleIn(u, s.organisationId, ['org_admin']),
 *   });
 *
 * and its services open with `networkAccess.requireAccess(user, 'network.staff.manage', { organisationId })`;
 * routes may check the same action early with `networkAccess.middleware(action, (c) => scope)`.
 * A rule states every role that may act — the network admin included, so "nobody decides
 * their own request" can hold for admins too. Anonymous → 401, signed in without the right → 403.
 */
// biome-ignore lint/suspicious/noExplicitAny: a policy's scope type is chosen per action
export type Policy<S = any> = (user: SessionUser, scope: S) => boolean;
export type PolicyTable = Record<string, Policy>;
export type ScopeOf<T extends PolicyTable, A extends keyof T> = Parameters<T[A]>[1];

export interface Access<T extends PolicyTable> {
  readonly actions: readonly (keyof T & string)[];
  can<A extends keyof T & string>(user: SessionUser | undefined, action: A, scope: ScopeOf<T, A>): boolean;
  /** Throws 401 for anonymous, 403 for a signed-in person without the right; returns the person. */
  requireAccess<A extends keyof T & string>(user: SessionUser | undefined, action: A, scope: ScopeOf<T, A>): SessionUser;
  /** Route middleware running the same check before the handler. */
  middleware<A extends keyof T & string>(action: A, scope: (c: Context<AppEnv>) => ScopeOf<T, A>): MiddlewareHandler<AppEnv>;
}

const registry = new Map<string, Policy>();

export function definePolicies<T extends PolicyTable>(table: T): Access<T> {
  for (const [action, policy] of Object.entries(table)) {
    if (!/^[a-z]+(\.[a-z-]+)+$/.test(action)) throw new Error(`access action "${action}" must be module.thing.verb`);
    if (registry.has(action) && registry.get(action) !== policy) throw new Error(`access action "${action}" is defined twice`);
    registry.set(action, policy);
  }
  const can = (user: SessionUser | undefined, action: keyof T & string, scope: unknown) => !!user && table[action]!(user, scope);
  const requireAccess = (user: SessionUser | undefined, action: keyof T & string, scope: unknown): SessionUser => {
    if (!user) throw new AppError('unauthorized', m.signInRequired);
    if (!can(user, action, scope)) throw new AppError('forbidden', m.notAllowed);
    return user;
  };
  return {
    actions: Object.keys(table) as (keyof T & string)[],
    can,
    requireAccess,
    middleware: (action, scope) => async (c, next) => {
      requireAccess(c.var.user, action, scope(c));
      await next();
    },
  };
}

/** Every action any module has declared (for the documentation and the authorization tests). */
export const declaredActions = (): string[] => [...registry.keys()].sort();

// Building blocks for policy rules.
export const staffRoles: readonly StaffRole[] = ['org_admin', 'coach', 'editor', 'analyst'];
export const isNetworkAdmin = (user: SessionUser | undefined): boolean => user?.isNetworkAdmin === true;
export const hasRoleIn = (user: SessionUser, organisationId: number | undefined, roles: readonly StaffRole[] = staffRoles): boolean =>
  organisationId !== undefined && user.roles.some((r) => r.organisationId === organisationId && roles.includes(r.role));
export const isStaffAnywhere = (user: SessionUser, roles: readonly StaffRole[] = staffRoles): boolean => user.roles.some((r) => roles.includes(r.role));
export const organisationIdsWithRole = (user: SessionUser | undefined, roles: readonly StaffRole[] = staffRoles): number[] => [
  ...new Set((user?.roles ?? []).filter((r) => roles.includes(r.role)).map((r) => r.organisationId)),
];
export const managesFirm = (user: SessionUser, firmId: number): boolean => user.managedFirmIds.includes(firmId);
