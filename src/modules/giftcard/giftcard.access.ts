import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere, managesFirm, staffRoles } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * Who may do what with the city gift card. Scopes: the issuing organisation's id (programme
 * work), the shop's firm id (the counter). Holders need no rule: the code is their key (the
 * public balance page is rate-limited), and signed-in holders see their own cards.
 */
const adminOnly: readonly StaffRole[] = ['org_admin'];
/** Issuer staff who sell at the desk (analysts read reports only). */
const sellers: readonly StaffRole[] = ['org_admin', 'coach', 'editor'];
const inOrg = (roles: readonly StaffRole[]) => (u: SessionUser, orgId: number | undefined) => isNetworkAdmin(u) || hasRoleIn(u, orgId, roles);

export const giftcardAccess = definePolicies({
  // The list of programmes a person works on (each sees their organisations' ones).
  'giftcard.programme.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u),
  'giftcard.programme.create': inOrg(adminOnly),
  'giftcard.programme.read': inOrg(staffRoles),
  'giftcard.programme.manage': inOrg(adminOnly),
  'giftcard.card.sell': inOrg(sellers),
  'giftcard.settlement.run': inOrg(adminOnly),
  'giftcard.report.read': inOrg(staffRoles),
  // The counter: the managers of the shop's firm; nobody else redeems for a shop, the network admin included.
  'giftcard.counter.use': (u: SessionUser, firmId: number) => managesFirm(u, firmId),
  // The counter's start page and the holder's own cards: any signed-in person (each sees their own).
  'giftcard.counter.list': (_u: SessionUser, _: undefined) => true,
  'giftcard.holder.cards': (_u: SessionUser, _: undefined) => true,
});

export type GiftcardAction = (typeof giftcardAccess.actions)[number];
export const can = giftcardAccess.can;
export const requireAccess = giftcardAccess.requireAccess;
