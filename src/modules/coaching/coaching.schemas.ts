import { z } from 'zod';
import {
  blankToNull,
  divisionQuery,
  idQuery,
  isoDate,
  municipalityQuery,
  optionalEmail,
  optionalPhone,
  optionalPlainText,
  parseMoneyToMinor,
  plainText,
  wholeNumber,
} from '../../shared/forms.js';
import { isLocalDateTime } from '../../shared/i18n/zoned.js';
import type { FieldLabels } from '../../shared/http/validate.js';
import {
  activityKinds,
  caseTypes,
  closeReasons,
  consentScopes,
  keysOf,
  meetingForms,
  needs,
  outcomeKinds,
  referralResults,
  statuses,
} from './coaching.codes.js';
import { msg } from './coaching.messages.js';

const optionalDate = z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? null);
const optionalId = z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? null);
const checkbox = z
  .preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean())
  .optional()
  .transform((v) => v ?? false);
const localDateTime = z
  .string()
  .trim()
  .refine((s) => isLocalDateTime(s), { params: { text: msg.notALocalTime } });

export const fieldLabels: FieldLabels = {
  organisation_id: msg.organisation,
  national_id: msg.nationalId,
  firm_id: msg.firm,
  title: msg.title,
  type: msg.type,
  needs: msg.needs,
  opened_on: msg.openedOn,
  follow_up_on: msg.followUpOn,
  coach_id: msg.secondCoach,
  user_id: msg.coach,
  status: msg.status,
  close_reason: msg.closeReason,
  kind: msg.kind,
  body: msg.body,
  meeting_at: msg.meetingAt,
  duration_minutes: msg.duration,
  meeting_form: msg.form,
  participants: msg.participants,
  task_owner_id: msg.owner,
  task_due_on: msg.dueOn,
  name: msg.name,
  role: msg.role,
  email: msg.email,
  phone: msg.phone,
  consent: msg.consentGiven,
  scope: msg.scope,
  given_by: msg.givenBy,
  given_on: msg.givenOn,
  valid_to: msg.validTo,
  occurred_on: msg.occurredOn,
  evidence: msg.evidence,
  programme: msg.programme,
  quantity: msg.quantity,
  amount: msg.amount,
  currency: msg.currency,
  to_organisation_id: msg.toOrganisation,
  to_body: msg.toBody,
  purpose: msg.purpose,
  shared_info: msg.sharedInfo,
  funding_amount: msg.fundingAmount,
  funding_currency: msg.fundingCurrency,
  over_ceiling_ok: msg.referAnyway,
  file: msg.file,
  decision: msg.decision,
  reason: msg.reason,
  result: msg.result,
  result_note: msg.body,
  starts_at: msg.startsAt,
  ends_at: msg.endsAt,
  responsible_id: msg.responsible,
  description: msg.description,
  municipalities: msg.municipalities,
  firms: msg.targetFirms,
  months: msg.months,
  municipality: msg.municipality,
  sector: msg.sector,
  need: msg.need,
  coach: msg.coach,
  sort: msg.sort,
  page: msg.next,
  view: msg.calendar,
  date: msg.occurredOn,
  format: msg.exportCsv,
  before: msg.next,
};

export const caseCreateSchema = z.object({
  organisation_id: wholeNumber(1),
  firm_id: optionalId,
  national_id: optionalPlainText(30),
  title: plainText(200).pipe(z.string().min(1)),
  type: z.enum(keysOf(caseTypes)),
  needs: z
    .array(z.enum(keysOf(needs)))
    .max(20)
    .default([]),
  opened_on: isoDate,
  follow_up_on: optionalDate,
  coach_id: optionalId,
});
export type CaseCreateInput = z.output<typeof caseCreateSchema>;

export const caseStatusSchema = z
  .object({
    status: z.enum(keysOf(statuses)),
    close_reason: z.preprocess(blankToNull, z.enum(keysOf(closeReasons)).nullable().optional()).transform((v) => v ?? null),
    follow_up_on: optionalDate,
  })
  .refine((v) => v.status !== 'closed' || v.close_reason !== null, { path: ['close_reason'], params: { text: msg.closeReasonRequired } });

export const addCoachSchema = z.object({ user_id: wholeNumber(1) });

const entryBase = { title: plainText(200).pipe(z.string().min(1)), body: z.preprocess((v) => v ?? '', plainText(20_000)) };
export const entrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('meeting'),
    ...entryBase,
    meeting_at: localDateTime,
    duration_minutes: wholeNumber(1, 1440),
    meeting_form: z.enum(keysOf(meetingForms)),
    participants: optionalPlainText(500),
  }),
  z.object({ kind: z.literal('note'), ...entryBase, is_private: checkbox }),
  z.object({ kind: z.literal('email'), ...entryBase, participants: optionalPlainText(500) }),
  z.object({ kind: z.literal('task'), title: entryBase.title, body: entryBase.body, task_owner_id: optionalId, task_due_on: isoDate }),
]);
export type EntryInput = z.output<typeof entrySchema>;

export const contactSchema = z.object({
  name: plainText(200).pipe(z.string().min(1)),
  role: optionalPlainText(100),
  email: optionalEmail,
  phone: optionalPhone,
  consent: checkbox.refine((v) => v, { params: { text: msg.consentRequired } }),
});

