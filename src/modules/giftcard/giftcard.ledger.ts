import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { sqlState } from '../../shared/http/db-errors.js';
import * as ledger from './giftcard.ledger.repository.js';
import { msg } from './giftcard.messages.js';

/**
 * The ledger's rules, below access checks (giftcard.service.ts checks who may act first).
 *
 * Accounts and signs (debit +, credit −; every entry's postings sum to zero):
 *   sale        cash +V, card −V                     (the issuer owes the holder V)
 *   redemption  card +R, shop −(R−F), fees −F        (the holder's claim becomes the shop's)
 *   reversal    the redemption's postings negated    (a refund back onto the card)
 *   payout      shop +P, cash −P                     (settlement pays the shop)
 *   breakage    card +B, breakage −B                 (an expired card's rest)
 * A card's balance is −Σ card postings, a shop's claim −Σ its shop postings, the programme's
 * outstanding liability −Σ all card postings.
 *
 * Idempotency: the entry is inserted first with its key (ON CONFLICT DO NOTHING: a concurrent
 * request with the same key waits for the first and then finds it); a retry gets the first
 * answer back, a different request under a used key is refused. The card's balance changes
 * only by one guarded UPDATE (… WHERE balance_minor >= amount), so two redemptions can never
 * both spend the same money; a refused guard undoes the entry with it (one statement for a
 * redemption, one transaction for the other kinds).
 */
export interface EntryResult {
  entryId: number;
  /** True when this answer repeats an earlier request with the same key. */
  replayed: boolean;
  amountMinor: number;
  feeMinor: number;
  /** The card's balance after the entry (for a replay: now). */
  balanceMinor: number | null;
  bookedAt: Date;
}

const inTransaction = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>) => db.transaction().execute(work);

/** Fee of one redemption: percent (basis points, half-up) plus fixed, never more than the amount. */
export function redemptionFee(amount: number, basisPoints: number, fixedMinor: number): number {
  return Math.min(amount, Math.floor((amount * basisPoints + 5000) / 10000) + fixedMinor);
}

async function replay(trx: Kysely<DB>, programmeId: number, key: string, fingerprint: string): Promise<EntryResult> {
  const existing = await ledger.findEntryByKey(trx, programmeId, key);
  if (!existing) throw new AppError('conflict', msg.tryAgain);
  if (existing.request_fingerprint !== fingerprint) throw new AppError('conflict', msg.keyReused);
  const balance = existing.card_id === null ? null : await ledger.cardBalance(trx, Number(existing.card_id));
  return {
    entryId: Number(existing.id),
    replayed: true,
    amountMinor: Number(existing.amount_minor),
    feeMinor: Number(existing.fee_minor),
    balanceMinor: balance,
    bookedAt: new Date(existing.booked_at),
  };
}

interface Booking {
  programmeId: number;
  key: string;
  createdBy?: number | null;
  reference?: string | null;
}

/** Sells a card that was created (balance 0) in the same transaction: the money arrives on the card. */
export async function bookSale(trx: Kysely<DB>, b: Booking & { cardId: number; amountMinor: number }): Promise<EntryResult> {
  const fingerprint = `sale:${b.cardId}:${b.amountMinor}`;
  const entryId = await ledger.insertEntry(trx, { ...b, kind: 'sale', fingerprint, cardId: b.cardId, amountMinor: b.amountMinor });
  if (entryId === undefined) return replay(trx, b.programmeId, b.key, fingerprint);
  const balance = await ledger.creditCard(trx, b.cardId, b.amountMinor);
  await ledger.insertPostings(trx, entryId, b.programmeId, [
    { account: 'cash', amountMinor: b.amountMinor },
    { account: 'card', cardId: b.cardId, amountMinor: -b.amountMinor },
  ]);
  return { entryId, replayed: false, amountMinor: b.amountMinor, feeMinor: 0, balanceMinor: balance, bookedAt: new Date() };
}

export interface Redemption extends Booking {
  cardId: number;
  shopId: number;
  amountMinor: number;
  feeMinor: number;
}

