import { isNetworkAdmin, isStaffAnywhere } from '../shared/access/access.js';
import { procurementNavItems } from './procurement/procurement.navigation.js';
import { common } from '../shared/i18n/common.messages.js';
import { defineMessages } from '../shared/i18n/i18n.js';
import { setNavigation, type NavItem } from '../shared/views/navigation.js';
import { coachNav } from './coaching/coaching.nav.js';
import { navigatorNavItems } from './navigator/navigator.navigation.js';
import { eventsNavigation } from './events/events.navigation.js';
import { academyNavItems } from './academy/academy.navigation.js';
import { spendNavigation } from './spend/spend.navigation.js';
import { giftcardNavigation } from './giftcard/giftcard.navigation.js';
import { surveysNav } from './surveys/surveys.nav.js';
import { storefrontNavigation } from './storefront/storefront.navigation.js';
import { reportingNav } from './reporting/reporting.nav.js';

const text = defineMessages({
  network: { nb: 'Nettverket', sv: 'Nätverket', fi: 'Verkosto', en: 'Network' },
  myFirms: { nb: 'Mine bedrifter', sv: 'Mina företag', fi: 'Omat yritykset', en: 'My firms' },
  imports: { nb: 'Importer', sv: 'Importer', fi: 'Tuonnit', en: 'Imports' },
  jobs: { nb: 'Jobber', sv: 'Jobb', fi: 'Taustatyöt', en: 'Jobs' },
});

/**
 * Every module's entries in the navigation, in one place (like index.ts for routes): public pages
 * first (the directory leads, the API closes), then the work menu of a signed-in person. A module
 * exports its `NavItem[]` and adds one line here.
 */
export function registerNavigation(): void {
  const items: NavItem[] = [
    { href: '/firms', label: common.directory, area: 'public', order: 10 },
    // (public module pages go here, order 20–90)
    { href: '/api/docs', label: common.api, area: 'public', order: 1000 },
    { href: '/network', label: text.network, area: 'work', order: 10, show: (u) => isNetworkAdmin(u) || isStaffAnywhere(u) },
    { href: '/my/firms', label: text.myFirms, area: 'work', order: 20, show: (u) => u.managedFirmIds.length > 0 },
    // (staff module pages go here, order 30–90)
    ...coachNav,
    ...surveysNav,
    ...reportingNav,
    { href: '/admin/imports', label: text.imports, area: 'work', order: 900, show: isNetworkAdmin },
    { href: '/admin/jobs', label: text.jobs, area: 'work', order: 910, show: isNetworkAdmin },
    ...navigatorNavItems,
    ...eventsNavigation,
    ...academyNavItems,
    ...spendNavigation,
    ...procurementNavItems,
    ...giftcardNavigation,
    ...storefrontNavigation,
  ];
  setNavigation(items);
}
