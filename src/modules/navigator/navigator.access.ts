import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * The navigator's policy table. The public pages (matching, offer pages, "notify me") need no
 * access; a firm's de minimis ledger is read and written by the coaches and admins of the
 * organisations covering the firm's municipality (and the network admin); offers are maintained
 * by the network admin and by the contact people the network admin names for a provider.
 */
const ledgerRoles: readonly StaffRole[] = ['org_admin', 'coach'];

/** The organisations covering the firm today. */
export interface FirmScope {
  coveringOrganisationIds: number[];
}
/** The providers this person is a contact of, and the offer's provider (none for the list). */
export interface OfferScope {
  contactOf: string[];
  provider?: string;
}

const covering = (u: SessionUser, s: FirmScope) => isNetworkAdmin(u) || s.coveringOrganisationIds.some((id) => hasRoleIn(u, id, ledgerRoles));

export const navigatorAccess = definePolicies({
  'navigator.ledger.read': covering,
  'navigator.ledger.write': covering,
  // Exchange rates are shared by every ledger: any coach or organisation admin may add a missing one (never change one).
  'navigator.rate.enter': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, ledgerRoles),
  'navigator.offer.maintain': (u: SessionUser, s: OfferScope) =>
    isNetworkAdmin(u) || (s.provider === undefined ? s.contactOf.length > 0 : s.contactOf.includes(s.provider)),
  'navigator.offer.import': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
  'navigator.contact.manage': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
});

export type NavigatorAction = (typeof navigatorAccess.actions)[number];
