import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { OrganisationType } from './network.tables.js';
import * as repo from './network.repository.js';

/**
 * The demo world's side in the network: organisations (found again by name, so seeding twice adds
 * nothing), their approved coverage from 2020, sharing agreements and memberships. Written
 * straight through the repository: there is no person to check yet, and every name says "(demo)".
 */
export interface DemoOrganisationSpec {
  name: string;
  type: OrganisationType;
  country: 'NO' | 'SE' | 'FI';
  website?: string;
  municipalities: string[];
}

const since = '2020-01-01';

/** Creates the organisation with its coverage when no organisation has the name; returns its id either way. */
export async function ensureDemoOrganisation(db: Kysely<DB>, spec: DemoOrganisationSpec): Promise<number> {
  const existing = await repo.findOrganisationIdByName(db, spec.name);
  if (existing !== undefined) return existing;
  const id = await repo.insertOrganisation(db, {
    name: spec.name,
    type: spec.type,
    country: spec.country,
    email: null,
    phone: null,
    website: spec.website ?? null,
  });
  for (const code of spec.municipalities)
    await repo.insertCoverage(db, {
      organisation_id: id,
      country: spec.country,
      municipality_code: code,
      valid_from: since,
      valid_to: null,
      status: 'approved',
    });
  return id;
}

/** A sharing agreement in both directions (scope e.g. 'coaching'), unless one from `a` to `b` with the scope exists. */
export async function ensureDemoSharing(db: Kysely<DB>, a: number, b: number, scope: string): Promise<void> {
  if ((await repo.organisationIdsSharingWith(db, b, scope, since)).includes(a)) return;
  for (const [from, to] of [
    [a, b],
    [b, a],
  ])
    await repo.insertSharingAgreement(db, {
      from_organisation_id: from,
      to_organisation_id: to,
      scope,
      valid_from: since,
      valid_to: null,
      note: 'Demo (fictional agreement)',
    });
}

/** An active membership of the firm in the organisation, unless one is open. */
export async function ensureDemoMembership(db: Kysely<DB>, organisationId: number, firmId: number, tier: string): Promise<void> {
  if (await repo.findOpenMembership(db, organisationId, firmId)) return;
  const values = { tier, status: 'active' as const, valid_from: '2024-01-01', valid_to: null, fee_minor: null, currency: null };
  const id = await repo.insertMembership(db, { ...values, organisation_id: organisationId, firm_id: firmId });
  await repo.insertMembershipVersion(db, id, values, null);
}
