import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { sqlState } from '../../shared/http/db-errors.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { accountsText as t } from './accounts.messages.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { accountMail, type MailKind } from './accounts.mail.js';
import { hashPassword, needsRehash, verifyPassword } from './accounts.password.js';
import * as repo from './accounts.repository.js';
import { normaliseEmail } from './accounts.schemas.js';
import type { MailRequestKind } from './accounts.tables.js';
import { hashToken, newToken } from './accounts.tokens.js';

/** What the service needs besides the database: configuration and where links point. */
export interface AccountsContext {
  env: Env;
  /** Origin used in links sent by mail, e.g. https://lokalkraft.example: from configuration only (publicBaseUrl(env)). */
  baseUrl: string;
}

/**
 * Runs work in one transaction, or in the caller's when `db` is one already (a service called
 * inside another's transaction, e.g. an invitation with the audit entry of the network module):
 * a token or invitation and the mail carrying its link commit together or not at all.
 */
export const inTransaction = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

const hour = 60 * 60 * 1000;
export const tokenLifetimes = { reset_password: 1 * hour, verify_email: 72 * hour, invitation: 7 * 24 * hour, set_password: 7 * 24 * hour } as const;

// ---------- users ----------

export interface CreateUserInput {
  email: string;
  displayName?: string;
  password?: string;
  isNetworkAdmin?: boolean;
  isEmailVerified?: boolean;
  locale?: Locale;
}

export async function createUser(db: Kysely<DB>, input: CreateUserInput): Promise<number> {
  const email = normaliseEmail(input.email);
  if (await repo.findUserByEmail(db, email)) throw new AppError('conflict', t.emailTaken, [{ field: 'email', label: t.email, message: t.emailTakenField }]);
  return repo.insertUser(db, {
    email,
    display_name: input.displayName?.trim() ?? '',
    password_hash: input.password ? await hashPassword(input.password) : null,
    email_verified_at: input.isEmailVerified ? new Date() : null,
    is_network_admin: input.isNetworkAdmin ?? false,
    locale: input.locale ?? 'en',
  });
}

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  const row = await repo.findUserByEmail(db, normaliseEmail(email));
  return row ? toUserSummary(row) : undefined;
}

export async function getUserSummary(db: Kysely<DB>, id: number) {
  const row = await repo.findUserById(db, id);
  return row ? toUserSummary(row) : undefined;
}

export interface UserSummary {
  id: number;
  email: string;
  displayName: string;
  isEmailVerified: boolean;
  isNetworkAdmin: boolean;
  isErased: boolean;
  hasPassword: boolean;
  locale: Locale;
  createdAt: Date;
}

function toUserSummary(row: NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>): UserSummary {
  return {
    id: Number(row.id),
    email: row.email,
    displayName: row.display_name,
    isEmailVerified: row.email_verified_at !== null,
    isNetworkAdmin: row.is_network_admin,
    isErased: row.erased_at !== null,
    hasPassword: row.password_hash !== null,
    locale: row.locale,
    createdAt: row.created_at,
  };
}

export async function setNetworkAdmin(db: Kysely<DB>, userId: number, value: boolean): Promise<void> {
  await repo.updateUser(db, userId, { is_network_admin: value });
}

export async function updateProfile(db: Kysely<DB>, userId: number, patch: { displayName?: string; locale?: Locale }): Promise<void> {
  await repo.updateUser(db, userId, {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.locale ? { locale: patch.locale } : {}),
  });
}

/** A new password (CLI): like a reset, it ends every session and uses up every open reset link. */
export async function setPassword(db: Kysely<DB>, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, userId, { password_hash: passwordHash });
    await repo.invalidateTokens(trx, userId, 'reset_password');
    await repo.deleteUserSessions(trx, userId);
  });
}

/** Adds a staff role directly (network admin tools, seeding, tests); invitations call this on accept. */
export async function grantStaffRole(db: Kysely<DB>, userId: number, organisationId: number, role: StaffRole): Promise<void> {
  await repo.insertStaffRole(db, userId, organisationId, role);
}

