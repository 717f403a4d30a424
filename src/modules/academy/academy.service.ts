import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { listFilesOf, type FileDto } from '../../shared/files/files.service.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { listAllOrganisations, organisationsCovering } from '../network/network.service.js';
import { firmSummaries } from '../registry/registry.service.js';
import { academyAccess, type CourseScope } from './academy.access.js';
import { captionsOwner, videoOwner } from './academy.files.js';
import { msg } from './academy.messages.js';
import { gradeQuiz, type QuizResult } from './academy.quiz.js';
import * as repo from './academy.repository.js';
import type { LessonSnapshot, LocalisedText } from './academy.tables.js';
import { addWatched, isWatchedEnough, secondsNeeded, type Interval } from './academy.watch.js';

export const inTransaction = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>) => db.transaction().execute(work);
export const notFound = () => new AppError('not_found', msg.noSuchCourse);

// ---- DTOs -----------------------------------------------------------------------------------

export interface OrgRef {
  id: number;
  name: string;
}

export interface CourseDto {
  id: number;
  title: LocalisedText;
  summary: LocalisedText;
  topic: repo.CourseRow['topic'];
  level: repo.CourseRow['level'];
  languages: string[];
  watchSharePercent: number;
  author: OrgRef;
  offeredBy: OrgRef[];
  publishedVersion: number | null;
  isDemo: boolean;
}

export interface LessonDto extends LessonSnapshot {
  /** Seconds a learner must actually watch. */
  secondsNeeded: number;
}

export interface ProgressDto {
  lessonId: number;
  watchedSeconds: number;
  positionSeconds: number;
  isQuizPassed: boolean;
  isDone: boolean;
}

export interface EnrolmentDto {
  id: number;
  courseId: number;
  firmId: number | null;
  organisationId: number | null;
  enrolledAt: string;
  completedAt: string | null;
  completedVersion: number | null;
  certificateCode: string | null;
}

const toEnrolmentDto = (r: repo.EnrolmentRow): EnrolmentDto => ({
  id: Number(r.id),
  courseId: Number(r.course_id),
  firmId: r.firm_id === null ? null : Number(r.firm_id),
  organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
  enrolledAt: new Date(r.enrolled_at).toISOString(),
  completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  completedVersion: r.completed_version,
  certificateCode: r.certificate_code,
});

export async function organisationNames(db: Kysely<DB>): Promise<Map<number, string>> {
  return new Map((await listAllOrganisations(db)).map((o) => [o.id, o.name]));
}

export async function toCourseDtos(db: Kysely<DB>, rows: repo.CourseRow[]): Promise<CourseDto[]> {
  const names = await organisationNames(db);
  const offerings = await repo.listOfferings(
    db,
    rows.map((r) => Number(r.id)),
  );
  const ref = (id: number): OrgRef => ({ id, name: names.get(id) ?? `#${id}` });
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    summary: r.summary,
    topic: r.topic,
    level: r.level,
    languages: r.languages,
    watchSharePercent: r.watch_share_percent,
    author: ref(Number(r.author_organisation_id)),
    offeredBy: offerings.filter((o) => Number(o.course_id) === Number(r.id)).map((o) => ref(Number(o.organisation_id))),
    publishedVersion: r.published_version,
    isDemo: r.is_demo,
  }));
}

export const scopeOf = (course: repo.CourseRow): CourseScope => ({ authorOrganisationId: Number(course.author_organisation_id) });
export const canAuthor = (user: SessionUser | undefined, course: { author: OrgRef } | repo.CourseRow) =>
  academyAccess.can(user, 'academy.course.author', {
    authorOrganisationId: 'author' in course ? course.author.id : Number(course.author_organisation_id),
  });

export const withNeeded = (lessons: LessonSnapshot[], share: number): LessonDto[] =>
  lessons.map((l) => ({ ...l, secondsNeeded: secondsNeeded(l.durationSeconds, share) }));

