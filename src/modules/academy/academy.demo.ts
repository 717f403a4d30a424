import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { loadEnv } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import type { BlobStore } from '../../shared/files/blob-store.js';
import { fileStoreFor } from '../../shared/files/file-store.js';
import { fileUses } from '../../shared/files/file-uses.js';
import { storeFile } from '../../shared/files/files.service.js';
import { moduleDataPath } from '../../shared/paths.js';
import { localDateOf, startOfLocalDay } from '../../shared/i18n/zoned.js';
import type { DemoSeeder, DemoWorld } from '../demo/demo-world.types.js';
import { captionsOwner, videoOwner } from './academy.files.js';
import { demoCourses, type DemoCourse, type DemoLesson } from './academy.demo-data.js';
import { parseQuiz } from './academy.quiz.js';
import * as repo from './academy.repository.js';
import type { LessonSnapshot } from './academy.tables.js';

/** The placeholder film's length (scripts/make-academy-placeholder.mjs made it 24 s long). */
export const placeholderSeconds = 24;

const stamp = (s: number) => `00:00:${String(s).padStart(2, '0')}.000`;

/** Captions for the placeholder film: the lesson's first sentences in Swedish, its title in English. */
function captionsFor(lesson: DemoLesson, language: 'sv' | 'en'): string {
  const lines =
    language === 'sv'
      ? [`Platshållarfilm: ${lesson.sv}`, ...lesson.text.split(/(?<=[.!?])\s+/).slice(0, 3)]
      : [`Placeholder film: ${lesson.en}`, 'The lesson text is below the film.', 'Captions in English.'];
  const step = Math.floor(placeholderSeconds / lines.length);
  return `WEBVTT\n\n${lines.map((t, i) => `${i + 1}\n${stamp(i * step)} --> ${stamp(Math.min(placeholderSeconds, (i + 1) * step))}\n${t}`).join('\n\n')}\n`;
}

/**
 * Seeds the four CityKompetens courses authored by Örebro's city-centre partnership (demo), each
 * lesson with the placeholder film and Swedish and English captions, published as version 1.
 * Örebro offers all four; Linköping offers e-commerce (it picks Instagram itself in the story).
 */
export async function seedAcademyDemo(db: Kysely<DB>, world: DemoWorld, store: BlobStore, courses: DemoCourse[] = demoCourses): Promise<string | undefined> {
  if (await repo.hasDemoCourses(db)) return undefined;
  const film = readFileSync(moduleDataPath('academy', 'placeholder.webm'));
  const author = world.orgs['orebro-city'];
  const editor = world.people['editor-orebro'];
  let lessonCount = 0;
  await db.transaction().execute(async (trx) => {
    for (const c of courses) {
      const courseId = await repo.insertCourse(
        trx,
        author.id,
        { topic: c.topic, level: c.level, languages: ['sv', 'en'], title: c.title, summary: c.summary, watchSharePercent: 90 },
        editor.id,
        true,
      );
      await repo.insertOffering(trx, author.id, courseId, editor.id);
      if (c.topic === 'ecommerce') await repo.insertOffering(trx, world.orgs['linkoping-city'].id, courseId, null);
      const lessons: LessonSnapshot[] = [];
      for (const [i, l] of c.lessons.entries()) {
        const quiz = l.quiz ? parseQuiz(l.quiz) : [];
        const lessonId = await repo.insertLesson(trx, courseId, {
          title: { sv: l.sv, en: l.en },
          body: l.text,
          videoUrl: null,
          durationSeconds: placeholderSeconds,
          quiz,
        });
        const common = { ownerId: lessonId, createdBy: editor.id };
        const video = await storeFile(trx, store, { ...common, owner: videoOwner.owner, use: fileUses.video, name: 'platshallare.webm', body: film });
        const captions: Record<string, string> = {};
        for (const lang of ['sv', 'en'] as const) {
          const vtt = await storeFile(trx, store, {
            ...common,
            owner: captionsOwner.owner,
            use: fileUses.captions,
            name: `${lang}.vtt`,
            body: new TextEncoder().encode(captionsFor(l, lang)),
          });
          await repo.setLessonCaption(trx, lessonId, lang, vtt.id);
          captions[lang] = vtt.id;
        }
        await repo.setLessonVideo(trx, lessonId, video.id);
        lessons.push({
          id: lessonId,
          position: i,
          title: { sv: l.sv, en: l.en },
          body: l.text,
          videoFileId: video.id,
          videoUrl: null,
          durationSeconds: placeholderSeconds,
          captions,
          quiz,
        });
        lessonCount++;
      }
      const course = await repo.findCourse(trx, courseId);
      if (!course) throw new Error('demo course vanished');
      await repo.insertVersion(trx, course, 1, lessons, editor.id);
      await repo.setPublishedVersion(trx, courseId, 1);
    }
  });
  return `${courses.length} courses, ${lessonCount} lessons (placeholder films)`;
}

