import { viewMessages } from '../../shared/views/views.messages.js';
import { z } from 'zod';
import {
  blankToNull,
  dateQuery,
  idQuery,
  isoDate,
  optionalEmail,
  optionalPlainText,
  optionalPhone,
  optionalWebsite,
  parseMoneyToMinor,
} from '../../shared/forms.js';
import { msg } from './network.messages.js';
import type { MembershipStatus, OrganisationType } from './network.tables.js';

export { formatMinor, isoDate, parseMoneyToMinor } from '../../shared/forms.js';

export const organisationTypes = [
  'business_garden',
  'city_centre_partnership',
  'municipal_business_office',
  'inter_municipal_project',
  'retail_association',
  'funder',
  'partner_body',
] as const satisfies readonly OrganisationType[];

export const membershipStatuses = ['active', 'paused', 'ended'] as const satisfies readonly MembershipStatus[];
export const currencies = ['NOK', 'SEK', 'EUR'] as const;
export const countries = ['NO', 'SE', 'FI'] as const;

const optionalDate = z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? null);
const optionalText = optionalPlainText;
/** A period's end may not come before its start. */
const notBeforeStart = { path: ['valid_to'], params: { text: msg.notBeforeStart } };

export const organisationInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(organisationTypes),
  country: z.enum(countries),
  email: optionalEmail,
  phone: optionalPhone,
  website: optionalWebsite,
});
export type OrganisationInput = z.output<typeof organisationInputSchema>;

const municipalityCode = z
  .string()
  .trim()
  .refine((v) => /^\d{3,4}$/.test(v), { params: { text: msg.municipalityCodeFormat } });

export const coverageAddSchema = z
  .object({ municipality: municipalityCode, valid_from: isoDate, valid_to: optionalDate })
  .refine((v) => !v.valid_to || v.valid_to >= v.valid_from, notBeforeStart);
export type CoverageAdd = z.output<typeof coverageAddSchema>;

export const coverageEndSchema = z.object({ valid_to: isoDate });

const fee = z.preprocess(blankToNull, z.string().trim().max(20).nullable().optional()).transform((v, ctx) => {
  if (v == null) return null;
  const minor = parseMoneyToMinor(v);
  if (minor === null) {
    ctx.addIssue({ code: 'custom', params: { text: msg.amountFormat, values: { example: '1500 / 1500,50' } } });
    return z.NEVER;
  }
  return minor;
});

export const membershipInputSchema = z
  .object({
    tier: z.string().trim().min(1).max(60),
    status: z.enum(membershipStatuses),
    valid_from: isoDate,
    valid_to: optionalDate,
    fee,
    currency: z.preprocess(blankToNull, z.enum(currencies).nullable().optional()).transform((v) => v ?? null),
  })
  .refine((v) => !v.valid_to || v.valid_to >= v.valid_from, notBeforeStart)
  .refine((v) => (v.fee === null) === (v.currency === null) || v.fee === null, { path: ['currency'], params: { text: msg.requiredWithFee } });
export type MembershipInput = z.output<typeof membershipInputSchema>;

export const membershipCreateSchema = z
  .object({
    orgnr: z
      .string()
      .trim()
      .refine((v) => /^[0-9A-Za-z-]{6,15}$/.test(v), { params: { text: msg.orgnrFormat } }),
  })
  .and(membershipInputSchema);

export const memberFilterSchema = z.object({
  status: z.preprocess(blankToNull, z.enum(membershipStatuses).nullable().optional()).transform((v) => v ?? undefined),
  tier: z.preprocess(blankToNull, z.string().trim().max(60).nullable().optional()).transform((v) => v ?? undefined),
  municipality: z.preprocess(blankToNull, municipalityCode.nullable().optional()).transform((v) => v ?? undefined),
  on: z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? undefined),
});
export type MemberFilter = z.output<typeof memberFilterSchema>;

export const sharingInputSchema = z
  .object({
    to_organisation_id: z.coerce.number().int().positive(),
    scope: z
      .string()
      .trim()
      .refine((v) => /^[a-z][a-z_]{1,40}$/.test(v), { params: { text: msg.scopeFormat } }),
    valid_from: isoDate,
    valid_to: optionalDate,
    note: optionalText(500),
  })
  .refine((v) => !v.valid_to || v.valid_to >= v.valid_from, notBeforeStart);
