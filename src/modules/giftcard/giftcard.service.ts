import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { zoneOfCountry, localDateOf } from '../../shared/i18n/zoned.js';
import { listMembers } from '../network/network.service.js';
import { requireAccess } from './giftcard.access.js';
import { generateCode, normaliseCode, hasValidCheck } from './giftcard.code.js';
import * as ledger from './giftcard.ledger.js';
import * as ledgerRepo from './giftcard.ledger.repository.js';
import { paymentProvider } from './giftcard.payments.js';
import { msg } from './giftcard.messages.js';
import * as repo from './giftcard.repository.js';
import {
  toCardDto,
  toProgrammeDto,
  toShopDto,
  type BatchInput,
  type CardDto,
  type ProgrammeDto,
  type ProgrammeInput,
  type ShopDto,
  type ShopInput,
} from './giftcard.schemas.js';
import { expiryDate, isExpiredOn } from './giftcard.validity.js';

const inTransaction = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>) => db.transaction().execute(work);

export const zoneOf = (p: { country: 'NO' | 'SE' | 'FI' }) => zoneOfCountry[p.country];
/** Today in the programme's zone ('YYYY-MM-DD'): membership and expiry are local calendar days. */
export const todayIn = (p: { country: 'NO' | 'SE' | 'FI' }, now = new Date()) => localDateOf(now, zoneOf(p));

export async function loadProgramme(db: Kysely<DB>, id: number): Promise<ProgrammeDto> {
  const row = await repo.findProgramme(db, id);
  if (!row) throw new AppError('not_found', msg.noSuchProgramme);
  return toProgrammeDto(row);
}

// ---- programmes --------------------------------------------------------------------

export async function listProgrammesFor(db: Kysely<DB>, user: SessionUser | undefined): Promise<ProgrammeDto[]> {
  const u = requireAccess(user, 'giftcard.programme.list', undefined);
  const ids = u.isNetworkAdmin ? undefined : [...new Set(u.roles.map((r) => r.organisationId))];
  return (await repo.listProgrammes(db, ids)).map(toProgrammeDto);
}

/** Every programme (public facts: name, town, values) for the public pages. */
export async function listPublicProgrammes(db: Kysely<DB>): Promise<ProgrammeDto[]> {
  return (await repo.listProgrammes(db)).map(toProgrammeDto);
}

export async function createProgramme(db: Kysely<DB>, user: SessionUser | undefined, input: ProgrammeInput): Promise<number> {
  requireAccess(user, 'giftcard.programme.create', input.organisationId);
  return repo.insertProgramme(db, input);
}

export async function getProgramme(db: Kysely<DB>, user: SessionUser | undefined, id: number): Promise<ProgrammeDto> {
  const p = await loadProgramme(db, id);
  requireAccess(user, 'giftcard.programme.read', p.organisationId);
  return p;
}

// ---- member shops ------------------------------------------------------------------

export async function listShops(db: Kysely<DB>, programmeId: number): Promise<ShopDto[]> {
  return (await repo.listShops(db, programmeId)).map(toShopDto);
}

/** A shop joins: an establishment (or the firm itself) of a firm that is a member of the issuer on the joining day. */
export async function addShop(db: Kysely<DB>, user: SessionUser | undefined, programmeId: number, input: ShopInput): Promise<number> {
  const p = await loadProgramme(db, programmeId);
  requireAccess(user, 'giftcard.programme.manage', p.organisationId);
  const members = await listMembers(db, user, p.organisationId, { status: 'active', tier: undefined, municipality: undefined, on: input.joinedOn });
  const member = members.find((m) => m.firm.id === input.firmId);
  if (!member) throw new AppError('validation', msg.notAMember, [{ field: 'firm_id', message: msg.notAMember }]);
  return repo.insertShop(db, { ...input, programmeId, name: input.name ?? member.firm.name });
}

