import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere, managesFirm } from '../../shared/access/access.js';
import type { SessionUser } from '../../shared/http/auth.js';

/**
 * Who may do what in the storefront. Scopes: the shop's firm id (the shop's own work), the
 * association's organisation id (activity). Visitors need no rule: a reservation's secret link is
 * their key. The shop's people are the managers of its firm — nobody else acts on its reservations
 * or catalogue, the network admin included (as at the gift-card counter).
 */
export const storefrontAccess = definePolicies({
  // The start page of the shop's view: any signed-in person (each sees the shops of the firms they manage).
  'storefront.shop.list': (_u: SessionUser, _: undefined) => true,
  // Open a storefront shop for a firm or establishment one manages (membership of the association is checked by the service).
  'storefront.shop.setup': (u: SessionUser, firmId: number) => managesFirm(u, firmId),
  // Reservations: confirm, decline an item, ready, hand over.
  'storefront.reservation.work': (u: SessionUser, firmId: number) => managesFirm(u, firmId),
  // Catalogue: products, stock, import, the shop's settings.
  'storefront.catalogue.manage': (u: SessionUser, firmId: number) => managesFirm(u, firmId),
  // The association's staff see activity per shop; the activity page lists each person's organisations.
  'storefront.activity.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u),
  'storefront.activity.read': (u: SessionUser, orgId: number | undefined) => isNetworkAdmin(u) || hasRoleIn(u, orgId),
});

export type StorefrontAction = (typeof storefrontAccess.actions)[number];
export const can = storefrontAccess.can;
export const requireAccess = storefrontAccess.requireAccess;
