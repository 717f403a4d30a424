import { isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './academy.messages.js';

/** The academy in the navigation: the catalogue for everyone; the authoring desk and the organisations' page for staff (mirroring academy.access.ts). */
export const academyNavItems: NavItem[] = [
  { href: '/academy', label: msg.academy, area: 'public', order: 50 },
  { href: '/academy/my', label: msg.myCourses, area: 'work', order: 50 },
  { href: '/academy/author', label: msg.authoring, area: 'work', order: 51, show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'editor']) },
  {
    href: '/academy/organisations',
    label: msg.forOrganisations,
    area: 'work',
    order: 52,
    show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'coach', 'analyst']),
  },
];
