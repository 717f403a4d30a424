import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { StaffRole } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import type { MailRequestKind, TokenPurpose } from './accounts.tables.js';

/** The only file of the accounts module with SQL. */
type Db = Kysely<DB> | Transaction<DB>;

// ---------- users ----------

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewUserRow {
  email: string;
  display_name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  is_network_admin: boolean;
  locale: Locale;
}

export async function insertUser(db: Db, row: NewUserRow): Promise<number> {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateUser(
  db: Db,
  id: number,
  patch: Partial<{
    display_name: string;
    password_hash: string | null;
    email_verified_at: Date | null;
    is_network_admin: boolean;
    locale: Locale;
    email: string;
    erased_at: Date;
  }>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

// ---------- sessions ----------

export interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: number;
  email: string;
  display_name: string;
  email_verified_at: Date | null;
  is_network_admin: boolean;
  locale: Locale;
  roles: { organisationId: number; role: StaffRole }[] | string;
  managed_firm_ids: number[] | string;
}

export async function insertSession(
  db: Db,
  row: { id: string; user_id: number; csrf_token: string; expires_at: Date; ip: string | null; user_agent: string | null },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** One query for the signed-in person: the session (not expired, not idle too long), the user, roles and firms. */
export async function findLiveSession(db: Db, sessionId: string, idleSince: Date): Promise<SessionRow | undefined> {
  const result = await sql<SessionRow>`
    select s.id as session_id, s.csrf_token, s.last_seen_at, u.id as user_id, u.email, u.display_name,
           u.email_verified_at, u.is_network_admin, u.locale,
           coalesce((select json_agg(json_build_object('organisationId', r.organisation_id, 'role', r.role) order by r.organisation_id, r.role)
                     from staff_roles r where r.user_id = u.id), '[]'::json) as roles,
           coalesce((select json_agg(m.firm_id order by m.firm_id) from firm_managers m
                     where m.user_id = u.id and m.status = 'approved'), '[]'::json) as managed_firm_ids
    from sessions s join users u on u.id = s.user_id
    where s.id = ${sessionId} and s.expires_at > now() and s.last_seen_at > ${idleSince} and u.erased_at is null`.execute(db);
  return result.rows[0];
}

export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql<Date>`now()` }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, idleSince: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function listUserSessions(db: Db, userId: number) {
  return db
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

// ---------- roles and managed firms ----------

export function listStaffRoles(db: Db, userId: number) {
  return db
    .selectFrom('staff_roles')
    .select(['organisation_id', 'role', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('organisation_id')
    .orderBy('role')
    .execute();
}

export async function insertStaffRole(db: Db, userId: number, organisationId: number, role: StaffRole): Promise<void> {
  await db
    .insertInto('staff_roles')
    .values({ user_id: userId, organisation_id: organisationId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The firms the person manages or asked to manage (ids; the registry has the names). */
export function listFirmManagerRows(db: Db, userId: number) {
  return db.selectFrom('firm_managers').select(['firm_id', 'status', 'created_at', 'decided_at']).where('user_id', '=', userId).orderBy('firm_id').execute();
}

export async function upsertFirmManager(db: Db, userId: number, firmId: number, status: 'pending' | 'approved' | 'rejected' | 'revoked'): Promise<void> {
  await db
    .insertInto('firm_managers')
    .values({ user_id: userId, firm_id: firmId, status })
    .onConflict((oc) => oc.columns(['user_id', 'firm_id']).doUpdateSet({ status, updated_at: sql<Date>`now()` }))
    .execute();
}

// ---------- single-use tokens ----------

export async function insertAccountToken(
  db: Db,
  row: { token_hash: string; user_id: number; purpose: TokenPurpose; email: string; expires_at: Date },
): Promise<void> {
  await db.insertInto('account_tokens').values(row).execute();
}

export function findUsableToken(db: Db, tokenHash: string, purpose: TokenPurpose) {
  return db
    .selectFrom('account_tokens')
    .select(['user_id', 'email', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/** Marks the token used in the same statement that checks it, so two clicks cannot both win. */
export function consumeToken(db: Db, tokenHash: string, purpose: TokenPurpose) {
  return db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
}

// ---------- invitations ----------

export interface NewInvitationRow {
  token_hash: string;
  email: string;
  organisation_id: number | null;
  organisation_name: string | null;
  role: StaffRole | null;
  grants_network_admin: boolean;
  locale: Locale;
  invited_by: number | null;
  expires_at: Date;
}

export async function insertInvitation(db: Db, row: NewInvitationRow): Promise<number> {
  const { id } = await db.insertInto('invitations').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export function findOpenInvitation(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/** The open invitation, locked until the transaction ends. */
export function lockOpenInvitation(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
}

export function claimInvitation(db: Db, tokenHash: string, userId: number) {
  return db
    .updateTable('invitations')
    .set({ accepted_at: sql<Date>`now()`, accepted_by: userId })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Open invitations addressed to an e-mail address (the account page offers them to a verified owner). */
export function listOpenInvitationsFor(db: Db, email: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'organisation_id', 'organisation_name', 'role', 'grants_network_admin', 'expires_at'])
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at')
    .execute();
}

/** Takes an open invitation by id for the person it is addressed to; undefined when it is not theirs or not open. */
export function claimInvitationById(db: Db, id: number, email: string, userId: number) {
  return db
    .updateTable('invitations')
    .set({ accepted_at: sql<Date>`now()`, accepted_by: userId })
    .where('id', '=', id)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

export function listInvitationsForOrganisation(db: Db, organisationId: number) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'expires_at', 'accepted_at', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function listInvitationsSentBy(db: Db, userId: number) {
  return db.selectFrom('invitations').select(['email', 'organisation_id', 'role', 'created_at', 'accepted_at']).where('invited_by', '=', userId).execute();
}

// ---------- failed sign-ins ----------

export async function insertFailedSignIn(db: Db, email: string, ip: string): Promise<void> {
  await db.insertInto('failed_sign_ins').values({ email, ip }).execute();
}

/**
 * Serialises sign-in attempts on one address and from one client until the transaction ends, so
 * counting failures and recording one is a single step (the address's lock first, always: no
 * cycle between two attempts). Advisory: the counters have no row of their own to lock.
 */
export async function lockSignInCounters(db: Db, email: string, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`failed_sign_ins:email:${email}`}))`.execute(db);
  await sql`select pg_advisory_xact_lock(hashtext(${`failed_sign_ins:ip:${ip}`}))`.execute(db);
}

export interface FailureWindow {
  count: number;
  oldest: Date | null;
}

export async function failuresSince(db: Db, column: 'email' | 'ip', value: string, since: Date): Promise<FailureWindow> {
  const row = await db
    .selectFrom('failed_sign_ins')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('attempted_at').as('oldest')])
    .where(column, '=', value)
    .where('attempted_at', '>', since)
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest as Date) : null };
}

/** The attempt time of the n-th newest failure: the window frees up when it slides past it. */
export async function nthNewestFailure(db: Db, column: 'email' | 'ip', value: string, since: Date, n: number): Promise<Date | null> {
  const row = await db
    .selectFrom('failed_sign_ins')
    .select('attempted_at')
    .where(column, '=', value)
    .where('attempted_at', '>', since)
    .orderBy('attempted_at', 'desc')
    .offset(n - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.attempted_at) : null;
}

export async function deleteFailedSignIns(db: Db, email: string): Promise<void> {
  await db.deleteFrom('failed_sign_ins').where('email', '=', email).execute();
}

export async function pruneFailedSignIns(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('failed_sign_ins').where('attempted_at', '<', before).execute();
}

// ---------- throttle of anonymous requests that send mail ----------

export async function insertMailRequest(db: Db, kind: MailRequestKind, email: string, ip: string): Promise<void> {
  await db.insertInto('mail_requests').values({ kind, email, ip }).execute();
}

/** Requests of a kind in the window for one address or client; with `n` or more, the n-th newest (the window frees a slot when it leaves). */
export async function mailRequestsSince(
  db: Db,
  kind: MailRequestKind,
  column: 'email' | 'ip',
  value: string,
  since: Date,
  n: number,
): Promise<{ count: number; nthNewest: Date | null }> {
  const inWindow = db.selectFrom('mail_requests').where('kind', '=', kind).where(column, '=', value).where('requested_at', '>', since);
  const row = await inWindow.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  const count = Number(row?.count ?? 0);
  if (count < n) return { count, nthNewest: null };
  const nth = await inWindow
    .select('requested_at')
    .orderBy('requested_at', 'desc')
    .offset(n - 1)
    .limit(1)
    .executeTakeFirst();
  return { count, nthNewest: nth ? new Date(nth.requested_at as Date) : null };
}

export async function pruneMailRequests(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('mail_requests').where('requested_at', '<', before).execute();
}

/** Uses up every open token of a purpose for a person (e.g. all reset links once one has worked). */
export async function invalidateTokens(db: Db, userId: number, purpose: TokenPurpose): Promise<number> {
  const rows = await db
    .updateTable('account_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .returning('token_hash')
    .execute();
  return rows.length;
}

// ---------- OpenID Connect ----------

export function findOidcIdentity(db: Db, issuer: string, subject: string) {
  return db.selectFrom('oidc_identities').select(['user_id', 'email']).where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
}

export async function insertOidcIdentity(db: Db, row: { issuer: string; subject: string; user_id: number; email: string | null }): Promise<void> {
  await db
    .insertInto('oidc_identities')
    .values(row)
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();
}

export function listOidcIdentities(db: Db, userId: number) {
  return db.selectFrom('oidc_identities').select(['issuer', 'subject', 'email', 'created_at']).where('user_id', '=', userId).execute();
}

export async function deleteOidcIdentities(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('oidc_identities').where('user_id', '=', userId).execute();
}

export async function insertOidcFlow(
  db: Db,
  row: { id: string; state: string; nonce: string; code_verifier: string; return_to: string; expires_at: Date },
): Promise<void> {
  await db.insertInto('oidc_flows').values(row).execute();
}

/** Takes (deletes and returns) a flow: each authorization response can be used once. */
export function takeOidcFlow(db: Db, id: string) {
  return db.deleteFrom('oidc_flows').where('id', '=', id).where('expires_at', '>', sql<Date>`now()`).returningAll().executeTakeFirst();
}

// ---------- shared secrets ----------

export async function getOrCreateSecret(db: Db, name: string, fresh: string): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ name, value: fresh })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

// ---------- erasure ----------

export async function deleteTokensAndInvitationsFor(db: Db, userId: number, email: string): Promise<void> {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
  await db.deleteFrom('invitations').where('email', '=', email).where('accepted_at', 'is', null).execute();
  await db
    .updateTable('invitations')
    .set({ email: `erased-${userId}@invalid` })
    .where('email', '=', email)
    .execute();
  await db.deleteFrom('failed_sign_ins').where('email', '=', email).execute();
  await db.deleteFrom('mail_requests').where('email', '=', email).execute();
}

/** Users whose address ends with the suffix (the demo people), oldest first. */
export function listUsersByEmailSuffix(db: Db, suffix: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'is_network_admin'])
    .where('email', 'like', `%${suffix.replace(/[\\%_]/g, (m) => `\\${m}`)}`)
    .orderBy('id')
    .limit(200)
    .execute();
}
