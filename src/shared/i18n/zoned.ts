import { DateTime } from 'luxon';
import type { TimeZone } from './format.js';

/**
 * Wall-clock times in a named zone and the moments (UTC) they stand for. Forms take a local
 * `YYYY-MM-DDTHH:mm` (the `<input type="datetime-local">` value) in the zone of the thing being
 * planned (an event's place, a case's organisation), never the server's.
 *
 * Daylight-saving edges: a wall time that does not exist (02:30 on the spring-forward night in
 * Oslo) is moved forward by the gap (03:30 CEST) — what a person setting a clock would expect; an
 * ambiguous one (02:30 on the autumn night) is the first of the two (summer time).
 */
export const zoneOfCountry: Record<'NO' | 'SE' | 'FI', TimeZone> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' };

const localPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Is this a well-formed local date-time (`YYYY-MM-DDTHH:mm[:ss]`) naming a real calendar day and time? */
export function isLocalDateTime(text: string): boolean {
  const m = localPattern.exec(text);
  if (!m) return false;
  const dt = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 }, { zone: 'UTC' });
  return dt.isValid && dt.month === +m[2] && dt.day === +m[3];
}

/** The moment a local wall time in `zone` stands for. Throws on a malformed text (validate with isLocalDateTime first). */
export function localToUtc(local: string, zone: string): Date {
  if (!isLocalDateTime(local)) throw new RangeError(`not a local date-time: ${local}`);
  const dt = DateTime.fromISO(local.replace(' ', 'T'), { zone });
  if (!dt.isValid) throw new RangeError(`not a local date-time in ${zone}: ${local}`);
  // Luxon settles an ambiguous wall time with the offset in force *today*, so the answer would
  // change with the season; an hour earlier showing the same wall time means it is the second of
  // the two — take the first (summer time), as documented above.
  const earlier = dt.minus({ hours: 1 });
  const wall = "yyyy-MM-dd'T'HH:mm:ss";
  return (earlier.toFormat(wall) === dt.toFormat(wall) ? earlier : dt).toJSDate();
}

/** A moment as the `YYYY-MM-DDTHH:mm` a datetime-local input shows in `zone`. */
export function utcToLocalInput(at: Date | string, zone: string): string {
  return DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The calendar day (`YYYY-MM-DD`) a moment falls on in `zone`. */
export function localDateOf(at: Date | string, zone: string): string {
  return DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone }).toISODate()!;
}

/** The first moment of a calendar day in `zone` (a day of 23 or 25 hours on the DST nights). */
export function startOfLocalDay(day: string, zone: string): Date {
  const dt = DateTime.fromISO(day, { zone }).startOf('day');
  if (!dt.isValid) throw new RangeError(`not a day: ${day}`);
  return dt.toJSDate();
}

/** The first moment of the day after `day` in `zone`: [startOfLocalDay(day), endOfLocalDay(day)) is the whole local day. */
export function endOfLocalDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/** `day` plus n calendar days (`YYYY-MM-DD`), independent of zones. */
export function addDays(day: string, n: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
}
