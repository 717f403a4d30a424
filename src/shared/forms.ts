import { z } from 'zod';

/** Field schemas for HTML forms shared by modules: an empty field means "not given". */
export const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');

export const optionalEmail = z.preprocess(blankToNull, z.string().trim().max(254).email('must be an e-mail address').nullable().optional()).transform((v) => v ?? null);
export const optionalPhone = z
  .preprocess(blankToNull, z.string().trim().max(40).regex(/^[+0-9 ()\-]{4,40}$/, 'must be a phone number').nullable().optional())
  .transform((v) => v ?? null);
export const optionalWebsite = z
  .preprocess(blankToNull, z.string().trim().max(300).url('must be a web address').refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://').nullable().optional())
  .transform((v) => v ?? null);

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