// ---- the catalogue and a learner's course -------------------------------------------------------

/** Published courses, for anyone: authorship and the organisations offering each. */
export async function catalogue(
  db: Kysely<DB>,
  filter: { topic?: repo.CourseRow['topic'] } = {},
): Promise<(CourseDto & { lessonCount: number; totalSeconds: number })[]> {
  const rows = (await repo.listPublishedCourses(db)).filter((r) => !filter.topic || r.topic === filter.topic);
  const versions = await repo.findCurrentVersions(
    db,
    rows.map((r) => Number(r.id)),
  );
  const courses = await toCourseDtos(db, rows);
  return courses.map((c) => {
    const lessons = versions.find((v) => Number(v.course_id) === c.id)?.lessons ?? [];
    return { ...c, lessonCount: lessons.length, totalSeconds: lessons.reduce((n, l) => n + l.durationSeconds, 0) };
  });
}

export interface LearnerCourse {
  course: CourseDto;
  lessons: LessonDto[];
  enrolment?: EnrolmentDto;
  progress: Map<number, ProgressDto>;
  /** Where to continue: the first lesson not done (undefined when all are). */
  nextLessonId?: number;
  canAuthor: boolean;
}

export async function currentLessons(db: Kysely<DB>, course: repo.CourseRow): Promise<LessonSnapshot[] | undefined> {
  if (course.published_version === null) return undefined;
  return (await repo.findVersion(db, Number(course.id), course.published_version))?.lessons;
}

function toProgressDtos(rows: Awaited<ReturnType<typeof repo.listProgress>>): Map<number, ProgressDto> {
  return new Map(
    rows.map((p) => [
      Number(p.lesson_id),
      {
        lessonId: Number(p.lesson_id),
        watchedSeconds: p.watched_seconds,
        positionSeconds: p.position_seconds,
        isQuizPassed: p.quiz_passed_at !== null,
        isDone: p.completed_at !== null,
      },
    ]),
  );
}

/** A published course with the person's enrolment and progress (public: anyone sees the lesson list). */
export async function learnerCourse(db: Kysely<DB>, user: SessionUser | undefined, courseId: number): Promise<LearnerCourse> {
  const row = await repo.findCourse(db, courseId);
  const lessons = row ? await currentLessons(db, row) : undefined;
  if (!row || !lessons) throw notFound();
  const [course] = await toCourseDtos(db, [row]);
  let enrolmentRow = user ? await repo.findEnrolment(db, courseId, user.id) : undefined;
  if (enrolmentRow && !enrolmentRow.completed_at) {
    // A version published since may have taken out the lessons still missing.
    await inTransaction(db, (trx) => completeIfAllDone(trx, Number(enrolmentRow?.id), row));
    enrolmentRow = await repo.findEnrolmentById(db, Number(enrolmentRow.id));
  }
  const progress = enrolmentRow ? toProgressDtos(await repo.listProgress(db, Number(enrolmentRow.id))) : new Map<number, ProgressDto>();
  return {
    course,
    lessons: withNeeded(lessons, course.watchSharePercent),
    enrolment: enrolmentRow ? toEnrolmentDto(enrolmentRow) : undefined,
    progress,
    nextLessonId: lessons.find((l) => !progress.get(l.id)?.isDone)?.id,
    canAuthor: canAuthor(user, row),
  };
}

/** The firms a learner may take a course for, with names. */
export async function learnerFirms(db: Kysely<DB>, user: SessionUser | undefined): Promise<OrgRef[]> {
  if (!user?.managedFirmIds.length) return [];
  const firms = await firmSummaries(db, user.managedFirmIds);
  return [...firms.values()].map((f) => ({ id: f.id, name: f.name }));
}

/**
 * Enrols the person (once; a second request finds the first enrolment). The firm must be one they
 * manage; the organisation one that offers the course — by default the offering organisation that
 * covers the firm's municipality, or the only one offering it.
 */
