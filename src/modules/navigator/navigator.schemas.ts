import { z } from 'zod';
import {
  blankToNull,
  idQuery,
  isoDate,
  municipalityQuery,
  optional,
  optionalPlainText,
  optionalUrl,
  parseMoneyToMinor,
  plainText,
  wholeNumber,
} from '../../shared/forms.js';
import type { FieldLabels } from '../../shared/http/validate.js';
import { msg } from './navigator.messages.js';
import { offerCountries, offerKinds, stateAidKinds, type OfferRecord } from './navigator.offer-types.js';

const text = (max: number) => z.string().max(max).nullable();
const nonNegative = z.number().finite().nonnegative();
const areaCodePattern = /^(NO|SE|FI)(:\d{2,4})?$/;
const naceCodePattern = /^([A-U]|\d{2}(\.\d{1,3})?)$/;
const areaCode = z.string().regex(areaCodePattern);
const naceCode = z.string().regex(naceCodePattern);

/** One offer as the data file, the JSON import and the export hold it (unknown facts are null, never guessed). */
export const offerRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/),
  provider: z.string().trim().min(1).max(200),
  provider_national_id: text(40),
  name: z.string().trim().min(1).max(300),
  name_en: text(300),
  country: z.enum(offerCountries),
  kind: z.enum(offerKinds),
  areas: z.array(z.string().max(500)).max(50),
  sectors_included: text(2000),
  sectors_excluded: text(2000),
  size_bounds: z
    .object({
      employees_min: z.number().int().nonnegative().optional(),
      employees_max: z.number().int().nonnegative().optional(),
      turnover_or_balance_max_eur: nonNegative.optional(),
      turnover_or_balance_max_sek: nonNegative.optional(),
      text: z.string().max(2000).optional(),
    })
    .nullable(),
  age_bounds: z
    .object({
      min_years: z.number().int().nonnegative().max(200).optional(),
      max_years: z.number().int().nonnegative().max(200).optional(),
      exception_max_years: z.number().int().nonnegative().max(200).optional(),
      text: z.string().max(2000).optional(),
    })
    .nullable(),
  stage: text(1000),
  amount_min: nonNegative.nullable(),
  amount_max: nonNegative.nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  aid_intensity: text(1000),
  deadline: text(1000),
  state_aid_basis: text(1000),
  url: z
    .string()
    .max(500)
    .regex(/^https?:\/\//)
    .nullable(),
  description: text(5000),
  description_local: text(5000),
  source: z.array(z.string().max(1000)).max(30),
  source_type: text(200),
  status_as_seen: text(1000),
  notes: text(5000),
  checked: isoDate.nullable(),
  verified: z.boolean().nullable(),
  match: z.object({
    area: z.object({ countries: z.array(z.enum(['NO', 'SE', 'FI'])), counties: z.array(areaCode), municipalities: z.array(areaCode) }).nullable(),
    nace_included: z.array(naceCode).max(200),
    nace_excluded: z.array(naceCode).max(200),
    deadline_date: isoDate.nullable(),
    opens_date: isoDate.nullable(),
    open_all_year: z.boolean(),
    no_longer_offered: z.boolean(),
    state_aid: z.enum(stateAidKinds).nullable(),
    age_max_inclusive: z.boolean(),
  }),
}) satisfies z.ZodType<OfferRecord>;

// ---- the public form -------------------------------------------------------------------

const optionalWhole = (max: number) => optional(wholeNumber(0, max), null);
const optionalText = (max: number) => optionalPlainText(max);

export const matchQuerySchema = z.object({
  country: optional(z.enum(['NO', 'SE', 'FI']), null),
  municipality: municipalityQuery.transform((v) => v ?? null),
  nace: optional(
    z
      .string()
      .trim()
      .regex(/^\d{2}(\.?\d{1,3})?$/),
    null,
  ),
  employees: optionalWhole(1_000_000),
  age: optionalWhole(500),
  turnover: z.preprocess(blankToNull, z.string().trim().max(20).nullable().optional()).transform((v, ctx) => {
    if (v === null || v === undefined) return null;
    const minor = parseMoneyToMinor(v);
    if (minor === null) {
      ctx.addIssue({ code: 'custom', params: { text: msg.moneyFormat } });
      return z.NEVER;
    }
    return Math.round(minor / 100);
  }),
  orgnr: z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .regex(/^[0-9 -]{6,20}$/)
        .nullable()
        .optional(),
    )
    .transform((v) => (v ? v.replace(/\D/g, '') : null)),
  /** A registry firm id (a link from the directory's firm page: /navigator?firm=123). */
  firm: idQuery,
  kind: optional(z.enum(offerKinds), null),
  provider: optionalText(200),
  lang: z.string().optional(),
});
export type MatchQuery = z.output<typeof matchQuerySchema>;