/**
 * Learners at the demo firms (their demo owners, "(demo)" everywhere) who took the courses: Region 10
 * (NiMR) and Fjellregionen næringshage offer CityKompetens courses to their firms, the café in
 * Sorsele completed two, the bakery and the wool shop in Røros one each (every lesson watched, the
 * quiz passed), the bookshop has started one. Completions fall in the current half-year (the funder
 * reports' default period), a few weeks back. Once: nothing is added when a demo enrolment exists.
 */
export async function seedDemoCompletions(db: Kysely<DB>, world: DemoWorld, now: Date): Promise<string | undefined> {
  if (await repo.hasDemoEnrolments(db)) return undefined;
  const courses = await repo.demoPublishedCourses(db);
  const byTopic = (topic: string) => courses.find((c) => c.topic === topic) ?? courses[0];
  if (!courses.length) return undefined;
  const o = world.orgs;
  const p = world.people;
  const f = world.firms;
  const plan = [
    { person: p['owner-cafe-sorsele'], firm: f['cafe-sorsele'], org: o.region10, course: byTopic('instagram'), daysAgo: 40, done: true },
    { person: p['owner-cafe-sorsele'], firm: f['cafe-sorsele'], org: o.region10, course: byTopic('ecommerce'), daysAgo: 12, done: true },
    { person: p['owner-bakery-roros'], firm: f['bakery-roros'], org: o.fjellregionen, course: byTopic('visual_merchandising'), daysAgo: 30, done: true },
    { person: p['owner-wool-roros'], firm: f['wool-roros'], org: o.fjellregionen, course: byTopic('ecommerce'), daysAgo: 20, done: true },
    { person: p['owner-bookshop-roros'], firm: f['bookshop-roros'], org: o.fjellregionen, course: byTopic('facebook'), daysAgo: 5, done: false },
  ];
  let completed = 0;
  await db.transaction().execute(async (trx) => {
    for (const x of plan) {
      if (!x.course?.published_version) continue;
      const zone = x.org.country === 'NO' ? 'Europe/Oslo' : 'Europe/Stockholm';
      // A few weeks back, but inside the current half-year of the organisation's zone (and before now).
      const day = localDateOf(now, zone);
      const halfStart = startOfLocalDay(`${day.slice(0, 4)}-${Number(day.slice(5, 7)) <= 6 ? '01' : '07'}-01`, zone);
      const at = new Date(Math.min(now.getTime() - 60_000, Math.max(now.getTime() - x.daysAgo * 86_400_000, halfStart.getTime() + 10 * 3_600_000)));
      await repo.insertOffering(trx, x.org.id, Number(x.course.id), null);
      const enrolmentId = await repo.insertEnrolment(trx, {
        courseId: Number(x.course.id),
        userId: x.person.id,
        firmId: x.firm.firmId,
        organisationId: x.org.id,
        isDemo: true,
        enrolledAt: new Date(at.getTime() - 3 * 86_400_000),
      });
      const version = await repo.findVersion(trx, Number(x.course.id), x.course.published_version);
      const lessons = (typeof version?.lessons === 'string' ? JSON.parse(version.lessons) : (version?.lessons ?? [])) as LessonSnapshot[];
      for (const [i, lesson] of lessons.entries()) {
        if (!x.done && i > 0) break;
        await repo.lockProgress(trx, enrolmentId, lesson.id);
        const seconds = lesson.durationSeconds ?? placeholderSeconds;
        await repo.saveProgress(trx, enrolmentId, lesson.id, {
          watched: [[0, seconds]],
          watchedSeconds: seconds,
          positionSeconds: seconds,
          quizPassedAt: lesson.quiz.length ? at : null,
          completedAt: at,
        });
      }
      if (x.done) {
        await repo.completeEnrolment(trx, enrolmentId, x.course.published_version, randomBytes(18).toString('base64url'), at);
        completed += 1;
      }
    }
  });
  return `${completed} course completions at demo firms (Region 10, Fjellregionen)`;
}

export const academyDemo: DemoSeeder = {
  name: 'academy',
  seed: async (db, world, now) => {
    const courses = await seedAcademyDemo(db, world, fileStoreFor(loadEnv()));
    const completions = await seedDemoCompletions(db, world, now);
    return [courses, completions].filter(Boolean).join('; ') || undefined;
  },
};
