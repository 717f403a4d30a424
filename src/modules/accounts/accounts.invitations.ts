import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { recordAudit } from '../audit/audit.service.js';
import { accountMail } from './accounts.mail.js';
import { accountsText } from './accounts.messages.js';
import { hashPassword } from './accounts.password.js';
import * as repo from './accounts.repository.js';
import { normaliseEmail } from './accounts.schemas.js';
import { inTransaction, tokenLifetimes, type AccountsContext } from './accounts.service.js';
import { hashToken, newToken } from './accounts.tokens.js';

export interface CreateInvitationInput {
  email: string;
  /** With `role`: the person joins this organisation on accept. */
  organisationId?: number | null;
  role?: StaffRole | null;
  /** Shown in the mail and on the invitation page. */
  organisationName?: string;
  /** Makes the person a network admin on accept (CLI bootstrap, network admins). */
  grantsNetworkAdmin?: boolean;
  /** The inviting user's id; null for the CLI. */
  invitedBy: number | null;
  /** Language of the mail and page; defaults to the invitee's account language or English. */
  locale?: Locale;
}

export interface CreatedInvitation {
  id: number;
  /** The link sent by mail (also returned so an admin page or the CLI can show it). */
  url: string;
}

/**
 * Invites an e-mail address. The caller checks that the inviter may do so (org admin of the
 * organisation, or network admin) — e.g. `requireAccess(user, 'network.staff.manage', organisationId)` — before calling.
 */
export async function createInvitation(db: Kysely<DB>, input: CreateInvitationInput, ctx: AccountsContext): Promise<CreatedInvitation> {
  const email = normaliseEmail(input.email);
  if ((input.role && !input.organisationId) || (!input.role && !input.grantsNetworkAdmin)) {
    // A caller's mistake, never a person's: every form offers only valid pairs.
    throw new AppError('validation', accountsText.invitationNeedsRole);
  }
  // The invitation and the mail with its link commit together (in the caller's transaction, if any).
  return inTransaction(db, async (trx) => {
    const existing = await repo.findUserByEmail(trx, email);
    const locale = input.locale ?? existing?.locale ?? 'en';
    const token = newToken();
    const id = await repo.insertInvitation(trx, {
      token_hash: hashToken(token),
      email,
      organisation_id: input.organisationId ?? null,
      organisation_name: input.organisationName ?? null,
      role: input.role ?? null,
      grants_network_admin: input.grantsNetworkAdmin ?? false,
      locale,
      invited_by: input.invitedBy,
      expires_at: new Date(Date.now() + tokenLifetimes.invitation),
    });
    const url = `${ctx.baseUrl}/invitations/${token}`;
    const inviter = input.invitedBy ? await repo.findUserById(trx, input.invitedBy) : undefined;
    const role = input.role ? accountsText[`role_${input.role}`][locale] : accountsText.networkAdmin[locale];
    const { subject, text } = accountMail('invite', locale, {
      inviter: inviter?.display_name || inviter?.email || 'Lokalkraft',
      organisation: input.organisationName ?? (input.organisationId ? accountsText.anOrganisation[locale] : 'Lokalkraft'),
      role,
      link: url,
      days: '7',
    });
    await createMailer(db, ctx.env).send({ to: email, subject, text }, trx);
    return { id, url };
  });
}

export interface InvitationView {
  email: string;
  organisationId: number | null;
  organisationName: string | null;
  role: StaffRole | null;
  grantsNetworkAdmin: boolean;
  locale: Locale;
  /** Is there an account for the invited address already? */
  hasAccount: boolean;
}

export async function findInvitation(db: Kysely<DB>, token: string): Promise<InvitationView | undefined> {
  const row = await repo.findOpenInvitation(db, hashToken(token));
  if (!row) return undefined;
  const user = await repo.findUserByEmail(db, row.email);
  return {
    email: row.email,
    organisationId: row.organisation_id === null ? null : Number(row.organisation_id),
    organisationName: row.organisation_name,
    role: row.role,
    grantsNetworkAdmin: row.grants_network_admin,
    locale: row.locale,
    hasAccount: !!user && !user.erased_at,
  };
}

export function listInvitations(db: Kysely<DB>, organisationId: number) {
  return repo.listInvitationsForOrganisation(db, organisationId);
}

export interface MyInvitation {
  id: number;
  organisationName: string | null;
  role: StaffRole | null;
  grantsNetworkAdmin: boolean;
}

