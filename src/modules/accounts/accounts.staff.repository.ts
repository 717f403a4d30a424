import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { StaffRole } from '../../shared/http/auth.js';

/*
 * An organisation's staff: the accounts module's staff_roles table (the session reads it into
 * SessionUser.roles). Other modules (network) reach it through accounts.staff.service.ts.
 */
export function listStaff(db: Kysely<DB>, organisationId: number) {
  return db
    .selectFrom('staff_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.role', 'u.display_name', 'u.email', 'u.erased_at'])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('u.display_name')
    .orderBy('u.email')
    .execute();
}

export function rolesOf(db: Kysely<DB>, organisationId: number, userId: number) {
  return db.selectFrom('staff_roles').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
}

export async function countAdmins(db: Kysely<DB>, organisationId: number): Promise<number> {
  const row = await db
    .selectFrom('staff_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'org_admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteRoles(db: Kysely<DB>, organisationId: number, userId: number): Promise<void> {
  await db.deleteFrom('staff_roles').where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
}

export async function insertRole(db: Kysely<DB>, organisationId: number, userId: number, role: StaffRole): Promise<void> {
  await db
    .insertInto('staff_roles')
    .values({ organisation_id: organisationId, user_id: userId, role, created_at: new Date() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
