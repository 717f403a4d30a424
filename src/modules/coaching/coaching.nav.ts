import { isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { coachRoles } from './coaching.access.js';
import { msg } from './coaching.messages.js';

/** Coaching in the work menu: coaches and admins (mirrors 'coaching.home.read'); a firm's people reach their firm's record. */
export const coachNav: NavItem[] = [
  { href: '/coaching', label: msg.coaching, area: 'work', order: 30, show: (u) => isStaffAnywhere(u, coachRoles) },
  { href: '/coaching/my-firms', label: msg.firmPage, area: 'work', order: 31, show: (u) => u.managedFirmIds.length > 0 },
];