export async function enrol(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  courseId: number,
  input: { firmId: number | null; organisationId: number | null },
): Promise<number> {
  const person = academyAccess.requireAccess(user, 'academy.course.enrol', undefined);
  const row = await repo.findCourse(db, courseId);
  if (!row || row.published_version === null) throw notFound();
  if (input.firmId !== null && !person.managedFirmIds.includes(input.firmId))
    throw new AppError('validation', msg.notYourFirm, [{ field: 'firm_id', label: msg.firm, message: msg.notYourFirm }]);
  const offering = (await repo.listOfferings(db, [courseId])).map((o) => Number(o.organisation_id));
  let organisationId = input.organisationId;
  if (organisationId !== null && !offering.includes(organisationId))
    throw new AppError('validation', msg.notOffering, [{ field: 'organisation_id', label: msg.organisation, message: msg.notOffering }]);
  if (organisationId === null && input.firmId !== null) {
    const firm = (await firmSummaries(db, [input.firmId])).get(input.firmId);
    const covering = firm?.municipalityCode ? await organisationsCovering(db, firm.country, firm.municipalityCode) : [];
    organisationId = offering.find((id) => covering.includes(id)) ?? null;
  }
  if (organisationId === null && offering.length === 1) organisationId = offering[0];
  return repo.insertEnrolment(db, { courseId, userId: person.id, firmId: input.firmId, organisationId });
}

/** The person's enrolments with course titles and how far they are. */
export async function myCourses(db: Kysely<DB>, user: SessionUser | undefined) {
  const person = academyAccess.requireAccess(user, 'academy.course.enrol', undefined);
  const enrolments = await repo.listEnrolmentsOfUser(db, person.id);
  const rows = (await Promise.all(enrolments.map((e) => repo.findCourse(db, Number(e.course_id))))).filter((r): r is repo.CourseRow => !!r);
  const courses = await toCourseDtos(db, rows);
  const versions = await repo.findCurrentVersions(
    db,
    rows.map((r) => Number(r.id)),
  );
  return Promise.all(
    enrolments.map(async (e) => {
      const lessons = versions.find((v) => Number(v.course_id) === Number(e.course_id))?.lessons ?? [];
      const progress = toProgressDtos(await repo.listProgress(db, Number(e.id)));
      return {
        enrolment: toEnrolmentDto(e),
        course: courses.find((c) => c.id === Number(e.course_id)),
        lessonCount: lessons.length,
        doneCount: lessons.filter((l) => progress.get(l.id)?.isDone).length,
        nextLessonId: lessons.find((l) => !progress.get(l.id)?.isDone)?.id,
      };
    }),
  );
}

// ---- watching a lesson -----------------------------------------------------------------------

export interface LessonView {
  course: CourseDto;
  lesson: LessonDto;
  lessons: LessonDto[];
  progress?: ProgressDto;
  enrolment?: EnrolmentDto;
  /** An author looking at the draft: nothing is recorded. */
  isPreview: boolean;
}

/** A lesson of the current version for its learner (or an author); a signed-in person not enrolled gets 'not-enrolled'. */
export async function lessonForLearner(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  courseId: number,
  lessonId: number,
): Promise<LessonView | 'not-enrolled'> {
  const row = await repo.findCourse(db, courseId);
  const lessons = row ? await currentLessons(db, row) : undefined;
  const lesson = lessons?.find((l) => l.id === lessonId);
  if (!row || !lessons || !lesson) throw notFound();
  const enrolment = user ? await repo.findEnrolment(db, courseId, user.id) : undefined;
  if (user && !enrolment && !canAuthor(user, row)) return 'not-enrolled';
  academyAccess.requireAccess(user, 'academy.lesson.watch', { ...scopeOf(row), enrolledUserId: enrolment ? Number(enrolment.user_id) : undefined });
  const [course] = await toCourseDtos(db, [row]);
  const all = withNeeded(lessons, course.watchSharePercent);
  const progress = enrolment ? toProgressDtos(await repo.listProgress(db, Number(enrolment.id))) : new Map<number, ProgressDto>();
  return {
    course,
    lesson: all.find((l) => l.id === lessonId) as LessonDto,
    lessons: all,
    progress: progress.get(lessonId),
    enrolment: enrolment ? toEnrolmentDto(enrolment) : undefined,
    isPreview: !enrolment,
  };
}

