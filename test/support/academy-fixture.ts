import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { fileStoreFor } from '../../src/shared/files/file-store.js';
import type { SessionUser } from '../../src/shared/http/auth.js';
import * as authoring from '../../src/modules/academy/academy.authoring.service.js';
import * as academy from '../../src/modules/academy/academy.service.js';
import { testEnv } from './test-env.js';

/** A small file the file store takes for an MP4 (ftyp isom), padded to `size` bytes with a counting pattern. */
export function fakeMp4(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31]);
  new DataView(bytes.buffer).setUint32(24, size - 24);
  bytes.set([0x66, 0x72, 0x65, 0x65], 28);
  for (let i = 32; i < size; i++) bytes[i] = i % 251;
  return bytes;
}

const person = (id: number, extra: Partial<SessionUser> = {}): SessionUser => ({
  id,
  email: `${id}@fixture.test`,
  displayName: 'Fixture',
  isEmailVerified: true,
  isNetworkAdmin: false,
  roles: [],
  managedFirmIds: [],
  sessionId: 'fixture',
  ...extra,
});

export interface AcademyFixture {
  academyCourseId: number;
  academyLessonId: number;
  academyVideoFileId: string;
  academyCertificateCode: string;
  academyOtherCourseId: number;
}

/**
 * The academy's part of the matrix world: a published course of org A with one lesson (a stored
 * video, no quiz) that the firm member completed (certificate), and a second published course for
 * the enrol route. The video's bytes go to the test app's default store (the test process's data directory, test-env.ts).
 */
export async function buildAcademyFixture(
  db: Kysely<DB>,
  ids: { orgId: number; firmId: number; firmMemberId: number; adminId: number },
): Promise<AcademyFixture> {
  const admin = person(ids.adminId, { isNetworkAdmin: true });
  const course = { topic: 'instagram', level: 'beginner', languages: ['sv'], title: { sv: 'Kurs A' }, summary: {}, watchSharePercent: 90 } as const;
  const courseId = await authoring.createCourse(db, admin, ids.orgId, { ...course, languages: ['sv'], title: { sv: 'Kurs A' }, summary: {} });
  const lessonId = await authoring.addLesson(db, admin, courseId, {
    title: { sv: 'Lektion' },
    body: 'Text.',
    videoUrl: null,
    durationSeconds: 10,
    quizText: '',
  });
  const video = await authoring.attachLessonVideo(db, fileStoreFor(testEnv()), admin, lessonId, { name: 'film.mp4', body: fakeMp4(2048) });
  await authoring.publishCourse(db, admin, courseId);
  const learner = person(ids.firmMemberId, { managedFirmIds: [ids.firmId] });
  await academy.enrol(db, learner, courseId, { firmId: ids.firmId, organisationId: null });
  await academy.recordWatching(db, learner, courseId, lessonId, { intervals: [[0, 10]], position: 10 });
  const cert = await academy.myCertificate(db, learner, courseId);
  const otherCourseId = await authoring.createCourse(db, admin, ids.orgId, { ...course, languages: ['sv'], title: { sv: 'Kurs B' }, summary: {} });
  await authoring.addLesson(db, admin, otherCourseId, {
    title: { sv: 'Lektion B' },
    body: '',
    videoUrl: 'https://video.example/b.mp4',
    durationSeconds: 10,
    quizText: '',
  });
  await authoring.publishCourse(db, admin, otherCourseId);
  return {
    academyCourseId: courseId,
    academyLessonId: lessonId,
    academyVideoFileId: video.id,
    academyCertificateCode: cert.code,
    academyOtherCourseId: otherCourseId,
  };
}

/** A lesson of the course to remove (the remove route's allowed roles take it out). */
export async function spareAcademyLesson(db: Kysely<DB>, adminId: number, courseId: number): Promise<number> {
  return authoring.addLesson(db, person(adminId, { isNetworkAdmin: true }), courseId, {
    title: { sv: 'Extra' },
    body: '',
    videoUrl: null,
    durationSeconds: 5,
    quizText: '',
  });
}
