import { errorMessages } from '../i18n/error.messages.js';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import type { AppEnv } from './context.js';

/** Roles a person holds in an organisation. A person can work for several organisations. */
export type StaffRole = 'org_admin' | 'coach' | 'editor';

/**
 * The signed-in person as every route sees it (`c.var.user`), loaded from the session by the
 * accounts module's middleware. Undefined for anonymous visitors.
 */
export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  isEmailVerified: boolean;
  isNetworkAdmin: boolean;
  /** Staff roles per organisation. */
  roles: { organisationId: number; role: StaffRole }[];
  /** Firms this person may manage (approved firm managers). */
  managedFirmIds: number[];
  sessionId: string;
}

/** The signed-in user, or 401 (pages: the accounts module redirects to sign-in). */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthorized', errorMessages.signInRequired);
  return user;
}