/**
 * Redeems at a shop (checks of membership and expiry are the caller's, before): one statement,
 * atomic by itself, so no transaction round trips (see ledger.redeemStatement).
 */
export async function redeem(db: Kysely<DB>, r: Redemption): Promise<EntryResult> {
  const fingerprint = `redemption:${r.cardId}:${r.shopId}:${r.amountMinor}`;
  let done: { entryId: number | null; balance: number | null };
  try {
    done = await ledger.redeemStatement(db, { ...r, fingerprint, createdBy: r.createdBy ?? null });
  } catch (err) {
    if (sqlState(err) === 'GC001') throw new AppError('conflict', msg.notEnoughOnCard);
    throw err;
  }
  if (done.entryId === null) return replay(db, r.programmeId, r.key, fingerprint);
  if (done.balance === null) throw new AppError('conflict', msg.notEnoughOnCard);
  return { entryId: done.entryId, replayed: false, amountMinor: r.amountMinor, feeMinor: r.feeMinor, balanceMinor: done.balance, bookedAt: new Date() };
}

export type CodeRedemption = { kind: 'unknown' } | { kind: 'expired'; expiresOn: string } | { kind: 'booked'; cardId: number; result: EntryResult };

/**
 * Redeems by the card's code as the counter typed it (normalised, its check character already
 * checked): the card is found, its expiry checked on `today` (the programme's local day) and the
 * redemption booked in one round trip, exactly as redeem() books it (same fingerprint, so a retry
 * through either gets the first answer). Membership is the caller's check, before.
 */
export async function redeemByCode(db: Kysely<DB>, r: Omit<Redemption, 'cardId'> & { code: string; today: string }): Promise<CodeRedemption> {
  let done: Awaited<ReturnType<typeof ledger.redeemByCodeStatement>>;
  try {
    done = await ledger.redeemByCodeStatement(db, { ...r, createdBy: r.createdBy ?? null });
  } catch (err) {
    if (sqlState(err) === 'GC001') throw new AppError('conflict', msg.notEnoughOnCard);
    throw err;
  }
  if (done.outcome === 'unknown') return { kind: 'unknown' };
  if (done.outcome === 'expired') return { kind: 'expired', expiresOn: done.expiresOn! };
  const cardId = done.cardId!;
  if (done.outcome === 'replay') {
    return { kind: 'booked', cardId, result: await replay(db, r.programmeId, r.key, `redemption:${cardId}:${r.shopId}:${r.amountMinor}`) };
  }
  return {
    kind: 'booked',
    cardId,
    result: { entryId: done.entryId!, replayed: false, amountMinor: r.amountMinor, feeMinor: r.feeMinor, balanceMinor: done.balance, bookedAt: new Date() },
  };
}

/** Refunds a redemption onto its card: a new entry mirroring it (never an edit). Once per redemption. */
export function reverse(db: Kysely<DB>, r: Booking & { redemptionId: number; shopId: number }): Promise<EntryResult> {
  return inTransaction(db, async (trx) => {
    const original = await ledger.findEntry(trx, r.redemptionId);
    if (original?.kind !== 'redemption' || Number(original.shop_id) !== r.shopId || Number(original.programme_id) !== r.programmeId) {
      throw new AppError('not_found', msg.noSuchRedemption);
    }
    const amount = Number(original.amount_minor);
    const fee = Number(original.fee_minor);
    const cardId = Number(original.card_id);
    const fingerprint = `reversal:${r.redemptionId}`;
    const already = await ledger.findReversalOf(trx, r.redemptionId);
    if (already && already.idempotency_key !== r.key) throw new AppError('conflict', msg.alreadyReversed);
    const entryId = await ledger.insertEntry(trx, {
      ...r,
      kind: 'reversal',
      fingerprint,
      cardId,
      shopId: r.shopId,
      reversesEntryId: r.redemptionId,
      amountMinor: amount,
      feeMinor: fee,
    });
    if (entryId === undefined) return replay(trx, r.programmeId, r.key, fingerprint);
    const balance = await ledger.creditCard(trx, cardId, amount);
    await ledger.insertPostings(trx, entryId, r.programmeId, [
      { account: 'card', cardId, amountMinor: -amount },
      { account: 'shop', shopId: r.shopId, amountMinor: amount - fee },
      { account: 'fees', amountMinor: fee },
    ]);
    return { entryId, replayed: false, amountMinor: amount, feeMinor: fee, balanceMinor: balance, bookedAt: new Date() };
  });
}

