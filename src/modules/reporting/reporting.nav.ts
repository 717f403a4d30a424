import { isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './reporting.messages.js';

/** Staff: the funder reports of their organisations and projects. */
export const reportingNav: NavItem[] = [
  { href: '/reports', label: msg.reports, area: 'work', order: 85, show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u) },
];