export const matchLabels: FieldLabels = {
  country: msg.country,
  municipality: msg.municipality,
  nace: msg.nace,
  employees: msg.employees,
  age: msg.ageYears,
  turnover: msg.turnover,
  orgnr: msg.nationalId,
  kind: msg.kind,
  provider: msg.provider,
  email: msg.email,
};

export const subscribeSchema = matchQuerySchema.extend({ email: z.string().trim().max(254).email() });

// ---- the de minimis ledger ----------------------------------------------------------------

const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^[A-Z]{3}$/.test(v), { params: { text: msg.currencyFormat } });

export const entrySchema = z.object({
  grantor: plainText(200).pipe(z.string().min(1)),
  granted_on: isoDate,
  amount: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const minor = parseMoneyToMinor(v);
      if (minor === null || minor <= 0) {
        ctx.addIssue({ code: 'custom', params: { text: msg.moneyFormat } });
        return z.NEVER;
      }
      return minor;
    }),
  currency: currencyCode,
  legal_basis: plainText(500).pipe(z.string().min(1)),
  origin: z.enum(['direct', 'case']).default('direct'),
  case_ref: optionalText(100),
  offer_key: optional(z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/), null),
});
export type EntryInput = z.output<typeof entrySchema>;

export const entryLabels: FieldLabels = {
  grantor: msg.grantor,
  granted_on: msg.grantedOn,
  amount: msg.amountLocal,
  currency: msg.currency,
  legal_basis: msg.legalBasis,
  origin: msg.recordedAs,
  case_ref: msg.caseRef,
};

export const rateSchema = z.object({
  currency: currencyCode.refine((v) => v !== 'EUR', { params: { text: msg.currencyFormat } }),
  rate_date: isoDate,
  per_eur: z
    .string()
    .trim()
    .transform((v) => v.replace(',', '.'))
    .refine((v) => /^\d{1,6}(\.\d{1,6})?$/.test(v) && Number(v) > 0, { params: { text: msg.rateFormat } }),
  back: z
    .string()
    .regex(/^\/navigator\/firms\/\d{1,15}$/)
    .optional(),
});
export const rateLabels: FieldLabels = { currency: msg.currency, rate_date: msg.rateDate, per_eur: msg.perEur };

// ---- admin -------------------------------------------------------------------------------

const codeList = (pattern: RegExp) =>
  z
    .string()
    .max(4000)
    .transform((v) =>
      v
        .split(/[,\s]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern)).max(200));

export const offerEditSchema = z.object({
  version: wholeNumber(1),
  name: plainText(300).pipe(z.string().min(1)),
  name_en: optionalText(300),
  description_local: optionalText(5000),
  description: optionalText(5000),
  url: optionalUrl(500),
  checked: isoDate,
  deadline_date: optional(isoDate, null),
  open_all_year: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  no_longer_offered: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  amount_max: optionalWhole(1_000_000_000_000),
  employees_min: optionalWhole(1_000_000),
  employees_max: optionalWhole(1_000_000),
  nace_included: codeList(naceCodePattern),
  nace_excluded: codeList(naceCodePattern),
  area_codes: codeList(areaCodePattern),
});
export type OfferEdit = z.output<typeof offerEditSchema>;

export const offerEditLabels: FieldLabels = {
  name: msg.nameLocal,
  name_en: msg.nameEn,
  description_local: msg.descriptionLocal,
  description: msg.descriptionEn,
  url: msg.url,
  checked: msg.checked,
  deadline_date: msg.deadlineDate,
  amount_max: msg.amountMax,
  employees_min: msg.employeesMin,
  employees_max: msg.employeesMax,
  nace_included: msg.naceIncluded,
  nace_excluded: msg.naceExcluded,
  area_codes: msg.areaCodes,
};

export const contactSchema = z.object({ provider: plainText(200).pipe(z.string().min(1)), email: z.string().trim().max(254).email() });
export const contactLabels: FieldLabels = { provider: msg.provider, email: msg.contactEmail };
