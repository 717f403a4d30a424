import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { defineFileOwner } from '../../shared/files/file-owners.js';
import { fileUses } from '../../shared/files/file-uses.js';
import { academyAccess, type CourseScope } from './academy.access.js';
import { findCourse, findLesson } from './academy.repository.js';

/** The lesson's course's author: who may attach files, and read them through the generic /files/:id. */
async function lessonScope(db: Kysely<DB>, ownerId: string): Promise<CourseScope | undefined> {
  if (!/^\d{1,15}$/.test(ownerId)) return undefined;
  const lesson = await findLesson(db, Number(ownerId));
  const course = lesson && !lesson.removed_at ? await findCourse(db, Number(lesson.course_id)) : undefined;
  return course ? { authorOrganisationId: Number(course.author_organisation_id) } : undefined;
}

/**
 * A lesson's videos (MP4, WebM by magic bytes, up to 2 GB through the files API) and captions
 * (WebVTT). Learners read them through the academy's own route (/academy/lessons/:id/files/:fileId),
 * which knows their enrolment; /files/:id serves them to the authors only.
 */
export const videoOwner = defineFileOwner({
  owner: 'academy.lesson-video',
  use: fileUses.video,
  scope: lessonScope,
  canRead: (u, s) => academyAccess.can(u, 'academy.course.author', s),
  canAttach: (u, s) => academyAccess.can(u, 'academy.course.author', s),
});

export const captionsOwner = defineFileOwner({
  owner: 'academy.lesson-captions',
  use: fileUses.captions,
  scope: lessonScope,
  canRead: (u, s) => academyAccess.can(u, 'academy.course.author', s),
  canAttach: (u, s) => academyAccess.can(u, 'academy.course.author', s),
});
