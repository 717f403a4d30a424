import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { BlobStore } from '../../shared/files/blob-store.js';
import { fileUses, mime } from '../../shared/files/file-uses.js';
import { listFilesOf, storeFile, type FileDto } from '../../shared/files/files.service.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { listAllOrganisations } from '../network/network.service.js';
import { academyAccess } from './academy.access.js';
import { parseWebVtt } from './academy.captions.js';
import { captionsOwner, videoOwner } from './academy.files.js';
import { msg } from './academy.messages.js';
import { parseQuiz } from './academy.quiz.js';
import * as repo from './academy.repository.js';
import type { CourseInput } from './academy.schemas.js';
import {
  currentLessons,
  inTransaction,
  notFound,
  organisationNames,
  scopeOf,
  toCourseDtos,
  withNeeded,
  type CourseDto,
  type LessonDto,
  type LessonView,
  type OrgRef,
} from './academy.service.js';
import type { LessonSnapshot, LocalisedText } from './academy.tables.js';

/** Authoring: the desk, courses and draft lessons, uploads (checked), ordering, publishing versions, previews. */

// ---- authoring ----------------------------------------------------------------------------------

/** The authoring desk: courses of the organisations the person authors for, and those organisations. */
export async function authoringDesk(db: Kysely<DB>, user: SessionUser | undefined): Promise<{ courses: CourseDto[]; organisations: OrgRef[] }> {
  const person = academyAccess.requireAccess(user, 'academy.authoring.list', undefined);
  const all = await listAllOrganisations(db);
  const organisations = all
    .filter((o) => academyAccess.can(person, 'academy.course.author', { authorOrganisationId: o.id }))
    .map((o) => ({ id: o.id, name: o.name }));
  const rows = await repo.listCoursesByAuthors(
    db,
    organisations.map((o) => o.id),
  );
  return { courses: await toCourseDtos(db, rows), organisations };
}

export async function createCourse(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, input: CourseInput, isDemo = false): Promise<number> {
  const person = academyAccess.requireAccess(user, 'academy.course.author', { authorOrganisationId: organisationId });
  const names = await organisationNames(db);
  if (!names.has(organisationId))
    throw new AppError('validation', msg.noSuchOrganisation, [{ field: 'organisation_id', label: msg.organisation, message: msg.noSuchOrganisation }]);
  return inTransaction(db, async (trx) => {
    const id = await repo.insertCourse(trx, organisationId, input, person.id, isDemo);
    // The author offers its own course to its firms from the start.
    await repo.insertOffering(trx, organisationId, id, person.id);
    return id;
  });
}

async function courseToAuthor(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  courseId: number,
  lock = false,
): Promise<{ course: repo.CourseRow; person: SessionUser }> {
  const course = lock ? await repo.lockCourse(db, courseId) : await repo.findCourse(db, courseId);
  if (!course) throw notFound();
  const person = academyAccess.requireAccess(user, 'academy.course.author', scopeOf(course));
  return { course, person };
}

async function lessonToAuthor(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number, lock = false) {
  const lesson = await repo.findLesson(db, lessonId);
  if (!lesson || lesson.removed_at) throw new AppError('not_found', msg.noSuchLesson);
  const { course, person } = await courseToAuthor(db, user, Number(lesson.course_id), lock);
  return { lesson, course, person };
}

export interface DraftLessonDto extends LessonSnapshot {
  hasChanges?: boolean;
}

const toSnapshot = (l: repo.LessonRow): LessonSnapshot => ({
  id: Number(l.id),
  position: l.position,
  title: l.title,
  body: l.body,
  videoFileId: l.video_file_id,
  videoUrl: l.video_url,
  durationSeconds: l.duration_seconds,
  captions: l.captions,
  quiz: l.quiz,
});

export interface AuthorCourse {
  course: CourseDto;
  lessons: LessonSnapshot[];
  /** The draft differs from the published version (or nothing is published). */
  hasUnpublishedChanges: boolean;
  enrolledCount: number;
}

