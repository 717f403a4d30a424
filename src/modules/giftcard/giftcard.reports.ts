import type { Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { DB } from '../../db/types.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { requireAccess } from './giftcard.access.js';
import { minorToAmount } from './giftcard.pain001.js';
import { checkLedger } from './giftcard.ledger.js';
import * as repo from './giftcard.repository.js';
import { listShops, loadProgramme, zoneOf } from './giftcard.service.js';
import { getSettlement } from './giftcard.settlement.js';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe. */
const cell = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
export const toCsv = (rows: (string | number)[][]) => stringify(rows.map((r) => r.map(cell)));

/** Sold, redeemed, fees and breakage by month and shop; totals and the outstanding liability from the ledger. */
export async function programmeReport(db: Kysely<DB>, user: SessionUser | undefined, programmeId: number) {
  const programme = await loadProgramme(db, programmeId);
  requireAccess(user, 'giftcard.report.read', programme.organisationId);
  const shops = new Map((await listShops(db, programmeId)).map((s) => [s.id, s.name]));
  const raw = await repo.monthlyReport(db, programmeId, zoneOf(programme));
  const rows = raw.map((r) => ({
    month: r.month,
    shop: r.shopId === null ? '' : (shops.get(r.shopId) ?? ''),
    sold: r.sold,
    redeemed: r.redeemed,
    fees: r.fees,
    breakage: r.breakage,
  }));
  const ledger = await checkLedger(db, programmeId);
  const sum = (k: 'sold' | 'redeemed' | 'fees' | 'breakage') => rows.reduce((a, r) => a + r[k], 0);
  return {
    programme,
    rows: rows.filter((r) => r.sold || r.redeemed || r.fees || r.breakage),
    totals: { sold: sum('sold'), redeemed: sum('redeemed'), fees: sum('fees'), breakage: sum('breakage'), outstanding: ledger.outstandingMinor },
  };
}

/**
 * The settlement's report (CSV, amounts in major units with two decimals): one line per shop, or
 * only `shopId`'s line — the statement the issuer sends each shop.
 */
export async function settlementCsv(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  programmeId: number,
  settlementId: number,
  shopId?: number,
): Promise<{ filename: string; csv: string }> {
  const { programme, settlement, lines: all } = await getSettlement(db, user, programmeId, settlementId);
  const lines = shopId === undefined ? all : all.filter((l) => l.shopId === shopId);
  const csv = toCsv([
    ['period', 'shop', 'iban', 'redemptions', 'redeemed', 'reversed', 'fees', 'carried', 'payable', 'currency'],
    ...lines.map((l) => [
      settlement.label,
      l.name,
      l.iban,
      l.redemptions,
      minorToAmount(l.redeemedMinor),
      minorToAmount(l.reversedMinor),
      minorToAmount(l.feesMinor),
      l.carriedMinor < 0 ? `-${minorToAmount(-l.carriedMinor)}` : minorToAmount(l.carriedMinor),
      minorToAmount(l.payableMinor),
      programme.currency,
    ]),
  ]);
  const name = `settlement-${programmeId}-${settlement.id}${shopId === undefined ? '' : `-shop-${shopId}`}`;
  return { filename: `${name}.csv`, csv };
}
