import { z } from 'zod';
import { blankToNull, idQuery, isoDate, parseMoneyToMinor, plainText, wholeNumber } from '../../shared/forms.js';
import type { FieldLabels } from '../../shared/http/validate.js';
import { msg } from './giftcard.messages.js';
import { isValidIban } from './giftcard.pain001.js';
import type { GiftcardCardTable, GiftcardProgrammeTable, GiftcardShopTable } from './giftcard.tables.js';
import type { Selectable } from 'kysely';
import type { ProgrammeValues } from './giftcard.repository.js';

// ---- inputs --------------------------------------------------------------------------

/** Money typed by a person ("500", "180,50") → minor units; a positive amount of at most 1 000 000. */
const money = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const v = parseMoneyToMinor(s);
    if (v === null || v <= 0 || v > 100_000_000) {
      ctx.addIssue({ code: 'custom', params: { text: msg.notAnAmount } });
      return z.NEVER;
    }
    return v;
  });

const iban = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s/g, '').toUpperCase())
  .refine(isValidIban, { params: { text: msg.notAnIban } });
const bic = z
  .preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(s), { params: { text: msg.notABic } })
      .nullable()
      .optional(),
  )
  .transform((v) => v ?? null);

export const programmeFormSchema = z.object({
  name: plainText(120).pipe(z.string().min(1)),
  town: plainText(80).pipe(z.string().min(1)),
  country: z.enum(['NO', 'SE', 'FI']),
  currency: z.enum(['NOK', 'SEK', 'EUR']),
  values: z
    .string()
    .trim()
    .max(200)
    .transform((s, ctx) => {
      const parts = s.split(/[;\s]+/).filter(Boolean);
      const values = parts.map((p) => parseMoneyToMinor(p));
      if (!parts.length || parts.length > 12 || values.some((v) => v === null || v <= 0 || v > 100_000_000)) {
        ctx.addIssue({ code: 'custom', params: { text: msg.notValues } });
        return z.NEVER;
      }
      return [...new Set(values as number[])].sort((a, b) => a - b);
    }),
  validity_months: z.preprocess(blankToNull, wholeNumber(1, 600).nullable().optional()).transform((v) => v ?? null),
  fee_percent: z.preprocess(blankToNull, z.string().trim().nullable().optional()).transform((s, ctx) => {
    if (!s) return 0;
    const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
    if (!(bp >= 0 && bp <= 10000)) {
      ctx.addIssue({ code: 'custom', params: { text: msg.notAPercent } });
      return z.NEVER;
    }
    return bp;
  }),
  fee_fixed: z.preprocess(blankToNull, z.string().trim().nullable().optional()).transform((s, ctx) => {
    if (!s) return 0;
    const v = parseMoneyToMinor(s);
    if (v === null || v > 10_000_000) {
      ctx.addIssue({ code: 'custom', params: { text: msg.notAnAmount } });
      return z.NEVER;
    }
    return v;
  }),
  settlement_period: z.enum(['week', 'month']),
  issuer_iban: iban,
  issuer_bic: bic,
});

/** What the programme form gives the service: the values the repository stores. */
export type ProgrammeInput = ProgrammeValues;

export const toProgrammeInput = (organisationId: number, f: z.output<typeof programmeFormSchema>): ProgrammeInput => ({
  organisationId,
  name: f.name,
  town: f.town,
  country: f.country,
  currency: f.currency,
  allowedValuesMinor: f.values,
  validityMonths: f.validity_months,
  feeBasisPoints: f.fee_percent,
  feeFixedMinor: f.fee_fixed,
  settlementPeriod: f.settlement_period,
  issuerIban: f.issuer_iban,
  issuerBic: f.issuer_bic,
});

export const shopFormSchema = z.object({
  firm_id: wholeNumber(1),
  establishment_id: z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? null),
  name: z.preprocess(blankToNull, plainText(70).nullable().optional()).transform((v) => v ?? null),
  iban,
  bic,
  joined_on: isoDate,
});
export type ShopInput = {
  firmId: number;
  establishmentId: number | null;
  name: string | null;
  iban: string;
  bic: string | null;
  joinedOn: string;
  isDemo?: boolean;
};
export const toShopInput = (f: z.output<typeof shopFormSchema>): ShopInput => ({
  firmId: f.firm_id,
  establishmentId: f.establishment_id,
  name: f.name,
  iban: f.iban,
  bic: f.bic,
  joinedOn: f.joined_on,
});

export const shopLeaveSchema = z.object({ left_on: isoDate });

export const batchFormSchema = z.object({
  count: wholeNumber(1, 1000),
  value: money,
  buyer: plainText(120).pipe(z.string().min(1)),
  payment_reference: plainText(80).pipe(z.string().min(1)),
});
export type BatchInput = { count: number; valueMinor: number; buyer: string; paymentReference: string };
export const toBatchInput = (f: z.output<typeof batchFormSchema>): BatchInput => ({
  count: f.count,
  valueMinor: f.value,
  buyer: f.buyer,
  paymentReference: f.payment_reference,
});