export async function courseForAuthor(db: Kysely<DB>, user: SessionUser | undefined, courseId: number): Promise<AuthorCourse> {
  const { course } = await courseToAuthor(db, user, courseId);
  const [dto] = await toCourseDtos(db, [course]);
  const lessons = (await repo.listDraftLessons(db, courseId)).map(toSnapshot);
  const published = await currentLessons(db, course);
  const draftCourse = JSON.stringify([course.title, course.summary, course.watch_share_percent, lessons.map((l, i) => ({ ...l, position: i }))]);
  const version = course.published_version !== null ? await repo.findVersion(db, courseId, course.published_version) : undefined;
  const publishedCourse = version
    ? JSON.stringify([version.title, version.summary, version.watch_share_percent, (published ?? []).map((l, i) => ({ ...l, position: i }))])
    : '';
  const report = await repo.reportOfOrganisation(db, Number(course.author_organisation_id));
  return {
    course: dto,
    lessons,
    hasUnpublishedChanges: draftCourse !== publishedCourse,
    enrolledCount: report.find((r) => Number(r.course_id) === courseId)?.enrolled ?? 0,
  };
}

export async function updateCourse(db: Kysely<DB>, user: SessionUser | undefined, courseId: number, input: CourseInput): Promise<void> {
  await inTransaction(db, async (trx) => {
    await courseToAuthor(trx, user, courseId, true);
    await repo.updateCourse(trx, courseId, input);
  });
}

export interface LessonInput {
  title: LocalisedText;
  body: string;
  videoUrl: string | null;
  durationSeconds: number;
  quizText: string;
}

export async function addLesson(db: Kysely<DB>, user: SessionUser | undefined, courseId: number, input: LessonInput): Promise<number> {
  const quiz = parseQuiz(input.quizText);
  return inTransaction(db, async (trx) => {
    await courseToAuthor(trx, user, courseId, true);
    return repo.insertLesson(trx, courseId, { ...input, quiz });
  });
}

export async function lessonForAuthor(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number) {
  const { lesson, course } = await lessonToAuthor(db, user, lessonId);
  const [dto] = await toCourseDtos(db, [course]);
  const videos = await listFilesOf(db, videoOwner.owner, lessonId);
  return { course: dto, lesson: toSnapshot(lesson), videos };
}

export async function updateLesson(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number, input: LessonInput): Promise<void> {
  const quiz = parseQuiz(input.quizText);
  await inTransaction(db, async (trx) => {
    await lessonToAuthor(trx, user, lessonId, true);
    await repo.updateLesson(trx, lessonId, { ...input, quiz });
  });
}

export async function moveLesson(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number, direction: 'up' | 'down'): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { course } = await lessonToAuthor(trx, user, lessonId, true);
    const ids = (await repo.listDraftLessons(trx, Number(course.id))).map((l) => Number(l.id));
    const at = ids.indexOf(lessonId);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to >= 0 && to < ids.length) [ids[at], ids[to]] = [ids[to], ids[at]];
    await repo.setLessonPositions(trx, ids);
    return Number(course.id);
  });
}

export async function removeLesson(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { course } = await lessonToAuthor(trx, user, lessonId, true);
    // Kept in the table: published versions and learners' progress still name it.
    await repo.markLessonRemoved(trx, lessonId);
    return Number(course.id);
  });
}

/** Stores an uploaded video (type by magic bytes, size limit) and makes it the lesson's video in the draft. */
export async function attachLessonVideo(
  db: Kysely<DB>,
  store: BlobStore,
  user: SessionUser | undefined,
  lessonId: number,
  file: { name: string; body: Uint8Array | Blob; size?: number },
): Promise<FileDto> {
  const { person } = await lessonToAuthor(db, user, lessonId);
  const stored = await storeFile(db, store, {
    owner: videoOwner.owner,
    ownerId: lessonId,
    use: fileUses.video,
    name: file.name,
    body: file.body,
    declaredSize: file.size,
    createdBy: person.id,
    field: 'video',
    label: msg.video,
  });
  await inTransaction(db, async (trx) => {
    await lessonToAuthor(trx, user, lessonId, true);
    await repo.setLessonVideo(trx, lessonId, stored.id);
  });
  return stored;
}