/** Before reading what a learner sent: they are signed in (401) and enrolled in the course (403). */
export async function requireLearner(db: Kysely<DB>, user: SessionUser | undefined, courseId: number): Promise<void> {
  const person = academyAccess.requireAccess(user, 'academy.course.enrol', undefined);
  const enrolment = await repo.findEnrolment(db, courseId, person.id);
  academyAccess.requireAccess(person, 'academy.progress.record', { userId: enrolment ? Number(enrolment.user_id) : 0 });
}

interface LearnerContext {
  course: repo.CourseRow;
  lesson: LessonSnapshot;
  enrolment: repo.EnrolmentRow;
}

async function learnerContext(trx: Kysely<DB>, user: SessionUser | undefined, courseId: number, lessonId: number): Promise<LearnerContext> {
  if (!user) academyAccess.requireAccess(user, 'academy.course.enrol', undefined);
  const course = await repo.findCourse(trx, courseId);
  const lesson = course ? (await currentLessons(trx, course))?.find((l) => l.id === lessonId) : undefined;
  if (!course || !lesson) throw notFound();
  const found = await repo.findEnrolment(trx, courseId, (user as SessionUser).id);
  if (!found) throw new AppError('forbidden', msg.enrolFirst);
  academyAccess.requireAccess(user, 'academy.progress.record', { userId: Number(found.user_id) });
  const enrolment = await repo.lockEnrolment(trx, Number(found.id));
  if (!enrolment) throw notFound();
  return { course, lesson, enrolment };
}

/** Completes the enrolment when every lesson of the current version is done; returns whether it is complete. */
async function completeIfAllDone(trx: Kysely<DB>, enrolmentId: number, course: repo.CourseRow, now = new Date()): Promise<boolean> {
  const enrolment = await repo.lockEnrolment(trx, enrolmentId);
  if (!enrolment) return false;
  if (enrolment.completed_at) return true;
  const lessons = (await currentLessons(trx, course)) ?? [];
  const done = new Set((await repo.listProgress(trx, enrolmentId)).filter((p) => p.completed_at).map((p) => Number(p.lesson_id)));
  if (!lessons.length || !lessons.every((l) => done.has(l.id))) return false;
  await repo.completeEnrolment(trx, enrolmentId, course.published_version as number, randomBytes(18).toString('base64url'), now);
  return true;
}

export interface WatchResult {
  watchedSeconds: number;
  secondsNeeded: number;
  positionSeconds: number;
  isLessonDone: boolean;
  isCourseDone: boolean;
}

/**
 * Adds what the player played to the learner's lesson progress, under the progress row's lock:
 * distinct seconds count, so seeking to the end or watching a part twice does not add up. The
 * lesson is done when enough was watched and its quiz (if any) passed.
 */
