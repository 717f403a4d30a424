import { z } from 'zod';
import {
  blankToNull,
  dateQuery,
  idQuery,
  isoDate,
  municipalityQuery,
  optional,
  optionalEmail,
  optionalMunicipalityCode,
  optionalPlainText,
  optionalUrl,
  parseMoneyToMinor,
  plainText,
  wholeNumber,
} from '../../shared/forms.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { locales } from '../../shared/i18n/i18n.js';
import { isLocalDateTime } from '../../shared/i18n/zoned.js';
import type { FieldLabels } from '../../shared/http/validate.js';
import { msg } from './events.messages.js';
import type { EventAudience, EventKind, EventQuestion, EventStatus, RegistrationStatus } from './events.tables.js';

export const eventKinds: EventKind[] = ['workshop', 'webinar', 'meetup', 'fair', 'course_day', 'market'];
export const audiences: EventAudience[] = ['public', 'firms', 'members'];

const localTime = z
  .string()
  .trim()
  .refine((s) => isLocalDateTime(s) && Number(s.slice(0, 4)) >= 1900 && Number(s.slice(0, 4)) <= 2200, { params: { text: msg.notALocalTime } });
const optionalLocalTime = optional(localTime, null);
const optionalNumber = (min: number, max: number) =>
  z
    .preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .refine((s) => /^-?\d{1,3}(\.\d{1,8})?$/.test(s), { params: { text: errorMessages.notANumber }, abort: true })
        .transform(Number)
        .pipe(z.number().min(min).max(max))
        .nullable()
        .optional(),
    )
    .transform((v) => v ?? null);
const money = z
  .preprocess(
    blankToNull,
    z
      .string()
      .max(20)
      .transform((s, ctx) => {
        const minor = parseMoneyToMinor(s);
        if (minor === null) {
          ctx.addIssue({ code: 'custom', params: { text: errorMessages.notANumber } });
          return z.NEVER;
        }
        return minor;
      })
      .nullable()
      .optional(),
  )
  .transform((v) => (v ? v : null));

/** "Question?\nRequired question?*" → questions with stable keys q1, q2 … */
export function parseQuestions(text: string | null): EventQuestion[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)
    .map((line, i) => ({ key: `q${i + 1}`, text: line.replace(/\*$/, '').trim(), required: line.endsWith('*') }));
}
export const questionsToText = (qs: EventQuestion[]) => qs.map((q) => `${q.text}${q.required ? '*' : ''}`).join('\n');

export function parseTags(text: string | null): string[] {
  if (!text) return [];
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].slice(0, 12);
}

/** The organiser's event form (wall times in the lead organisation's zone). */
export const eventInputSchema = z
  .object({
    organisation_id: wholeNumber(1),
    title_nb: optionalPlainText(200),
    title_sv: optionalPlainText(200),
    title_fi: optionalPlainText(200),
    title_en: optionalPlainText(200),
    description_nb: optionalPlainText(5000),
    description_sv: optionalPlainText(5000),
    description_fi: optionalPlainText(5000),
    description_en: optionalPlainText(5000),
    kind: z.enum(eventKinds as [EventKind, ...EventKind[]]),
    starts_at: localTime,
    ends_at: localTime,
    address: optionalPlainText(300),
    municipality_code: optionalMunicipalityCode,
    latitude: optionalNumber(-90, 90),
    longitude: optionalNumber(-180, 180),
    online_url: optionalUrl(500),
    capacity: optional(wholeNumber(1, 100000), null),
    signup_opens_at: optionalLocalTime,
    signup_closes_at: optionalLocalTime,
    audience: z.enum(audiences as [EventAudience, ...EventAudience[]]),
    price: money,
    questions: optionalPlainText(2000),
    tags: optionalPlainText(300),
  })
  .superRefine((v, ctx) => {
    if (!locales.some((l) => v[`title_${l}` as const])) ctx.addIssue({ code: 'custom', path: ['title_en'], params: { text: msg.oneTitle } });
    if (v.ends_at <= v.starts_at) ctx.addIssue({ code: 'custom', path: ['ends_at'], params: { text: msg.endBeforeStart } });
    if (!v.address && !v.online_url) ctx.addIssue({ code: 'custom', path: ['address'], params: { text: msg.placeOrLink } });
    if (v.signup_opens_at && v.signup_closes_at && v.signup_closes_at <= v.signup_opens_at)
      ctx.addIssue({ code: 'custom', path: ['signup_closes_at'], params: { text: msg.endBeforeStart } });
  });
export type EventFormInput = z.output<typeof eventInputSchema>;

