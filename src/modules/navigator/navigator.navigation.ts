import { isNetworkAdmin } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './navigator.messages.js';

/**
 * The public navigator (order 40) and, for the network admin, offer maintenance. Provider contacts
 * reach /navigator/admin from the link the network admin sends them (the menu cannot know the
 * contact list without a query); coaches reach a firm's page from their cases and the firm record.
 */
export const navigatorNavItems: NavItem[] = [
  { href: '/navigator', label: msg.navigator, area: 'public', order: 40 },
  { href: '/navigator/admin', label: msg.adminTitle, area: 'work', order: 60, show: isNetworkAdmin },
];
