import { errorMessages } from '../i18n/error.messages.js';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import type { AppEnv } from './context.js';
import type { SessionUser } from './session-user.js';

export type { SessionUser, StaffRole } from './session-user.js';

/** The signed-in user, or 401 (pages: the accounts module redirects to sign-in). */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthorized', errorMessages.signInRequired);
  return user;
}
