import { formatMoney as formatMinorMoney, intlLocale } from '../../shared/i18n/format.js';
import { formatNationalId, type Country } from '../registry/national-id.js';
import type { Locale } from '../../shared/i18n/i18n.js';

export { intlLocale };

export const formatNumber = (locale: Locale, n: number, digits = 0) =>
  new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

/** "2019-04-01" (a calendar date, no time zone) → "1. april 2019" / "1 April 2019". */
export function formatDate(locale: Locale, isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** Money in minor units (øre, öre, cents) → "149,00 kr" (the shared helper, exact for any amount). */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  return formatMinorMoney(minor, currency, locale);
}

/** Localised weekday name, 1 = Monday … 7 = Sunday. */
export function dayName(locale: Locale, day: number): string {
  // 2024-01-01 was a Monday.
  const d = new Date(Date.UTC(2024, 0, day));
  const name = new Intl.DateTimeFormat(intlLocale[locale], { weekday: 'long', timeZone: 'UTC' }).format(d);
  return name.charAt(0).toLocaleUpperCase(intlLocale[locale]) + name.slice(1);
}

/** Name of a language (description languages) in the reader's language: "svensk", "Swedish". */
export function languageName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([intlLocale[locale]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(locale: Locale, country: string): string {
  try {
    return new Intl.DisplayNames([intlLocale[locale]], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

export const formatOrgnr = (country: string, value: string) => formatNationalId(country as Country, value);

/** The main language of each country: the fallback for a description. */
export const countryLanguage: Record<string, string> = { NO: 'nb', SE: 'sv', FI: 'fi' };

/**
 * The description to show: the reader's language, else the firm's own, else any; with the
 * language it is written in (marked with `lang` on the page).
 */
export function pickDescription(description: Record<string, string>, locale: Locale, country: string): { lang: string; text: string } | null {
  for (const lang of [locale, countryLanguage[country], 'en', ...Object.keys(description)]) {
    if (lang && description[lang]?.trim()) return { lang, text: description[lang] };
  }
  return null;
}

/** The current query with one parameter set (or removed when `value` is undefined); the page is reset. */
export function withParam(current: URLSearchParams, key: string, value: string | undefined, keepPage = false): string {
  const next = new URLSearchParams(current);
  if (!keepPage) next.delete('page');
  if (value === undefined || value === '') next.delete(key);
  else next.set(key, value);
  const s = next.toString();
  return s ? `?${s}` : '?';
}