export const eventFieldLabels: FieldLabels = {
  organisation_id: msg.organisation,
  title_en: msg.title,
  kind: msg.kind,
  starts_at: msg.startsAt,
  ends_at: msg.endsAt,
  address: msg.address,
  municipality_code: msg.municipality,
  latitude: msg.latitude,
  longitude: msg.longitude,
  online_url: msg.onlineUrl,
  capacity: msg.capacity,
  signup_opens_at: msg.signupOpens,
  signup_closes_at: msg.signupCloses,
  audience: msg.audience,
  price: msg.price,
  questions: msg.questions,
  tags: msg.tags,
  name: msg.name,
  email: msg.email,
  national_id: msg.nationalId,
  firm_id: msg.firm,
  code: msg.code,
  subject: msg.subject,
  body: msg.body,
  q: msg.searchName,
};

/** Sign-up: as a firm's person (firm_id of a firm they manage) or as a guest (name, e-mail, optional org number). */
export const signUpSchema = z.object({
  name: plainText(200).min(1),
  email: z.string().trim().max(254).email(),
  firm_id: optional(wholeNumber(1), null),
  national_id: z
    .preprocess(blankToNull, z.string().trim().max(20).nullable().optional())
    .transform((v) => (v ? v.replace(/[\s.]/g, '').toUpperCase() : null))
    .refine((v) => v === null || /^[0-9A-Z-]{6,12}$/.test(v), { params: { text: errorMessages.invalidValue } }),
});

export const walkInSchema = z.object({
  name: plainText(200).min(1),
  email: optionalEmail,
  national_id: signUpSchema.shape.national_id,
});

export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(4)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export const messageSchema = z.object({ subject: plainText(200).min(1), body: z.string().trim().min(1).max(5000) });

const kindFilter = optional(z.enum(eventKinds as [EventKind, ...EventKind[]]), undefined);
/** The calendar's filters (also the feed's). */
export const calendarFilterSchema = z.object({
  municipality: municipalityQuery,
  kind: kindFilter,
  topic: z.preprocess(blankToNull, plainText(40).nullable().optional()).transform((v) => (v ? v.toLowerCase() : undefined)),
  from: dateQuery,
  to: dateQuery,
  free: z.preprocess(blankToNull, z.enum(['1', 'on', 'true']).nullable().optional()).transform((v) => !!v),
  org: idQuery,
  past: z.preprocess(blankToNull, z.enum(['1']).nullable().optional()).transform((v) => !!v),
  lang: z.string().optional(),
});
export type CalendarFilter = z.output<typeof calendarFilterSchema>;
export { isoDate };

// ---- DTOs ---------------------------------------------------------------------------

export interface EventDto {
  id: number;
  title: Record<string, string>;
  description: Record<string, string>;
  kind: EventKind;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  address: string | null;
  country: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  capacity: number | null;
  signupOpensAt: string | null;
  signupClosesAt: string | null;
  audience: EventAudience;
  priceMinor: number | null;
  currency: string | null;
  questions: EventQuestion[];
  tags: string[];
  status: EventStatus;
  isDemo: boolean;
  organisers: { id: number; name: string; isLead: boolean }[];
  confirmed: number;
  waiting: number;
}

export interface RegistrationDto {
  id: number;
  eventId: number;
  status: RegistrationStatus;
  name: string;
  email: string | null;
  firmId: number | null;
  firmName: string | null;
  nationalId: string | null;
  answers: Record<string, string>;
  walkIn: boolean;
  checkedInAt: string | null;
  noShow: boolean;
  createdAt: string;
  /** The short code shown in the confirmation (start of the token). */
  code: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toRegistrationDto(
  r: {
    id: number | string;
    event_id: number | string;
    status: RegistrationStatus;
    name: string;
    email: string | null;
    firm_id: number | string | null;
    national_id: string | null;
    answers: Record<string, string>;
    walk_in: boolean;
    checked_in_at: Date | null;
    no_show: boolean;
    created_at: Date;
    token: string;
  },
  firmName: string | null,
): RegistrationDto {
  return {
    id: Number(r.id),
    eventId: Number(r.event_id),
    status: r.status,
    name: r.name,
    email: r.email,
    firmId: r.firm_id === null ? null : Number(r.firm_id),
    firmName,
    nationalId: r.national_id,
    answers: r.answers ?? {},
    walkIn: r.walk_in,
    checkedInAt: iso(r.checked_in_at),
    noShow: r.no_show,
    createdAt: iso(r.created_at)!,
    code: codeOf(r.token),
  };
}

/** The code at the door: the token's first 8 characters, enough to find it among an event's registrations. */
export const codeOf = (token: string) => token.slice(0, 8).toUpperCase();
export { iso };
