import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';

/*
 * Requests to manage a firm live in the accounts module's firm_managers table (the session
 * loads the approved ones into SessionUser.managedFirmIds). The claim workflow needs
 * set-based reads across firms (the review queue) that accounts' service does not offer, so
 * this file is the one place outside accounts that reads and writes that table.
 */
export type ManagerStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

export function findManagerRow(db: Kysely<DB>, userId: number, firmId: number) {
  return db.selectFrom('firm_managers').select(['user_id', 'firm_id', 'status', 'decided_by', 'decided_at', 'created_at']).where('user_id', '=', userId).where('firm_id', '=', firmId).executeTakeFirst();
}

/** The request row, locked until the transaction ends (two reviewers at once: one decides). */
export function lockManagerRow(db: Kysely<DB>, userId: number, firmId: number) {
  return db.selectFrom('firm_managers').select(['user_id', 'firm_id', 'status']).where('user_id', '=', userId).where('firm_id', '=', firmId).forUpdate().executeTakeFirst();
}

export async function upsertManagerRow(db: Kysely<DB>, userId: number, firmId: number, status: ManagerStatus, decidedBy: number | null): Promise<void> {
  const decided = status === 'pending' ? null : new Date();
  await db
    .insertInto('firm_managers')
    .values({ user_id: userId, firm_id: firmId, status, decided_by: decidedBy, decided_at: decided, created_at: new Date(), updated_at: new Date() })
    .onConflict((oc) => oc.columns(['user_id', 'firm_id']).doUpdateSet({ status, decided_by: decidedBy, decided_at: decided, updated_at: new Date() }))
    .execute();
}

/** Pending requests with the firm's place, newest last; bounded (a queue, not an archive). */
export function listPendingRequests(db: Kysely<DB>, limit = 500) {
  return db
    .selectFrom('firm_managers as fm')
    .innerJoin('firms as f', 'f.id', 'fm.firm_id')
    .innerJoin('users as u', 'u.id', 'fm.user_id')
    .leftJoin('municipalities as m', (j) => j.onRef('m.country', '=', 'f.country').onRef('m.code', '=', 'f.municipality_code'))
    .select([
      'fm.user_id',
      'fm.firm_id',
      'fm.created_at',
      'f.name as firm_name',
      'f.national_id as firm_orgnr',
      'f.country as firm_country',
      'f.municipality_code',
      'm.name as municipality_name',
      'f.website as firm_website',
      'u.email as user_email',
      'u.display_name as user_name',
      'u.email_verified_at',
    ])
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

/** The firms a person manages or asked to manage. */
export function listFirmsOf(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('firm_managers as fm')
    .innerJoin('firms as f', 'f.id', 'fm.firm_id')
    .select(['fm.firm_id', 'fm.status', 'f.name', 'f.national_id', 'f.country'])
    .where('fm.user_id', '=', userId)
    .orderBy('f.name')
    .execute();
}

export function findUserNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute();
}
