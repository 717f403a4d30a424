import { isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './surveys.messages.js';

/** Public: the open surveys and published results. Staff: building surveys and reading results. */
export const surveysNav: NavItem[] = [
  { href: '/surveys', label: msg.surveys, area: 'public', order: 80 },
  { href: '/surveys/manage', label: msg.manage, area: 'work', order: 80, show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u) },
];
