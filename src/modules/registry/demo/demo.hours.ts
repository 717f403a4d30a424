/**
 * Opening hours by kind of business (realistic for small rural firms: shops keep shop hours,
 * workshops start early, guides and cabin hosts take bookings), with public-holiday exceptions
 * for the coming twelve months.
 */
import type { Country } from '../national-id.js';
import type { OpeningHours } from '../registry.tables.js';
import type { HoursKind } from './demo.content.js';
import { holidays, timeZoneOf } from './demo.places.js';
import { chance, pick, type Rng } from './demo.random.js';

type Weekly = OpeningHours['weekly'];
const days = (from: number, to: number, opens: string, closes: string): Weekly =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ day: from + i, opens, closes }));

function weeklyHours(kind: HoursKind, country: Country, rng: Rng): Weekly {
  switch (kind) {
    case 'bakery':
      return [
        ...days(1, 5, pick(rng, ['07:00', '07:30', '08:00']), pick(rng, ['16:00', '16:30', '17:00'])),
        ...days(6, 6, pick(rng, ['08:00', '09:00']), pick(rng, ['14:00', '15:00'])),
        ...(chance(rng, 0.2) ? days(7, 7, '10:00', '14:00') : []),
      ];
    case 'cafe': {
      const closedMonday = chance(rng, 0.4);
      const [opens, closes] = [pick(rng, ['09:00', '10:00', '11:00']), pick(rng, ['16:00', '17:00', '18:00'])];
      return [...days(closedMonday ? 2 : 1, 5, opens, closes), ...days(6, 6, '11:00', '16:00'), ...(chance(rng, 0.6) ? days(7, 7, '12:00', '16:00') : [])];
    }
    case 'restaurant':
      return [
        ...(chance(rng, 0.4) ? days(1, 4, '11:00', '22:00') : days(2, 4, '16:00', '22:00')),
        ...days(5, 5, pick(rng, ['11:00', '16:00']), '23:00'),
        ...days(6, 6, '13:00', '23:00'),
        ...(chance(rng, 0.5) ? days(7, 7, '13:00', '20:00') : []),
      ];
    case 'shop': {
      const opens = pick(rng, ['09:00', '10:00']);
      const lateThursday = chance(rng, 0.5);
      return [
        ...days(1, 3, opens, '17:00'),
        ...days(4, 4, opens, lateThursday ? '19:00' : '17:00'),
        ...days(5, 5, opens, '17:00'),
        ...days(6, 6, '10:00', pick(rng, ['14:00', '15:00', '16:00'])),
      ];
    }
    case 'farmshop':
      return chance(rng, 0.5)
        ? [...days(4, 5, '12:00', '18:00'), ...days(6, 6, '10:00', '15:00')]
        : [...days(1, 5, '09:00', '16:00'), ...days(6, 6, '10:00', '14:00')];
    case 'grocery': {
      const weekday = days(1, 5, pick(rng, ['07:00', '08:00', '09:00']), pick(rng, ['20:00', '21:00', '22:00']));
      const saturday = days(6, 6, pick(rng, ['08:00', '09:00']), pick(rng, ['18:00', '20:00', '21:00']));
      // Norwegian grocers may only open on Sundays when small; Swedish and Finnish ones usually do.
      const sunday =
        country === 'NO'
          ? chance(rng, 0.25)
            ? days(7, 7, '12:00', '18:00')
            : []
          : chance(rng, 0.9)
            ? days(7, 7, pick(rng, ['10:00', '11:00', '12:00']), pick(rng, ['18:00', '20:00', '21:00']))
            : [];
      return [...weekday, ...saturday, ...sunday];
    }
    case 'workshop':
      return days(1, 5, pick(rng, ['07:00', '07:30']), pick(rng, ['15:00', '15:30', '16:00']));
    case 'office':
      return days(1, 5, pick(rng, ['08:00', '08:30', '09:00']), pick(rng, ['15:30', '16:00']));
    case 'salon':
      return [
        ...days(chance(rng, 0.4) ? 1 : 2, 3, '09:00', '17:00'),
        ...days(4, 4, '09:00', '19:00'),
        ...days(5, 5, '09:00', '17:00'),
        ...days(6, 6, '10:00', '14:00'),
      ];
    case 'hotel':
      return days(1, 7, '07:00', '23:00');
    case 'taxi':
      return days(1, 7, '06:00', pick(rng, ['22:00', '23:00']));
    case 'appointment':
      return days(1, 5, '09:00', '15:00');
  }
}

/** Midsummer Eve in Sweden and Finland: the Friday between 19 and 25 June. */
function midsummerEve(year: number): number {
  const june19 = new Date(Date.UTC(year, 5, 19));
  const offset = (5 - june19.getUTCDay() + 7) % 7;
  return 19 + offset;
}

function holidayExceptions(kind: HoursKind, country: Country, now: Date): NonNullable<OpeningHours['exceptions']> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const horizon = today + 365 * 86_400_000;
  const keepsShortDay = kind === 'grocery' || kind === 'bakery' || kind === 'shop';
  const out: NonNullable<OpeningHours['exceptions']> = [];
  for (const year of [now.getUTCFullYear(), now.getUTCFullYear() + 1]) {
    for (const h of holidays[country]) {
      const day = h.day === 'midsummer-eve' ? midsummerEve(year) : h.day;
      const at = Date.UTC(year, h.month - 1, day);
      if (at < today || at >= horizon) continue;
      const date = new Date(at).toISOString().slice(0, 10);
      out.push(h.shortDay && keepsShortDay ? { date, opens: '09:00', closes: '13:00', note: h.note } : { date, closed: true, note: h.note });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export function generateOpeningHours(kind: HoursKind, country: Country, rng: Rng, now: Date): OpeningHours {
  const hours: OpeningHours = { weekly: weeklyHours(kind, country, rng), timeZone: timeZoneOf[country] };
  if (kind === 'appointment') hours.byAppointment = true;
  const holidayShare = kind === 'hotel' || kind === 'taxi' || kind === 'appointment' ? 0.1 : 0.4;
  if (chance(rng, holidayShare)) {
    const exceptions = holidayExceptions(kind, country, now);
    if (exceptions.length) hours.exceptions = exceptions;
  }
  return hours;
}
