import { Hono, type Context } from 'hono';
import { AppError } from '../../shared/errors.js';
import { fileStoreFor } from '../../shared/files/file-store.js';
import { serveFile } from '../../shared/files/serve-file.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import { asFormError, idParam, readForm, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import { getUserSummary } from '../accounts/accounts.service.js';
import { academyAccess } from './academy.access.js';
import { CourseEditPage, DeskPage, LessonEditPage } from './academy.author.views.js';
import './academy.files.js';
import { LessonPage } from './academy.lesson.views.js';
import { msg } from './academy.messages.js';
import { CertificatePage, OrganisationAcademyPage, OrganisationPickerPage, VerifyPage } from './academy.org.views.js';
import { certificatePdf } from './academy.pdf.js';
import type { QuizResult } from './academy.quiz.js';
import {
  captionsSchema,
  catalogueQuerySchema,
  certificateCodeSchema,
  courseCreateSchema,
  courseInputSchema,
  enrolSchema,
  fieldLabels,
  lessonInputSchema,
  moveSchema,
  offeringSchema,
  progressSchema,
  quizAnswersSchema,
  videoFileSchema,
} from './academy.schemas.js';
import * as authoring from './academy.authoring.service.js';
import * as service from './academy.service.js';
import { CataloguePage, CoursePage, MyCoursesPage } from './academy.views.js';

type C = Context<AppEnv>;
const MiB = 1024 * 1024;

