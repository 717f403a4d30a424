import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { StaffRole } from '../../shared/http/auth.js';
import * as managers from './accounts.firm-managers.repository.js';
import * as accounts from './accounts.repository.js';
import * as staff from './accounts.staff.repository.js';

/**
 * The accounts module's own tables for who works where (staff_roles) and who manages which
 * firm (firm_managers), offered to the modules that decide about them: network (an
 * organisation's staff) and registry (requests to manage a firm). These functions trust their
 * caller: the calling service has checked access with its own policy table first. Pass the
 * caller's transaction as `db` so that a change and its audit row commit together.
 */

// ---- staff roles (network decides) ---------------------------------------------------

/** Every role held in the organisation, with the person's name and e-mail. */
export const listStaffRolesOf = (db: Kysely<DB>, organisationId: number) => staff.listStaff(db, organisationId);
/** The roles one person holds in the organisation. */
export const staffRolesOf = async (db: Kysely<DB>, organisationId: number, userId: number): Promise<StaffRole[]> =>
  (await staff.rolesOf(db, organisationId, userId)).map((r) => r.role);
export const countOrgAdmins = (db: Kysely<DB>, organisationId: number) => staff.countAdmins(db, organisationId);
/** Takes every role the person holds in the organisation away. */
export const removeStaffRoles = (db: Kysely<DB>, organisationId: number, userId: number) => staff.deleteRoles(db, organisationId, userId);
/** Replaces the person's roles in the organisation by one. */
export async function setStaffRole(db: Kysely<DB>, organisationId: number, userId: number, role: StaffRole): Promise<void> {
  await staff.deleteRoles(db, organisationId, userId);
  await staff.insertRole(db, organisationId, userId, role);
}

// ---- firm managers (registry decides) ------------------------------------------------

export type ManagerStatus = managers.ManagerStatus;
export const findFirmManager = (db: Kysely<DB>, userId: number, firmId: number) => managers.findManagerRow(db, userId, firmId);
/** The request row, locked until the transaction ends (two reviewers at once: one decides). */
export const lockFirmManager = (db: Kysely<DB>, userId: number, firmId: number) => managers.lockManagerRow(db, userId, firmId);
export const recordFirmManager = (db: Kysely<DB>, userId: number, firmId: number, status: ManagerStatus, decidedBy: number | null) =>
  managers.upsertManagerRow(db, userId, firmId, status, decidedBy);
/** Pending requests with the person asking, oldest first (at most 500). */
export const listPendingFirmManagerRequests = (db: Kysely<DB>) => managers.listPendingRequests(db);
export const listFirmPeople = (db: Kysely<DB>, firmId: number) => managers.listFirmPeople(db, firmId);
export const listFirmsManagedBy = (db: Kysely<DB>, userId: number) => accounts.listFirmManagerRows(db, userId);
export const findUserNames = (db: Kysely<DB>, ids: number[]) => managers.findUserNames(db, ids);