/** Pays a shop's claim (inside the settlement's transaction). */
export async function bookPayout(trx: Kysely<DB>, p: Booking & { shopId: number; settlementId: number; amountMinor: number }): Promise<number> {
  const entryId = await ledger.insertEntry(trx, {
    ...p,
    kind: 'payout',
    fingerprint: `payout:${p.settlementId}:${p.shopId}:${p.amountMinor}`,
    shopId: p.shopId,
    settlementId: p.settlementId,
    amountMinor: p.amountMinor,
  });
  if (entryId === undefined) throw new AppError('conflict', msg.tryAgain);
  await ledger.insertPostings(trx, entryId, p.programmeId, [
    { account: 'shop', shopId: p.shopId, amountMinor: p.amountMinor },
    { account: 'cash', amountMinor: -p.amountMinor },
  ]);
  return entryId;
}

/** Moves an expired card's whole rest to breakage (inside the settlement's transaction). */
export async function bookBreakage(trx: Kysely<DB>, b: Booking & { cardId: number; settlementId: number; amountMinor: number }): Promise<boolean> {
  const entryId = await ledger.insertEntry(trx, {
    ...b,
    kind: 'breakage',
    fingerprint: `breakage:${b.cardId}:${b.amountMinor}`,
    cardId: b.cardId,
    settlementId: b.settlementId,
    amountMinor: b.amountMinor,
  });
  if (entryId === undefined) return false;
  const left = await ledger.debitCard(trx, b.cardId, b.amountMinor);
  if (left !== 0) throw new AppError('conflict', msg.tryAgain);
  await ledger.insertPostings(trx, entryId, b.programmeId, [
    { account: 'card', cardId: b.cardId, amountMinor: b.amountMinor },
    { account: 'breakage', amountMinor: -b.amountMinor },
  ]);
  return true;
}

export interface LedgerCheck {
  /** Σ of all postings (always 0). */
  total: number;
  unbalancedEntries: number[];
  /** Cards whose cached balance differs from −Σ their postings, or is below zero. */
  cardMismatches: number[];
  outstandingMinor: number;
  shopClaims: Map<number, number>;
  feesMinor: number;
  cashMinor: number;
  breakageMinor: number;
}

/** Everything derived from the postings alone, and whether the caches agree with it. */
export async function checkLedger(db: Kysely<DB>, programmeId: number): Promise<LedgerCheck> {
  const rows = await ledger.derivedBalances(db, programmeId);
  const cache = await ledger.cardBalanceCache(db, programmeId);
  const byCard = new Map<number, number>();
  const shopClaims = new Map<number, number>();
  let total = 0;
  let fees = 0;
  let cash = 0;
  let breakage = 0;
  for (const r of rows) {
    total += r.total;
    if (r.account === 'card' && r.cardId !== null) byCard.set(r.cardId, 0 - r.total);
    if (r.account === 'shop' && r.shopId !== null) shopClaims.set(r.shopId, 0 - r.total);
    if (r.account === 'fees') fees -= r.total;
    if (r.account === 'cash') cash += r.total;
    if (r.account === 'breakage') breakage -= r.total;
  }
  const cardMismatches = [...cache].filter(([id, cached]) => cached < 0 || cached !== (byCard.get(id) ?? 0)).map(([id]) => id);
  const outstanding = [...byCard.values()].reduce((a, b) => a + b, 0);
  return {
    total,
    unbalancedEntries: await ledger.unbalancedEntries(db, programmeId),
    cardMismatches,
    outstandingMinor: outstanding,
    shopClaims,
    feesMinor: fees,
    cashMinor: cash,
    breakageMinor: breakage,
  };
}