export async function endShop(db: Kysely<DB>, user: SessionUser | undefined, programmeId: number, shopId: number, leftOn: string): Promise<void> {
  const p = await loadProgramme(db, programmeId);
  requireAccess(user, 'giftcard.programme.manage', p.organisationId);
  const shop = await repo.findShop(db, shopId);
  if (!shop || Number(shop.programme_id) !== programmeId) throw new AppError('not_found', msg.noSuchShop);
  if (leftOn < shop.joined_on) throw new AppError('validation', msg.leftBeforeJoined, [{ field: 'left_on', message: msg.leftBeforeJoined }]);
  await repo.setShopLeftOn(db, shopId, leftOn);
}

export const isShopMemberOn = (shop: Pick<ShopDto, 'joinedOn' | 'leftOn'>, day: string) => shop.joinedOn <= day && (shop.leftOn === null || day < shop.leftOn);

// ---- selling -------------------------------------------------------------------------

async function issueCardIn(
  trx: Kysely<DB>,
  p: ProgrammeDto,
  c: {
    valueMinor: number;
    batchId: number | null;
    orderId: number | null;
    holderUserId: number | null;
    key: string;
    reference: string;
    createdBy: number | null;
    now?: Date;
    isDemo?: boolean;
  },
) {
  const code = generateCode();
  const cardId = await repo.insertCard(trx, {
    programmeId: p.id,
    code,
    batchId: c.batchId,
    orderId: c.orderId,
    valueMinor: c.valueMinor,
    expiresOn: expiryDate(p, todayIn(p, c.now)),
    holderUserId: c.holderUserId,
    isDemo: c.isDemo,
  });
  await ledger.bookSale(trx, { programmeId: p.id, key: c.key, cardId, amountMinor: c.valueMinor, reference: c.reference, createdBy: c.createdBy });
  return { cardId, code };
}

/** A desk sale: `count` cards of one value, paid outside the platform (its reference recorded). */
export async function sellBatch(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  programmeId: number,
  input: BatchInput,
  options: { now?: Date; isDemo?: boolean } = {},
) {
  const p = await loadProgramme(db, programmeId);
  const u = requireAccess(user, 'giftcard.card.sell', p.organisationId);
  if (!p.allowedValuesMinor.includes(input.valueMinor))
    throw new AppError('validation', msg.valueNotAllowed, [{ field: 'value', message: msg.valueNotAllowed }]);
  return inTransaction(db, async (trx) => {
    const batchId = await repo.insertBatch(trx, {
      programmeId,
      buyer: input.buyer,
      count: input.count,
      valueMinor: input.valueMinor,
      paymentReference: input.paymentReference,
      createdBy: u.id,
    });
    const cards: { cardId: number; code: string }[] = [];
    for (let i = 0; i < input.count; i++) {
      cards.push(
        await issueCardIn(trx, p, {
          valueMinor: input.valueMinor,
          batchId,
          orderId: null,
          holderUserId: null,
          key: `batch:${batchId}:${i}`,
          reference: input.paymentReference,
          createdBy: u.id,
          now: options.now,
          isDemo: options.isDemo,
        }),
      );
    }
    return { batchId, cards };
  });
}

export async function getBatch(db: Kysely<DB>, user: SessionUser | undefined, programmeId: number, batchId: number) {
  const p = await loadProgramme(db, programmeId);
  requireAccess(user, 'giftcard.card.sell', p.organisationId);
  const batch = await repo.findBatch(db, batchId);
  if (!batch || Number(batch.programme_id) !== programmeId) throw new AppError('not_found', msg.noSuchBatch);
  const cards = (await repo.listCardsOfBatch(db, batchId)).map(toCardDto);
  return {
    programme: p,
    batch: {
      id: Number(batch.id),
      buyer: batch.buyer,
      count: batch.card_count,
      valueMinor: Number(batch.value_minor),
      paymentReference: batch.payment_reference,
      createdAt: new Date(batch.created_at),
    },
    cards,
  };
}

export async function listBatches(db: Kysely<DB>, programmeId: number) {
  return (await repo.listBatches(db, programmeId)).map((b) => ({
    id: Number(b.id),
    buyer: b.buyer,
    count: b.card_count,
    valueMinor: Number(b.value_minor),
    paymentReference: b.payment_reference,
    createdAt: new Date(b.created_at),
  }));
}

