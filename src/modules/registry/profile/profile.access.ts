import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { AppError } from '../../../shared/errors.js';
import type { SessionUser } from '../../../shared/http/auth.js';

/**
 * Named access checks for a firm's profile. The firm's approved people (SessionUser.managedFirmIds)
 * and the network admin may edit it and read its trail; anyone signed in may ask to manage it.
 */
export type FirmAction = 'registry.profile.update' | 'registry.profile.audit' | 'registry.profile.claim';

export function canOnFirm(user: SessionUser | undefined, action: FirmAction, firmId: number): boolean {
  if (!user) return false;
  if (action === 'registry.profile.claim') return true;
  return user.isNetworkAdmin || user.managedFirmIds.includes(firmId);
}

export function requireFirmAccess(user: SessionUser | undefined, action: FirmAction, firmId: number): SessionUser {
  if (!user) throw new AppError('unauthorized', errorMessages.signInRequired);
  if (!canOnFirm(user, action, firmId)) throw new AppError('forbidden', errorMessages.notAllowed);
  return user;
}
