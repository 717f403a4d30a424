import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { StaffRole } from '../../shared/http/session-user.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import * as repo from './accounts.repository.js';

/** Demo people's addresses: a reserved domain (RFC 2606), so no mail ever reaches anyone. */
export const demoEmailDomain = 'demo.lokalkraft.example';
export const isDemoEmail = (email: string): boolean => email.toLowerCase().endsWith(`@${demoEmailDomain}`);

export interface DemoPersonSpec {
  email: string;
  name: string;
  locale: Locale;
  isNetworkAdmin?: boolean;
  roles?: { organisationId: number; role: StaffRole }[];
  managedFirmIds?: number[];
}

/**
 * A demo person (no password: they sign in only through the demo sign-in page, which exists only
 * on a demo installation reached from the machine itself), their staff roles and approved firms.
 * Idempotent: an existing address gets the missing roles and firms.
 */
export async function ensureDemoPerson(db: Kysely<DB>, spec: DemoPersonSpec): Promise<number> {
  if (!isDemoEmail(spec.email)) throw new Error(`demo people use @${demoEmailDomain}: ${spec.email}`);
  const existing = await repo.findUserByEmail(db, spec.email);
  const id =
    existing !== undefined
      ? Number(existing.id)
      : await repo.insertUser(db, {
          email: spec.email,
          display_name: spec.name,
          password_hash: null,
          email_verified_at: new Date(),
          is_network_admin: spec.isNetworkAdmin ?? false,
          locale: spec.locale,
        });
  for (const r of spec.roles ?? []) await repo.insertStaffRole(db, id, r.organisationId, r.role);
  for (const firmId of spec.managedFirmIds ?? []) await repo.upsertFirmManager(db, id, firmId, 'approved');
  return id;
}

/** The demo people, for the demo sign-in page. */
export function listDemoPeople(db: Kysely<DB>) {
  return repo.listUsersByEmailSuffix(db, `@${demoEmailDomain}`);
}
