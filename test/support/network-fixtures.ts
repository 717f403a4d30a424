import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import type { OrganisationType } from '../../src/modules/network/network.tables.js';

let orgnrSeq = 0;

/** A firm straight into the registry table (tests only; imports do this in the app). */
export async function insertFirm(
  db: Kysely<DB>,
  input: { name: string; municipality?: string; country?: 'NO' | 'SE' | 'FI'; website?: string | null; nationalId?: string },
): Promise<number> {
  orgnrSeq += 1;
  const row = await db
    .insertInto('firms')
    .values({
      country: input.country ?? 'NO',
      national_id: input.nationalId ?? String(900_000_000 + process.pid * 10 + orgnrSeq).slice(0, 9),
      name: input.name,
      legal_form: 'AS',
      nace_code: '47.111',
      nace_division: '47',
      employees: 4,
      street: 'Kjerkgata 1',
      postcode: '7374',
      city: 'Røros',
      municipality_code: input.municipality ?? '5025',
      website: input.website ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** An organisation with coverage rows, straight into the tables. */
export async function insertOrganisation(
  db: Kysely<DB>,
  input: { name: string; type?: OrganisationType; country?: 'NO' | 'SE' | 'FI'; coverage?: { code: string; from: string; to?: string | null }[] },
): Promise<number> {
  const row = await db
    .insertInto('organisations')
    .values({ name: input.name, type: input.type ?? 'business_garden', country: input.country ?? 'NO', email: null, phone: null, website: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  for (const c of input.coverage ?? [])
    await db
      .insertInto('organisation_coverage')
      .values({ organisation_id: id, country: input.country ?? 'NO', municipality_code: c.code, valid_from: c.from, valid_to: c.to ?? null })
      .execute();
  return id;
}

/** An active membership ("Basis", from 2024-01-01, no fee unless given), straight into the network's table; its id. */
export async function insertMembership(
  db: Kysely<DB>,
  organisationId: number,
  firmId: number,
  fee: { minor: number; currency: string } | null = null,
): Promise<number> {
  const row = await db
    .insertInto('memberships')
    .values({
      organisation_id: organisationId,
      firm_id: firmId,
      tier: 'Basis',
      status: 'active',
      valid_from: '2024-01-01',
      valid_to: null,
      fee_minor: fee?.minor ?? null,
      currency: fee?.currency ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
