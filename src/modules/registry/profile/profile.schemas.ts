import { pmsg } from './profile.messages.js';
import type { FieldLabels } from '../../../shared/http/validate.js';
import { format, localeNames, locales, type Message } from '../../../shared/i18n/i18n.js';
import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { z } from 'zod';
import { isCategoryKey } from '../../directory/data/categories.js';
import {
  blankToNull,
  idQuery,
  isoDate,
  optionalEmail,
  optionalPlainText,
  plainText,
  optionalPhone,
  optionalWebsite,
  parseMoneyToMinor,
} from '../../../shared/forms.js';

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
  /** An everyday category key (directory/data/categories.ts); empty: automatic. */
  category: z.preprocess(
    blankToNull,
    z
      .string()
      .refine((v) => isCategoryKey(v), { params: { text: pmsg.notACategory } })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
  ),
});
export type ProfileInput = z.output<typeof profileInputSchema>;

const time = z
  .string()
  .trim()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { params: { text: errorMessages.notATime } });
const optionalTime = z.preprocess(blankToNull, time.nullable().optional()).transform((v) => v ?? null);

/** The weekly form: opens_1 … closes_7 (Monday = 1); an empty pair means closed that day. */
export const weeklyHoursSchema = z
  .object(
    Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
        [`opens_${d}`, optionalTime],
        [`closes_${d}`, optionalTime],
      ]),
    ) as Record<string, typeof optionalTime>,
  )
  .transform((v, ctx) => {
    const weekly: { day: number; opens: string; closes: string }[] = [];
    for (let day = 1; day <= 7; day++) {
      const opens = v[`opens_${day}`];
      const closes = v[`closes_${day}`];
      if (!opens && !closes) continue;
      if (!opens || !closes) {
        ctx.addIssue({ code: 'custom', path: [opens ? `closes_${day}` : `opens_${day}`], params: { text: pmsg.giveBothTimes } });
        continue;
      }
      if (closes <= opens) {
        ctx.addIssue({ code: 'custom', path: [`closes_${day}`], params: { text: pmsg.afterOpening } });
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
    if (!v.opens || !v.closes) ctx.addIssue({ code: 'custom', path: ['opens'], params: { text: pmsg.timesOrClosed } });
    else if (v.closes <= v.opens) ctx.addIssue({ code: 'custom', path: ['closes'], params: { text: pmsg.afterOpening } });
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
        ctx.addIssue({ code: 'custom', params: { text: pmsg.amountFormat, values: { example: '249 / 249,50' } } });
        return z.NEVER;
      }
      return minor;
    }),
    currency: z.preprocess(blankToNull, z.enum(['NOK', 'SEK', 'EUR']).nullable().optional()).transform((v) => v ?? null),
  })
  .refine((v) => v.price === null || v.currency !== null, { path: ['currency'], params: { text: pmsg.requiredWithPrice } });
export type ProductInput = z.output<typeof productInputSchema>;

export const linkInputSchema = z.object({
  label: plainText(100).pipe(z.string().min(1)),
  url: z
    .string()
    .trim()
    .max(500)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), { params: { text: errorMessages.notAUrl } }),
});
export type LinkInput = z.output<typeof linkInputSchema>;

const days = [1, 2, 3, 4, 5, 6, 7] as const;
const dayName = (d: number): Message => (pmsg as Record<string, Message>)[`day${d}`];
/** "Opens at, Tuesday" in each language, for the weekly form's `opens_2`. */
const onDay = (what: Message, d: number): Message =>
  // Weekday names are lower case inside a sentence in nb, sv and fi, capitalised in English.
  Object.fromEntries(locales.map((l) => [l, format(what[l], { day: l === 'en' ? dayName(d)[l] : dayName(d)[l].toLowerCase() })])) as Message;

/** What a person calls each form field of the firm profile (in validation messages). */
export const fieldLabels: FieldLabels = {
  ...Object.fromEntries(
    days.flatMap((d) => [
      [`opens_${d}`, onDay(pmsg.opensOnDay, d)],
      [`closes_${d}`, onDay(pmsg.closesOnDay, d)],
    ]),
  ),
  ...Object.fromEntries(
    profileLanguages.map((lang) => [
      `description_${lang}`,
      Object.fromEntries(locales.map((l) => [l, format(pmsg.descriptionInLanguage[l], { language: localeNames[lang] })])) as Message,
    ]),
  ),
  email: pmsg.email,
  phone: pmsg.phone,
  website: pmsg.website,
  category: pmsg.category,
  date: pmsg.date,
  opens: pmsg.opens,
  closes: pmsg.closes,
  closed: pmsg.closedAllDay,
  note: pmsg.note,
  kind: pmsg.kind,
  name: pmsg.productName,
  description: pmsg.description,
  price: pmsg.price,
  currency: pmsg.currency,
  label: pmsg.linkLabel,
  url: pmsg.linkUrl,
  alt_text: pmsg.altText,
  image: pmsg.image,
};

export const imageMetaSchema = z.object({ alt_text: plainText(300).default('') });

export const hoursExceptionRemoveSchema = z.object({ date: isoDate });

/** Audit pages: `?before=<entry id>` pages back. */
export const auditQuerySchema = z.object({ before: idQuery });

export const decisionSchema = z.object({ decision: z.enum(['approve', 'reject']) });