/** Makes a video already uploaded to this lesson (e.g. a large one through the files API) the draft's video. */
export async function useLessonVideo(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number, fileId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lessonToAuthor(trx, user, lessonId, true);
    const file = (await listFilesOf(trx, videoOwner.owner, lessonId)).find((f) => f.id === fileId);
    if (!file || (file.contentType !== mime.mp4 && file.contentType !== mime.webm))
      throw new AppError('validation', msg.noSuchFile, [{ field: 'file_id', label: msg.video, message: msg.noSuchFile }]);
    await repo.setLessonVideo(trx, lessonId, fileId);
  });
}

/** Checks (WebVTT header by the file store, then every cue parsed here) and stores captions in one language. */
export async function attachLessonCaptions(
  db: Kysely<DB>,
  store: BlobStore,
  user: SessionUser | undefined,
  lessonId: number,
  language: string,
  file: { name: string; bytes: Uint8Array },
): Promise<FileDto> {
  const { person, lesson } = await lessonToAuthor(db, user, lessonId);
  if (file.bytes.byteLength > fileUses.captions.maxBytes || file.bytes.byteLength === 0) {
    // The file store names the limit in its refusal.
    await storeFile(db, store, {
      owner: captionsOwner.owner,
      ownerId: lessonId,
      use: fileUses.captions,
      name: file.name,
      body: file.bytes,
      createdBy: person.id,
      field: 'captions',
      label: msg.captions,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new AppError('validation', msg.vttNotUtf8, [{ field: 'captions', label: msg.captions, message: msg.vttNotUtf8 }]);
  }
  if (text.replace(/^\uFEFF/, '').startsWith('WEBVTT')) parseWebVtt(text, { durationSeconds: lesson.duration_seconds });
  const stored = await storeFile(db, store, {
    owner: captionsOwner.owner,
    ownerId: lessonId,
    use: fileUses.captions,
    name: file.name,
    body: file.bytes,
    createdBy: person.id,
    field: 'captions',
    label: msg.captions,
  });
  await inTransaction(db, async (trx) => {
    await lessonToAuthor(trx, user, lessonId, true);
    await repo.setLessonCaption(trx, lessonId, language, stored.id);
  });
  return stored;
}

/**
 * Publishes the draft as the next version. Lessons keep their ids from version to version, so
 * learners' progress (kept per lesson id) carries over; a lesson taken out no longer counts.
 */
export async function publishCourse(db: Kysely<DB>, user: SessionUser | undefined, courseId: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { course, person } = await courseToAuthor(trx, user, courseId, true);
    const lessons = (await repo.listDraftLessons(trx, courseId)).map(toSnapshot);
    if (!lessons.length) throw new AppError('conflict', msg.publishNeedsLessons);
    const withoutVideo = lessons.filter((l) => !l.videoFileId && !l.videoUrl);
    if (withoutVideo.length)
      throw new AppError(
        'validation',
        msg.publishNeedsVideos,
        withoutVideo.map((l) => ({ field: `lesson_${l.id}`, label: l.title.sv ?? l.title.en ?? String(l.id), message: msg.lessonHasNoVideo })),
      );
    const version = (course.published_version ?? 0) + 1;
    await repo.insertVersion(
      trx,
      course,
      version,
      lessons.map((l, i) => ({ ...l, position: i })),
      person.id,
    );
    await repo.setPublishedVersion(trx, courseId, version);
    return version;
  });
}

/** An author's preview of a draft lesson, in the learner's player (nothing recorded). */
export async function previewLesson(db: Kysely<DB>, user: SessionUser | undefined, lessonId: number): Promise<LessonView> {
  const { lesson, course } = await lessonToAuthor(db, user, lessonId);
  const [dto] = await toCourseDtos(db, [course]);
  const lessons = withNeeded((await repo.listDraftLessons(db, Number(course.id))).map(toSnapshot), course.watch_share_percent);
  return { course: dto, lesson: lessons.find((l) => l.id === Number(lesson.id)) as LessonDto, lessons, isPreview: true };
}