/** Firm claims (network module) record their outcome here; only `approved` lets a person manage the firm. */
export async function setFirmManagerStatus(
  db: Kysely<DB>,
  userId: number,
  firmId: number,
  status: 'pending' | 'approved' | 'rejected' | 'revoked',
): Promise<void> {
  await repo.upsertFirmManager(db, userId, firmId, status);
}

// ---------- sessions ----------

export interface NewSession {
  /** Goes into the cookie; the database keeps only its hash. */
  token: string;
  csrfToken: string;
  userId: number;
}

export async function createSession(db: Kysely<DB>, env: Env, userId: number, meta: { ip?: string; userAgent?: string } = {}): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  await repo.insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    csrf_token: csrfToken,
    expires_at: new Date(Date.now() + env.SESSION_MAX_HOURS * hour),
    ip: meta.ip?.slice(0, 64) ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, userId };
}

export interface LoadedSession {
  user: SessionUser;
  csrfToken: string;
  locale: Locale;
}

const parseJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** The person behind a session cookie, or undefined when it is unknown, expired or idle too long. */
export async function loadSession(db: Kysely<DB>, env: Env, token: string): Promise<LoadedSession | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const sessionId = hashToken(token);
  const row = await repo.findLiveSession(db, sessionId, new Date(Date.now() - env.SESSION_IDLE_MINUTES * 60_000));
  if (!row) return undefined;
  // Write last_seen at most once a minute: most requests stay read-only.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) await repo.touchSession(db, sessionId);
  return {
    csrfToken: row.csrf_token,
    locale: row.locale,
    user: {
      id: Number(row.user_id),
      email: row.email,
      displayName: row.display_name,
      isEmailVerified: row.email_verified_at !== null,
      isNetworkAdmin: row.is_network_admin,
      roles: parseJson(row.roles).map((r) => ({ organisationId: Number(r.organisationId), role: r.role })),
      managedFirmIds: parseJson(row.managed_firm_ids).map(Number),
      sessionId,
    },
  };
}

export async function endSession(db: Kysely<DB>, token: string | undefined): Promise<void> {
  if (token) await repo.deleteSession(db, hashToken(token));
}

export async function endSessionById(db: Kysely<DB>, sessionId: string): Promise<void> {
  await repo.deleteSession(db, sessionId);
}

export async function endAllSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await repo.deleteUserSessions(db, userId);
}

/** Housekeeping: expired sessions and old failed sign-ins. */
export async function pruneExpired(db: Kysely<DB>, env: Env): Promise<number> {
  await repo.pruneFailedSignIns(db, new Date(Date.now() - 24 * hour));
  await repo.pruneMailRequests(db, new Date(Date.now() - Math.max(24 * hour, env.MAIL_REQUEST_WINDOW_MINUTES * 60_000)));
  return repo.deleteExpiredSessions(db, new Date(Date.now() - env.SESSION_IDLE_MINUTES * 60_000));
}

// ---------- sign-in ----------

export type SignInResult =
  | { kind: 'signed_in'; session: NewSession }
  | { kind: 'invalid' }
  | { kind: 'rate_limited'; scope: 'account' | 'address'; retryAt: Date };

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The session cookie the browser came with, if any: it is ended, never reused (fixation). */
  previousToken?: string;
  locale?: Locale;
}

async function signInBlock(db: Kysely<DB>, env: Env, email: string, ip: string) {
  const windowMs = env.SIGN_IN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const checks = [
    { scope: 'account' as const, column: 'email' as const, value: email, max: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT },
    { scope: 'address' as const, column: 'ip' as const, value: ip, max: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS },
  ];
  for (const check of checks) {
    const { count } = await repo.failuresSince(db, check.column, check.value, since);
    if (count < check.max) continue;
    // The window frees a slot when the max-th newest failure slides out of it.
    const pivot = await repo.nthNewestFailure(db, check.column, check.value, since, check.max);
    return { kind: 'rate_limited' as const, scope: check.scope, retryAt: new Date((pivot ?? new Date()).getTime() + windowMs) };
  }
  return undefined;
}

