import { z } from 'zod';
import { blankToNull, hasControlCharacters, optionalPlainText, optionalUrl, wholeNumber } from '../../shared/forms.js';
import type { FieldLabels } from '../../shared/http/validate.js';
import { locales } from '../../shared/i18n/i18n.js';
import { msg } from './academy.messages.js';
import type { CourseLevel, CourseTopic, LocalisedText } from './academy.tables.js';

export const topics = ['instagram', 'facebook', 'visual_merchandising', 'ecommerce', 'other'] as const satisfies readonly CourseTopic[];
export const levels = ['beginner', 'intermediate', 'advanced'] as const satisfies readonly CourseLevel[];
/** Lesson and caption languages: the platform's four. */
export const courseLanguages = locales;

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());
const textIn = (max: number) =>
  Object.fromEntries(courseLanguages.map((l) => [l, optionalPlainText(max)])) as Record<(typeof courseLanguages)[number], ReturnType<typeof optionalPlainText>>;

/** Titles per language in form fields `title_sv`, `title_en` …: at least one is needed. */
const localised = (prefix: string, max: number) => {
  const fields = textIn(max);
  return Object.fromEntries(courseLanguages.map((l) => [`${prefix}_${l}`, fields[l]]));
};
const pickLocalised = (v: Record<string, string | null>, prefix: string): LocalisedText =>
  Object.fromEntries(courseLanguages.flatMap((l) => (v[`${prefix}_${l}`] ? [[l, v[`${prefix}_${l}`] as string]] : [])));

export const courseInputSchema = z
  .object({
    ...localised('title', 160),
    ...localised('summary', 1000),
    ...Object.fromEntries(courseLanguages.map((l) => [`lang_${l}`, checkbox])),
    topic: z.enum(topics),
    level: z.enum(levels),
    watch_share_percent: z.preprocess(blankToNull, wholeNumber(10, 100).nullable().optional()),
  })
  .refine((v) => courseLanguages.some((l) => (v as Record<string, unknown>)[`title_${l}`]), { path: ['title_sv'], params: { text: msg.titleNeeded } })
  .refine((v) => courseLanguages.some((l) => (v as Record<string, unknown>)[`lang_${l}`]), { path: ['lang_sv'], params: { text: msg.languageNeeded } })
  .transform((v) => {
    const r = v as Record<string, unknown>;
    return {
      topic: v.topic,
      level: v.level,
      languages: courseLanguages.filter((l) => r[`lang_${l}`] === true),
      title: pickLocalised(r as Record<string, string | null>, 'title'),
      summary: pickLocalised(r as Record<string, string | null>, 'summary'),
      watchSharePercent: (v.watch_share_percent as number | null | undefined) ?? 90,
    };
  });
export type CourseInput = z.output<typeof courseInputSchema>;

export const courseCreateSchema = z.object({ organisation_id: wholeNumber(1) });

const longText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((t) => !hasControlCharacters(t.replace(/[\n\r\t]/g, '')), { params: { text: msg.badText } })
    .transform((t) => t.replace(/\r\n?/g, '\n').trim());

export const lessonInputSchema = z
  .object({
    ...localised('title', 160),
    body: z.preprocess((v) => v ?? '', longText(20000)),
    video_url: optionalUrl(500, { test: (u) => u.startsWith('https://'), text: msg.httpsOnly }),
    duration_seconds: wholeNumber(1, 14400),
    quiz: z.preprocess((v) => v ?? '', z.string().max(20000)),
  })
  .refine((v) => courseLanguages.some((l) => (v as Record<string, unknown>)[`title_${l}`]), { path: ['title_sv'], params: { text: msg.titleNeeded } })
  .transform((v) => ({
    title: pickLocalised(v as unknown as Record<string, string | null>, 'title'),
    body: v.body,
    videoUrl: v.video_url,
    durationSeconds: v.duration_seconds,
    quizText: v.quiz,
  }));

export const moveSchema = z.object({ direction: z.enum(['up', 'down']) });
export const captionsSchema = z.object({ language: z.enum(courseLanguages) });
export const videoFileSchema = z.object({ file_id: z.string().uuid() });
export const enrolSchema = z.object({
  firm_id: z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? null),
  organisation_id: z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? null),
});
export const offeringSchema = z.object({ course_id: wholeNumber(1) });
export const catalogueQuerySchema = z.object({ topic: z.preprocess(blankToNull, z.enum(topics).nullable().optional()).transform((v) => v ?? undefined) });
export const certificateCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** What the player reports: the stretches it played since the last report, and where it is. */
export const progressSchema = z.object({
  intervals: z
    .array(
      z.tuple([z.number().finite().min(0).max(86400), z.number().finite().min(0).max(86400)]).refine(([s, e]) => e >= s, { params: { text: msg.badInterval } }),
    )
    .max(200),
  position: z.number().finite().min(0).max(86400),
});
export type ProgressInput = z.output<typeof progressSchema>;

/** Quiz answers from the lesson form: fields `q1`, `q2` … holding option ids (checkboxes repeat the name). */
export const quizAnswersSchema = z.record(z.string().regex(/^q\d{1,2}$/), z.array(z.string().regex(/^q\d{1,2}o\d$/)).max(8));

export const fieldLabels: FieldLabels = {
  ...Object.fromEntries(
    courseLanguages.flatMap((l) => [
      [`title_${l}`, msg[`title_${l}`]],
      [`summary_${l}`, msg[`summary_${l}`]],
      [`lang_${l}`, msg.languages],
    ]),
  ),
  topic: msg.topic,
  level: msg.level,
  watch_share_percent: msg.watchShare,
  organisation_id: msg.organisation,
  body: msg.body,
  video_url: msg.videoUrl,
  duration_seconds: msg.duration,
  quiz: msg.quiz,
  video: msg.video,
  captions: msg.captions,
  language: msg.captionLanguage,
  firm_id: msg.firm,
  course_id: msg.course,
  intervals: msg.intervals,
  position: msg.position,
};
