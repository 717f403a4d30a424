import { format, type Locale, type Message } from './i18n.js';

/**
 * Dates, numbers, money and counts as a person in each language expects them.
 * Stored values stay UTC timestamps and integer minor units; only the view converts.
 */
export const intlLocale: Record<Locale, string> = { nb: 'nb-NO', sv: 'sv-SE', fi: 'fi-FI', en: 'en-GB' };

export type TimeZone = 'Europe/Oslo' | 'Europe/Stockholm' | 'Europe/Helsinki';

/** The viewer's time zone: from the country of the organisation in view when there is one, else from the language (English readers see Oslo time with the zone named). */
const zoneOfLocale: Record<Locale, TimeZone> = { nb: 'Europe/Oslo', sv: 'Europe/Stockholm', fi: 'Europe/Helsinki', en: 'Europe/Oslo' };
const zoneOfCountry: Record<string, TimeZone> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' };

export function timeZoneFor(locale: Locale, country?: string | null): TimeZone {
  return (country ? zoneOfCountry[country] : undefined) ?? zoneOfLocale[locale];
}

const toDate = (at: Date | string): Date => (typeof at === 'string' ? new Date(at) : at);

// Building an Intl formatter costs far more than using one (a 50-row list spent ~10 ms of CPU per
// request building them); they are immutable, so each kind × language × zone is built once.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(key: string, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${key}|${locale}|${options.timeZone ?? ''}`;
  let f = dateTimeFormats.get(k);
  if (!f) dateTimeFormats.set(k, (f = new Intl.DateTimeFormat(intlLocale[locale], options)));
  return f;
}
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, currency: string | null | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${currency === undefined ? '-' : (currency ?? '')}`;
  let f = numberFormats.get(k);
  if (!f) numberFormats.set(k, (f = new Intl.NumberFormat(intlLocale[locale], options)));
  return f;
}

/** A moment (UTC timestamp) in the viewer's zone, with the zone named: "29.03.2026, 03:30 CEST". */
export function formatDateTime(at: Date | string, locale: Locale, zone: TimeZone = timeZoneFor(locale)): string {
  return dateTimeFormat('datetime', locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(toDate(at));
}

/**
 * A calendar date. A plain `YYYY-MM-DD` (a period's first day) names a day, not a moment, and is
 * shown as that day everywhere; a timestamp is shown as the day it is in the viewer's zone.
 */
export function formatDate(at: Date | string, locale: Locale, zone: TimeZone = timeZoneFor(locale)): string {
  const isDay = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at);
  return dateTimeFormat('date', locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: isDay ? 'UTC' : zone,
  }).format(isDay ? new Date(`${at}T00:00:00Z`) : toDate(at));
}

/** The time of day of a moment in the viewer's zone ("14:05"). */
export function formatTime(at: Date | string, locale: Locale, zone: TimeZone = timeZoneFor(locale)): string {
  return dateTimeFormat('time', locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(toDate(at));
}

export function formatNumber(n: number, locale: Locale): string {
  return numberFormat(locale, undefined, {}).format(n);
}

/** Integer minor units as a decimal string ("-150050" → "-1500.50"), exact for any safe integer. */
export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** Money from minor units: `1 500,00 kr`, `1 500,00 €`, `NOK 1,500.00`; without a currency just the amount. */
export function formatMoney(minor: number | null, currency: string | null, locale: Locale): string {
  if (minor === null) return '';
  // A decimal string keeps large amounts exact (no float division by 100).
  const amount = minorToDecimal(minor) as unknown as number;
  const options: Intl.NumberFormatOptions = currency
    ? { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return numberFormat(locale, currency, options).format(amount);
}

/** The forms of a counted phrase; `{count}` is filled with the formatted number. */
export interface PluralMessage {
  one: Message;
  other: Message;
}

/** "1 membership" / "2 memberships" by the language's plural rules (nb, sv, fi and en have one and other). */
export function formatCount(n: number, locale: Locale, forms: PluralMessage): string {
  const rule = new Intl.PluralRules(intlLocale[locale]).select(n);
  const text = rule === 'one' ? forms.one : forms.other;
  return format(text[locale], { count: formatNumber(n, locale) });
}
