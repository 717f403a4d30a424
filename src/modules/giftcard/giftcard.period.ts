import { DateTime } from 'luxon';
import type { SettlementPeriod } from './giftcard.tables.js';

/** A settlement period: [start, end) in UTC, from local midnights of the programme's zone. */
export interface Period {
  start: Date;
  end: Date;
  label: string;
  /** The period's last local day (inclusive), for breakage: cards expiring up to the end. */
  endDay: string;
}

export function periodContaining(day: string, kind: SettlementPeriod, zone: string): Period {
  const local = DateTime.fromISO(day, { zone });
  const start = kind === 'month' ? local.startOf('month') : local.startOf('week');
  const end = kind === 'month' ? start.plus({ months: 1 }) : start.plus({ weeks: 1 });
  const label = kind === 'month' ? start.toFormat('yyyy-MM') : `${start.toFormat("kkkk-'W'WW")}`;
  return { start: start.toJSDate(), end: end.toJSDate(), label, endDay: end.toISODate()! };
}

/** The latest period that has ended by `now` (the default for a settlement run). */
export function lastClosedPeriod(now: Date, kind: SettlementPeriod, zone: string): Period {
  const local = DateTime.fromJSDate(now, { zone });
  const previous = kind === 'month' ? local.startOf('month').minus({ days: 1 }) : local.startOf('week').minus({ days: 1 });
  return periodContaining(previous.toISODate()!, kind, zone);
}