/** Open invitations to the signed-in person's address — offered only once the address is verified. */
export async function listMyInvitations(db: Kysely<DB>, user: SessionUser): Promise<MyInvitation[]> {
  if (!user.isEmailVerified) return [];
  const rows = await repo.listOpenInvitationsFor(db, user.email);
  return rows.map((r) => ({ id: Number(r.id), organisationName: r.organisation_name, role: r.role, grantsNetworkAdmin: r.grants_network_admin }));
}

/**
 * Accepts an invitation from the account page. The address must be verified: otherwise someone who
 * signed up with another person's address (before they did) could take the roles offered to them.
 * Not found — not forbidden — for anything else, so ids of other people's invitations tell nothing.
 */
export async function acceptMyInvitation(db: Kysely<DB>, user: SessionUser, invitationId: number, requestId?: string): Promise<void> {
  if (!user.isEmailVerified) throw new AppError('not_found', errorMessages.notFound);
  await db.transaction().execute(async (trx) => {
    const claimed = await repo.claimInvitationById(trx, invitationId, user.email, user.id);
    if (!claimed) throw new AppError('not_found', errorMessages.notFound);
    if (claimed.organisation_id !== null && claimed.role) await repo.insertStaffRole(trx, user.id, Number(claimed.organisation_id), claimed.role);
    if (claimed.grants_network_admin) await repo.updateUser(trx, user.id, { is_network_admin: true });
    await auditAcceptance(trx, user.id, claimed, requestId);
  });
}

/** A role gained is a change of who may do what: written to the audit log with the acceptance, in its transaction. */
async function auditAcceptance(
  trx: Kysely<DB>,
  userId: number,
  claimed: { id: number | string; organisation_id: number | string | null; role: StaffRole | null; grants_network_admin: boolean },
  requestId?: string,
) {
  await recordAudit(
    trx,
    { userId, requestId },
    {
      action: 'accounts.invitation.accept',
      entityType: 'invitation',
      entityId: Number(claimed.id),
      organisationId: claimed.organisation_id === null ? null : Number(claimed.organisation_id),
      before: null,
      after: { user_id: userId, role: claimed.role, grants_network_admin: claimed.grants_network_admin },
    },
  );
}

export type AcceptResult =
  | { kind: 'accepted'; userId: number; isNewAccount: boolean }
  | { kind: 'invalid' }
  | { kind: 'sign_in_required' }
  | { kind: 'wrong_account' };

/**
 * Accepts an invitation: a new person sets name and password (the link proves the address,
 * so it counts as verified); an existing person must be signed in as the invited address.
 * The staff role is created here, in the same transaction that uses up the link.
 */
export async function acceptInvitation(
  db: Kysely<DB>,
  token: string,
  as: { user?: SessionUser; newAccount?: { displayName: string; password: string } },
  requestId?: string,
): Promise<AcceptResult> {
  const passwordHash = as.newAccount ? await hashPassword(as.newAccount.password) : null;
  return db.transaction().execute(async (trx) => {
    // Locked: the same link sent twice at once waits here, then finds it used (one account, one role).
    const open = await repo.lockOpenInvitation(trx, hashToken(token));
    if (!open) return { kind: 'invalid' } as const;
    const existing = await repo.findUserByEmail(trx, open.email);
    let userId: number;
    let isNewAccount = false;
    if (existing && !existing.erased_at) {
      if (!as.user) return { kind: 'sign_in_required' } as const;
      if (as.user.id !== Number(existing.id)) return { kind: 'wrong_account' } as const;
      userId = Number(existing.id);
      if (!existing.email_verified_at) await repo.updateUser(trx, userId, { email_verified_at: new Date() });
    } else {
      if (!as.newAccount || !passwordHash) return { kind: 'invalid' } as const;
      if (as.user) return { kind: 'wrong_account' } as const;
      userId = await repo.insertUser(trx, {
        email: open.email,
        display_name: as.newAccount.displayName,
        password_hash: passwordHash,
        email_verified_at: new Date(),
        is_network_admin: false,
        locale: open.locale,
      });
      isNewAccount = true;
    }
    const claimed = await repo.claimInvitation(trx, hashToken(token), userId);
    if (!claimed) return { kind: 'invalid' } as const;
    if (claimed.organisation_id !== null && claimed.role) await repo.insertStaffRole(trx, userId, Number(claimed.organisation_id), claimed.role);
    if (claimed.grants_network_admin) await repo.updateUser(trx, userId, { is_network_admin: true });
    await auditAcceptance(trx, userId, claimed, requestId);
    return { kind: 'accepted', userId, isNewAccount } as const;
  });
}