export type SharingInput = z.output<typeof sharingInputSchema>;

/** Scopes that later modules consult; free text is allowed for new modules but these are offered. */
export const knownSharingScopes = ['coaching_cases', 'events', 'courses', 'reports'] as const;

export const staffRoleSchema = z.enum(['org_admin', 'coach', 'editor', 'analyst']);
export const staffAddSchema = z.object({ email: z.string().trim().toLowerCase().max(254).email(), role: staffRoleSchema });
export const staffRoleChangeSchema = z.object({ role: staffRoleSchema });

/** What a person calls each form field of this module (in validation messages). */
export const fieldLabels = {
  name: msg.name,
  type: msg.type,
  country: msg.country,
  email: msg.email,
  phone: msg.phone,
  website: msg.website,
  municipality: msg.municipality,
  valid_from: msg.validFrom,
  valid_to: msg.validTo,
  role: msg.role,
  orgnr: msg.orgnr,
  tier: msg.tier,
  status: msg.status,
  fee: msg.fee,
  currency: msg.currency,
  on: msg.validOn,
  to_organisation_id: msg.to,
  scope: msg.scope,
  note: msg.note,
  decision: msg.decision,
  offer: msg.membership,
  before: viewMessages.olderThan,
  logo: msg.logo,
};

export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export interface OrganisationDto {
  id: number;
  name: string;
  type: OrganisationType;
  country: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  hasLogo: boolean;
}

export function toOrganisationDto(row: Omit<OrganisationDto, 'hasLogo'> & { has_logo?: boolean | null }): OrganisationDto {
  return {
    id: Number(row.id),
    name: row.name,
    type: row.type,
    country: row.country,
    email: row.email,
    phone: row.phone,
    website: row.website,
    hasLogo: Boolean(row.has_logo),
  };
}

export interface CoverageDto {
  id: number;
  country: string;
  municipalityCode: string;
  municipalityName: string;
  validFrom: string;
  validTo: string | null;
  /** Only 'approved' periods have any effect; 'pending' ones overlap another organisation's coverage. */
  status: 'pending' | 'approved' | 'rejected';
}

/** Coverage overlapping another organisation's, waiting for a decision. */
export interface CoverageRequestDto extends CoverageDto {
  organisation: { id: number; name: string };
  overlapped: { id: number; name: string }[];
  requestedAt: string;
  canDecide: boolean;
}

/** A membership offered to a firm outside the organisation's coverage, waiting for the firm. */
export interface MembershipOfferDto {
  id: number;
  organisation: { id: number; name: string };
  firm: { id: number; name: string; orgnr: string };
  tier: string;
  validFrom: string;
  validTo: string | null;
  feeMinor: number | null;
  currency: string | null;
  requestedAt: string;
}

export const decisionSchema = z.object({ decision: z.enum(['approve', 'reject']) });
export const offerAnswerSchema = z.object({ offer: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER), decision: z.enum(['accept', 'decline']) });

export interface MembershipDto {
  id: number;
  organisationId: number;
  firm: { id: number; name: string; orgnr: string; country: string; municipalityCode: string | null; municipalityName: string | null };
  tier: string;
  status: MembershipStatus;
  validFrom: string;
  validTo: string | null;
  feeMinor: number | null;
  currency: string | null;
}

export interface MembershipVersionDto {
  version: number;
  tier: string;
  status: MembershipStatus;
  validFrom: string;
  validTo: string | null;
  feeMinor: number | null;
  currency: string | null;
  changedBy: number | null;
  changedAt: string;
}

export interface SharingAgreementDto {
  id: number;
  from: { id: number; name: string };
  to: { id: number; name: string };
  scope: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}

/** Query strings of the coverage and audit pages: a real date, an entry id (else 400 naming the field). */
export const coverageQuerySchema = z.object({ on: dateQuery });
export const auditQuerySchema = z.object({ before: idQuery });