export async function recordWatching(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  courseId: number,
  lessonId: number,
  input: { intervals: Interval[]; position: number } | { externalWatched: true },
  now = new Date(),
): Promise<WatchResult> {
  return inTransaction(db, async (trx) => {
    const { course, lesson, enrolment } = await learnerContext(trx, user, courseId, lessonId);
    const p = await repo.lockProgress(trx, Number(enrolment.id), lessonId);
    const share = course.watch_share_percent;
    let reported: Interval[];
    let position: number;
    if ('externalWatched' in input) {
      // A video on another site cannot be measured here (the page's media policy is 'self'): the learner's word counts.
      if (!lesson.videoUrl || lesson.videoFileId) throw new AppError('bad_request', msg.notExternal);
      reported = [[0, lesson.durationSeconds]];
      position = p.position_seconds;
    } else {
      reported = input.intervals;
      position = Math.min(Math.floor(input.position), lesson.durationSeconds);
    }
    const { watched, seconds } = addWatched(p.watched, reported, lesson.durationSeconds);
    const isWatched = isWatchedEnough(seconds, lesson.durationSeconds, share);
    const isQuizDone = lesson.quiz.length === 0 || p.quiz_passed_at !== null;
    const completedAt = p.completed_at ?? (isWatched && isQuizDone ? now : null);
    await repo.saveProgress(trx, Number(enrolment.id), lessonId, {
      watched,
      watchedSeconds: seconds,
      positionSeconds: position,
      quizPassedAt: p.quiz_passed_at,
      completedAt,
    });
    const isCourseDone = completedAt ? await completeIfAllDone(trx, Number(enrolment.id), course, now) : enrolment.completed_at !== null;
    return {
      watchedSeconds: seconds,
      secondsNeeded: secondsNeeded(lesson.durationSeconds, share),
      positionSeconds: position,
      isLessonDone: completedAt !== null,
      isCourseDone,
    };
  });
}

/** Grades the learner's answers; a pass is kept (and may complete the lesson and the course). */
export async function answerQuiz(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  courseId: number,
  lessonId: number,
  answers: Record<string, string[]>,
  now = new Date(),
): Promise<QuizResult & { isLessonDone: boolean; isCourseDone: boolean }> {
  return inTransaction(db, async (trx) => {
    const { course, lesson, enrolment } = await learnerContext(trx, user, courseId, lessonId);
    const result = gradeQuiz(lesson.quiz, answers);
    const p = await repo.lockProgress(trx, Number(enrolment.id), lessonId);
    const quizPassedAt = p.quiz_passed_at ?? (result.passed ? now : null);
    const isWatched = isWatchedEnough(p.watched_seconds, lesson.durationSeconds, course.watch_share_percent);
    const completedAt = p.completed_at ?? (isWatched && quizPassedAt ? now : null);
    await repo.saveProgress(trx, Number(enrolment.id), lessonId, {
      watched: p.watched,
      watchedSeconds: p.watched_seconds,
      positionSeconds: p.position_seconds,
      quizPassedAt,
      completedAt,
    });
    const isCourseDone = completedAt ? await completeIfAllDone(trx, Number(enrolment.id), course, now) : enrolment.completed_at !== null;
    return { ...result, isLessonDone: completedAt !== null, isCourseDone };
  });
}

/**
 * A lesson's video or captions file for a reader: learners of the course (only files a published
 * version names), its authors (draft files too) and the network admin.
 */
export async function lessonFileFor(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number, fileId: string): Promise<FileDto> {
  const lesson = await repo.findLesson(db, lessonId);
  const course = lesson ? await repo.findCourse(db, Number(lesson.course_id)) : undefined;
  if (!lesson || !course) throw notFound();
  const enrolment = user ? await repo.findEnrolment(db, Number(course.id), user.id) : undefined;
  academyAccess.requireAccess(user, 'academy.lesson.watch', { ...scopeOf(course), enrolledUserId: enrolment ? Number(enrolment.user_id) : undefined });
  const files = [...(await listFilesOf(db, videoOwner.owner, lessonId)), ...(await listFilesOf(db, captionsOwner.owner, lessonId))];
  const file = files.find((f) => f.id === fileId);
  if (!file) throw new AppError('not_found', msg.noSuchFile);
  if (!canAuthor(user, course) && !(await repo.isFileInAnyVersion(db, Number(course.id), fileId))) throw new AppError('not_found', msg.noSuchFile);
  return file;
}

// ---- certificates -------------------------------------------------------------------------------

export interface CertificateDto {
  code: string;
  learnerName: string;
  course: CourseDto;
  courseTitle: LocalisedText;
  version: number;
  completedAt: string;
  firmName: string | null;
}

