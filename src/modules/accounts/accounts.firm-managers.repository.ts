import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/*
 * Who manages which firm: the accounts module's firm_managers table (the session loads the
 * approved rows into SessionUser.managedFirmIds). The registry's claim workflow reaches it
 * through accounts.staff.service.ts; firm details come from the registry, never joined here.
 */
export type ManagerStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

export function findManagerRow(db: Kysely<DB>, userId: number, firmId: number) {
  return db
    .selectFrom('firm_managers')
    .select(['user_id', 'firm_id', 'status', 'decided_by', 'decided_at', 'created_at'])
    .where('user_id', '=', userId)
    .where('firm_id', '=', firmId)
    .executeTakeFirst();
}

/** The request row, locked until the transaction ends (two reviewers at once: one decides). */
export function lockManagerRow(db: Kysely<DB>, userId: number, firmId: number) {
  return db
    .selectFrom('firm_managers')
    .select(['user_id', 'firm_id', 'status'])
    .where('user_id', '=', userId)
    .where('firm_id', '=', firmId)
    .forUpdate()
    .executeTakeFirst();
}

export async function upsertManagerRow(db: Kysely<DB>, userId: number, firmId: number, status: ManagerStatus, decidedBy: number | null): Promise<void> {
  const decided = status === 'pending' ? null : new Date();
  await db
    .insertInto('firm_managers')
    .values({ user_id: userId, firm_id: firmId, status, decided_by: decidedBy, decided_at: decided, created_at: new Date(), updated_at: new Date() })
    .onConflict((oc) => oc.columns(['user_id', 'firm_id']).doUpdateSet({ status, decided_by: decidedBy, decided_at: decided, updated_at: new Date() }))
    .execute();
}

/** Pending requests with the person asking, oldest first; bounded (a queue, not an archive). */
export function listPendingRequests(db: Kysely<DB>, limit = 500) {
  return db
    .selectFrom('firm_managers as fm')
    .innerJoin('users as u', 'u.id', 'fm.user_id')
    .select(['fm.user_id', 'fm.firm_id', 'fm.created_at', 'u.email as user_email', 'u.display_name as user_name', 'u.email_verified_at'])
    .where('fm.status', '=', 'pending')
    .orderBy('fm.created_at')
    .limit(limit)
    .execute();
}

/** The people who manage (or asked to manage) a firm. */
export function listFirmPeople(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('firm_managers as fm')
    .innerJoin('users as u', 'u.id', 'fm.user_id')
    .select(['fm.user_id', 'fm.status', 'u.display_name', 'u.email'])
    .where('fm.firm_id', '=', firmId)
    .where('fm.status', 'in', ['approved', 'pending'])
    .orderBy('u.display_name')
    .execute();
}

export function findUserNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute();
}
