import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { createInvitation, listInvitations } from '../accounts/accounts.invitations.js';
import * as accountsStaff from '../accounts/accounts.staff.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireAccess } from './network.access.js';
import { msg } from './network.messages.js';
import * as repo from './network.repository.js';

export interface StaffMemberDto {
  userId: number;
  name: string;
  email: string;
  role: StaffRole;
}

/** One entry per person: a person holds one role per organisation in this UI (the highest if several). */
const rank: Record<StaffRole, number> = { org_admin: 4, coach: 3, analyst: 2, editor: 1 };

export async function listStaff(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<StaffMemberDto[]> {
  requireAccess(user, 'network.staff.read', organisationId);
  const byUser = new Map<number, StaffMemberDto>();
  for (const r of await accountsStaff.listStaffRolesOf(db, organisationId)) {
    const id = Number(r.user_id);
    const prev = byUser.get(id);
    if (!prev || rank[r.role] > rank[prev.role]) byUser.set(id, { userId: id, name: r.display_name, email: r.email, role: r.role });
  }
  return [...byUser.values()];
}

export async function listPendingInvitations(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number) {
  requireAccess(user, 'network.staff.manage', organisationId);
  const rows = await listInvitations(db, organisationId);
  return rows
    .filter((r) => !r.accepted_at && new Date(r.expires_at).getTime() > Date.now())
    .map((r) => ({ email: r.email, role: r.role, expiresAt: new Date(r.expires_at).toISOString() }));
}

export type AddStaffResult = { kind: 'invited'; email: string };

/**
 * Adds a person to the organisation's staff — by invitation only, whether or not the address has
 * an account: the same work, the same page and the same mail either way, so the form does not
 * tell an org admin who has an account, and nobody holds a role they have not accepted. The role
 * is created when the invitee opens the link and accepts (accounts' acceptInvitation).
 */
export async function addStaff(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  input: { email: string; role: StaffRole },
  ctx: { env: Env; baseUrl: string; locale: Locale; requestId?: string },
): Promise<AddStaffResult> {
  const u = requireAccess(user, 'network.staff.manage', organisationId);
  // Invitation, its mail and the audit entry in one transaction: none without the others.
  return db.transaction().execute(async (trx) => {
    const org = await repo.findOrganisation(trx, organisationId);
    if (!org) throw new AppError('not_found', msg.noSuchOrganisation);
    const invitation = await createInvitation(
      trx,
      { email: input.email, organisationId, role: input.role, organisationName: org.name, invitedBy: u.id, locale: ctx.locale },
      { env: ctx.env, baseUrl: ctx.baseUrl },
    );
    await recordAudit(
      trx,
      { userId: u.id, requestId: ctx.requestId },
      { action: 'network.staff.invite', entityType: 'invitation', entityId: invitation.id, organisationId, before: null, after: { role: input.role } },
    ); // no address in the trail: accounts erases invitations, not audit rows
    return { kind: 'invited', email: input.email } as const;
  });
}

/**
 * Under the organisation's row lock: staff changes of one organisation queue, so two admins
 * demoting each other at once cannot both see "there is another admin" and leave none.
 */
async function keepOneAdmin(trx: Kysely<DB>, organisationId: number, userId: number, newRole: StaffRole | null) {
  await repo.lockOrganisation(trx, organisationId);
  const roles = await accountsStaff.staffRolesOf(trx, organisationId, userId);
  if (roles.includes('org_admin') && newRole !== 'org_admin' && (await accountsStaff.countOrgAdmins(trx, organisationId)) <= 1)
    throw new AppError('conflict', msg.lastAdmin, [{ field: 'role', label: msg.role, message: msg.lastAdminField }]);
  return roles;
}

export async function changeStaffRole(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  userId: number,
  role: StaffRole,
  requestId?: string,
): Promise<void> {
  const u = requireAccess(user, 'network.staff.manage', organisationId);
  await db.transaction().execute(async (trx) => {
    const before = await keepOneAdmin(trx, organisationId, userId, role);
    if (before.length === 0) throw new AppError('not_found', msg.notOnStaff);
    await accountsStaff.setStaffRole(trx, organisationId, userId, role);
    await recordAudit(
      trx,
      { userId: u.id, requestId },
      {
        action: 'network.staff.role',
        entityType: 'staff_role',
        entityId: `${organisationId}:${userId}`,
        organisationId,
        before: { roles: before },
        after: { roles: [role] },
      },
    );
  });
}

export async function removeStaff(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, userId: number, requestId?: string): Promise<void> {
  const u = requireAccess(user, 'network.staff.manage', organisationId);
  await db.transaction().execute(async (trx) => {
    const before = await keepOneAdmin(trx, organisationId, userId, null);
    if (before.length === 0) throw new AppError('not_found', msg.notOnStaff);
    await accountsStaff.removeStaffRoles(trx, organisationId, userId);
    await recordAudit(
      trx,
      { userId: u.id, requestId },
      {
        action: 'network.staff.remove',
        entityType: 'staff_role',
        entityId: `${organisationId}:${userId}`,
        organisationId,
        before: { roles: before },
        after: null,
      },
    );
  });
}
