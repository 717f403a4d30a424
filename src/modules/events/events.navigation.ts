import type { NavItem } from '../../shared/views/navigation.js';
import { eventsAccess } from './events.access.js';
import { msg } from './events.messages.js';

/** The calendar for everyone; the organisers' list for those the policy lets organise. */
export const eventsNavigation: NavItem[] = [
  { href: '/events', label: msg.events, area: 'public', order: 30 },
  { href: '/events/manage', label: msg.manageEvents, area: 'work', order: 40, show: (u) => eventsAccess.can(u, 'events.event.list', undefined) },
];
