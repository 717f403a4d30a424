import type { OpeningHours } from '../registry/registry.tables.js';
import { addDays, localDateOf, localToUtc } from '../../shared/i18n/zoned.js';
import { timeZoneOf, type Country } from '../directory/directory.hours.js';

/** How far ahead "ready by" looks for opening hours before giving up (a shop closed for weeks). */
const horizonDays = 60;

const isoWeekday = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** The open spans of one local date as moments: the date's exception (a holiday, a late day) wins over the weekday's hours. */
export function openSpans(hours: OpeningHours, date: string, zone: string): { from: Date; to: Date }[] {
  const exception = hours.exceptions?.find((e) => e.date === date);
  const spans = exception
    ? exception.closed || !exception.opens || !exception.closes
      ? []
      : [{ opens: exception.opens, closes: exception.closes }]
    : hours.weekly.filter((w) => w.day === isoWeekday(date));
  return spans
    .map((s) => ({
      from: localToUtc(`${date}T${s.opens}`, zone),
      // a closing time at or before the opening runs past midnight
      to: localToUtc(`${s.closes > s.opens ? date : addDays(date, 1)}T${s.closes}`, zone),
    }))
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * When a reservation made at `now` is ready: the shop's lead time counted only inside its opening
 * hours, in the shop's zone (DST nights and holiday exceptions included). Without usable hours (none
 * given, by appointment) the lead time runs on the clock. Null when the shop is closed for the whole horizon.
 */
export function readyBy(hours: OpeningHours | null | undefined, country: Country, now: Date, leadMinutes: number): Date | null {
  const leadMs = leadMinutes * 60_000;
  if (!hours || !Array.isArray(hours.weekly) || hours.byAppointment || (hours.weekly.length === 0 && !hours.exceptions?.length))
    return new Date(now.getTime() + leadMs);
  const zone = timeZoneOf(hours, country);
  let remaining = leadMs;
  // start a day early: yesterday's span may run past midnight into today
  const first = addDays(localDateOf(now, zone), -1);
  for (let i = 0; i <= horizonDays; i++) {
    for (const span of openSpans(hours, addDays(first, i), zone)) {
      const start = Math.max(now.getTime(), span.from.getTime());
      const available = span.to.getTime() - start;
      if (available <= 0) continue;
      // a lead time of 0 still needs the shop to be open
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
    }
  }
  return null;
}
