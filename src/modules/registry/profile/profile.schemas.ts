import { z } from 'zod';
import { blankToNull, idQuery, isoDate, optionalEmail, optionalPlainText, plainText, optionalPhone, optionalWebsite, parseMoneyToMinor } from '../../../shared/forms.js';

export const profileLanguages = ['nb', 'sv', 'fi', 'en'] as const;
export type ProfileLanguage = (typeof profileLanguages)[number];

const descriptionText = optionalPlainText(5000);

/**
 * What a firm's own people may change. Register facts (name, number, legal form, sector,
 * address, employees, status) are not in the schema, so a form that sends them is ignored.
 */
export const profileInputSchema = z.object({
  description_nb: descriptionText,
  description_sv: descriptionText,
  description_fi: descriptionText,
  description_en: descriptionText,
  email: optionalEmail,
  phone: optionalPhone,
  website: optionalWebsite,
});
export type ProfileInput = z.output<typeof profileInputSchema>;

const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');
const optionalTime = z.preprocess(blankToNull, time.nullable().optional()).transform((v) => v ?? null);

/** The weekly form: opens_1 … closes_7 (Monday = 1); an empty pair means closed that day. */
export const weeklyHoursSchema = z
  .object(Object.fromEntries([1, 2, 3, 4, 5, 6, 7].flatMap((d) => [[`opens_${d}`, optionalTime], [`closes_${d}`, optionalTime]])) as Record<string, typeof optionalTime>)
  .transform((v, ctx) => {
    const weekly: { day: number; opens: string; closes: string }[] = [];
    for (let day = 1; day <= 7; day++) {
      const opens = v[`opens_${day}`];
      const closes = v[`closes_${day}`];
      if (!opens && !closes) continue;
      if (!opens || !closes) {
        ctx.addIssue({ code: 'custom', path: [opens ? `closes_${day}` : `opens_${day}`], message: 'give both opening and closing time' });
        continue;
      }
      if (closes <= opens) {
        ctx.addIssue({ code: 'custom', path: [`closes_${day}`], message: 'must be after the opening time' });
        continue;
      }
      weekly.push({ day, opens, closes });
    }
    return weekly;
  });

export const hoursExceptionSchema = z
  .object({
    date: isoDate,
    closed: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    opens: optionalTime,
    closes: optionalTime,
    note: optionalPlainText(200),
  })
  .superRefine((v, ctx) => {
    if (v.closed) return;
    if (!v.opens || !v.closes) ctx.addIssue({ code: 'custom', path: ['opens'], message: 'give times or tick closed' });
    else if (v.closes <= v.opens) ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must be after the opening time' });
  });
export type HoursException = z.output<typeof hoursExceptionSchema>;

export const productInputSchema = z
  .object({
    kind: z.enum(['product', 'service']),
    name: plainText(200).pipe(z.string().min(1)),
    description: optionalPlainText(2000),
    price: z.preprocess(blankToNull, z.string().trim().max(20).nullable().optional()).transform((v, ctx) => {
      if (v == null) return null;
      const minor = parseMoneyToMinor(v);
      if (minor === null || minor > 2_000_000_000) {
        ctx.addIssue({ code: 'custom', message: 'must be an amount like 249 or 249,50' });
        return z.NEVER;
      }
      return minor;
    }),
    currency: z.preprocess(blankToNull, z.enum(['NOK', 'SEK', 'EUR']).nullable().optional()).transform((v) => v ?? null),
  })
  .refine((v) => v.price === null || v.currency !== null, { path: ['currency'], message: 'required with a price' });
export type ProductInput = z.output<typeof productInputSchema>;

export const linkInputSchema = z.object({
  label: plainText(100).pipe(z.string().min(1)),
  url: z
    .string()
    .trim()
    .max(500)
    .url('must be a web address')
    .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://'),
});
export type LinkInput = z.output<typeof linkInputSchema>;

export const imageMetaSchema = z.object({ alt_text: plainText(300).default('') });

export const hoursExceptionRemoveSchema = z.object({ date: isoDate });

/** Audit pages: `?before=<entry id>` pages back. */
export const auditQuerySchema = z.object({ before: idQuery });

export const decisionSchema = z.object({ decision: z.enum(['approve', 'reject']) });