export async function getCardForIssuer(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  programmeId: number,
  cardId: number,
): Promise<{ programme: ProgrammeDto; card: CardDto }> {
  const p = await loadProgramme(db, programmeId);
  requireAccess(user, 'giftcard.card.sell', p.organisationId);
  const row = await repo.findCard(db, cardId);
  if (!row || Number(row.programme_id) !== programmeId) throw new AppError('not_found', msg.noSuchCard);
  return { programme: p, card: toCardDto(row) };
}

// ---- finding a card by its code ------------------------------------------------------

export type CardLookup = { kind: 'ok'; card: CardDto; programme: ProgrammeDto; expired: boolean } | { kind: 'malformed' } | { kind: 'unknown' };

export async function findCardByTypedCode(db: Kysely<DB>, typed: string, now = new Date()): Promise<CardLookup> {
  const code = normaliseCode(typed);
  if (!code || !hasValidCheck(code)) return { kind: 'malformed' };
  const row = await repo.findCardByCode(db, code);
  if (!row) return { kind: 'unknown' };
  const programme = await loadProgramme(db, Number(row.programme_id));
  const card = toCardDto(row);
  return { kind: 'ok', card, programme, expired: isExpiredOn(card.expiresOn, todayIn(programme, now)) };
}

/** A typed code at a counter of `programme`: a card of another programme is unknown here (one round trip). */
async function findCardInProgramme(db: Kysely<DB>, programme: ProgrammeDto, typed: string, now = new Date()): Promise<CardLookup> {
  const code = normaliseCode(typed);
  if (!code || !hasValidCheck(code)) return { kind: 'malformed' };
  const row = await repo.findCardByCode(db, code);
  if (!row || Number(row.programme_id) !== programme.id) return { kind: 'unknown' };
  const card = toCardDto(row);
  return { kind: 'ok', card, programme, expired: isExpiredOn(card.expiresOn, todayIn(programme, now)) };
}

// ---- the counter -------------------------------------------------------------------

/** The shops a person may redeem for (the member shops of the firms they manage). */
export async function listMyShops(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = requireAccess(user, 'giftcard.counter.list', undefined);
  return (await repo.listShopsOfFirms(db, u.managedFirmIds)).map((r) => ({
    id: Number(r.id),
    name: r.name,
    programmeName: r.programme_name,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
  }));
}

export async function getCounterShop(db: Kysely<DB>, user: SessionUser | undefined, shopId: number) {
  const row = await repo.findShopWithProgramme(db, shopId);
  if (!row) {
    requireAccess(user, 'giftcard.counter.list', undefined);
    throw new AppError('not_found', msg.noSuchShop);
  }
  const shop = toShopDto(row.shop);
  requireAccess(user, 'giftcard.counter.use', shop.firmId);
  return { shop, programme: toProgrammeDto(row.programme) };
}

export async function lookupAtCounter(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, typed: string) {
  const { shop, programme } = await getCounterShop(db, user, shopId);
  return { shop, programme, found: await findCardInProgramme(db, programme, typed) };
}

export interface CounterRedemption {
  code: string;
  amountMinor: number;
  key: string;
}

/**
 * A redemption at the counter, in two round trips: the shop with its programme (access, then
 * membership on the programme's local day), then one call that finds the card by its code,
 * checks its expiry and books (ledger.redeemByCode). A malformed code never reaches the database.
 */
