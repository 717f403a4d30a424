import { isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './giftcard.messages.js';

/** The gift card in the navigation: the public page, the issuer's programmes and the shop's counter. */
export const giftcardNavigation: NavItem[] = [
  { href: '/giftcard', label: msg.giftCard, area: 'public', order: 60 },
  { href: '/giftcard/admin', label: msg.programmes, area: 'work', order: 60, show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u) },
  { href: '/giftcard/counter', label: msg.counter, area: 'work', order: 61, show: (u) => u.managedFirmIds.length > 0 },
  { href: '/giftcard/my', label: msg.myCards, area: 'work', order: 62, show: () => true },
];
