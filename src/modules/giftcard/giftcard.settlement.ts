import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { requireAccess } from './giftcard.access.js';
import * as ledger from './giftcard.ledger.js';
import { msg } from './giftcard.messages.js';
import { buildPain001 } from './giftcard.pain001.js';
import { lastClosedPeriod, periodContaining, type Period } from './giftcard.period.js';
import * as repo from './giftcard.repository.js';
import { loadProgramme, zoneOf } from './giftcard.service.js';
import type { ProgrammeDto } from './giftcard.schemas.js';
import { localDateOf, utcToLocalInput } from '../../shared/i18n/zoned.js';

/**
 * A settlement run per period: in one transaction (the programme's row locked, so two runs wait
 * for each other) it books the expired cards' rests as breakage, pays each shop its whole claim
 * accrued up to the period's end (redemptions − reversals − fees, minus what earlier runs paid;
 * a negative claim is carried forward) and freezes the result: lines are written once and the
 * period cannot be run again.
 */
export interface SettlementLine {
  shopId: number;
  name: string;
  iban: string;
  bic: string | null;
  redeemedMinor: number;
  reversedMinor: number;
  feesMinor: number;
  carriedMinor: number;
  payableMinor: number;
  redemptions: number;
}

export interface SettlementDto {
  id: number;
  programmeId: number;
  label: string;
  periodStart: Date;
  periodEnd: Date;
  totalMinor: number;
  breakageMinor: number;
  messageId: string;
  createdAt: Date;
}

const toSettlementDto = (r: Awaited<ReturnType<typeof repo.findSettlement>> & {}): SettlementDto => ({
  id: Number(r.id),
  programmeId: Number(r.programme_id),
  label: r.label,
  periodStart: new Date(r.period_start),
  periodEnd: new Date(r.period_end),
  totalMinor: Number(r.total_minor),
  breakageMinor: Number(r.breakage_minor),
  messageId: r.message_id,
  createdAt: new Date(r.created_at),
});

export function defaultPeriod(p: ProgrammeDto, now = new Date()): Period {
  return lastClosedPeriod(now, p.settlementPeriod, zoneOf(p));
}

/**
 * Runs the settlement of the period containing `day` (or returns it, when that period was run).
 * With `upToNow`, the current period is settled early up to this moment; a later run of the same
 * period starts where that one ended. A run covers (the previous run's end, its own end], so no
 * redemption is in two runs, and since it pays the shops' whole claims nothing falls between.
 */
