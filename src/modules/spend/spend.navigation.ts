import type { NavItem } from '../../shared/views/navigation.js';
import { spendAccess } from './spend.access.js';
import { msg } from './spend.messages.js';

/** Local spend in the navigation: the published figures for everyone, the analysis for analysts and admins. */
export const spendNavigation: NavItem[] = [
  { href: '/spend/public', label: msg.publishedSpend, area: 'public', order: 70 },
  { href: '/spend', label: msg.localSpend, area: 'work', order: 70, show: (u) => spendAccess.can(u, 'spend.overview.list', undefined) },
];
