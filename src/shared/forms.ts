import { z } from 'zod';
import type { Message } from './i18n/i18n.js';
import { errorMessages } from './i18n/error.messages.js';
import { robustnessMessages } from './http/robustness.messages.js';

/** Field schemas for HTML forms shared by modules: an empty field means "not given". */
export const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** An optional field: blank or absent gives `missing` (null for a form's value, undefined for a query's filter). */
export const optional = <T extends z.ZodType, M>(schema: T, missing: M) =>
  z.preprocess(blankToNull, schema.nullable().optional()).transform((v) => v ?? missing);

/** C0 control characters except tab and line breaks, and DEL: never meant in a form value (NUL cannot even be stored). */
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const hasControlCharacters = (text: string): boolean => controlCharacters.test(text);

const noControl = { params: { text: errorMessages.controlCharacters } };

/** Text a person typed: trimmed, at most `max` characters, no control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlCharacters(s), noControl);
/** Optional text: blank means null. */
export const optionalPlainText = (max: number) => z.preprocess(blankToNull, plainText(max).nullable().optional()).transform((v) => v ?? null);

/** Years a date in this platform can sensibly have (PostgreSQL refuses year 0; 2024-02-30 is no day). */
export const minYear = 1900;
export const maxYear = 2200;

export const isoDate = z
  .string()
  .trim()
  .refine(
    (s) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { params: { text: errorMessages.notADate }, abort: true },
  )
  .refine((s) => Number(s.slice(0, 4)) >= minYear && Number(s.slice(0, 4)) <= maxYear, {
    params: { text: robustnessMessages.yearOutOfRange, values: { min: minYear, max: maxYear } },
  });

/** A whole number typed as text (`12`, not `1.5`, `-1`, `1e3` or `0x10`) within [min, max]. */
export const wholeNumber = (min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .refine((s) => /^-?\d{1,16}$/.test(s), { params: { text: errorMessages.notAWholeNumber }, abort: true })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** A row id in a query (`?before=123`): a positive integer that fits PostgreSQL's bigint and JS exactly. */
export const idQuery = z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? undefined);

/** An optional date in a query (`?on=2024-02-29`); blank means not given. */
export const dateQuery = z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? undefined);
/** A municipality code: 3 or 4 digits, spaces around ignored. */
const municipalityCode = z
  .string()
  .trim()
  .regex(/^\d{3,4}$/);
/** An optional municipality code in a query string (blank = not given). */
export const municipalityQuery = optional(municipalityCode, undefined);
/** An optional municipality code in a form (blank = null). */
export const optionalMunicipalityCode = optional(municipalityCode, null);
/** An optional two-digit division code in a query string (a NACE or CPV division, e.g. `47`; blank = not given). */
export const divisionQuery = optional(z.string().regex(/^\d{2}$/), undefined);

export const optionalEmail = z.preprocess(blankToNull, z.string().trim().max(254).email().nullable().optional()).transform((v) => v ?? null);
export const optionalPhone = z
  .preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(40)
      .refine((v) => /^[+0-9 ()\-]{4,40}$/.test(v), { params: { text: errorMessages.notAPhone } })
      .nullable()
      .optional(),
  )
  .transform((v) => v ?? null);
const httpAddress = { test: (u: string) => /^https?:\/\//i.test(u), text: errorMessages.notAUrl };
/**
 * An optional web address (blank = null): at most `max` characters, an absolute URL that `only`
 * accepts — by default any http(s) address; a module may narrow it (https only) with its own message.
 */
export const optionalUrl = (max: number, only: { test: (url: string) => boolean; text: Message } = httpAddress) =>
  optional(
    z
      .string()
      .trim()
      .max(max)
      .url()
      .refine(only.test, { params: { text: only.text } }),
    null,
  );
export const optionalWebsite = optionalUrl(300);

/** Money typed by a person ("1500", "1 500,50", "1500.5") → integer minor units, never through floats. */
export function parseMoneyToMinor(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Minor units → "1500.00" (+ currency), for people and CSV; no floats. */
export function formatMinor(minor: number | null, currency: string | null): string {
  if (minor === null) return '';
  const major = Math.trunc(minor / 100);
  const cents = String(minor % 100).padStart(2, '0');
  return `${major}.${cents}${currency ? ` ${currency}` : ''}`;
}