/**
 * Records the attempt as a failure unless the address or the client is over its limit (then the
 * attempt is refused and not recorded, so waiting is not pushed further out). No hashing inside:
 * the transaction is a few statements long.
 */
function reserveSignInAttempt(db: Kysely<DB>, env: Env, email: string, ip: string) {
  return db.transaction().execute(async (trx) => {
    await repo.lockSignInCounters(trx, email, ip);
    const blocked = await signInBlock(trx, env, email, ip);
    if (!blocked) await repo.insertFailedSignIn(trx, email, ip);
    return blocked;
  });
}

// Housekeeping rides on sign-in attempts, at most every ten minutes per process.
let lastPrune = 0;
function pruneNow(db: Kysely<DB>, env: Env): void {
  if (Date.now() - lastPrune < 10 * 60_000) return;
  lastPrune = Date.now();
  pruneExpired(db, env).catch(() => (lastPrune = 0));
}

export async function signInWithPassword(db: Kysely<DB>, env: Env, input: SignInInput): Promise<SignInResult> {
  pruneNow(db, env);
  const email = normaliseEmail(input.email);
  // The attempt is counted as a failure before its password is checked (and forgotten if it
  // succeeds). Checking the count first and recording the failure after the check let all of 20
  // attempts sent at once see "no failures yet" and try a password; now the check and the record
  // are one short transaction per address and client, so at most the limit get through.
  const blocked = await reserveSignInAttempt(db, env, email, input.ip);
  if (blocked) return blocked;
  const user = await repo.findUserByEmail(db, email);
  const usable = user && !user.erased_at ? user.password_hash : null;
  const isValid = await verifyPassword(input.password, usable);
  if (!user || !isValid || !usable) return (await signInBlock(db, env, email, input.ip)) ?? { kind: 'invalid' };
  await repo.deleteFailedSignIns(db, email);
  if (needsRehash(usable)) await repo.updateUser(db, Number(user.id), { password_hash: await hashPassword(input.password) });
  if (input.locale && input.locale !== user.locale) await repo.updateUser(db, Number(user.id), { locale: input.locale });
  return { kind: 'signed_in', session: await startSession(db, env, Number(user.id), input) };
}

/** A new session with a new id; the one the browser brought (if any) is deleted. */
export async function startSession(
  db: Kysely<DB>,
  env: Env,
  userId: number,
  input: { previousToken?: string; ip?: string; userAgent?: string },
): Promise<NewSession> {
  await endSession(db, input.previousToken);
  return createSession(db, env, userId, { ip: input.ip, userAgent: input.userAgent });
}

// ---------- links by mail: reset and verification ----------

async function sendAccountMail(
  db: Kysely<DB>,
  ctx: AccountsContext,
  kind: MailKind,
  to: string,
  locale: Locale,
  values: Record<string, string>,
): Promise<void> {
  const { subject, text } = accountMail(kind, locale, values);
  await createMailer(db, ctx.env).send({ to, subject, text }, db); // db: the caller's transaction, when there is one
}

async function issueToken(db: Kysely<DB>, userId: number, email: string, purpose: 'reset_password' | 'verify_email', lifetimeMs: number): Promise<string> {
  const token = newToken();
  await repo.insertAccountToken(db, { token_hash: hashToken(token), user_id: userId, purpose, email, expires_at: new Date(Date.now() + lifetimeMs) });
  return token;
}

export type MailRequestResult = { kind: 'accepted' } | { kind: 'rate_limited'; retryAt: Date };
type MailRequestVerdict = { kind: 'send' } | { kind: 'silent' } | { kind: 'rate_limited'; retryAt: Date };

