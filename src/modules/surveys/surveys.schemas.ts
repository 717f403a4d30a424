import { z } from 'zod';
import { blankToNull, isoDate, optionalEmail, optionalPhone, wholeNumber } from '../../shared/forms.js';
import { locales, type Locale, type Message } from '../../shared/i18n/i18n.js';
import { msg } from './surveys.messages.js';
import type { QuestionKind, QuestionOptions, SurveyAudience, SurveyStatus, Texts } from './surveys.tables.js';

/** Zod at the edges of the surveys module, and the DTOs its views read. */
const text = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable().optional());
const lines = (value: string | null | undefined) =>
  (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export const questionKinds: QuestionKind[] = ['single', 'multiple', 'scale', 'text', 'miss_local', 'municipality', 'map_point', 'spend_outside', 'group'];
export const audiences: SurveyAudience[] = ['public', 'members', 'invited'];

/** The survey form: a title per language (the languages with a title are the survey's), intro, parts, audience, dates, rules. */
export const surveyFormSchema = z
  .object({
    organisation: wholeNumber(1),
    ...Object.fromEntries(
      locales.flatMap((l) => [
        [`title_${l}`, text(200)],
        [`intro_${l}`, text(2000)],
        [`sections_${l}`, text(2000)],
      ]),
    ),
    audience: z.enum(['public', 'members', 'invited']),
    opens_on: z.preprocess(blankToNull, isoDate.nullable().optional()),
    closes_on: z.preprocess(blankToNull, isoDate.nullable().optional()),
    min_group_size: z.preprocess(blankToNull, wholeNumber(3, 1000).nullable().optional()),
    results_public: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  })
  .superRefine((v, ctx) => {
    const rec = v as Record<string, unknown>;
    if (!locales.some((l) => rec[`title_${l}`])) ctx.addIssue({ code: 'custom', path: [`title_${locales[0]}`], params: { text: msg.needTitle } });
    if (v.opens_on && v.closes_on && v.closes_on < v.opens_on) ctx.addIssue({ code: 'custom', path: ['closes_on'], params: { text: msg.closes } });
  })
  .transform((v) => {
    const rec = v as unknown as Record<string, string | null | undefined>;
    const languages = locales.filter((l) => rec[`title_${l}`]);
    const pick = (prefix: string) => Object.fromEntries(languages.filter((l) => rec[`${prefix}_${l}`]).map((l) => [l, rec[`${prefix}_${l}`]!])) as Texts;
    const sectionLines = Object.fromEntries(languages.map((l) => [l, lines(rec[`sections_${l}`])])) as Record<Locale, string[]>;
    const count = Math.max(0, ...languages.map((l) => sectionLines[l].length));
    const sections: Texts[] = Array.from({ length: count }, (_, i) =>
      Object.fromEntries(languages.map((l) => [l, sectionLines[l][i] ?? sectionLines[languages[0]][i] ?? ''])),
    );
    return {
      organisationId: v.organisation,
      title: pick('title'),
      intro: pick('intro'),
      sections,
      audience: v.audience as SurveyAudience,
      opensOn: v.opens_on ?? null,
      closesOn: v.closes_on ?? null,
      minGroupSize: v.min_group_size ?? 10,
      resultsPublic: v.results_public,
    };
  });
export type SurveyInput = z.output<typeof surveyFormSchema>;

export const surveyLabels: Record<string, Message> = {
  organisation: msg.organisation,
  audience: msg.audience,
  opens_on: msg.opens,
  closes_on: msg.closes,
  min_group_size: msg.minGroup,
  ...Object.fromEntries(locales.map((l) => [`title_${l}`, msg.title])),
};

/** A question as typed in the builder; the survey's languages decide which texts are needed. */
export const questionFormSchema = z.object({
  section: z.preprocess(blankToNull, wholeNumber(0, 49).nullable().optional()).transform((v) => v ?? 0),
  kind: z.enum(['single', 'multiple', 'scale', 'text', 'miss_local', 'municipality', 'map_point', 'spend_outside', 'group']),
  required: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  show_if: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^\d{1,15}:[A-Za-z0-9_-]{1,40}$/)
      .nullable()
      .optional(),
  ),
  scale_max: z.preprocess(blankToNull, wholeNumber(3, 10).nullable().optional()),
  ...Object.fromEntries(
    locales.flatMap((l) => [
      [`text_${l}`, text(500)],
      [`options_${l}`, text(4000)],
    ]),
  ),
});
export const questionLabels: Record<string, Message> = {
  section: msg.section,
  kind: msg.kind,
  show_if: msg.showIf,
  scale_max: msg.kind_scale,
  ...Object.fromEntries(
    locales.flatMap((l) => [
      [`text_${l}`, msg.question],
      [`options_${l}`, msg.optionsIn],
    ]),
  ),
};

export { lines as splitLines };

/** Contact details when the respondent opts in. */
export const contactSchema = z.object({
  contact_name: text(200),
  contact_email: optionalEmail,
  contact_phone: optionalPhone,
});

export const resultsQuerySchema = z.object({
  municipality: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^\d{3,4}$/)
      .nullable()
      .optional(),
  ),
  group: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .nullable()
      .optional(),
  ),
  by: z.preprocess(blankToNull, z.enum(['municipality', 'group', 'sector']).nullable().optional()),
});

export const tagsFormSchema = z.object({
  tags: z
    .preprocess(blankToNull, z.string().max(300).nullable().optional())
    .transform((v) =>
      [
        ...new Set(
          (v ?? '')
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ].slice(0, 10),
    )
    .refine((tags) => tags.every((t) => /^[\p{L}\p{N} _-]{1,40}$/u.test(t)), { params: { text: msg.tagsHint } }),
});

export const purposeSchema = z.object({ purpose: z.string().trim().min(3).max(300) });
export const invitationsFormSchema = z.object({ emails: z.string().max(60_000) });

export interface SurveyDto {
  id: number;
  organisationId: number;
  title: Texts;
  intro: Texts;
  sections: Texts[];
  languages: Locale[];
  audience: SurveyAudience;
  status: SurveyStatus;
  opensOn: string | null;
  closesOn: string | null;
  timeZone: string;
  publicToken: string;
  minGroupSize: number;
  resultsPublic: boolean;
  isDemo: boolean;
}

export interface QuestionDto {
  id: number;
  section: number;
  position: number;
  kind: QuestionKind;
  text: Texts;
  help: Texts;
  options: QuestionOptions;
  required: boolean;
  showIfQuestion: number | null;
  showIfValues: string[] | null;
}

/** A text in the reader's language, else in the survey's first language. */
export function pickText(texts: Texts | undefined, l: Locale, languages: Locale[] = []): string {
  if (!texts) return '';
  return texts[l] ?? languages.map((x) => texts[x]).find(Boolean) ?? Object.values(texts).find(Boolean) ?? '';
}