/** Form uploads of a lesson's video (page forms are capped at 25 MB by the CSRF parse; larger through the files API) and captions. */
export const academyBodyLimits: BodyLimitRule[] = [
  { path: '/academy/author/lessons/:lessonId/video', maxBytes: 25 * MiB + 64 * 1024 },
  { path: '/academy/author/lessons/:lessonId/captions', maxBytes: 1 * MiB + 64 * 1024 },
];

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const withLang = (c: C, path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${c.var.locale}`;
const labels = { labels: fieldLabels };

/** A form's fields, each value a list (checkboxes repeat a name). */
async function readMultiForm(c: C): Promise<Record<string, string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    out[k] = values;
  }
  return out;
}

/** A file from a multipart form: its name and bytes (refused when missing). */
async function formFile(c: C, field: string): Promise<{ name: string; file: File; form: Record<string, string> }> {
  const body = await c.req.parseBody();
  const v = body[field];
  const form: Record<string, string> = {};
  for (const [k, x] of Object.entries(body)) if (typeof x === 'string') form[k] = x;
  if (!v || typeof v === 'string' || v.size === 0)
    throw new AppError('validation', msg.chooseFile, [{ field, label: field === 'video' ? msg.video : msg.captions, message: errorMessages.required }]);
  return { name: v.name || field, file: v, form };
}

const noticeOf = (c: C): string | undefined => {
  const key = c.req.query('done');
  const notices: Record<string, keyof typeof msg> = {
    saved: 'saved',
    enrolled: 'enrolledNotice',
    published: 'publishedNotice',
    uploaded: 'uploadedNotice',
    offered: 'offeredNotice',
    withdrawn: 'withdrawnNotice',
    watched: 'lessonDone',
  };
  return key && notices[key] ? msg[notices[key]][c.var.locale] : undefined;
};

/** The academy: catalogue, courses and lessons for learners, certificates, authoring, and organisations' offerings and reports. */
export function academyRoutes(deps: AppDeps) {
  const { db } = deps;
  const store = fileStoreFor(deps.env);
  const app = new Hono<AppEnv>();
  const verifyUrl = (code: string) => `${publicBaseUrl(deps.env)}/academy/verify/${code}`;

  // ---- learners --------------------------------------------------------------------------
  app.get('/', async (c) => {
    const { topic } = parseOrThrow(catalogueQuerySchema, { topic: c.req.query('topic') }, labels);
    const user = c.var.user;
    return c.html(
      <CataloguePage
        {...base(c)}
        courses={await service.catalogue(db, { topic })}
        topic={topic}
        signedIn={!!user}
        canAuthor={academyAccess.can(user, 'academy.authoring.list', undefined)}
        orgs={await service.myAcademyOrganisations(db, user)}
      />,
    );
  });

  const renderCourse = async (c: C, error?: FormError) => {
    const courseId = idParam(c, 'courseId');
    const view = await service.learnerCourse(db, c.var.user, courseId);
    return c.html(
      <CoursePage
        {...base(c)}
        view={view}
        signedIn={!!c.var.user}
        firms={await service.learnerFirms(db, c.var.user)}
        notice={noticeOf(c)}
        error={error}
        signInHref={`/sign-in?next=${encodeURIComponent(`/academy/courses/${courseId}`)}&lang=${c.var.locale}`}
      />,
      (error ? 400 : 200) as 200,
    );
  };
  app.get('/courses/:courseId', (c) => renderCourse(c));
  app.post(
    '/courses/:courseId/enrol',
    academyAccess.middleware('academy.course.enrol', () => undefined),
    async (c) => {
      const courseId = idParam(c, 'courseId');
      try {
        const input = parseOrThrow(enrolSchema, await readForm(c), labels);
        await service.enrol(db, c.var.user, courseId, { firmId: input.firm_id, organisationId: input.organisation_id });
      } catch (err) {
        const fe = asFormError(err, c.var.locale);
        if (!fe) throw err;
        return renderCourse(c, fe);
      }
      const view = await service.learnerCourse(db, c.var.user, courseId);
      return c.redirect(
        withLang(
          c,
          view.nextLessonId ? `/academy/courses/${courseId}/lessons/${view.nextLessonId}?done=enrolled` : `/academy/courses/${courseId}?done=enrolled`,
        ),
        303,
      );
    },
  );
  app.get(
    '/my',
    academyAccess.middleware('academy.course.enrol', () => undefined),
    async (c) => c.html(<MyCoursesPage {...base(c)} items={await service.myCourses(db, c.var.user)} />),
  );

  const renderLesson = async (c: C, extra: { quizResult?: QuizResult; error?: FormError } = {}) => {
    const courseId = idParam(c, 'courseId');
    const lessonId = idParam(c, 'lessonId');
    if (!c.var.user) academyAccess.requireAccess(undefined, 'academy.course.enrol', undefined);
    const view = await service.lessonForLearner(db, c.var.user, courseId, lessonId);
    if (view === 'not-enrolled') return c.redirect(withLang(c, `/academy/courses/${courseId}`), 303);
    return c.html(
      <LessonPage
        {...base(c)}
        view={view}
        notice={noticeOf(c)}
        quizResult={extra.quizResult}
        error={extra.error}
        progressUrl={`/academy/courses/${courseId}/lessons/${lessonId}/progress`}
      />,
      (extra.error ? 400 : 200) as 200,
    );
  };
  app.get('/courses/:courseId/lessons/:lessonId', (c) => renderLesson(c));

  // The player's reports (JSON, CSRF header): what was played since the last report, and where it is.
  app.post('/courses/:courseId/lessons/:lessonId/progress', async (c) => {
    const courseId = idParam(c, 'courseId');
    const lessonId = idParam(c, 'lessonId');
    await service.requireLearner(db, c.var.user, courseId);
    let body: unknown;
    try {
      body = (c.req.header('content-type') ?? '').includes('application/json') ? await c.req.json() : undefined;
    } catch {
      body = undefined;
    }
    const input = parseOrThrow(progressSchema, body ?? {}, labels);
    const result = await service.recordWatching(db, c.var.user, courseId, lessonId, input);
    return c.json(result);
  });
  app.post('/courses/:courseId/lessons/:lessonId/watched-external', async (c) => {
    const courseId = idParam(c, 'courseId');
    const lessonId = idParam(c, 'lessonId');
    await service.requireLearner(db, c.var.user, courseId);
    await service.recordWatching(db, c.var.user, courseId, lessonId, { externalWatched: true });
    return c.redirect(withLang(c, `/academy/courses/${courseId}/lessons/${lessonId}?done=saved`), 303);
  });
  app.post('/courses/:courseId/lessons/:lessonId/quiz', async (c) => {
    const courseId = idParam(c, 'courseId');
    const lessonId = idParam(c, 'lessonId');
    await service.requireLearner(db, c.var.user, courseId);
    try {
      const answers = parseOrThrow(quizAnswersSchema, await readMultiForm(c), labels);
      const quizResult = await service.answerQuiz(db, c.var.user, courseId, lessonId, answers);
      return renderLesson(c, { quizResult });
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderLesson(c, { error: fe });
    }
  });

  // Video and captions, to the lesson's learners and authors: ranges (206/416), ETag/304, private caching.
  app.get('/lessons/:lessonId/files/:fileId', async (c) => {
    const file = await service.lessonFileFor(db, c.var.user, idParam(c, 'lessonId'), c.req.param('fileId'));
    return serveFile(c, store, file, { cache: 'private', logger: deps.logger.child({ reqId: c.var.requestId }) });
  });

  // ---- certificates ------------------------------------------------------------------------
  app.get('/courses/:courseId/certificate', async (c) => {
    const cert = await service.myCertificate(db, c.var.user, idParam(c, 'courseId'));
    return c.html(<CertificatePage {...base(c)} cert={cert} verifyUrl={verifyUrl(cert.code)} />);
  });
  app.get('/courses/:courseId/certificate.pdf', async (c) => {
    const cert = await service.myCertificate(db, c.var.user, idParam(c, 'courseId'));
    const pdf = await certificatePdf(cert, c.var.locale, verifyUrl(cert.code));
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="certificate-${cert.course.id}.pdf"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  // Public: anyone holding the link sees what the certificate says.
  app.get('/verify/:code', async (c) => {
    const code = certificateCodeSchema.safeParse(c.req.param('code'));
    if (!code.success) throw new AppError('not_found', msg.noSuchCertificate);
    const cert = await service.verifyCertificate(db, code.data, async (id) => (await getUserSummary(db, id))?.displayName || '—');
    return c.html(<VerifyPage {...base(c)} cert={cert} />);
  });

  // ---- authoring ---------------------------------------------------------------------------
  const renderDesk = async (c: C, error?: FormError, values?: Record<string, string>) => {
    const desk = await authoring.authoringDesk(db, c.var.user);
    return c.html(
      <DeskPage {...base(c)} courses={desk.courses} organisations={desk.organisations} error={error} values={values} />,
      (error?.status ?? 200) as 200,
    );
  };
  const desk = academyAccess.middleware('academy.authoring.list', () => undefined);
  app.get('/author', desk, (c) => renderDesk(c));
  app.post('/author/courses', desk, async (c) => {
    const form = await readForm(c);
    try {
      const { organisation_id } = parseOrThrow(courseCreateSchema, form, labels);
      academyAccess.requireAccess(c.var.user, 'academy.course.author', { authorOrganisationId: organisation_id });
      const id = await authoring.createCourse(db, c.var.user, organisation_id, parseOrThrow(courseInputSchema, form, labels));
      return c.redirect(withLang(c, `/academy/author/courses/${id}?done=saved`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderDesk(c, fe, form);
    }
  });

  const renderCourseEdit = async (
    c: C,
    extra: { error?: FormError; values?: Record<string, string>; lessonError?: FormError; lessonValues?: Record<string, string> } = {},
  ) => {
    const view = await authoring.courseForAuthor(db, c.var.user, idParam(c, 'courseId'));
    const status = extra.error?.status ?? extra.lessonError?.status ?? 200;
    return c.html(<CourseEditPage {...base(c)} view={view} notice={noticeOf(c)} {...extra} />, status as 200);
  };
  app.get('/author/courses/:courseId', (c) => renderCourseEdit(c));
  app.post('/author/courses/:courseId', async (c) => {
    const courseId = idParam(c, 'courseId');
    await authoring.courseForAuthor(db, c.var.user, courseId);
    const form = await readForm(c);
    try {
      await authoring.updateCourse(db, c.var.user, courseId, parseOrThrow(courseInputSchema, form, labels));
      return c.redirect(withLang(c, `/academy/author/courses/${courseId}?done=saved`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCourseEdit(c, { error: fe, values: form });
    }
  });
  app.post('/author/courses/:courseId/lessons', async (c) => {
    const courseId = idParam(c, 'courseId');
    await authoring.courseForAuthor(db, c.var.user, courseId);
    const form = await readForm(c);
    try {
      const id = await authoring.addLesson(db, c.var.user, courseId, parseOrThrow(lessonInputSchema, form, labels));
      return c.redirect(withLang(c, `/academy/author/lessons/${id}?done=saved`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCourseEdit(c, { lessonError: fe, lessonValues: form });
    }
  });
  app.post('/author/courses/:courseId/publish', async (c) => {
    const courseId = idParam(c, 'courseId');
    try {
      await authoring.publishCourse(db, c.var.user, courseId);
      return c.redirect(withLang(c, `/academy/author/courses/${courseId}?done=published`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCourseEdit(c, { error: fe });
    }
  });

  const renderLessonEdit = async (c: C, extra: { error?: FormError; uploadError?: FormError; values?: Record<string, string> } = {}) => {
    const view = await authoring.lessonForAuthor(db, c.var.user, idParam(c, 'lessonId'));
    const status = extra.error?.status ?? extra.uploadError?.status ?? 200;
    return c.html(<LessonEditPage {...base(c)} {...view} notice={noticeOf(c)} {...extra} />, status as 200);
  };
  app.get('/author/lessons/:lessonId', (c) => renderLessonEdit(c));
  app.post('/author/lessons/:lessonId', async (c) => {
    const lessonId = idParam(c, 'lessonId');
    await authoring.lessonForAuthor(db, c.var.user, lessonId);
    const form = await readForm(c);
    try {
      await authoring.updateLesson(db, c.var.user, lessonId, parseOrThrow(lessonInputSchema, form, labels));
      return c.redirect(withLang(c, `/academy/author/lessons/${lessonId}?done=saved`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderLessonEdit(c, { error: fe, values: form });
    }
  });
  app.post('/author/lessons/:lessonId/video', async (c) => {
    const lessonId = idParam(c, 'lessonId');
    await authoring.lessonForAuthor(db, c.var.user, lessonId);
    try {
      const { name, file } = await formFile(c, 'video');
      await authoring.attachLessonVideo(db, store, c.var.user, lessonId, { name, body: file, size: file.size });
      return c.redirect(withLang(c, `/academy/author/lessons/${lessonId}?done=uploaded`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderLessonEdit(c, { uploadError: fe });
    }
  });
  app.post('/author/lessons/:lessonId/video-file', async (c) => {
    const lessonId = idParam(c, 'lessonId');
    await authoring.lessonForAuthor(db, c.var.user, lessonId);
    try {
      const { file_id } = parseOrThrow(videoFileSchema, await readForm(c), labels);
      await authoring.useLessonVideo(db, c.var.user, lessonId, file_id);
      return c.redirect(withLang(c, `/academy/author/lessons/${lessonId}?done=saved`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderLessonEdit(c, { uploadError: fe });
    }
  });
  app.post('/author/lessons/:lessonId/captions', async (c) => {
    const lessonId = idParam(c, 'lessonId');
    await authoring.lessonForAuthor(db, c.var.user, lessonId);
    try {
      const { name, file, form } = await formFile(c, 'captions');
      const { language } = parseOrThrow(captionsSchema, form, labels);
      await authoring.attachLessonCaptions(db, store, c.var.user, lessonId, language, { name, bytes: new Uint8Array(await file.arrayBuffer()) });
      return c.redirect(withLang(c, `/academy/author/lessons/${lessonId}?done=uploaded`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderLessonEdit(c, { uploadError: fe });
    }
  });
  app.post('/author/lessons/:lessonId/move', async (c) => {
    const lessonId = idParam(c, 'lessonId');
    await authoring.lessonForAuthor(db, c.var.user, lessonId);
    const { direction } = parseOrThrow(moveSchema, await readForm(c), labels);
    const courseId = await authoring.moveLesson(db, c.var.user, lessonId, direction);
    return c.redirect(withLang(c, `/academy/author/courses/${courseId}?done=saved`), 303);
  });
  app.post('/author/lessons/:lessonId/remove', async (c) => {
    const courseId = await authoring.removeLesson(db, c.var.user, idParam(c, 'lessonId'));
    return c.redirect(withLang(c, `/academy/author/courses/${courseId}?done=saved`), 303);
  });
  app.get('/author/lessons/:lessonId/preview', async (c) => {
    const view = await authoring.previewLesson(db, c.var.user, idParam(c, 'lessonId'));
    return c.html(<LessonPage {...base(c)} view={view} progressUrl="" />);
  });

  // ---- organisations: offerings and reports ----------------------------------------------------
  app.get(
    '/organisations',
    academyAccess.middleware('academy.course.enrol', () => undefined),
    async (c) => {
      const organisations = await service.myAcademyOrganisations(db, c.var.user);
      return c.html(<OrganisationPickerPage {...base(c)} organisations={organisations} />);
    },
  );
  const renderOrg = async (c: C, error?: FormError) => {
    const report = await service.organisationAcademy(db, c.var.user, idParam(c, 'orgId'));
    return c.html(<OrganisationAcademyPage {...base(c)} report={report} notice={noticeOf(c)} error={error} />, (error?.status ?? 200) as 200);
  };
  const manage = academyAccess.middleware('academy.offering.manage', (c) => idParam(c, 'orgId'));
  app.get(
    '/organisations/:orgId',
    academyAccess.middleware('academy.report.read', (c) => idParam(c, 'orgId')),
    (c) => renderOrg(c),
  );
  app.post('/organisations/:orgId/offerings', manage, async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const { course_id } = parseOrThrow(offeringSchema, await readForm(c), labels);
      await service.offerCourse(db, c.var.user, orgId, course_id);
      return c.redirect(withLang(c, `/academy/organisations/${orgId}?done=offered`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderOrg(c, fe);
    }
  });
  app.post('/organisations/:orgId/offerings/:courseId/remove', manage, async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      await service.withdrawOffering(db, c.var.user, orgId, idParam(c, 'courseId'));
      return c.redirect(withLang(c, `/academy/organisations/${orgId}?done=withdrawn`), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderOrg(c, fe);
    }
  });

  return app;
}