/**
 * Counts an anonymous request that would send mail (forgot-password, sign-up) per typed address
 * and per client address — always, whether or not the address has an account, so the throttle
 * tells nobody who has one. Over the per-address limit the request is answered as usual but mails
 * nothing (no mail-bombing a person through us); over the per-client limit the client must wait.
 */
async function throttleMailRequest(db: Kysely<DB>, env: Env, kind: MailRequestKind, email: string, ip: string): Promise<MailRequestVerdict> {
  const windowMs = env.MAIL_REQUEST_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const byClient = await repo.mailRequestsSince(db, kind, 'ip', ip, since, env.MAIL_REQUEST_MAX_PER_ADDRESS);
  if (byClient.nthNewest) return { kind: 'rate_limited', retryAt: new Date(byClient.nthNewest.getTime() + windowMs) };
  const byAddress = await repo.mailRequestsSince(db, kind, 'email', email, since, env.MAIL_REQUEST_MAX_PER_ACCOUNT);
  await repo.insertMailRequest(db, kind, email, ip);
  return byAddress.nthNewest ? { kind: 'silent' } : { kind: 'send' };
}

/** Forgot-password: the same answer for every address; a link goes out only to an existing account, within the throttle. */
export async function requestPasswordReset(db: Kysely<DB>, ctx: AccountsContext, emailInput: string, ip = 'unknown'): Promise<MailRequestResult> {
  const email = normaliseEmail(emailInput);
  const verdict = await throttleMailRequest(db, ctx.env, 'reset_password', email, ip);
  if (verdict.kind === 'rate_limited') return verdict;
  if (verdict.kind === 'silent') return { kind: 'accepted' };
  const user = await repo.findUserByEmail(db, email);
  if (!user || user.erased_at) return { kind: 'accepted' };
  await inTransaction(db, async (trx) => {
    const token = await issueToken(trx, Number(user.id), user.email, 'reset_password', tokenLifetimes.reset_password);
    await sendAccountMail(trx, ctx, 'reset', user.email, user.locale, {
      name: user.display_name || user.email,
      link: `${ctx.baseUrl}/reset-password/${token}`,
      hours: '1',
    });
  });
  return { kind: 'accepted' };
}

/** For the network-admin bootstrap: a set-password link that lives a week, sent and returned. */
export async function issueSetPasswordLink(db: Kysely<DB>, ctx: AccountsContext, userId: number): Promise<string> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('not_found', errorMessages.notFound);
  return inTransaction(db, async (trx) => {
    const token = await issueToken(trx, userId, user.email, 'reset_password', tokenLifetimes.set_password);
    const link = `${ctx.baseUrl}/reset-password/${token}`;
    await sendAccountMail(trx, ctx, 'set_password', user.email, user.locale, { name: user.display_name || user.email, link, days: '7' });
    return link;
  });
}

export async function isResetTokenUsable(db: Kysely<DB>, token: string): Promise<boolean> {
  return !!(await repo.findUsableToken(db, hashToken(token), 'reset_password'));
}

/**
 * Sets the new password, marks the address verified (the link proved it), ends every session and
 * uses up every other open reset link of the person: a link an attacker requested earlier (or read
 * from an old mailbox) must not outlive the reset the owner just did. The token's row is taken
 * first, so of two links used at once only one wins.
 */
export async function resetPassword(db: Kysely<DB>, token: string, password: string): Promise<number | undefined> {
  const passwordHash = await hashPassword(password); // outside the transaction: PGlite is one connection
  return db.transaction().execute(async (trx) => {
    const used = await repo.consumeToken(trx, hashToken(token), 'reset_password');
    if (!used) return undefined;
    const user = await repo.findUserById(trx, Number(used.user_id));
    if (!user || user.erased_at || user.email !== used.email) return undefined;
    await repo.invalidateTokens(trx, Number(user.id), 'reset_password');
    await repo.updateUser(trx, Number(user.id), { password_hash: passwordHash, ...(user.email_verified_at ? {} : { email_verified_at: new Date() }) });
    await repo.deleteUserSessions(trx, Number(user.id));
    await repo.deleteFailedSignIns(trx, user.email);
    return Number(user.id);
  });
}

