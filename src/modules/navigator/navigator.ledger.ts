import { DateTime } from 'luxon';

/**
 * The de minimis arithmetic, pure: which ceiling applies on a day (data with valid-from dates, per
 * country), which grants count towards it (the window the regulation of that day uses), the room
 * left, and amounts in EUR at a stored rate. Money in integer minor units throughout.
 *
 * Windows: Regulation 1407/2013 (to 2023) counts the fiscal year of the grant and the two before
 * it ('fiscal_years'; the fiscal year is taken as the calendar year); Regulation 2023/2831 (from
 * 2024) counts "any period of three years" ('rolling_years': the three years up to and including
 * the grant day). The window is data (`window_kind`, `window_years`), chosen by the ceiling row.
 */

export interface Ceiling {
  country: string;
  validFrom: string;
  ceilingEurMinor: number;
  window: 'fiscal_years' | 'rolling_years';
  years: number;
  regulation: string;
}

export interface LedgerEntry {
  id: number;
  grantedOn: string;
  eurMinor: number | null;
}

/** The ceiling row in force on `day` for `country` (the latest valid-from on or before it). */
export function ceilingOn(ceilings: Ceiling[], country: string, day: string): Ceiling | undefined {
  let best: Ceiling | undefined;
  for (const c of ceilings) if (c.country === country && c.validFrom <= day && (!best || c.validFrom > best.validFrom)) best = c;
  return best;
}

/** First and last day (inclusive) of the grants that count with a grant on `day`. */
export function windowFor(ceiling: Pick<Ceiling, 'window' | 'years'>, day: string): { from: string; to: string } {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  if (ceiling.window === 'rolling_years') return { from: d.minus({ years: ceiling.years }).plus({ days: 1 }).toISODate()!, to: day };
  return {
    from: d
      .startOf('year')
      .minus({ years: ceiling.years - 1 })
      .toISODate()!,
    to: day,
  };
}

export interface Room {
  ceiling: Ceiling;
  window: { from: string; to: string };
  usedEurMinor: number;
  /** Grants in the window whose EUR amount is unknown (no rate yet): the room cannot be known. */
  missingRates: number;
  /** Null while a rate is missing. May be negative (the ceiling is already passed). */
  roomEurMinor: number | null;
}

export function roomOn(entries: LedgerEntry[], ceiling: Ceiling, day: string): Room {
  const window = windowFor(ceiling, day);
  let used = 0;
  let missing = 0;
  for (const e of entries) {
    if (e.grantedOn < window.from || e.grantedOn > window.to) continue;
    if (e.eurMinor === null) missing += 1;
    else used += e.eurMinor;
  }
  return { ceiling, window, usedEurMinor: used, missingRates: missing, roomEurMinor: missing ? null : ceiling.ceilingEurMinor - used };
}

/** Would a new grant of `amountEurMinor` on `day` pass the ceiling? Null when the room is unknown. */
export function wouldExceed(room: Room, amountEurMinor: number): boolean | null {
  return room.roomEurMinor === null ? null : amountEurMinor > room.roomEurMinor;
}

/** Units of the currency per 1 EUR, to 6 decimals, as an integer of millionths (no float drift). */
export const rateMicros = (perEur: number | string): number => Math.round(Number(perEur) * 1_000_000);

/** An amount in minor units of a currency as EUR minor units at `perEur` (units per 1 EUR), rounded half up. */
export function toEurMinor(amountMinor: number, currency: string, perEur: number | string | null): number | null {
  if (currency === 'EUR') return amountMinor;
  if (perEur === null) return null;
  const micros = rateMicros(perEur);
  if (micros <= 0) return null;
  return Math.round((amountMinor * 1_000_000) / micros);
}
