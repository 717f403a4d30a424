import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../shared/http/context.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { directoryRoutes } from './directory/directory.routes.js';
import { networkFirmRoutes, networkRoutes } from './network/network.routes.js';
import { firmProfileRoutes } from './registry/profile/profile.routes.js';
import { importAdminRoutes } from './registry/importers/import.routes.js';
import { filesRoutes } from './files/files.routes.js';
import { jobsAdminRoutes } from './jobs/jobs.routes.js';
import { surveysRoutes } from './surveys/surveys.routes.js';
import type { BodyLimitRule } from '../shared/http/input-guard.js';
import { uploadBodyLimits } from './registry/profile/profile.routes.js';
import { filesBodyLimits } from './files/files.routes.js';
import { coachingBodyLimits, coachingRoutes } from './coaching/coaching.routes.js';
import { navigatorBodyLimits, navigatorRoutes } from './navigator/navigator.routes.js';
import { eventsRoutes } from './events/events.routes.js';
import { academyBodyLimits, academyRoutes } from './academy/academy.routes.js';
import { spendBodyLimits, spendRoutes } from './spend/spend.routes.js';
import { procurementBodyLimits, procurementRoutes } from './procurement/procurement.routes.js';
import { giftcardRoutes } from './giftcard/giftcard.routes.js';
import { storefrontBodyLimits, storefrontRoutes } from './storefront/storefront.routes.js';
import { reportingRoutes } from './reporting/reporting.routes.js';

export interface ModuleMount {
  path: string;
  app: Hono<AppEnv>;
}

/**
 * One line per module: where its sub-app is mounted. A module whose URLs share a prefix is
 * mounted under it (its routes are written relative to it); modules whose public URLs have no
 * common prefix (accounts, firm profiles, directory, files) stay at '/'. Network's one page
 * under a firm's URL (/firms/:firmId/manage/membership-offers) is a second, small sub-app.
 */
export function moduleRoutes(deps: AppDeps): ModuleMount[] {
  return [
    { path: '/', app: accountsRoutes(deps) },
    { path: '/network', app: networkRoutes(deps) },
    { path: '/', app: networkFirmRoutes(deps) },
    { path: '/', app: firmProfileRoutes(deps) },
    { path: '/', app: directoryRoutes(deps) },
    { path: '/admin/imports', app: importAdminRoutes(deps) },
    { path: '/', app: filesRoutes(deps) },
    { path: '/admin/jobs', app: jobsAdminRoutes(deps) },
    { path: '/coaching', app: coachingRoutes(deps) },
    { path: '/navigator', app: navigatorRoutes(deps) },
    { path: '/events', app: eventsRoutes(deps) },
    { path: '/academy', app: academyRoutes(deps) },
    { path: '/spend', app: spendRoutes(deps) },
    { path: '/tenders', app: procurementRoutes(deps) },
    { path: '/giftcard', app: giftcardRoutes(deps) },
    { path: '/surveys', app: surveysRoutes(deps) },
    { path: '/storefront', app: storefrontRoutes(deps) },
    { path: '/reports', app: reportingRoutes(deps) },
  ];
}

/** Routes that take uploads, with their own body limits; every other request gets the small default. */
export function moduleBodyLimits(): BodyLimitRule[] {
  return [
    ...uploadBodyLimits,
    ...filesBodyLimits,
    ...navigatorBodyLimits,
    ...academyBodyLimits,
    ...spendBodyLimits,
    ...procurementBodyLimits,
    ...storefrontBodyLimits,
    ...coachingBodyLimits,
  ];
}
