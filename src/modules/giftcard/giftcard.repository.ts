import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { OrderStatus, SettlementPeriod } from './giftcard.tables.js';

/** Programmes, shops, cards, orders, settlements and reports (the ledger's SQL: giftcard.ledger.repository.ts). */

/** Calendar days travel as 'YYYY-MM-DD' text (the drivers would make a Date at local midnight). */
const day = <A extends string>(column: string, as: A) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(as);
const dayOrNull = <A extends string>(column: string, as: A) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(as);

export interface ProgrammeValues {
  organisationId: number;
  name: string;
  town: string;
  country: 'NO' | 'SE' | 'FI';
  currency: string;
  allowedValuesMinor: number[];
  validityMonths: number | null;
  feeBasisPoints: number;
  feeFixedMinor: number;
  settlementPeriod: SettlementPeriod;
  issuerIban: string;
  issuerBic: string | null;
  isDemo?: boolean;
}

export async function insertProgramme(db: Kysely<DB>, p: ProgrammeValues): Promise<number> {
  const r = await db
    .insertInto('giftcard_programmes')
    .values({
      organisation_id: p.organisationId,
      name: p.name,
      town: p.town,
      country: p.country,
      currency: p.currency,
      allowed_values_minor: p.allowedValuesMinor,
      validity_months: p.validityMonths,
      fee_basis_points: p.feeBasisPoints,
      fee_fixed_minor: p.feeFixedMinor,
      settlement_period: p.settlementPeriod,
      issuer_iban: p.issuerIban,
      issuer_bic: p.issuerBic,
      is_demo: p.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

const programmeColumns = [
  'id',
  'organisation_id',
  'name',
  'town',
  'country',
  'currency',
  'allowed_values_minor',
  'validity_months',
  'fee_basis_points',
  'fee_fixed_minor',
  'settlement_period',
  'issuer_iban',
  'issuer_bic',
  'is_demo',
] as const;

export const findProgramme = (db: Kysely<DB>, id: number) =>
  db.selectFrom('giftcard_programmes').select(programmeColumns).where('id', '=', id).executeTakeFirst();

/**
 * With a row lock, so settlement runs of one programme wait for each other. FOR NO KEY UPDATE, not
 * FOR UPDATE: every redemption's foreign key check takes FOR KEY SHARE on the programme's row, which
 * FOR UPDATE would block — the counters would stand still for the whole settlement run.
 */
export const lockProgramme = (trx: Kysely<DB>, id: number) =>
  trx.selectFrom('giftcard_programmes').select(programmeColumns).where('id', '=', id).forNoKeyUpdate().executeTakeFirst();

export const listProgrammes = (db: Kysely<DB>, organisationIds?: number[]) => {
  let q = db.selectFrom('giftcard_programmes').select(programmeColumns).orderBy('name');
  if (organisationIds) q = q.where('organisation_id', 'in', organisationIds.length ? organisationIds : [-1]);
  return q.execute();
};

export interface ShopValues {
  programmeId: number;
  firmId: number;
  establishmentId: number | null;
  name: string;
  iban: string;
  bic: string | null;
  joinedOn: string;
  isDemo?: boolean;
}

export async function insertShop(db: Kysely<DB>, s: ShopValues): Promise<number> {
  const r = await db
    .insertInto('giftcard_shops')
    .values({
      programme_id: s.programmeId,
      firm_id: s.firmId,
      establishment_id: s.establishmentId,
      name: s.name,
      iban: s.iban,
      bic: s.bic,
      joined_on: s.joinedOn,
      is_demo: s.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

const shopColumns = [
  'id',
  'programme_id',
  'firm_id',
  'establishment_id',
  'name',
  'iban',
  'bic',
  day('joined_on', 'joined_on'),
  dayOrNull('left_on', 'left_on'),
  'is_demo',
] as const;
export const findShop = (db: Kysely<DB>, id: number) => db.selectFrom('giftcard_shops').select(shopColumns).where('id', '=', id).executeTakeFirst();
/**
 * A shop and its programme in one round trip (the counter's every request starts here: the shop's
 * firm is the access scope, the programme says the zone, the currency and the fee).
 */
export async function findShopWithProgramme(db: Kysely<DB>, id: number) {
  const r = await db
    .selectFrom('giftcard_shops as s')
    .innerJoin('giftcard_programmes as p', 'p.id', 's.programme_id')
    .select([
      's.id',
      's.programme_id',
      's.firm_id',
      's.establishment_id',
      's.name',
      's.iban',
      's.bic',
      day('s.joined_on', 'joined_on'),
      dayOrNull('s.left_on', 'left_on'),
      's.is_demo',
      'p.organisation_id as p_organisation_id',
      'p.name as p_name',
      'p.town as p_town',
      'p.country as p_country',
      'p.currency as p_currency',
      'p.allowed_values_minor as p_allowed_values_minor',
      'p.validity_months as p_validity_months',
      'p.fee_basis_points as p_fee_basis_points',
      'p.fee_fixed_minor as p_fee_fixed_minor',
      'p.settlement_period as p_settlement_period',
      'p.issuer_iban as p_issuer_iban',
      'p.issuer_bic as p_issuer_bic',
      'p.is_demo as p_is_demo',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    shop: {
      id: r.id,
      programme_id: r.programme_id,
      firm_id: r.firm_id,
      establishment_id: r.establishment_id,
      name: r.name,
      iban: r.iban,
      bic: r.bic,
      joined_on: r.joined_on,
      left_on: r.left_on,
      is_demo: r.is_demo,
    },
    programme: {
      id: r.programme_id,
      organisation_id: r.p_organisation_id,
      name: r.p_name,
      town: r.p_town,
      country: r.p_country,
      currency: r.p_currency,
      allowed_values_minor: r.p_allowed_values_minor,
      validity_months: r.p_validity_months,
      fee_basis_points: r.p_fee_basis_points,
      fee_fixed_minor: r.p_fee_fixed_minor,
      settlement_period: r.p_settlement_period,
      issuer_iban: r.p_issuer_iban,
      issuer_bic: r.p_issuer_bic,
      is_demo: r.p_is_demo,
    },
  };
}
export const listShops = (db: Kysely<DB>, programmeId: number) =>
  db.selectFrom('giftcard_shops').select(shopColumns).where('programme_id', '=', programmeId).orderBy('name').orderBy('id').execute();
export const listShopsOfFirms = (db: Kysely<DB>, firmIds: number[]) =>
  db
    .selectFrom('giftcard_shops')
    .innerJoin('giftcard_programmes as p', 'p.id', 'giftcard_shops.programme_id')
    .select([
      'giftcard_shops.id',
      'giftcard_shops.name',
      'giftcard_shops.firm_id',
      // as text, as the table type says: the drivers hand a date column back as a Date object
      sql<string>`to_char(giftcard_shops.joined_on, 'YYYY-MM-DD')`.as('joined_on'),
      sql<string | null>`to_char(giftcard_shops.left_on, 'YYYY-MM-DD')`.as('left_on'),
      'p.name as programme_name',
      'p.id as programme_id',
    ])
    .where('giftcard_shops.firm_id', 'in', firmIds.length ? firmIds : [-1])
    .orderBy('giftcard_shops.name')
    .execute();
export const setShopLeftOn = (db: Kysely<DB>, id: number, leftOn: string) =>
  db.updateTable('giftcard_shops').set({ left_on: leftOn }).where('id', '=', id).execute();

export async function insertBatch(
  db: Kysely<DB>,
  b: { programmeId: number; buyer: string; count: number; valueMinor: number; paymentReference: string; createdBy: number | null },
) {
  const r = await db
    .insertInto('giftcard_batches')
    .values({
      programme_id: b.programmeId,
      buyer: b.buyer,
      card_count: b.count,
      value_minor: b.valueMinor,
      payment_reference: b.paymentReference,
      created_by: b.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
export const findBatch = (db: Kysely<DB>, id: number) =>
  db
    .selectFrom('giftcard_batches')
    .select(['id', 'programme_id', 'buyer', 'card_count', 'value_minor', 'payment_reference', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
export const listBatches = (db: Kysely<DB>, programmeId: number) =>
  db
    .selectFrom('giftcard_batches')
    .select(['id', 'programme_id', 'buyer', 'card_count', 'value_minor', 'payment_reference', 'created_at'])
    .where('programme_id', '=', programmeId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();

export async function insertCard(
  db: Kysely<DB>,
  c: {
    programmeId: number;
    code: string;
    batchId: number | null;
    orderId: number | null;
    valueMinor: number;
    expiresOn: string;
    holderUserId: number | null;
    isDemo?: boolean;
  },
): Promise<number> {
  const r = await db
    .insertInto('giftcard_cards')
    .values({
      programme_id: c.programmeId,
      code: c.code,
      batch_id: c.batchId,
      order_id: c.orderId,
      initial_value_minor: c.valueMinor,
      balance_minor: 0,
      expires_on: c.expiresOn,
      holder_user_id: c.holderUserId,
      is_demo: c.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

const cardColumns = [
  'id',
  'programme_id',
  'code',
  'batch_id',
  'order_id',
  'initial_value_minor',
  'balance_minor',
  day('expires_on', 'expires_on'),
  'holder_user_id',
  'is_demo',
  'issued_at',
] as const;
export const findCardByCode = (db: Kysely<DB>, code: string) => db.selectFrom('giftcard_cards').select(cardColumns).where('code', '=', code).executeTakeFirst();
export const findCard = (db: Kysely<DB>, id: number) => db.selectFrom('giftcard_cards').select(cardColumns).where('id', '=', id).executeTakeFirst();
export const listCardsOfBatch = (db: Kysely<DB>, batchId: number) =>
  db.selectFrom('giftcard_cards').select(cardColumns).where('batch_id', '=', batchId).orderBy('id').execute();
export const listCardsOfHolder = (db: Kysely<DB>, userId: number) =>
  db
    .selectFrom('giftcard_cards')
    .innerJoin('giftcard_programmes as p', 'p.id', 'giftcard_cards.programme_id')
    .select([
      'giftcard_cards.id',
      'giftcard_cards.code',
      'giftcard_cards.balance_minor',
      day('giftcard_cards.expires_on', 'expires_on'),
      'p.name as programme_name',
      'p.currency',
    ])
    .where('holder_user_id', '=', userId)
    .orderBy('giftcard_cards.id')
    .execute();
/** Cards with money left whose validity ended on or before `day` (local date): breakage candidates. */
export const listExpiredWithBalance = (db: Kysely<DB>, programmeId: number, day: string) =>
  db
    .selectFrom('giftcard_cards')
    .select(['id', 'balance_minor'])
    .where('programme_id', '=', programmeId)
    .where('expires_on', '<=', day)
    .where('balance_minor', '>', 0)
    .orderBy('id')
    .execute();

// ---- online orders and the test provider -----------------------------------------
export async function insertOrder(db: Kysely<DB>, o: { programmeId: number; reference: string; valueMinor: number; email: string; provider: string }) {
  const r = await db
    .insertInto('giftcard_orders')
    .values({ programme_id: o.programmeId, reference: o.reference, value_minor: o.valueMinor, email: o.email, provider: o.provider })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
const orderColumns = ['id', 'programme_id', 'reference', 'value_minor', 'email', 'provider', 'provider_ref', 'status', 'card_id'] as const;
export const findOrderByReference = (db: Kysely<DB>, reference: string) =>
  db.selectFrom('giftcard_orders').select(orderColumns).where('reference', '=', reference).executeTakeFirst();
export const lockOrder = (trx: Kysely<DB>, id: number) =>
  trx.selectFrom('giftcard_orders').select(orderColumns).where('id', '=', id).forUpdate().executeTakeFirst();
export const setOrderProviderRef = (db: Kysely<DB>, id: number, ref: string) =>
  db.updateTable('giftcard_orders').set({ provider_ref: ref }).where('id', '=', id).execute();
export const setOrderOutcome = (db: Kysely<DB>, id: number, status: OrderStatus, cardId: number | null) =>
  db.updateTable('giftcard_orders').set({ status, card_id: cardId }).where('id', '=', id).execute();

export const insertTestPayment = (db: Kysely<DB>, ref: string, amount: number, currency: string) =>
  db.insertInto('giftcard_test_payments').values({ ref, amount_minor: amount, currency }).execute();
export const findTestPayment = (db: Kysely<DB>, ref: string) =>
  db.selectFrom('giftcard_test_payments').select(['ref', 'amount_minor', 'currency', 'status']).where('ref', '=', ref).executeTakeFirst();
export const setTestPaymentStatus = (db: Kysely<DB>, ref: string, status: OrderStatus) =>
  db.updateTable('giftcard_test_payments').set({ status }).where('ref', '=', ref).where('status', '=', 'pending').execute();

// ---- settlements -----------------------------------------------------------------
export const findSettlementByEnd = (db: Kysely<DB>, programmeId: number, end: Date) =>
  db.selectFrom('giftcard_settlements').selectAll().where('programme_id', '=', programmeId).where('period_end', '=', end).executeTakeFirst();
/** The end of the programme's latest settlement (the next run starts there). */
export async function lastSettlementEnd(db: Kysely<DB>, programmeId: number): Promise<Date | undefined> {
  const r = await db
    .selectFrom('giftcard_settlements')
    .select(sql<Date | null>`max(period_end)`.as('end'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return r?.end ? new Date(r.end) : undefined;
}
export const findSettlement = (db: Kysely<DB>, id: number) => db.selectFrom('giftcard_settlements').selectAll().where('id', '=', id).executeTakeFirst();
export const listSettlements = (db: Kysely<DB>, programmeId: number) =>
  db.selectFrom('giftcard_settlements').selectAll().where('programme_id', '=', programmeId).orderBy('period_start', 'desc').limit(60).execute();
export const listSettlementLines = (db: Kysely<DB>, settlementId: number) =>
  db
    .selectFrom('giftcard_settlement_lines as l')
    .innerJoin('giftcard_shops as s', 's.id', 'l.shop_id')
    .select([
      'l.shop_id',
      's.name',
      's.iban',
      's.bic',
      'l.redeemed_minor',
      'l.reversed_minor',
      'l.fees_minor',
      'l.carried_minor',
      'l.payable_minor',
      'l.redemptions',
    ])
    .where('l.settlement_id', '=', settlementId)
    .orderBy('s.name')
    .execute();

export async function insertSettlement(
  trx: Kysely<DB>,
  s: { programmeId: number; start: Date; end: Date; label: string; totalMinor: number; breakageMinor: number; messageId: string; createdBy: number | null },
) {
  const r = await trx
    .insertInto('giftcard_settlements')
    .values({
      programme_id: s.programmeId,
      period_start: s.start,
      period_end: s.end,
      label: s.label,
      total_minor: s.totalMinor,
      breakage_minor: s.breakageMinor,
      message_id: s.messageId,
      created_by: s.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
export const insertSettlementLines = (
  trx: Kysely<DB>,
  lines: { settlementId: number; shopId: number; redeemed: number; reversed: number; fees: number; carried: number; payable: number; redemptions: number }[],
) =>
  lines.length
    ? trx
        .insertInto('giftcard_settlement_lines')
        .values(
          lines.map((l) => ({
            settlement_id: l.settlementId,
            shop_id: l.shopId,
            redeemed_minor: l.redeemed,
            reversed_minor: l.reversed,
            fees_minor: l.fees,
            carried_minor: l.carried,
            payable_minor: l.payable,
            redemptions: l.redemptions,
          })),
        )
        .execute()
    : Promise.resolve();

/** Per shop: the period's redemptions, reversals and fees, and the claim accrued up to its end. */
export async function shopActivity(db: Kysely<DB>, programmeId: number, start: Date, end: Date) {
  const rows = await db
    .selectFrom('giftcard_entries as e')
    .select([
      'e.shop_id',
      sql<string>`coalesce(sum(e.amount_minor) filter (where e.kind = 'redemption' and e.booked_at >= ${start}), 0)`.as('redeemed'),
      sql<string>`coalesce(sum(e.amount_minor) filter (where e.kind = 'reversal' and e.booked_at >= ${start}), 0)`.as('reversed'),
      sql<string>`coalesce(sum(case when e.kind = 'redemption' then e.fee_minor when e.kind = 'reversal' then -e.fee_minor else 0 end) filter (where e.booked_at >= ${start}), 0)`.as(
        'fees',
      ),
      sql<string>`count(*) filter (where e.kind = 'redemption' and e.booked_at >= ${start})`.as('redemptions'),
      // the shop's whole claim: what it earned before the end, minus what was paid out
      sql<string>`coalesce(sum(case when e.kind in ('redemption', 'reversal') then (case when e.kind = 'redemption' then 1 else -1 end) * (e.amount_minor - e.fee_minor) else 0 end), 0)
        - coalesce(sum(case when e.kind = 'payout' then e.amount_minor else 0 end), 0)`.as('claim'),
    ])
    .where('e.programme_id', '=', programmeId)
    .where('e.shop_id', 'is not', null)
    .where((w) => w.or([w('e.booked_at', '<', end), w('e.kind', '=', 'payout')]))
    .groupBy('e.shop_id')
    .execute();
  return rows.map((r) => ({
    shopId: Number(r.shop_id),
    redeemed: Number(r.redeemed),
    reversed: Number(r.reversed),
    fees: Number(r.fees),
    redemptions: Number(r.redemptions),
    claim: Number(r.claim),
  }));
}

// ---- reports ---------------------------------------------------------------------
/** Sums per month (in the zone) and shop: sold, redeemed (net of reversals), fees, breakage. */
export async function monthlyReport(db: Kysely<DB>, programmeId: number, zone: 'Europe/Oslo' | 'Europe/Stockholm' | 'Europe/Helsinki') {
  // The zone is one of three constants, inlined so the grouped expression is the selected one.
  const month = sql<string>`to_char(e.booked_at at time zone ${sql.lit(zone)}, 'YYYY-MM')`;
  const rows = await db
    .selectFrom('giftcard_entries as e')
    .select([
      month.as('month'),
      'e.shop_id',
      sql<string>`coalesce(sum(e.amount_minor) filter (where e.kind = 'sale'), 0)`.as('sold'),
      sql<string>`coalesce(sum(case when e.kind = 'redemption' then e.amount_minor when e.kind = 'reversal' then -e.amount_minor else 0 end), 0)`.as(
        'redeemed',
      ),
      sql<string>`coalesce(sum(case when e.kind = 'redemption' then e.fee_minor when e.kind = 'reversal' then -e.fee_minor else 0 end), 0)`.as('fees'),
      sql<string>`coalesce(sum(e.amount_minor) filter (where e.kind = 'breakage'), 0)`.as('breakage'),
    ])
    .where('e.programme_id', '=', programmeId)
    .groupBy([month, 'e.shop_id'])
    .orderBy(month)
    .execute();
  return rows.map((r) => ({
    month: r.month,
    shopId: r.shop_id === null ? null : Number(r.shop_id),
    sold: Number(r.sold),
    redeemed: Number(r.redeemed),
    fees: Number(r.fees),
    breakage: Number(r.breakage),
  }));
}

// ---- balance-check rate limit ------------------------------------------------------
export async function lockBalanceChecks(trx: Kysely<DB>, ip: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`giftcard-balance:${ip}`}))`.execute(trx);
}
export async function failedChecksSince(db: Kysely<DB>, ip: string, since: Date) {
  const r = await db
    .selectFrom('giftcard_balance_checks')
    .select([sql<string>`count(*)`.as('n'), sql<Date | null>`min(failed_at)`.as('oldest')])
    .where('ip', '=', ip)
    .where('failed_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), oldest: r.oldest ? new Date(r.oldest) : null };
}
export const insertFailedCheck = (db: Kysely<DB>, ip: string) => db.insertInto('giftcard_balance_checks').values({ ip }).execute();
/** Failures of an address that have slid out of the window (kept small: the table is a counter, not a log). */
export const pruneFailedChecks = (db: Kysely<DB>, ip: string, before: Date) =>
  db.deleteFrom('giftcard_balance_checks').where('ip', '=', ip).where('failed_at', '<', before).execute();
export const setSettlementTotals = (trx: Kysely<DB>, id: number, total: number, breakage: number) =>
  trx.updateTable('giftcard_settlements').set({ total_minor: total, breakage_minor: breakage }).where('id', '=', id).execute();

/** Funder reporting: per firm, gift-card money redeemed (net of reversals) at its shops in [from, to), programmes of these organisations. */
export function redeemedPerFirm(db: Kysely<DB>, organisationIds: number[], from: Date, to: Date, timeZone: string) {
  return db
    .selectFrom('giftcard_entries as e')
    .innerJoin('giftcard_shops as s', 's.id', 'e.shop_id')
    .innerJoin('giftcard_programmes as p', 'p.id', 'e.programme_id')
    .select([
      's.firm_id',
      sql<string>`coalesce(sum(case when e.kind = 'redemption' then e.amount_minor else -e.amount_minor end), 0)::text`.as('redeemed'),
      sql<number>`count(*) filter (where e.kind = 'redemption')::int`.as('redemptions'),
      sql<string>`(min(e.booked_at) at time zone ${timeZone})::date::text`.as('first_on'),
    ])
    .where('e.kind', 'in', ['redemption', 'reversal'])
    .where('e.booked_at', '>=', from)
    .where('e.booked_at', '<', to)
    .where(sql<boolean>`p.organisation_id = any(${organisationIds.map(String)}::bigint[])`)
    .groupBy('s.firm_id')
    .orderBy('s.firm_id')
    .execute();
}
