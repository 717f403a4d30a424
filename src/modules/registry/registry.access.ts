import { definePolicies, isNetworkAdmin, isStaffAnywhere, managesFirm } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * The registry module's policy table: firm profiles (registry/profile), requests to manage a firm,
 * and the register imports (registry/importers). The scope of a firm action is the firm's id.
 * Each rule names every role that may act; the network admin is listed where they may.
 */
const reviewers: readonly StaffRole[] = ['org_admin', 'coach'];

export const registryAccess = definePolicies({
  // A firm's approved people (SessionUser.managedFirmIds) and the network admin keep its profile.
  'registry.profile.update': (u: SessionUser, firmId: number) => isNetworkAdmin(u) || managesFirm(u, firmId),
  'registry.profile.audit': (u: SessionUser, firmId: number) => isNetworkAdmin(u) || managesFirm(u, firmId),
  // Anyone signed in may ask to manage a firm (the review decides); anonymous → 401.
  'registry.profile.claim': (_u: SessionUser, _firmId: number) => true,
  // The firms a person manages or asked to manage: every signed-in person sees their own.
  'registry.my-firms.read': (_u: SessionUser, _: undefined) => true,
  // The review queue: the network admin, and admins and coaches of any organisation (the
  // service narrows to the requests their organisations may decide, via network.claim.decide).
  'registry.claim.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, reviewers),
  // Register imports are platform operations: network administrators only.
  'registry.import.read': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
});

export type RegistryAction = (typeof registryAccess.actions)[number];
/** Actions whose scope is a firm id. */
export type FirmAction = 'registry.profile.update' | 'registry.profile.audit' | 'registry.profile.claim';
