import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { EntryKind, LedgerAccount } from './giftcard.tables.js';

/**
 * The ledger's SQL: entries (one per business event, unique idempotency key per programme) and
 * their postings (summing to zero). Rows are only ever inserted (a trigger refuses UPDATE and
 * DELETE); the card's balance cache is changed only by the guarded statements below, in the
 * same transaction as the postings that explain it.
 */
export interface NewEntry {
  programmeId: number;
  kind: EntryKind;
  key: string;
  fingerprint: string;
  cardId?: number | null;
  shopId?: number | null;
  reversesEntryId?: number | null;
  settlementId?: number | null;
  amountMinor: number;
  feeMinor?: number;
  reference?: string | null;
  createdBy?: number | null;
}

export interface Posting {
  account: LedgerAccount;
  cardId?: number | null;
  shopId?: number | null;
  amountMinor: number;
}

/** Inserts the entry unless its key is taken (then undefined; a concurrent holder of the key is waited for). */
export async function insertEntry(trx: Kysely<DB>, e: NewEntry): Promise<number | undefined> {
  const row = await trx
    .insertInto('giftcard_entries')
    .values({
      programme_id: e.programmeId,
      kind: e.kind,
      idempotency_key: e.key,
      request_fingerprint: e.fingerprint,
      card_id: e.cardId ?? null,
      shop_id: e.shopId ?? null,
      reverses_entry_id: e.reversesEntryId ?? null,
      settlement_id: e.settlementId ?? null,
      amount_minor: e.amountMinor,
      fee_minor: e.feeMinor ?? 0,
      reference: e.reference ?? null,
      created_by: e.createdBy ?? null,
    })
    .onConflict((oc) => oc.columns(['programme_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

export async function insertPostings(trx: Kysely<DB>, entryId: number, programmeId: number, postings: Posting[]): Promise<void> {
  await trx
    .insertInto('giftcard_postings')
    .values(
      postings.map((p) => ({
        entry_id: entryId,
        programme_id: programmeId,
        account: p.account,
        card_id: p.cardId ?? null,
        shop_id: p.shopId ?? null,
        amount_minor: p.amountMinor,
      })),
    )
    .execute();
}

const entryColumns = [
  'id',
  'programme_id',
  'kind',
  'idempotency_key',
  'request_fingerprint',
  'card_id',
  'shop_id',
  'reverses_entry_id',
  'settlement_id',
  'amount_minor',
  'fee_minor',
  'reference',
  'created_by',
  'booked_at',
] as const;

export function findEntryByKey(db: Kysely<DB>, programmeId: number, key: string) {
  return db.selectFrom('giftcard_entries').select(entryColumns).where('programme_id', '=', programmeId).where('idempotency_key', '=', key).executeTakeFirst();
}

export function findEntry(db: Kysely<DB>, id: number) {
  return db.selectFrom('giftcard_entries').select(entryColumns).where('id', '=', id).executeTakeFirst();
}

export async function findReversalOf(db: Kysely<DB>, entryId: number) {
  return db.selectFrom('giftcard_entries').select(entryColumns).where('reverses_entry_id', '=', entryId).executeTakeFirst();
}

/** One guarded statement: takes `amount` off the card only if the balance covers it (row lock until commit). */
export async function debitCard(trx: Kysely<DB>, cardId: number, amount: number): Promise<number | undefined> {
  const row = await trx
    .updateTable('giftcard_cards')
    .set({ balance_minor: sql`balance_minor - ${amount}` })
    .where('id', '=', cardId)
    .where('balance_minor', '>=', amount)
    .returning('balance_minor')
    .executeTakeFirst();
  return row ? Number(row.balance_minor) : undefined;
}

export async function creditCard(trx: Kysely<DB>, cardId: number, amount: number): Promise<number> {
  const row = await trx
    .updateTable('giftcard_cards')
    .set({ balance_minor: sql`balance_minor + ${amount}` })
    .where('id', '=', cardId)
    .returning('balance_minor')
    .executeTakeFirstOrThrow();
  return Number(row.balance_minor);
}

/** Balances derived from the postings alone (liabilities are credits, so negated). */
export async function derivedBalances(db: Kysely<DB>, programmeId: number) {
  const rows = await db
    .selectFrom('giftcard_postings')
    .select(['account', 'card_id', 'shop_id', sql<string>`sum(amount_minor)`.as('total')])
    .where('programme_id', '=', programmeId)
    .groupBy(['account', 'card_id', 'shop_id'])
    .execute();
  return rows.map((r) => ({
    account: r.account,
    cardId: r.card_id === null ? null : Number(r.card_id),
    shopId: r.shop_id === null ? null : Number(r.shop_id),
    total: Number(r.total),
  }));
}

/** Entries whose postings do not sum to zero (always none). */
export async function unbalancedEntries(db: Kysely<DB>, programmeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('giftcard_postings')
    .select('entry_id')
    .where('programme_id', '=', programmeId)
    .groupBy('entry_id')
    .having(sql`sum(amount_minor)`, '<>', 0)
    .execute();
  return rows.map((r) => Number(r.entry_id));
}

export async function cardBalanceCache(db: Kysely<DB>, programmeId: number) {
  const rows = await db.selectFrom('giftcard_cards').select(['id', 'balance_minor']).where('programme_id', '=', programmeId).execute();
  return new Map(rows.map((r) => [Number(r.id), Number(r.balance_minor)]));
}

export function entriesOfCard(db: Kysely<DB>, cardId: number) {
  return db.selectFrom('giftcard_entries').select(entryColumns).where('card_id', '=', cardId).orderBy('id').execute();
}

export function entriesOfShop(db: Kysely<DB>, shopId: number, limit: number) {
  return db.selectFrom('giftcard_entries').select(entryColumns).where('shop_id', '=', shopId).orderBy('id', 'desc').limit(limit).execute();
}

export async function countEntries(db: Kysely<DB>, programmeId: number, kind: EntryKind): Promise<number> {
  const r = await db
    .selectFrom('giftcard_entries')
    .select(sql<string>`count(*)`.as('n'))
    .where('programme_id', '=', programmeId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function cardBalance(db: Kysely<DB>, cardId: number): Promise<number | null> {
  const r = await db.selectFrom('giftcard_cards').select('balance_minor').where('id', '=', cardId).executeTakeFirst();
  return r ? Number(r.balance_minor) : null;
}

/**
 * A redemption in one call of giftcard_redeem (migration 0150), atomic on its own (the hot path:
 * one round trip, the card's row lock held only while it runs, and the function's statements
 * planned once per connection): the entry with its key, the guarded debit only if the entry was
 * inserted, the three postings only if both happened. entryId null: the key was taken (a retry).
 * When the entry went in but the card cannot cover the amount, the function raises SQLSTATE GC001
 * and the whole statement — entry included — is undone.
 */
export async function redeemStatement(
  trx: Kysely<DB>,
  r: { programmeId: number; key: string; fingerprint: string; cardId: number; shopId: number; amountMinor: number; feeMinor: number; createdBy: number | null },
): Promise<{ entryId: number | null; balance: number | null }> {
  const result = await sql<{ entry_id: string | number | null; balance_minor: string | number | null }>`
    select entry_id, balance_minor from giftcard_redeem(${r.programmeId}, ${r.key}, ${r.fingerprint}, ${r.cardId}, ${r.shopId}, ${r.amountMinor}, ${r.feeMinor}, ${r.createdBy})`.execute(
    trx,
  );
  const row = result.rows[0]!;
  return { entryId: row.entry_id === null ? null : Number(row.entry_id), balance: row.balance_minor === null ? null : Number(row.balance_minor) };
}

/**
 * The counter's redemption by its typed code in one call of giftcard_redeem_code (migration 0150):
 * the card of the programme with that code, refused unknown or expired on `today` (the programme's
 * local day) before anything is written, else giftcard_redeem as above.
 */
export async function redeemByCodeStatement(
  trx: Kysely<DB>,
  r: { programmeId: number; key: string; code: string; shopId: number; amountMinor: number; feeMinor: number; createdBy: number | null; today: string },
): Promise<{
  outcome: 'unknown' | 'expired' | 'booked' | 'replay';
  cardId: number | null;
  expiresOn: string | null;
  entryId: number | null;
  balance: number | null;
}> {
  const result = await sql<{
    outcome: 'unknown' | 'expired' | 'booked' | 'replay';
    card_id: string | number | null;
    expires_on: string | null;
    entry_id: string | number | null;
    balance_minor: string | number | null;
  }>`
    select outcome, card_id, expires_on, entry_id, balance_minor
    from giftcard_redeem_code(${r.programmeId}, ${r.key}, ${r.code}, ${r.shopId}, ${r.amountMinor}, ${r.feeMinor}, ${r.createdBy}, ${r.today})`.execute(trx);
  const row = result.rows[0]!;
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return { outcome: row.outcome, cardId: num(row.card_id), expiresOn: row.expires_on, entryId: num(row.entry_id), balance: num(row.balance_minor) };
}