export async function redeemAtCounter(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, input: CounterRedemption, now = new Date()) {
  const { shop, programme } = await getCounterShop(db, user, shopId);
  const today = todayIn(programme, now);
  if (!isShopMemberOn(shop, today)) throw new AppError('forbidden', msg.shopNotMember);
  const code = normaliseCode(input.code);
  if (!code || !hasValidCheck(code)) throw new AppError('validation', msg.codeMalformed, [{ field: 'code', message: msg.codeMalformed }]);
  const booked = await ledger.redeemByCode(db, {
    programmeId: programme.id,
    key: `counter:${shop.id}:${input.key}`,
    code,
    today,
    shopId: shop.id,
    amountMinor: input.amountMinor,
    feeMinor: ledger.redemptionFee(input.amountMinor, programme.feeBasisPoints, programme.feeFixedMinor),
    createdBy: user?.id ?? null,
  });
  if (booked.kind === 'unknown') throw new AppError('validation', msg.codeUnknown, [{ field: 'code', message: msg.codeUnknown }]);
  if (booked.kind === 'expired') throw new AppError('validation', msg.cardExpired, [{ field: 'code', message: msg.cardExpired }], { date: booked.expiresOn });
  return { shop, programme, cardId: booked.cardId, result: booked.result };
}

export async function reverseAtCounter(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, input: { entryId: number; key: string }) {
  const { shop, programme } = await getCounterShop(db, user, shopId);
  const result = await ledger.reverse(db, {
    programmeId: programme.id,
    key: `counter:${shop.id}:${input.key}`,
    redemptionId: input.entryId,
    shopId: shop.id,
    createdBy: user?.id ?? null,
  });
  return { shop, programme, result };
}

export async function recentAtShop(db: Kysely<DB>, user: SessionUser | undefined, shopId: number) {
  await getCounterShop(db, user, shopId);
  const rows = await ledgerRepo.entriesOfShop(db, shopId, 20);
  const reversed = new Set(rows.filter((r) => r.kind === 'reversal').map((r) => Number(r.reverses_entry_id)));
  return rows
    .filter((r) => r.kind === 'redemption' || r.kind === 'reversal')
    .map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      amountMinor: Number(r.amount_minor),
      feeMinor: Number(r.fee_minor),
      bookedAt: new Date(r.booked_at),
      isReversed: reversed.has(Number(r.id)),
    }));
}

export async function receiptOf(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, entryId: number) {
  const { shop, programme } = await getCounterShop(db, user, shopId);
  const entry = await ledgerRepo.findEntry(db, entryId);
  if (!entry || Number(entry.shop_id) !== shop.id || (entry.kind !== 'redemption' && entry.kind !== 'reversal'))
    throw new AppError('not_found', msg.noSuchRedemption);
  const card = await repo.findCard(db, Number(entry.card_id));
  return {
    shop,
    programme,
    entry: { id: Number(entry.id), kind: entry.kind, amountMinor: Number(entry.amount_minor), bookedAt: new Date(entry.booked_at) },
    card: card ? toCardDto(card) : undefined,
  };
}

// ---- holders ------------------------------------------------------------------------

export async function listMyCards(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = requireAccess(user, 'giftcard.holder.cards', undefined);
  return (await repo.listCardsOfHolder(db, u.id)).map((r) => ({
    id: Number(r.id),
    code: r.code,
    balanceMinor: Number(r.balance_minor),
    expiresOn: r.expires_on,
    programmeName: r.programme_name,
    currency: r.currency,
  }));
}

export const balanceCheckLimit = { max: 10, windowMinutes: 15 };

/**
 * The public balance check. Failed look-ups (a code that is malformed or unknown) count per client
 * address; after `max` failures in the window the address is refused until the oldest slides out.
 * 10 guesses per 15 minutes against 2^75 codes leaves guessing hopeless.
 */
export async function checkBalance(db: Kysely<DB>, ip: string, typed: string, now = new Date()) {
  const windowMs = balanceCheckLimit.windowMinutes * 60_000;
  return inTransaction(db, async (trx) => {
    await repo.lockBalanceChecks(trx, ip);
    const since = new Date(now.getTime() - windowMs);
    await repo.pruneFailedChecks(trx, ip, since);
    const { count, oldest } = await repo.failedChecksSince(trx, ip, since);
    if (count >= balanceCheckLimit.max) return { kind: 'rate_limited' as const, retryAt: new Date((oldest ?? now).getTime() + windowMs) };
    const found = await findCardByTypedCode(trx, typed, now);
    if (found.kind !== 'ok') await repo.insertFailedCheck(trx, ip);
    return found;
  });
}