export async function runSettlement(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  programmeId: number,
  day: string,
  now = new Date(),
  options: { upToNow?: boolean } = {},
) {
  const p0 = await loadProgramme(db, programmeId);
  const u = requireAccess(user, 'giftcard.settlement.run', p0.organisationId);
  const period = periodContaining(options.upToNow ? localDateOf(now, zoneOf(p0)) : day, p0.settlementPeriod, zoneOf(p0));
  const early = options.upToNow === true && period.start.getTime() <= now.getTime() && now.getTime() < period.end.getTime();
  const end = early ? now : period.end;
  if (end.getTime() > now.getTime()) throw new AppError('validation', msg.periodNotOver, [{ field: 'period', message: msg.periodNotOver }]);
  return db.transaction().execute(async (trx) => {
    const locked = await repo.lockProgramme(trx, programmeId);
    if (!locked) throw new AppError('not_found', msg.noSuchProgramme);
    const existing = await repo.findSettlementByEnd(trx, programmeId, end);
    if (existing) return { settlementId: Number(existing.id), created: false };
    const previousEnd = await repo.lastSettlementEnd(trx, programmeId);
    if (previousEnd && previousEnd.getTime() >= end.getTime()) throw new AppError('conflict', msg.periodSettled);
    const start = previousEnd && previousEnd.getTime() > period.start.getTime() ? previousEnd : period.start;
    // An early run is named by where it ended, in the programme's own time (the label is frozen with it).
    const label =
      early || start.getTime() !== period.start.getTime() ? `${period.label} (${utcToLocalInput(end, zoneOf(p0)).replace('T', ' ')})` : period.label;
    const messageId = `LK-${programmeId}-${Math.floor(end.getTime() / 1000)}`;
    const settlementId = await repo.insertSettlement(trx, {
      programmeId,
      start,
      end,
      label,
      totalMinor: 0,
      breakageMinor: 0,
      messageId,
      createdBy: u.id,
    });
    const breakageDay = early ? localDateOf(now, zoneOf(p0)) : period.endDay;
    // Breakage: cards whose validity ended within or before the period, with money left.
    let breakage = 0;
    for (const c of await repo.listExpiredWithBalance(trx, programmeId, breakageDay)) {
      const amount = Number(c.balance_minor);
      const booked = await ledger.bookBreakage(trx, {
        programmeId,
        key: `breakage:${c.id}:${settlementId}`,
        cardId: Number(c.id),
        settlementId,
        amountMinor: amount,
        createdBy: u.id,
      });
      if (booked) breakage += amount;
    }
    const activity = await repo.shopActivity(trx, programmeId, start, end);
    const lines = [];
    let total = 0;
    for (const a of activity) {
      const net = a.redeemed - a.reversed - a.fees;
      const payable = Math.max(0, a.claim);
      if (payable > 0)
        await ledger.bookPayout(trx, {
          programmeId,
          key: `payout:${settlementId}:${a.shopId}`,
          shopId: a.shopId,
          settlementId,
          amountMinor: payable,
          createdBy: u.id,
        });
      total += payable;
      lines.push({
        settlementId,
        shopId: a.shopId,
        redeemed: a.redeemed,
        reversed: a.reversed,
        fees: a.fees,
        carried: a.claim - net,
        payable,
        redemptions: a.redemptions,
      });
    }
    await repo.insertSettlementLines(
      trx,
      lines.filter((l) => l.redeemed || l.reversed || l.payable || l.carried),
    );
    await repo.setSettlementTotals(trx, settlementId, total, breakage);
    return { settlementId, created: true };
  });
}

export async function listSettlements(db: Kysely<DB>, programmeId: number): Promise<SettlementDto[]> {
  return (await repo.listSettlements(db, programmeId)).map(toSettlementDto);
}

export async function getSettlement(db: Kysely<DB>, user: SessionUser | undefined, programmeId: number, settlementId: number) {
  const programme = await loadProgramme(db, programmeId);
  requireAccess(user, 'giftcard.report.read', programme.organisationId);
  const row = await repo.findSettlement(db, settlementId);
  if (!row || Number(row.programme_id) !== programmeId) throw new AppError('not_found', msg.noSuchSettlement);
  const lines: SettlementLine[] = (await repo.listSettlementLines(db, settlementId)).map((l) => ({
    shopId: Number(l.shop_id),
    name: l.name,
    iban: l.iban,
    bic: l.bic,
    redeemedMinor: Number(l.redeemed_minor),
    reversedMinor: Number(l.reversed_minor),
    feesMinor: Number(l.fees_minor),
    carriedMinor: Number(l.carried_minor),
    payableMinor: Number(l.payable_minor),
    redemptions: l.redemptions,
  }));
  return { programme, settlement: toSettlementDto(row), lines };
}

/** The bank file of a settlement (pain.001.001.09); a run with nothing to pay has none. */
export async function settlementPaymentFile(db: Kysely<DB>, user: SessionUser | undefined, programmeId: number, settlementId: number, issuerName: string) {
  const { programme, settlement, lines } = await getSettlement(db, user, programmeId, settlementId);
  requireAccess(user, 'giftcard.settlement.run', programme.organisationId);
  const payments = lines.filter((l) => l.payableMinor > 0);
  if (payments.length === 0) throw new AppError('not_found', msg.nothingToPay);
  return buildPain001({
    messageId: settlement.messageId,
    createdAt: settlement.createdAt,
    executionDate: settlement.createdAt.toISOString().slice(0, 10),
    currency: programme.currency,
    debtor: { name: issuerName, iban: programme.issuerIban, bic: programme.issuerBic },
    payments: payments.map((l) => ({
      endToEndId: `${settlement.messageId}-${l.shopId}`,
      name: l.name,
      iban: l.iban,
      bic: l.bic,
      amountMinor: l.payableMinor,
      remittance: `${programme.name} ${settlement.label}`,
    })),
  });
}