export const consentSchema = z
  .object({
    scope: z.enum(keysOf(consentScopes)),
    given_by: plainText(200).pipe(z.string().min(1)),
    given_on: isoDate,
    valid_to: optionalDate,
  })
  .refine((v) => v.valid_to === null || v.valid_to >= v.given_on, { path: ['valid_to'], params: { text: msg.endsBeforeStart } });

const money = z
  .preprocess(blankToNull, z.string().nullable().optional())
  .transform((v) => v ?? null)
  .refine((v) => v === null || parseMoneyToMinor(v) !== null, { params: { text: msg.notAnAmount } })
  .transform((v) => (v === null ? null : parseMoneyToMinor(v)));
const currency = z.preprocess(blankToNull, z.enum(['NOK', 'SEK', 'EUR']).nullable().optional()).transform((v) => v ?? null);

export const outcomeSchema = z
  .object({
    kind: z.enum(keysOf(outcomeKinds)),
    occurred_on: isoDate,
    evidence: z.preprocess((v) => v ?? '', plainText(2000)),
    programme: z.preprocess((v) => v ?? '', plainText(200)),
    quantity: z.preprocess(blankToNull, wholeNumber(1, 1_000_000).nullable().optional()).transform((v) => v ?? null),
    amount: money,
    currency,
  })
  .refine((v) => (v.amount === null) === (v.currency === null), { path: ['currency'], params: { text: msg.notAnAmount } });
export type OutcomeInput = z.output<typeof outcomeSchema>;

export const referralSchema = z
  .object({
    to_organisation_id: optionalId,
    to_body: optionalPlainText(200),
    purpose: plainText(2000).pipe(z.string().min(1)),
    shared_info: z.preprocess((v) => v ?? '', plainText(4000)),
    funding_amount: money,
    funding_currency: currency,
    over_ceiling_ok: checkbox,
  })
  .refine((v) => v.to_organisation_id !== null || v.to_body !== null, { path: ['to_organisation_id'], params: { text: msg.receiverRequired } })
  .refine((v) => (v.funding_amount === null) === (v.funding_currency === null), { path: ['funding_currency'], params: { text: msg.notAnAmount } });
export type ReferralInput = z.output<typeof referralSchema>;

export const documentSchema = z.object({
  title: optionalPlainText(200),
  body: z.preprocess((v) => v ?? '', plainText(20_000)),
});

export const referralDecisionSchema = z
  .object({ decision: z.enum(['accept', 'decline']), reason: optionalPlainText(1000) })
  .refine((v) => v.decision === 'accept' || v.reason !== null, { path: ['reason'], params: { text: msg.reasonRequired } });

export const referralResultSchema = z.object({
  result: z.enum(keysOf(referralResults)),
  result_note: optionalPlainText(2000),
  occurred_on: isoDate,
  programme: z.preprocess((v) => v ?? '', plainText(200)),
  amount: money,
  currency,
});

export const activitySchema = z.object({
  organisation_id: wholeNumber(1),
  title: plainText(200).pipe(z.string().min(1)),
  kind: z.enum(keysOf(activityKinds)),
  starts_at: localDateTime,
  ends_at: localDateTime,
  responsible_id: optionalId,
  description: z.preprocess((v) => v ?? '', plainText(4000)),
  municipalities: z
    .array(z.string().regex(/^\d{3,4}$/))
    .max(50)
    .default([]),
  firms: optionalPlainText(2000),
});
export type ActivityInput = z.output<typeof activitySchema>;

export const caseListQuerySchema = z.object({
  organisation: idQuery,
  municipality: municipalityQuery,
  sector: divisionQuery,
  need: z.preprocess(blankToNull, z.enum(keysOf(needs)).nullable().optional()).transform((v) => v ?? undefined),
  coach: idQuery,
  status: z
    .preprocess(
      blankToNull,
      z
        .enum([...keysOf(statuses), 'not_closed'])
        .nullable()
        .optional(),
    )
    .transform((v) => v ?? undefined),
  type: z.preprocess(blankToNull, z.enum(keysOf(caseTypes)).nullable().optional()).transform((v) => v ?? undefined),
  sort: z.preprocess(blankToNull, z.enum(['updated', 'opened', 'status', 'follow_up']).nullable().optional()).transform((v) => v ?? 'updated'),
  page: z.preprocess(blankToNull, wholeNumber(1, 10_000).nullable().optional()).transform((v) => v ?? 1),
  format: z.preprocess(blankToNull, z.enum(['csv', 'xlsx']).nullable().optional()).transform((v) => v ?? 'csv'),
  lang: z.string().optional(),
});
export type CaseListQuery = z.output<typeof caseListQuerySchema>;

export const homeQuerySchema = z.object({
  months: z.preprocess(blankToNull, wholeNumber(1, 60).nullable().optional()).transform((v) => v ?? 6),
  lang: z.string().optional(),
});

export const calendarQuerySchema = z.object({
  view: z.preprocess(blankToNull, z.enum(['month', 'week', 'list']).nullable().optional()).transform((v) => v ?? 'month'),
  date: z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? undefined),
  lang: z.string().optional(),
});

export const feedRenewSchema = z.object({ organisation_id: optionalId });
export const beforeQuerySchema = z.object({ before: idQuery, lang: z.string().optional() });
