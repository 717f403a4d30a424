import { z } from 'zod';
import { normalizeNationalId, type Country } from '../national-id.js';
import { naceDivisionOf } from '../registry.service.js';

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

/** Optional text: absent, null or blank become null. Numbers are accepted as text (postcodes). */
export const zText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => cleanText(v));

/** Required, non-blank text. */
export const zRequiredText = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const s = cleanText(v);
  if (s === null) {
    ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    return z.NEVER;
  }
  return s;
});

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
  .nullish()
  .transform((v, ctx) => {
    const s = cleanText(v);
    if (s === null) return null;
    const day = s.slice(0, 10);
    if (!isRealDate(day)) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a date (expected yyyy-mm-dd)` });
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
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a number of employees` });
      return z.NEVER;
    }
    return n;
  });

export const zBoolean = z.boolean().nullish();

/** A national number with its check digit verified; the output is the stored form. */
export function zNationalId(country: Country) {
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
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

/** zod issues → field/message pairs with the path written `a.b.0.c`. */
export function issuesOf(error: z.ZodError, prefix = ''): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(record)', message: i.message }));
}
