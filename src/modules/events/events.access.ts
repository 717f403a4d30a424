import { definePolicies, hasRoleIn, isNetworkAdmin, isStaffAnywhere, managesFirm } from '../../shared/access/access.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';

/**
 * The events module's policy table. Organisers are the staff of the organisations publishing an
 * event (an event may have several); analysts read numbers elsewhere and do not run events.
 * Public pages (calendar, event page, sign-up, the cancel link, feeds) need no role: an event's
 * audience is checked by the service when someone signs up.
 */
const organiserRoles: readonly StaffRole[] = ['org_admin', 'coach', 'editor'];

/** The organisations publishing an event. */
export interface EventScope {
  organisationIds: number[];
}

const organises = (u: SessionUser, s: EventScope) => isNetworkAdmin(u) || s.organisationIds.some((id) => hasRoleIn(u, id, organiserRoles));

export const eventsAccess = definePolicies({
  // The staff list of events to run: staff who may organise somewhere, and the network admin.
  'events.event.list': (u: SessionUser, _: undefined) => isNetworkAdmin(u) || isStaffAnywhere(u, organiserRoles),
  // A new event on behalf of an organisation (scope: that organisation's id).
  'events.event.create': (u: SessionUser, organisationId: number) => isNetworkAdmin(u) || hasRoleIn(u, organisationId, organiserRoles),
  // Edit, publish, cancel, duplicate; write to the participants.
  'events.event.manage': organises,
  // Participants' names, e-mails and answers (purpose: running the event); check-in at the door; export.
  'events.participants.read': organises,
  'events.checkin.record': organises,
  // What a firm attended, on the staff firm page: the firm's own people, staff and the network admin.
  'events.attendance.read': (u: SessionUser, firmId: number) => managesFirm(u, firmId) || isStaffAnywhere(u) || isNetworkAdmin(u),
});

export type EventsAction = (typeof eventsAccess.actions)[number];
