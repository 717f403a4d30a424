import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { OfferRecord } from './navigator.offer-types.js';

/** Dates leave the database as 'YYYY-MM-DD' text on both backends. */
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

// ---- offers --------------------------------------------------------------------------

const offerColumns = ['id', 'key', 'provider', 'country', 'kind', 'record', 'origin', 'file_hash', 'version', 'is_demo', 'updated_at'] as const;

export function listOffers(db: Kysely<DB>) {
  return db.selectFrom('navigator_offers').select(offerColumns).orderBy('key').execute();
}

export function findOffer(db: Kysely<DB>, key: string) {
  return db.selectFrom('navigator_offers').select(offerColumns).where('key', '=', key).executeTakeFirst();
}

export function fileHashes(db: Kysely<DB>) {
  return db.selectFrom('navigator_offers').select(['id', 'key', 'file_hash', 'record', 'version']).execute();
}

export async function insertOffer(
  db: Kysely<DB>,
  values: { record: OfferRecord; origin: 'data_file' | 'admin'; fileHash: string | null; isDemo?: boolean },
): Promise<number> {
  const r = values.record;
  const row = await db
    .insertInto('navigator_offers')
    .values({
      key: r.id,
      provider: r.provider,
      country: r.country,
      kind: r.kind,
      record: JSON.stringify(r),
      origin: values.origin,
      file_hash: values.fileHash,
      is_demo: values.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Replaces an offer's record when its version is still `expectedVersion` (one statement: two
 * editors cannot both win); returns the new version, or undefined when someone changed it first.
 */
export async function updateOffer(
  db: Kysely<DB>,
  key: string,
  expectedVersion: number,
  record: OfferRecord,
  fileHash?: string | null,
): Promise<number | undefined> {
  const row = await db
    .updateTable('navigator_offers')
    .set({
      provider: record.provider,
      country: record.country,
      kind: record.kind,
      record: JSON.stringify(record),
      version: sql<number>`version + 1`,
      updated_at: new Date(),
      ...(fileHash !== undefined ? { file_hash: fileHash } : {}),
    })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

// ---- provider contacts -----------------------------------------------------------------

export async function providersOfContact(db: Kysely<DB>, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('navigator_provider_contacts').select('provider').where('user_id', '=', userId).execute();
  return rows.map((r) => r.provider);
}

export async function addProviderContact(db: Kysely<DB>, provider: string, userId: number): Promise<boolean> {
  const r = await db
    .insertInto('navigator_provider_contacts')
    .values({ provider, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function listProviderContacts(db: Kysely<DB>) {
  return db.selectFrom('navigator_provider_contacts').select(['provider', 'user_id']).orderBy('provider').orderBy('user_id').execute();
}

// ---- ceilings and exchange rates ------------------------------------------------------------

export async function replaceCeilings(
  db: Kysely<DB>,
  rows: {
    country: string;
    valid_from: string;
    ceiling_eur_minor: number;
    window_kind: 'fiscal_years' | 'rolling_years';
    window_years: number;
    regulation: string;
  }[],
): Promise<void> {
  await db.deleteFrom('navigator_de_minimis_ceilings').execute();
  if (rows.length) await db.insertInto('navigator_de_minimis_ceilings').values(rows).execute();
}

export function listCeilings(db: Kysely<DB>) {
  return db
    .selectFrom('navigator_de_minimis_ceilings')
    .select(['country', day('valid_from').as('valid_from'), 'ceiling_eur_minor', 'window_kind', 'window_years', 'regulation'])
    .orderBy('country')
    .orderBy('valid_from')
    .execute();
}

/** Rates from the data file: added or corrected; a staff-entered rate for the same day is replaced by the ECB's. */
export async function upsertFileRates(db: Kysely<DB>, rows: { currency: string; rate_date: string; per_eur: string }[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('navigator_exchange_rates')
    .values(rows.map((r) => ({ ...r, origin: 'ecb_file' as const })))
    .onConflict((oc) => oc.columns(['currency', 'rate_date']).doUpdateSet({ per_eur: sql`excluded.per_eur`, origin: 'ecb_file', entered_by: null }))
    .execute();
}

/** A rate entered by staff; never replaces a rate that is already there (returns false then). */
export async function insertStaffRate(db: Kysely<DB>, row: { currency: string; rate_date: string; per_eur: string; entered_by: number }): Promise<boolean> {
  const r = await db
    .insertInto('navigator_exchange_rates')
    .values({ ...row, origin: 'staff' })
    .onConflict((oc) => oc.columns(['currency', 'rate_date']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The rate of `day`, or the last one published in the week before it (no rate on weekends and holidays). */
export function findRateOn(db: Kysely<DB>, currency: string, onDay: string) {
  return db
    .selectFrom('navigator_exchange_rates')
    .select([day('rate_date').as('rate_date'), 'per_eur', 'origin'])
    .where('currency', '=', currency)
    .where('rate_date', '<=', onDay)
    .where('rate_date', '>', sql<string>`(${onDay}::date - 7)`)
    .orderBy('rate_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest rate on or before `day`, however old (for estimates that say which day's rate they use). */
export function findLatestRate(db: Kysely<DB>, currency: string, onDay: string) {
  return db
    .selectFrom('navigator_exchange_rates')
    .select([day('rate_date').as('rate_date'), 'per_eur'])
    .where('currency', '=', currency)
    .where('rate_date', '<=', onDay)
    .orderBy('rate_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listRates(db: Kysely<DB>) {
  return db
    .selectFrom('navigator_exchange_rates')
    .select(['currency', day('rate_date').as('rate_date'), 'per_eur', 'origin'])
    .orderBy('rate_date', 'desc')
    .orderBy('currency')
    .limit(200)
    .execute();
}

// ---- the de minimis ledger --------------------------------------------------------------

export interface EntryValues {
  firm_id: number;
  grantor: string;
  granted_on: string;
  amount_minor: number;
  currency: string;
  eur_minor: number | null;
  rate_per_eur: string | null;
  legal_basis: string;
  offer_key: string | null;
  origin: 'direct' | 'case';
  case_ref: string | null;
  entered_by: number | null;
  is_demo?: boolean;
}

export async function insertEntry(db: Kysely<DB>, values: EntryValues): Promise<number> {
  const row = await db.insertInto('navigator_de_minimis_entries').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export function listEntries(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('navigator_de_minimis_entries')
    .select([
      'id',
      'grantor',
      day('granted_on').as('granted_on'),
      'amount_minor',
      'currency',
      'eur_minor',
      'rate_per_eur',
      'legal_basis',
      'offer_key',
      'origin',
      'case_ref',
      'is_demo',
    ])
    .where('firm_id', '=', firmId)
    .orderBy('granted_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Entries of a currency still without EUR amount, granted in [from, to]. */
export function entriesMissingRate(db: Kysely<DB>, currency: string, from: string, to: string) {
  return db
    .selectFrom('navigator_de_minimis_entries')
    .select(['id', 'firm_id', day('granted_on').as('granted_on'), 'amount_minor', 'currency'])
    .where('currency', '=', currency)
    .where('eur_minor', 'is', null)
    .where('granted_on', '>=', from)
    .where('granted_on', '<=', to)
    .execute();
}

export async function setEntryEur(db: Kysely<DB>, id: number, eurMinor: number, perEur: string): Promise<void> {
  await db
    .updateTable('navigator_de_minimis_entries')
    .set({ eur_minor: eurMinor, rate_per_eur: perEur })
    .where('id', '=', id)
    .where('eur_minor', 'is', null)
    .execute();
}

export async function firmHasDemoEntries(db: Kysely<DB>, firmId: number): Promise<boolean> {
  const r = await db.selectFrom('navigator_de_minimis_entries').select('id').where('firm_id', '=', firmId).where('is_demo', '=', true).executeTakeFirst();
  return r !== undefined;
}

// ---- "notify me" subscriptions ----------------------------------------------------------------

export async function insertSubscription(
  db: Kysely<DB>,
  values: { email: string; locale: string; facts: Record<string, unknown>; token_hash: string; stop_token: string; is_demo?: boolean },
): Promise<number> {
  const row = await db
    .insertInto('navigator_subscriptions')
    .values({ ...values, facts: JSON.stringify(values.facts) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findSubscription(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('navigator_subscriptions')
    .select(['id', 'email', 'locale', 'facts', 'confirmed_at', 'stopped_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Subscriptions asked for this address since `since` (limits confirmation mails to one address). */
export async function countSubscriptionsSince(db: Kysely<DB>, email: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('navigator_subscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', '=', email)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findSubscriptionByStopToken(db: Kysely<DB>, stopToken: string) {
  return db
    .selectFrom('navigator_subscriptions')
    .select(['id', 'email', 'locale', 'facts', 'confirmed_at', 'stopped_at'])
    .where('stop_token', '=', stopToken)
    .executeTakeFirst();
}

/** Confirms once (one statement); true when this call confirmed it. */
export async function confirmSubscription(db: Kysely<DB>, id: number): Promise<boolean> {
  const r = await db
    .updateTable('navigator_subscriptions')
    .set({ confirmed_at: new Date() })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('stopped_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Stopping removes the subscription and what it was told (the address and facts are not kept). */
export async function deleteSubscription(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('navigator_subscriptions').where('id', '=', id).execute();
}

/** Requests never confirmed within the grace period are removed (returns how many). */
export async function purgeUnconfirmed(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('navigator_subscriptions').where('confirmed_at', 'is', null).where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export function listActiveSubscriptions(db: Kysely<DB>, afterId: number, limit: number) {
  return db
    .selectFrom('navigator_subscriptions')
    .select(['id', 'email', 'locale', 'facts', 'stop_token'])
    .where('confirmed_at', 'is not', null)
    .where('stopped_at', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function toldOffers(db: Kysely<DB>, subscriptionIds: number[]) {
  if (!subscriptionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('navigator_subscription_offers')
    .select(['subscription_id', 'offer_id', 'offer_version'])
    .where('subscription_id', 'in', subscriptionIds)
    .execute();
}

export async function markTold(db: Kysely<DB>, rows: { subscription_id: number; offer_id: number; offer_version: number }[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('navigator_subscription_offers')
    .values(rows)
    .onConflict((oc) => oc.columns(['subscription_id', 'offer_id']).doUpdateSet({ offer_version: sql`excluded.offer_version`, told_at: new Date() }))
    .execute();
}

/** Locks one subscription for the notify run (a second run waits, then sees what the first told). */
export async function lockSubscription(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('navigator_subscriptions').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined;
}
