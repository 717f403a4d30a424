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

/** The spans (opens–closes, local) of a date: the exception of that date, else the weekday's hours. */
function spansOn(hours: OpeningHours, date: string, day: number): { opens: string; closes: string }[] {
  const exception = hours.exceptions?.find((e) => e.date === date);
  if (exception) return exception.closed || !exception.opens || !exception.closes ? [] : [{ opens: exception.opens, closes: exception.closes }];
  return hours.weekly.filter((w) => w.day === day).sort((a, b) => a.opens.localeCompare(b.opens));
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface OpeningState {
  open: boolean;
  /** When open: the local closing time today ("HH:MM"). */
  closesAt?: string;
  /** When closed: the next opening within a week, local date and time, and how many days away (0 = today). */
  next?: { date: string; time: string; inDays: number };
}

/**
 * Open now, and until when — or when it opens next (up to 7 days ahead), in the place's local
 * time with its exceptions (holidays). Null when no hours are known.
 */
export function openingState(hours: OpeningHours | null | undefined, country: Country, now: Date): OpeningState | null {
  if (!hours || !Array.isArray(hours.weekly) || (!hours.weekly.length && !hours.exceptions?.length)) return null;
  const m = localMoment(now, timeZoneOf(hours, country));
  const open = isOpenAt(hours, country, now) === true;
  if (open) {
    const span = spansOn(hours, m.date, m.day).find((s) => within(m.time, s.opens, s.closes));
    return { open, ...(span ? { closesAt: span.closes } : {}) };
  }
  for (let i = 0; i <= 7; i++) {
    const date = addDays(m.date, i);
    const day = ((m.day - 1 + i) % 7) + 1;
    const later = spansOn(hours, date, day).find((s) => i > 0 || s.opens > m.time);
    if (later) return { open, next: { date, time: later.opens, inDays: i } };
  }
  return { open };
}