async function toCertificate(db: Kysely<DB>, e: repo.EnrolmentRow, learnerName: string): Promise<CertificateDto> {
  const row = await repo.findCourse(db, Number(e.course_id));
  if (!row || !e.completed_at || !e.certificate_code || e.completed_version === null) throw notFound();
  const version = await repo.findVersion(db, Number(row.id), e.completed_version);
  const [course] = await toCourseDtos(db, [row]);
  const firm = e.firm_id ? (await firmSummaries(db, [Number(e.firm_id)])).get(Number(e.firm_id)) : undefined;
  return {
    code: e.certificate_code,
    learnerName,
    course,
    courseTitle: version?.title ?? row.title,
    version: e.completed_version,
    completedAt: new Date(e.completed_at).toISOString(),
    firmName: firm?.name ?? null,
  };
}

/** The person's own certificate for a course they completed. */
export async function myCertificate(db: Kysely<DB>, user: SessionUser | undefined, courseId: number): Promise<CertificateDto> {
  const person = academyAccess.requireAccess(user, 'academy.course.enrol', undefined);
  const e = await repo.findEnrolment(db, courseId, person.id);
  if (!e) throw notFound();
  academyAccess.requireAccess(user, 'academy.progress.record', { userId: Number(e.user_id) });
  if (!e.completed_at) throw new AppError('not_found', msg.notCompletedYet);
  return toCertificate(db, e, person.displayName);
}

/** Anyone with the link: what the certificate says, or 404 for a code that names nothing. */
export async function verifyCertificate(db: Kysely<DB>, code: string, learnerName: (userId: number) => Promise<string>): Promise<CertificateDto> {
  const e = await repo.findEnrolmentByCode(db, code);
  if (!e) throw new AppError('not_found', msg.noSuchCertificate);
  return toCertificate(db, e, await learnerName(Number(e.user_id)));
}

// ---- offerings and reports --------------------------------------------------------------------------

export interface OfferingReport {
  organisation: OrgRef;
  offered: (CourseDto & { enrolled: number; completed: number; firmsCompleted: number })[];
  notOffered: CourseDto[];
  firmCourseCompletions: number;
  /** Firms that took courses through the organisation: per firm and course. */
  firms: { firm: OrgRef; course: { id: number; title: LocalisedText }; enrolled: number; completed: number; completedAt: string | null }[];
  canManage: boolean;
}

