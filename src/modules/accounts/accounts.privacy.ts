import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { firmSummaries } from '../registry/registry.service.js';
import * as repo from './accounts.repository.js';

/**
 * The person half of privacy: download my data, erase me. Other modules that hold personal
 * data add an exporter and an eraser here (e.g. the network module's audit trail), so the
 * export stays complete and erasure reaches every table without this module reading them.
 */
export type PersonalDataExporter = (db: Kysely<DB>, userId: number) => Promise<unknown>;
export type PersonalDataEraser = (trx: Transaction<DB>, userId: number) => Promise<void>;

const exporters = new Map<string, PersonalDataExporter>();
const erasers = new Map<string, PersonalDataEraser>();

export function registerPersonalDataExporter(name: string, exporter: PersonalDataExporter): void {
  exporters.set(name, exporter);
}

export function registerPersonalDataEraser(name: string, eraser: PersonalDataEraser): void {
  erasers.set(name, eraser);
}

/** The network module names organisations (its table); without it the account page shows their ids. */
export type OrganisationNameLookup = (db: Kysely<DB>, ids: number[]) => Promise<Map<number, string>>;
let organisationNames: OrganisationNameLookup | undefined;
export function registerOrganisationNameLookup(lookup: OrganisationNameLookup): void {
  organisationNames = lookup;
}

export interface AccountOverview {
  email: string;
  displayName: string;
  isEmailVerified: boolean;
  hasPassword: boolean;
  roles: { organisationId: number; organisationName?: string; role: string }[];
  firms: { firmId: number; firmName: string; status: string }[];
  sessions: { createdAt: Date; lastSeenAt: Date; userAgent: string | null }[];
}

export async function getAccountOverview(db: Kysely<DB>, userId: number): Promise<AccountOverview> {
  const [user, roles, firms, sessions] = await Promise.all([
    repo.findUserById(db, userId),
    repo.listStaffRoles(db, userId),
    repo.listFirmManagerRows(db, userId),
    repo.listUserSessions(db, userId),
  ]);
  if (!user) throw new Error(`user ${userId} vanished`);
  const orgIds = [...new Set(roles.map((r) => Number(r.organisation_id)))];
  const names = organisationNames && orgIds.length ? await organisationNames(db, orgIds) : new Map<number, string>();
  const firmNames = await firmSummaries(
    db,
    firms.map((f) => Number(f.firm_id)),
  );
  return {
    email: user.email,
    displayName: user.display_name,
    isEmailVerified: user.email_verified_at !== null,
    hasPassword: user.password_hash !== null,
    roles: roles.map((r) => ({ organisationId: Number(r.organisation_id), organisationName: names.get(Number(r.organisation_id)), role: r.role })),
    firms: firms.map((f) => ({ firmId: Number(f.firm_id), firmName: firmNames.get(Number(f.firm_id))?.name ?? '', status: f.status })),
    sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, userAgent: s.user_agent })),
  };
}

/** Everything about the person, as JSON (GDPR art. 15 and 20). Secrets (hashes, tokens) are never included. */
export async function exportPersonalData(db: Kysely<DB>, userId: number): Promise<Record<string, unknown>> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new Error(`user ${userId} vanished`);
  const [roles, firms, sessions, identities, invitationsSent] = await Promise.all([
    repo.listStaffRoles(db, userId),
    repo.listFirmManagerRows(db, userId),
    repo.listUserSessions(db, userId),
    repo.listOidcIdentities(db, userId),
    repo.listInvitationsSentBy(db, userId),
  ]);
  const firmNames = await firmSummaries(
    db,
    firms.map((f) => Number(f.firm_id)),
  );
  const data: Record<string, unknown> = {
    exportedAt: new Date().toISOString(),
    account: {
      id: Number(user.id),
      email: user.email,
      displayName: user.display_name,
      locale: user.locale,
      emailVerifiedAt: user.email_verified_at,
      isNetworkAdmin: user.is_network_admin,
      hasPassword: user.password_hash !== null,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
    },
    staffRoles: roles.map((r) => ({ organisationId: Number(r.organisation_id), role: r.role, since: r.created_at })),
    firmsManaged: firms.map((f) => ({
      firmId: Number(f.firm_id),
      firmName: firmNames.get(Number(f.firm_id))?.name ?? '',
      status: f.status,
      requestedAt: f.created_at,
      decidedAt: f.decided_at,
    })),
    sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at, ip: s.ip, userAgent: s.user_agent })),
    signInProviders: identities.map((i) => ({ issuer: i.issuer, subject: i.subject, email: i.email, linkedAt: i.created_at })),
    invitationsSent: invitationsSent.map((i) => ({
      email: i.email,
      organisationId: i.organisation_id === null ? null : Number(i.organisation_id),
      role: i.role,
      sentAt: i.created_at,
      acceptedAt: i.accepted_at,
    })),
  };
  for (const [name, exporter] of exporters) data[name] = await exporter(db, userId);
  return data;
}

/**
 * Erasure (GDPR art. 17) by anonymisation: the user row stays (so counts, roles held and
 * audit rows keep their shape) but e-mail, name, password and sign-in links are gone, and
 * every session ends. The person can never sign in again.
 */
export async function erasePerson(db: Kysely<DB>, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, userId);
    if (!user || user.erased_at) return;
    await repo.deleteTokensAndInvitationsFor(trx, userId, user.email);
    await repo.deleteOidcIdentities(trx, userId);
    await repo.deleteUserSessions(trx, userId);
    // Other modules' erasers run while the row still has the address (some find data by it).
    for (const eraser of erasers.values()) await eraser(trx, userId);
    await repo.updateUser(trx, userId, {
      email: `erased-${userId}@invalid`,
      display_name: '',
      password_hash: null,
      email_verified_at: null,
      is_network_admin: false,
      erased_at: new Date(),
    });
  });
}
