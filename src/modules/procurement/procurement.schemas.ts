import { z } from 'zod';
import { blankToNull, dateQuery, divisionQuery, parseMoneyToMinor, plainText, wholeNumber } from '../../shared/forms.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { msg } from './procurement.messages.js';
import type { MatchReason } from './procurement.matching.js';
import type { NoticeRow } from './procurement.repository.js';
import type { ParsedAward, ParsedLot } from './procurement.notice.js';

/** Requests and forms of the procurement module (zod), and the DTOs pages and the API see. */
export const fieldLabels = (l: Locale): Record<string, string> => ({
  cpv: msg.f_cpv[l],
  keywords: msg.f_keywords[l],
  digest: msg.f_digest[l],
  name: msg.f_name[l],
  lot: msg.f_lot[l],
  firm: msg.f_firm[l],
  national_id: msg.nationalId[l],
  role: msg.role[l],
  share: msg.share[l],
  body: msg.f_body[l],
  item: msg.f_item[l],
  status: msg.f_status[l],
  value: msg.f_value[l],
  coach: msg.f_coach[l],
  division: msg.cpvDivision[l],
  county: msg.county[l],
  from: msg.f_from[l],
  to: msg.f_to[l],
  page: msg.f_page[l],
});

const optionalWhole = (min: number, max: number) => z.preprocess(blankToNull, wholeNumber(min, max).nullable().optional()).transform((v) => v ?? null);

export const noticeListQuery = z.object({
  division: divisionQuery,
  county: z
    .preprocess(
      blankToNull,
      z
        .string()
        .regex(/^(NO|SE|FI):\d{2}$/)
        .nullable()
        .optional(),
    )
    .transform((v) => v ?? undefined),
  from: dateQuery,
  to: dateQuery,
  status: z.preprocess(blankToNull, z.enum(['open', 'all']).nullable().optional()).transform((v) => v ?? 'open'),
  page: z.preprocess(blankToNull, wholeNumber(1, 10_000).nullable().optional()).transform((v) => v ?? 1),
  lang: z.string().optional(),
});
export type NoticeListQuery = z.output<typeof noticeListQuery>;

/** "45, 45210000; 71" → ['45', '45210000', '71'] (2, 3 or 8 digits, an optional "-7" check digit dropped). */
const cpvList = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(/[,;\s]+/)
      .map((x) => x.replace(/-\d$/, '').trim())
      .filter(Boolean),
  )
  .refine((xs) => xs.every((x) => /^(\d{2}|\d{3}|\d{8})$/.test(x)), { params: { text: errorMessages.invalidValue } })
  .refine((xs) => xs.length <= 30, { params: { text: errorMessages.invalidValue } })
  .transform((xs) => [...new Set(xs)]);

const keywordList = plainText(500)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().toLocaleLowerCase())
      .filter((x) => x.length >= 3),
  )
  .refine((xs) => xs.length <= 30, { params: { text: errorMessages.invalidValue } })
  .transform((xs) => [...new Set(xs)]);

export const interestsInput = z.object({
  cpv: z.preprocess((v) => v ?? '', cpvList),
  keywords: z.preprocess((v) => v ?? '', keywordList),
  digest: z.enum(['off', 'daily', 'weekly']),
});
export type InterestsInput = z.output<typeof interestsInput>;

export const groupCreateInput = z.object({
  firm: wholeNumber(1),
  lot: z.preprocess(blankToNull, plainText(100).nullable().optional()).transform((v) => v ?? null),
  name: plainText(200).pipe(z.string().min(2)),
});

export const inviteInput = z.object({
  national_id: plainText(20)
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^(\d{9}|\d{10}|\d{7}-\d)$/)),
  role: plainText(200).default(''),
  share: optionalWhole(0, 100),
});

export const answerInput = z.object({ answer: z.enum(['accept', 'decline']) });
export const messageInput = z.object({ body: plainText(5000).pipe(z.string().min(1)) });
export const checklistInput = z.object({ firm: wholeNumber(1), item: plainText(300).pipe(z.string().min(2)) });
export const checklistToggleInput = z.object({ done: z.enum(['yes', 'no']) });
export const statusInput = z.object({
  status: z.enum(['forming', 'bidding', 'submitted', 'won', 'lost', 'withdrawn']),
  value: z.preprocess(blankToNull, z.string().max(30).nullable().optional()).transform((v, ctx) => {
    if (v === null || v === undefined) return null;
    const minor = parseMoneyToMinor(v);
    if (minor === null) ctx.addIssue({ code: 'custom', params: { text: errorMessages.invalidValue } });
    return minor;
  }),
});
export const coachInput = z.object({ coach: wholeNumber(1) });

// ---- DTOs --------------------------------------------------------------------------------

export interface NoticeDto {
  id: number;
  source: 'eforms' | 'ocds';
  noticeNumber: string;
  kind: NoticeRow['kind'];
  noticeType: string;
  procedure: string | null;
  language: string | null;
  title: string;
  description: string | null;
  buyer: { name: string | null; nationalId: string | null; country: string | null };
  cpvMain: string | null;
  cpvCodes: string[];
  cpvDivisions: string[];
  naceDivisions: string[];
  nuts: string[];
  places: string[];
  countyKeys: string[];
  municipalityKeys: string[];
  countryKeys: string[];
  estimated: { minor: number; currency: string } | null;
  deadline: string | null;
  publishedAt: string | null;
  officialUrl: string;
  links: string[];
  lots: ParsedLot[];
  awards: ParsedAward[];
  localFirmCount: number | null;
  isDemo: boolean;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Where the official notice is read: Doffin for Norwegian notices, TED otherwise. */
export function officialUrlOf(r: Pick<NoticeRow, 'notice_number' | 'buyer_country' | 'source'>): string {
  if (r.buyer_country === 'NO') return `https://doffin.no/notices/${encodeURIComponent(r.notice_number)}`;
  if (r.buyer_country === 'FI') return `https://www.hankintailmoitukset.fi/fi/search?q=${encodeURIComponent(r.notice_number)}`;
  return `https://ted.europa.eu/en/search/result?FT=${encodeURIComponent(r.notice_number)}`;
}

export function toNoticeDto(r: NoticeRow): NoticeDto {
  return {
    id: Number(r.id),
    source: r.source,
    noticeNumber: r.notice_number,
    kind: r.kind,
    noticeType: r.notice_type,
    procedure: r.procedure,
    language: r.language,
    title: r.title,
    description: r.description,
    buyer: { name: r.buyer_name, nationalId: r.buyer_national_id, country: r.buyer_country },
    cpvMain: r.cpv_main,
    cpvCodes: r.cpv_codes,
    cpvDivisions: r.cpv_divisions,
    naceDivisions: r.activity_divisions,
    nuts: r.nuts,
    places: r.places,
    countyKeys: r.county_keys,
    municipalityKeys: r.municipality_keys,
    countryKeys: r.country_keys,
    estimated: r.estimated_minor !== null && r.currency ? { minor: Number(r.estimated_minor), currency: r.currency } : null,
    deadline: iso(r.deadline),
    publishedAt: iso(r.published_at),
    officialUrl: officialUrlOf(r),
    links: r.links,
    lots: r.lots,
    awards: r.awards,
    localFirmCount: r.local_firm_count,
    isDemo: r.is_demo,
  };
}

export interface NoticeMatchDto {
  notice: NoticeDto;
  reasons: MatchReason[];
}