/** An organisation's academy: the shared courses it offers (with enrolments and completions of its firms) and those it could. */
export async function organisationAcademy(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<OfferingReport> {
  academyAccess.requireAccess(user, 'academy.report.read', organisationId);
  const names = await organisationNames(db);
  if (!names.has(organisationId)) throw new AppError('not_found', msg.noSuchOrganisation);
  const published = await toCourseDtos(db, await repo.listPublishedCourses(db));
  const report = await repo.reportOfOrganisation(db, organisationId);
  const offered = published
    .filter((c) => c.offeredBy.some((o) => o.id === organisationId))
    .map((c) => {
      const r = report.find((x) => Number(x.course_id) === c.id);
      return { ...c, enrolled: r?.enrolled ?? 0, completed: r?.completed ?? 0, firmsCompleted: r?.firms_completed ?? 0 };
    });
  return {
    organisation: { id: organisationId, name: names.get(organisationId) as string },
    offered,
    notOffered: published.filter((c) => !c.offeredBy.some((o) => o.id === organisationId)),
    firmCourseCompletions: await repo.countFirmCompletions(db, { organisationId }),
    firms: await firmRows(db, organisationId, published),
    canManage: academyAccess.can(user, 'academy.offering.manage', organisationId),
  };
}

async function firmRows(db: Kysely<DB>, organisationId: number, courses: CourseDto[]): Promise<OfferingReport['firms']> {
  const rows = await repo.firmReportOfOrganisation(db, organisationId);
  const firms = await firmSummaries(
    db,
    rows.map((r) => Number(r.firm_id)),
  );
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  return rows.map((r) => ({
    firm: { id: Number(r.firm_id), name: firms.get(Number(r.firm_id))?.name ?? `#${r.firm_id}` },
    course: { id: Number(r.course_id), title: titles.get(Number(r.course_id)) ?? {} },
    enrolled: r.enrolled,
    completed: r.completed,
    completedAt: r.first_completed_at ? new Date(r.first_completed_at).toISOString() : null,
  }));
}

/** Organisations whose academy page the person may open. */
export async function myAcademyOrganisations(db: Kysely<DB>, user: SessionUser | undefined): Promise<OrgRef[]> {
  if (!user) return [];
  return (await listAllOrganisations(db)).filter((o) => academyAccess.can(user, 'academy.report.read', o.id)).map((o) => ({ id: o.id, name: o.name }));
}

export async function offerCourse(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, courseId: number): Promise<void> {
  const person = academyAccess.requireAccess(user, 'academy.offering.manage', organisationId);
  const course = await repo.findCourse(db, courseId);
  if (!course || course.published_version === null)
    throw new AppError('validation', msg.noSuchCourse, [{ field: 'course_id', label: msg.course, message: msg.noSuchCourse }]);
  await repo.insertOffering(db, organisationId, courseId, person.id);
}

export async function withdrawOffering(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, courseId: number): Promise<void> {
  academyAccess.requireAccess(user, 'academy.offering.manage', organisationId);
  const course = await repo.findCourse(db, courseId);
  if (!course) throw notFound();
  // The author keeps offering its own course.
  if (Number(course.author_organisation_id) === organisationId) throw new AppError('conflict', msg.authorKeepsOffering);
  await repo.deleteOffering(db, organisationId, courseId);
}

/**
 * For reports (funders, the reporting module): completed firm-course pairs, each counted once
 * however many of a firm's people completed the course. Optional: through one organisation, in a period.
 */
export function countFirmCourseCompletions(db: Kysely<DB>, filter: { organisationId?: number; from?: Date; to?: Date } = {}): Promise<number> {
  return repo.countFirmCompletions(db, filter);
}

/** The courses a firm completed (first completion each), for its record. */
export async function completedCoursesOfFirm(db: Kysely<DB>, firmId: number): Promise<{ course: CourseDto; completedAt: string }[]> {
  const rows = await repo.completionsOfFirm(db, firmId);
  const courses = await toCourseDtos(
    db,
    (await Promise.all(rows.map((r) => repo.findCourse(db, Number(r.course_id))))).filter((r): r is repo.CourseRow => !!r),
  );
  return rows.flatMap((r) => {
    const course = courses.find((c) => c.id === Number(r.course_id));
    return course ? [{ course, completedAt: new Date(r.completed_at).toISOString() }] : [];
  });
}

/**
 * Funder reporting: per firm, the courses its people completed in [from, to) through these
 * organisations' offerings (or these courses, tagged to a project). Firm ids and counts only.
 */
export async function reportingCompletions(
  db: Kysely<DB>,
  q: { organisationIds: number[]; courseIds: number[]; from: Date; to: Date; timeZone: string },
): Promise<{ firmId: number; courses: number; firstOn: string }[]> {
  const rows = await repo.completionsPerFirm(db, q);
  return rows.map((r) => ({ firmId: Number(r.firm_id), courses: r.courses, firstOn: r.first_on }));
}

/** Courses by id (title in its first language, author organisation), for tagging them to a funder-report project. */
export async function coursesForTagging(db: Kysely<DB>, ids: number[]) {
  const rows = await repo.coursesByIds(db, ids);
  return rows.map((r) => ({
    id: Number(r.id),
    title: Object.values(r.title as Record<string, string>)[0] ?? '',
    organisationId: Number(r.author_organisation_id),
  }));
}
