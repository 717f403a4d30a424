import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import type {
  AcademyCourseTable,
  AcademyEnrolmentTable,
  AcademyLessonTable,
  CourseLevel,
  CourseTopic,
  LessonSnapshot,
  LocalisedText,
  QuizQuestion,
} from './academy.tables.js';

/** The academy's SQL; it names only the tables of academy.tables.ts. */

export type CourseRow = Selectable<AcademyCourseTable>;
export type LessonRow = Selectable<AcademyLessonTable>;
export type EnrolmentRow = Selectable<AcademyEnrolmentTable>;
const json = (v: unknown) => JSON.stringify(v);

// ---- courses ----------------------------------------------------------------------------

export interface CourseValues {
  topic: CourseTopic;
  level: CourseLevel;
  languages: string[];
  title: LocalisedText;
  summary: LocalisedText;
  watchSharePercent: number;
}

export async function insertCourse(db: Kysely<DB>, authorOrganisationId: number, v: CourseValues, createdBy: number | null, isDemo = false): Promise<number> {
  const row = await db
    .insertInto('academy_courses')
    .values({
      author_organisation_id: authorOrganisationId,
      topic: v.topic,
      level: v.level,
      languages: json(v.languages),
      title: json(v.title),
      summary: json(v.summary),
      watch_share_percent: v.watchSharePercent,
      published_version: null,
      is_demo: isDemo,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateCourse(db: Kysely<DB>, id: number, v: CourseValues): Promise<void> {
  await db
    .updateTable('academy_courses')
    .set({
      topic: v.topic,
      level: v.level,
      languages: json(v.languages),
      title: json(v.title),
      summary: json(v.summary),
      watch_share_percent: v.watchSharePercent,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export const findCourse = (db: Kysely<DB>, id: number) => db.selectFrom('academy_courses').selectAll().where('id', '=', id).executeTakeFirst();

/** The course row under a lock until the transaction ends: edits, reordering and publishing queue one after the other. */
export const lockCourse = (db: Kysely<DB>, id: number) => db.selectFrom('academy_courses').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();

export const listCoursesByAuthors = (db: Kysely<DB>, organisationIds: number[] | 'all') => {
  let q = db.selectFrom('academy_courses').selectAll().orderBy('id');
  if (organisationIds !== 'all') {
    if (!organisationIds.length) return Promise.resolve([]);
    q = q.where('author_organisation_id', 'in', organisationIds);
  }
  return q.execute();
};

export const listPublishedCourses = (db: Kysely<DB>) =>
  db.selectFrom('academy_courses').selectAll().where('published_version', 'is not', null).orderBy('topic').orderBy('id').execute();

export async function setPublishedVersion(db: Kysely<DB>, id: number, version: number): Promise<void> {
  await db.updateTable('academy_courses').set({ published_version: version, updated_at: new Date() }).where('id', '=', id).execute();
}

// ---- draft lessons ------------------------------------------------------------------------

export const listDraftLessons = (db: Kysely<DB>, courseId: number) =>
  db.selectFrom('academy_lessons').selectAll().where('course_id', '=', courseId).where('removed_at', 'is', null).orderBy('position').orderBy('id').execute();

export const findLesson = (db: Kysely<DB>, id: number) => db.selectFrom('academy_lessons').selectAll().where('id', '=', id).executeTakeFirst();

export interface LessonValues {
  title: LocalisedText;
  body: string;
  videoUrl: string | null;
  durationSeconds: number;
  quiz: QuizQuestion[];
}

export async function insertLesson(
  db: Kysely<DB>,
  courseId: number,
  v: LessonValues,
  extra: { videoFileId?: string; captions?: Record<string, string> } = {},
): Promise<number> {
  const next = await db
    .selectFrom('academy_lessons')
    .select(sql<number>`coalesce(max(position) + 1, 0)`.as('p'))
    .where('course_id', '=', courseId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('academy_lessons')
    .values({
      course_id: courseId,
      position: Number(next.p),
      title: json(v.title),
      body: v.body,
      video_url: v.videoUrl,
      video_file_id: extra.videoFileId ?? null,
      duration_seconds: v.durationSeconds,
      captions: json(extra.captions ?? {}),
      quiz: json(v.quiz),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateLesson(db: Kysely<DB>, id: number, v: LessonValues): Promise<void> {
  await db
    .updateTable('academy_lessons')
    .set({ title: json(v.title), body: v.body, video_url: v.videoUrl, duration_seconds: v.durationSeconds, quiz: json(v.quiz), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setLessonVideo(db: Kysely<DB>, id: number, fileId: string | null): Promise<void> {
  await db.updateTable('academy_lessons').set({ video_file_id: fileId, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function setLessonCaption(db: Kysely<DB>, id: number, language: string, fileId: string): Promise<void> {
  await db
    .updateTable('academy_lessons')
    .set({ captions: sql`captions || jsonb_build_object(${language}::text, ${fileId}::text)`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setLessonPositions(db: Kysely<DB>, orderedIds: number[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) await db.updateTable('academy_lessons').set({ position }).where('id', '=', id).execute();
}

export async function markLessonRemoved(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('academy_lessons').set({ removed_at: new Date() }).where('id', '=', id).execute();
}

// ---- versions -----------------------------------------------------------------------------

export async function insertVersion(db: Kysely<DB>, course: CourseRow, version: number, lessons: LessonSnapshot[], publishedBy: number | null): Promise<void> {
  await db
    .insertInto('academy_course_versions')
    .values({
      course_id: course.id,
      version,
      title: json(course.title),
      summary: json(course.summary),
      watch_share_percent: course.watch_share_percent,
      lessons: json(lessons),
      published_by: publishedBy,
    })
    .execute();
}

export const findVersion = (db: Kysely<DB>, courseId: number, version: number) =>
  db.selectFrom('academy_course_versions').selectAll().where('course_id', '=', courseId).where('version', '=', version).executeTakeFirst();

/** Published versions of several courses (each course's current one). */
export const findCurrentVersions = (db: Kysely<DB>, courseIds: number[]) =>
  courseIds.length
    ? db
        .selectFrom('academy_course_versions as v')
        .innerJoin('academy_courses as c', (j) => j.onRef('c.id', '=', 'v.course_id').onRef('c.published_version', '=', 'v.version'))
        .selectAll('v')
        .where('v.course_id', 'in', courseIds)
        .execute()
    : Promise.resolve([]);

/** Does any published version (current or older) name this file as a lesson's video or captions? */
export async function isFileInAnyVersion(db: Kysely<DB>, courseId: number, fileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('academy_course_versions')
    .select('version')
    .where('course_id', '=', courseId)
    .where(sql<boolean>`position(${fileId}::text in lessons::text) > 0`)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- offerings ----------------------------------------------------------------------------

export async function insertOffering(db: Kysely<DB>, organisationId: number, courseId: number, addedBy: number | null): Promise<boolean> {
  const r = await db
    .insertInto('academy_offerings')
    .values({ organisation_id: organisationId, course_id: courseId, added_by: addedBy })
    .onConflict((oc) => oc.columns(['organisation_id', 'course_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteOffering(db: Kysely<DB>, organisationId: number, courseId: number): Promise<void> {
  await db.deleteFrom('academy_offerings').where('organisation_id', '=', organisationId).where('course_id', '=', courseId).execute();
}

export const listOfferings = (db: Kysely<DB>, courseIds: number[]) =>
  courseIds.length ? db.selectFrom('academy_offerings').selectAll().where('course_id', 'in', courseIds).orderBy('added_at').execute() : Promise.resolve([]);

export const listOfferingsOf = (db: Kysely<DB>, organisationId: number) =>
  db.selectFrom('academy_offerings').selectAll().where('organisation_id', '=', organisationId).execute();

// ---- enrolments and progress ----------------------------------------------------------------

export const findEnrolment = (db: Kysely<DB>, courseId: number, userId: number) =>
  db.selectFrom('academy_enrolments').selectAll().where('course_id', '=', courseId).where('user_id', '=', userId).executeTakeFirst();

export const findEnrolmentById = (db: Kysely<DB>, id: number) => db.selectFrom('academy_enrolments').selectAll().where('id', '=', id).executeTakeFirst();

export const lockEnrolment = (db: Kysely<DB>, id: number) =>
  db.selectFrom('academy_enrolments').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();

export const findEnrolmentByCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('academy_enrolments').selectAll().where('certificate_code', '=', code).executeTakeFirst();

/** Enrols once: a second request (another tab, another device) finds the first enrolment. */
export async function insertEnrolment(
  db: Kysely<DB>,
  v: { courseId: number; userId: number; firmId: number | null; organisationId: number | null; isDemo?: boolean; enrolledAt?: Date },
): Promise<number> {
  await db
    .insertInto('academy_enrolments')
    .values({
      course_id: v.courseId,
      user_id: v.userId,
      firm_id: v.firmId,
      organisation_id: v.organisationId,
      is_demo: v.isDemo ?? false,
      ...(v.enrolledAt ? { enrolled_at: v.enrolledAt } : {}),
    })
    .onConflict((oc) => oc.columns(['course_id', 'user_id']).doNothing())
    .execute();
  const row = await findEnrolment(db, v.courseId, v.userId);
  return Number(row?.id);
}

export async function completeEnrolment(db: Kysely<DB>, id: number, version: number, code: string, at: Date): Promise<void> {
  await db
    .updateTable('academy_enrolments')
    .set({ completed_at: at, completed_version: version, certificate_code: code })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .execute();
}

export const listEnrolmentsOfUser = (db: Kysely<DB>, userId: number) =>
  db.selectFrom('academy_enrolments').selectAll().where('user_id', '=', userId).orderBy('enrolled_at', 'desc').execute();

export const listProgress = (db: Kysely<DB>, enrolmentId: number) =>
  db.selectFrom('academy_lesson_progress').selectAll().where('enrolment_id', '=', enrolmentId).execute();

/** The learner's progress row for a lesson, created when missing, locked until the transaction ends. */
export async function lockProgress(db: Kysely<DB>, enrolmentId: number, lessonId: number) {
  await db
    .insertInto('academy_lesson_progress')
    .values({ enrolment_id: enrolmentId, lesson_id: lessonId, watched: '[]' })
    .onConflict((oc) => oc.columns(['enrolment_id', 'lesson_id']).doNothing())
    .execute();
  return db
    .selectFrom('academy_lesson_progress')
    .selectAll()
    .where('enrolment_id', '=', enrolmentId)
    .where('lesson_id', '=', lessonId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function saveProgress(
  db: Kysely<DB>,
  enrolmentId: number,
  lessonId: number,
  v: { watched: [number, number][]; watchedSeconds: number; positionSeconds: number; quizPassedAt: Date | null; completedAt: Date | null },
): Promise<void> {
  await db
    .updateTable('academy_lesson_progress')
    .set({
      watched: json(v.watched),
      watched_seconds: v.watchedSeconds,
      position_seconds: v.positionSeconds,
      quiz_passed_at: v.quizPassedAt,
      completed_at: v.completedAt,
      updated_at: new Date(),
    })
    .where('enrolment_id', '=', enrolmentId)
    .where('lesson_id', '=', lessonId)
    .execute();
}

// ---- reports ----------------------------------------------------------------------------------

/** Per course: learners enrolled through the organisation, those completed, and distinct firms completed. */
export const reportOfOrganisation = (db: Kysely<DB>, organisationId: number) =>
  db
    .selectFrom('academy_enrolments')
    .select([
      'course_id',
      sql<number>`count(*)::int`.as('enrolled'),
      sql<number>`count(completed_at)::int`.as('completed'),
      sql<number>`count(distinct firm_id) filter (where completed_at is not null)::int`.as('firms_completed'),
    ])
    .where('organisation_id', '=', organisationId)
    .groupBy('course_id')
    .orderBy('course_id')
    .execute();

/** Per firm and course, through the organisation: learners enrolled, completed, and the first completion. */
export const firmReportOfOrganisation = (db: Kysely<DB>, organisationId: number) =>
  db
    .selectFrom('academy_enrolments')
    .select([
      'firm_id',
      'course_id',
      sql<number>`count(*)::int`.as('enrolled'),
      sql<number>`count(completed_at)::int`.as('completed'),
      sql<Date | null>`min(completed_at)`.as('first_completed_at'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('firm_id', 'is not', null)
    .groupBy(['firm_id', 'course_id'])
    .orderBy('firm_id')
    .orderBy('course_id')
    .limit(1000)
    .execute();

/** Firm-course completions, each pair counted once however many of the firm's people completed it. */
export async function countFirmCompletions(db: Kysely<DB>, f: { organisationId?: number; from?: Date; to?: Date }): Promise<number> {
  let q = db
    .selectFrom('academy_enrolments')
    .select(sql<number>`count(distinct (firm_id, course_id))::int`.as('n'))
    .where('firm_id', 'is not', null)
    .where('completed_at', 'is not', null);
  if (f.organisationId !== undefined) q = q.where('organisation_id', '=', f.organisationId);
  if (f.from) q = q.where('completed_at', '>=', f.from);
  if (f.to) q = q.where('completed_at', '<', f.to);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The courses a firm completed: its first completion of each. */
export const completionsOfFirm = (db: Kysely<DB>, firmId: number) =>
  db
    .selectFrom('academy_enrolments')
    .select(['course_id', sql<Date>`min(completed_at)`.as('completed_at')])
    .where('firm_id', '=', firmId)
    .where('completed_at', 'is not', null)
    .groupBy('course_id')
    .execute();

export const hasDemoCourses = async (db: Kysely<DB>) =>
  (await db.selectFrom('academy_courses').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()) !== undefined;

/** Funder reporting: per firm, the courses completed in [from, to) through these organisations' offerings (or these courses). */
export function completionsPerFirm(db: Kysely<DB>, q: { organisationIds: number[]; courseIds: number[]; from: Date; to: Date; timeZone: string }) {
  return db
    .selectFrom('academy_enrolments')
    .select([
      'firm_id',
      sql<number>`count(distinct course_id)::int`.as('courses'),
      sql<string>`(min(completed_at) at time zone ${q.timeZone})::date::text`.as('first_on'),
    ])
    .where('firm_id', 'is not', null)
    .where('completed_at', '>=', q.from)
    .where('completed_at', '<', q.to)
    .where(sql<SqlBool>`(organisation_id = any(${q.organisationIds.map(String)}::bigint[]) or course_id = any(${q.courseIds.map(String)}::bigint[]))`)
    .groupBy('firm_id')
    .orderBy('firm_id')
    .execute();
}

/** Courses by id (title, author), for tagging them to a funder-report project. */
export function coursesByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('academy_courses').select(['id', 'title', 'author_organisation_id']).where('id', 'in', ids).execute();
}

/** The demo's published courses (id, topic, version), oldest first. */
export const demoPublishedCourses = (db: Kysely<DB>) =>
  db
    .selectFrom('academy_courses')
    .select(['id', 'topic', 'published_version'])
    .where('is_demo', '=', true)
    .where('published_version', 'is not', null)
    .orderBy('id')
    .execute();

export const hasDemoEnrolments = async (db: Kysely<DB>) =>
  (await db.selectFrom('academy_enrolments').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()) !== undefined;