/** A code as typed: anything printable up to 40 characters (the service says whether it is a code). */
export const codeSchema = plainText(40).pipe(z.string().min(1));
export const lookupSchema = z.object({ code: codeSchema });
/** The idempotency key the counter page generated when it was drawn (a retry sends the same). */
const key = z
  .string()
  .trim()
  .refine((s) => /^[A-Za-z0-9-]{8,64}$/.test(s), { params: { text: msg.badKey } });
export const redeemSchema = z.object({ code: codeSchema, amount: money, key });
export const reverseSchema = z.object({ entry_id: wholeNumber(1), key });
export const receiptMailSchema = z.object({ entry_id: wholeNumber(1), email: z.string().trim().max(254).email() });
export const reportQuerySchema = z.object({ shop: idQuery, lang: z.string().optional() });
export const settlementFormSchema = z.object({ period: isoDate, now: z.enum(['1']).optional() });
export const orderFormSchema = z.object({ value: wholeNumber(1, 100_000_000), email: z.string().trim().max(254).email() });
export const testPayAnswerSchema = z.object({ outcome: z.enum(['paid', 'failed']) });

export const fieldLabels: FieldLabels = {
  name: msg.name,
  town: msg.town,
  country: msg.country,
  currency: msg.currency,
  values: msg.values,
  validity_months: msg.validityMonths,
  fee_percent: msg.feePercent,
  fee_fixed: msg.feeFixed,
  settlement_period: msg.settlementPeriod,
  issuer_iban: msg.issuerIban,
  issuer_bic: msg.issuerBic,
  firm_id: msg.firm,
  establishment_id: msg.establishment,
  iban: msg.iban,
  bic: msg.bic,
  joined_on: msg.joinedOn,
  left_on: msg.leftOn,
  count: msg.count,
  value: msg.value,
  buyer: msg.buyer,
  payment_reference: msg.paymentReference,
  code: msg.code,
  amount: msg.amount,
  key: msg.code,
  entry_id: msg.redemption,
  email: msg.email,
  period: msg.period,
  outcome: msg.outcome,
  shop: msg.shop,
};

// ---- DTOs ----------------------------------------------------------------------------

/** A programme as stored (the repository's ProgrammeValues) with its id. */
export interface ProgrammeDto extends Omit<ProgrammeValues, 'isDemo'> {
  id: number;
  isDemo: boolean;
}

type ProgrammeRow = Omit<Selectable<GiftcardProgrammeTable>, 'created_at'>;
export const toProgrammeDto = (r: ProgrammeRow): ProgrammeDto => ({
  id: Number(r.id),
  organisationId: Number(r.organisation_id),
  name: r.name,
  town: r.town,
  country: r.country,
  currency: r.currency,
  allowedValuesMinor: r.allowed_values_minor.map(Number),
  validityMonths: r.validity_months,
  feeBasisPoints: r.fee_basis_points,
  feeFixedMinor: Number(r.fee_fixed_minor),
  settlementPeriod: r.settlement_period,
  issuerIban: r.issuer_iban,
  issuerBic: r.issuer_bic,
  isDemo: r.is_demo,
});

export interface ShopDto {
  id: number;
  programmeId: number;
  firmId: number;
  establishmentId: number | null;
  name: string;
  iban: string;
  bic: string | null;
  joinedOn: string;
  leftOn: string | null;
  isDemo: boolean;
}
export const toShopDto = (r: Omit<Selectable<GiftcardShopTable>, 'created_at'>): ShopDto => ({
  id: Number(r.id),
  programmeId: Number(r.programme_id),
  firmId: Number(r.firm_id),
  establishmentId: r.establishment_id === null ? null : Number(r.establishment_id),
  name: r.name,
  iban: r.iban,
  bic: r.bic,
  joinedOn: r.joined_on,
  leftOn: r.left_on,
  isDemo: r.is_demo,
});

export interface CardDto {
  id: number;
  programmeId: number;
  code: string;
  batchId: number | null;
  initialValueMinor: number;
  balanceMinor: number;
  expiresOn: string;
  isDemo: boolean;
  issuedAt: Date;
}
export const toCardDto = (r: Selectable<GiftcardCardTable>): CardDto => ({
  id: Number(r.id),
  programmeId: Number(r.programme_id),
  code: r.code,
  batchId: r.batch_id === null ? null : Number(r.batch_id),
  initialValueMinor: Number(r.initial_value_minor),
  balanceMinor: Number(r.balance_minor),
  expiresOn: r.expires_on,
  isDemo: r.is_demo,
  issuedAt: new Date(r.issued_at),
});