// ---- online sale ------------------------------------------------------------------

export async function startOnlineOrder(db: Kysely<DB>, programmeId: number, input: { valueMinor: number; email: string }, providerName: string) {
  const p = await loadProgramme(db, programmeId);
  if (!p.allowedValuesMinor.includes(input.valueMinor))
    throw new AppError('validation', msg.valueNotAllowed, [{ field: 'value', message: msg.valueNotAllowed }]);
  const provider = paymentProvider(providerName);
  if (!provider) throw new AppError('unavailable', msg.noProvider);
  const reference = randomUUID();
  const orderId = await repo.insertOrder(db, { programmeId, reference, valueMinor: input.valueMinor, email: input.email, provider: provider.name });
  const started = await provider.start(db, {
    orderReference: reference,
    amountMinor: input.valueMinor,
    currency: p.currency,
    returnUrl: `/giftcard/orders/${reference}`,
  });
  await repo.setOrderProviderRef(db, orderId, started.providerRef);
  return { reference, redirectUrl: started.redirectUrl };
}

/**
 * The buyer is back: ask the provider. Only 'paid' issues the card (once: the order row is locked
 * and the sale's key is the order's). Pending stays pending; failed is recorded.
 */
export async function completeOnlineOrder(db: Kysely<DB>, reference: string, user: SessionUser | undefined) {
  const order = await repo.findOrderByReference(db, reference);
  if (!order) throw new AppError('not_found', msg.noSuchOrder);
  const provider = paymentProvider(order.provider);
  if (!provider || !order.provider_ref) throw new AppError('unavailable', msg.noProvider);
  const status = order.status === 'pending' ? await provider.status(db, order.provider_ref) : order.status;
  const p = await loadProgramme(db, Number(order.programme_id));
  if (status !== 'paid') {
    if (status === 'failed' && order.status === 'pending') await repo.setOrderOutcome(db, Number(order.id), 'failed', null);
    return { status, programme: p, card: undefined };
  }
  const cardId = await inTransaction(db, async (trx) => {
    const locked = await repo.lockOrder(trx, Number(order.id));
    if (locked?.card_id) return Number(locked.card_id);
    const issued = await issueCardIn(trx, p, {
      valueMinor: Number(order.value_minor),
      batchId: null,
      orderId: Number(order.id),
      holderUserId: user?.id ?? null,
      key: `order:${order.id}`,
      reference: `${order.provider}:${order.provider_ref}`,
      createdBy: null,
    });
    await repo.setOrderOutcome(trx, Number(order.id), 'paid', issued.cardId);
    return issued.cardId;
  });
  const card = await repo.findCard(db, cardId);
  return { status, programme: p, card: card ? toCardDto(card) : undefined, email: order.email };
}

export async function testPayment(db: Kysely<DB>, ref: string) {
  const row = /^[0-9a-f-]{36}$/.test(ref) ? await repo.findTestPayment(db, ref) : undefined;
  if (!row) throw new AppError('not_found', msg.noSuchOrder);
  return { ref: row.ref, amountMinor: Number(row.amount_minor), currency: row.currency, status: row.status };
}

export async function answerTestPayment(db: Kysely<DB>, ref: string, outcome: 'paid' | 'failed') {
  await testPayment(db, ref);
  await repo.setTestPaymentStatus(db, ref, outcome);
}

/** Funder reporting: gift-card money redeemed locally per firm (its shops) in [from, to), programmes of these organisations. */
export async function redeemedForReporting(db: Kysely<DB>, q: { organisationIds: number[]; from: Date; to: Date; timeZone: string }) {
  const rows = await repo.redeemedPerFirm(db, q.organisationIds, q.from, q.to, q.timeZone);
  return rows.map((r) => ({ firmId: Number(r.firm_id), redeemedMinor: Number(r.redeemed), redemptions: r.redemptions, firstOn: r.first_on }));
}
