import { isNetworkAdmin, isStaffAnywhere } from '../../shared/access/access.js';
import type { NavItem } from '../../shared/views/navigation.js';
import { msg } from './procurement.messages.js';
import { defineMessages } from '../../shared/i18n/i18n.js';

const text = defineMessages({
  myTenders: { nb: 'Anbud for bedriften', sv: 'Upphandlingar för företaget', fi: 'Yrityksen hankinnat', en: 'Tenders for my firm' },
  buyers: { nb: 'Oppdragsgivere', sv: 'Upphandlare', fi: 'Hankintayksiköt', en: 'Buyers' },
});

/** The procurement pages in the navigation; `show` mirrors procurement.access.ts. */
const staff = (u: Parameters<typeof isNetworkAdmin>[0] & object) => isNetworkAdmin(u) || isStaffAnywhere(u, ['org_admin', 'coach', 'analyst']);
export const procurementNavItems: NavItem[] = [
  { href: '/tenders', label: msg.tenders, area: 'public', order: 40 },
  { href: '/tenders/my', label: text.myTenders, area: 'work', order: 40, show: (u) => u.managedFirmIds.length > 0 },
  { href: '/tenders/area', label: msg.areaTitle, area: 'work', order: 41, show: staff },
  { href: '/tenders/buyers', label: text.buyers, area: 'work', order: 42, show: staff },
];