/**
 * "Send the link again" from the account page. Throttled per address like the anonymous forms:
 * an account signed up with someone else's address must not become a way to flood their inbox.
 */
export async function resendVerificationMail(
  db: Kysely<DB>,
  ctx: AccountsContext,
  user: { id: number; email: string },
  ip = 'unknown',
): Promise<MailRequestResult> {
  const verdict = await throttleMailRequest(db, ctx.env, 'verify_email', user.email, ip);
  if (verdict.kind === 'rate_limited') return verdict;
  if (verdict.kind === 'send') await sendVerificationMail(db, ctx, user.id);
  return { kind: 'accepted' };
}

export async function sendVerificationMail(db: Kysely<DB>, ctx: AccountsContext, userId: number): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.erased_at || user.email_verified_at) return;
  await inTransaction(db, async (trx) => {
    const token = await issueToken(trx, userId, user.email, 'verify_email', tokenLifetimes.verify_email);
    await sendAccountMail(trx, ctx, 'verify', user.email, user.locale, {
      name: user.display_name || user.email,
      link: `${ctx.baseUrl}/verify-email/${token}`,
      hours: '72',
    });
  });
}

export async function verifyEmail(db: Kysely<DB>, token: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await repo.consumeToken(trx, hashToken(token), 'verify_email');
    if (!used) return false;
    const user = await repo.findUserById(trx, Number(used.user_id));
    // The link verifies the address it was sent to, not one the account changed to since.
    if (!user || user.erased_at || user.email !== used.email) return false;
    if (!user.email_verified_at) await repo.updateUser(trx, Number(user.id), { email_verified_at: new Date() });
    return true;
  });
}

// ---------- self-service sign-up ----------

/**
 * A new account (e.g. a shop owner who will claim a firm); a verification link goes out at once.
 * Throttled like forgot-password: each attempt on a taken address mails its owner, so without a
 * limit the form would mail-bomb them.
 */
export async function signUp(
  db: Kysely<DB>,
  ctx: AccountsContext,
  input: { email: string; displayName: string; password: string; locale: Locale; ip?: string },
): Promise<{ kind: 'created'; userId: number } | { kind: 'exists' } | { kind: 'rate_limited'; retryAt: Date }> {
  const email = normaliseEmail(input.email);
  const verdict = await throttleMailRequest(db, ctx.env, 'sign_up', email, input.ip ?? 'unknown');
  if (verdict.kind === 'rate_limited') return verdict;
  // Hash first, whatever happens next: skipping the ~80 ms scrypt for a known address told a
  // stopwatch who has an account (4.6 ms vs 81 ms). Both paths then write a row and send one mail.
  const passwordHash = await hashPassword(input.password);
  const existing = await repo.findUserByEmail(db, email);
  if (existing) {
    // Tell the owner of the address by mail rather than the visitor on the page.
    if (!existing.erased_at && verdict.kind === 'send')
      await sendAccountMail(db, ctx, 'already_registered', existing.email, existing.locale, {
        name: existing.display_name || existing.email,
        link: `${ctx.baseUrl}/forgot-password`,
      });
    return { kind: 'exists' };
  }
  // The account, its verification link and the mail carrying it: all or nothing.
  let userId: number;
  try {
    userId = await inTransaction(db, async (trx) => {
      const id = await repo.insertUser(trx, {
        email,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        email_verified_at: null,
        is_network_admin: false,
        locale: input.locale,
      });
      await sendVerificationMail(trx, ctx, id);
      return id;
    });
  } catch (err) {
    // Two sign-ups with one address at once: the other one created the account. Answer as for a
    // known address — a 409 "already exists" would tell the visitor the address has an account.
    if (sqlState(err) === '23505') return { kind: 'exists' };
    throw err;
  }
  return { kind: 'created', userId };
}
