import type { OpeningHours } from '../registry/registry.tables.js';
import { localParts } from './directory.query.js';

export type Country = 'NO' | 'SE' | 'FI';

const countryTimeZone: Record<Country, string> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' };

/** The time zone a place's opening hours are written in: its own, else its country's. */
export function timeZoneOf(hours: Pick<OpeningHours, 'timeZone'> | null | undefined, country: Country): string {
  return hours?.timeZone ?? countryTimeZone[country];
}

export interface LocalMoment {
  /** ISO date "YYYY-MM-DD" in the place's time zone. */
  date: string;
  /** 1 = Monday … 7 = Sunday. */
  day: number;
  /** "HH:MM", 24-hour. */
  time: string;
}

/** The wall-clock date, weekday and time at `now` in `timeZone`. */
export function localMoment(now: Date, timeZone: string): LocalMoment {
  const p = localParts(now, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: p.date, day: p.weekday + 1, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

function within(time: string, opens: string, closes: string): boolean {
  // A closing time at or before the opening time runs past midnight ("22:00"–"02:00").
  return closes > opens ? time >= opens && time < closes : time >= opens || time < closes;
}

/**
 * Whether a place with these hours is open at `now` (its local time); null when no hours are
 * known. An exception for today's date overrides the weekly hours.
 */
export function isOpenAt(hours: OpeningHours | null | undefined, country: Country, now: Date): boolean | null {
  if (!hours || !Array.isArray(hours.weekly)) return null;
  const m = localMoment(now, timeZoneOf(hours, country));
  const exception = hours.exceptions?.find((e) => e.date === m.date);
  if (exception) {
    if (exception.closed || !exception.opens || !exception.closes) return false;
    return within(m.time, exception.opens, exception.closes);
  }
  const previousDay = m.day === 1 ? 7 : m.day - 1;
  return hours.weekly.some(
    (w) =>
      (w.day === m.day && within(m.time, w.opens, w.closes) && !(w.closes <= w.opens && m.time < w.closes)) ||
      // the after-midnight part of yesterday's late opening
      (w.day === previousDay && w.closes <= w.opens && m.time < w.closes),
  );
}
