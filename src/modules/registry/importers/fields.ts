import { z } from 'zod';
import type { ErrorText, TextValues } from '../../../shared/errors.js';
import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { normalizeNationalId, type Country } from '../national-id.js';
import { naceDivisionOf } from '../registry.service.js';
import { importMessages } from './import.messages.js';

/**
 * zod building blocks shared by the register importers. Every value that reaches SQL is
 * checked here, so one odd record can never make a whole batch fail in the database
 * (PostgreSQL rejects NUL in text, impossible dates and integers beyond int4).
 */

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Trimmed text without control characters or lone surrogates (both fail in PostgreSQL); empty → null. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let s = String(value) as string & { isWellFormed(): boolean; toWellFormed(): string };
  if (!s.isWellFormed()) s = s.toWellFormed() as typeof s;
  s = s.replace(controlChars, '').trim() as typeof s;
  return s === '' ? null : s;
}

/**
 * Longest value (characters, after cleaning) each kind of imported field may have. A register
 * value beyond these is an error in the file; the limits also keep every value far below what a
 * B-tree index row can hold (~2 700 bytes), which failed whole runs before.
 */
export const maxLength = {
  name: 500,
  address: 300,
  postcode: 12,
  city: 100,
  code: 40,
  url: 500,
  email: 320,
  phone: 40,
  activity: 4000,
  /** Entries of a repeated field (names, address lines, activity lines, addresses). */
  entries: 50,
} as const;

/** A localised issue for zod's ctx.addIssue (issuesOf reads `params`). */
export function issue(text: ErrorText, values?: TextValues) {
  return { code: 'custom' as const, message: typeof text === 'string' ? text : text.en, params: { text, values } };
}

/** Adds a "too long" issue and returns true when `s` is longer than `max`. */
export function isTooLong(s: string, max: number, ctx: z.RefinementCtx): boolean {
  if (s.length <= max) return false;
  ctx.addIssue(issue(errorMessages.tooLong, { max }));
  return true;
}

/** Optional text of at most `max` characters: absent, null or blank become null. Numbers are accepted as text (postcodes). */
export const zText = (max: number) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v, ctx) => {
      // a value many times the limit is refused before it is copied by cleaning
      if (typeof v === 'string' && v.length > max * 4 + 1000 && isTooLong(v, max, ctx)) return z.NEVER;
      const s = cleanText(v);
      if (s !== null && isTooLong(s, max, ctx)) return z.NEVER;
      return s;
    });

/** Required, non-blank text of at most `max` characters. */
export const zRequiredText = (max: number) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    if (typeof v === 'string' && v.length > max * 4 + 1000 && isTooLong(v, max, ctx)) return z.NEVER;
    const s = cleanText(v);
    if (s === null) {
      ctx.addIssue(issue(errorMessages.required));
      return z.NEVER;
    }
    if (isTooLong(s, max, ctx)) return z.NEVER;
    return s;
  });

/** Up to `max` entries of a repeated register field. */
export const zList = <T extends z.ZodType>(item: T, max: number = maxLength.entries) => z.array(item).max(max);

/** A value quoted in a message: never more than a few dozen characters of it. */
export const quote = (v: unknown) => {
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** True when `yyyy-mm-dd` names a real calendar day (PostgreSQL would reject 2023-02-30). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Optional ISO date (a time part, as in "2024-06-17 12:12:45" or "…T…", is cut off). */
export const zDate = z
  .string()
  .max(40)
  .nullish()
  .transform((v, ctx) => {
    const s = cleanText(v);
    if (s === null) return null;
    const day = s.slice(0, 10);
    if (!isRealDate(day)) {
      ctx.addIssue(issue(importMessages.notADate, { value: quote(s) }));
      return z.NEVER;
    }
    return day;
  });

/** Optional head count; numbers in strings are accepted, anything negative or huge is not. */
export const zEmployees = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
      ctx.addIssue(issue(importMessages.notEmployees, { value: quote(v) }));
      return z.NEVER;
    }
    return n;
  });

export const zBoolean = z.boolean().nullish();

/** A national number with its check digit verified; the output is the stored form. */
export function zNationalId(country: Country) {
  return z.union([z.string().max(maxLength.code), z.number()]).transform((v, ctx) => {
    const r = normalizeNationalId(country, String(v));
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.value;
  });
}

/**
 * A sector code as the register gives it, and its NACE division. Codes that mean
 * "unknown" (SN2007 00.000, TOL 00000) give null.
 */
export function sectorOf(code: string | null | undefined): { nace_code: string | null; nace_division: string | null } {
  const c = cleanText(code);
  if (!c) return { nace_code: null, nace_division: null };
  const division = naceDivisionOf(c);
  if (!division || division === '00') return { nace_code: null, nace_division: null };
  return { nace_code: c, nace_division: division };
}

/** Compact key for duplicate detection (a number keeps 3 M keys in a few dozen MB). */
export function duplicateKey(nationalId: string): number {
  return Number(nationalId.replace(/\D/g, ''));
}

/** zod issues → field/message pairs with the path written `a.b.0.c`; lengths and our own messages localised. */
export function issuesOf(error: z.ZodError, prefix = ''): { field: string; message: ErrorText; values?: TextValues }[] {
  return error.issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(record)';
    const params = (i as { params?: { text?: ErrorText; values?: TextValues } }).params;
    if (params?.text) return { field, message: params.text, ...(params.values ? { values: params.values } : {}) };
    if (i.code === 'too_big' && (i.origin === 'string' || i.origin === 'array'))
      return { field, message: i.origin === 'array' ? importMessages.tooManyEntries : errorMessages.tooLong, values: { max: Number(i.maximum) } };
    return { field, message: i.message };
  });
}
