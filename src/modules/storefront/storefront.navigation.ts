import { isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './storefront.messages.js';

/** The storefront in the navigation: the public storefront, the shop's reservations, the association's activity. */
export const storefrontNavigation: NavItem[] = [
  { href: '/storefront', label: msg.storefront, area: 'public', order: 55 },
  { href: '/storefront/shop', label: msg.myShops, area: 'work', order: 63, show: (u) => u.managedFirmIds.length > 0 },
  { href: '/storefront/activity', label: msg.activity, area: 'work', order: 64, show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u) },
];
