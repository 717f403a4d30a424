import { Hono, type Context, type MiddlewareHandler } from 'hono';
import QRCode from 'qrcode';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { format } from '../../shared/i18n/i18n.js';
import { findUserNames } from '../accounts/accounts.staff.service.js';
import { clientAddress, publicBaseUrl } from '../accounts/accounts.http.js';
import { can, surveysAccess } from './surveys.access.js';
import { resultsToCsv, resultsToXlsx } from './surveys.export.js';
import { msg } from './surveys.messages.js';
import { ContactsPage, FreeTextsPage, ManageListPage, SurveyDetailPage, SurveyFormPage } from './surveys.manage-views.js';
import { FirmNeedsPage, ResultsPage } from './surveys.results-views.js';
import {
  contactSchema,
  invitationsFormSchema,
  purposeSchema,
  questionFormSchema,
  questionLabels,
  resultsQuerySchema,
  surveyFormSchema,
  surveyLabels,
  tagsFormSchema,
  pickText,
  type SurveyDto,
} from './surveys.schemas.js';
import * as service from './surveys.service.js';
import { registerSurveysPrivacy } from './surveys.privacy.js';
import { AnswerPage, SurveysIndexPage, ThanksPage } from './surveys.views.js';

type C = Context<AppEnv>;
const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });

/** A form body with every value as a list (checkboxes send several); files are not taken here. */
async function readAll(c: C): Promise<service.RawForm> {
  const body = await c.req.parseBody({ all: true });
  const out: service.RawForm = {};
  for (const [k, v] of Object.entries(body)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (list.length) out[k] = list.slice(0, 50).map((x) => x.slice(0, 4000));
  }
  return out;
}
const flat = (form: service.RawForm) => Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v[0]]));

/** The surveys module's pages: /surveys (public), /surveys/manage (staff), /surveys/firms/:firmId (a firm's needs). */
export function surveysRoutes(deps: AppDeps) {
  const { db, env } = deps;
  registerSurveysPrivacy();
  const app = new Hono<AppEnv>();
  const baseUrl = publicBaseUrl(env);

  // ---- public --------------------------------------------------------------------------
  app.get('/', async (c) => {
    const { open, published } = await service.listPublicSurveys(db);
    return c.html(<SurveysIndexPage {...base(c)} open={open} published={published} />);
  });

  const renderSection = (
    c: C,
    ctx: service.AnswerContext,
    action: string,
    form: service.RawForm,
    answers: service.Answers,
    section: number,
    extra: { issues?: FormError['issues']; message?: string; status?: number } = {},
  ) => {
    const asked = service.askedSections(ctx.questions, answers);
    const index = Math.max(0, asked.indexOf(section));
    const started = form._started?.[0] ?? service.signStart(Date.now());
    const page = (
      <AnswerPage
        {...base(c)}
        survey={ctx.survey}
        action={action}
        section={section}
        sectionIndex={index}
        sectionCount={asked.length}
        isLast={index === asked.length - 1}
        questions={ctx.questions.filter((q) => q.section === section && service.isAsked(q, answers))}
        earlier={ctx.questions.filter((q) => q.section !== section)}
        form={form}
        municipalities={ctx.municipalities}
        tileUrl={env.MAP_TILE_URL}
        started={started === form._started?.[0] && extra.message === msg.tooFast[c.var.locale] ? service.signStart(Date.now()) : started}
        issues={extra.issues}
        message={extra.message}
      />
    );
    c.header('Cache-Control', 'no-store');
    return c.html(page, (extra.status ?? 200) as 200);
  };

  const answerGet = async (c: C, link: { token?: string; invitation?: string }, action: string) => {
    const ctx = await service.openForAnswering(db, c.var.user, link);
    const asked = service.askedSections(ctx.questions, new Map());
    return renderSection(c, ctx, action, {}, new Map(), asked[0] ?? 0);
  };

  const answerPost = async (c: C, link: { token?: string; invitation?: string }, action: string) => {
    const l = c.var.locale;
    const ctx = await service.openForAnswering(db, c.var.user, link);
    const form = await readAll(c);
    const current = Number(form._section?.[0] ?? 0);
    const municipalities = ctx.municipalities.map((m) => m.code);
    const { answers, issues } = service.parseAnswers(ctx.questions, form, { municipalities }, Number.isFinite(current) ? current : 0);
    const asked = service.askedSections(ctx.questions, answers);
    if (form._back) {
      const previous = asked.filter((s) => s < current).at(-1) ?? asked[0] ?? 0;
      return renderSection(c, ctx, action, form, answers, previous);
    }
    if (issues.length) {
      const sectionOf = (field: string) => ctx.questions.find((q) => field === `q${q.id}` || field.startsWith(`q${q.id}_`))?.section ?? current;
      const section = Math.min(...issues.map((i) => sectionOf(i.field)));
      // Each problem is named by its question, in the reader's language (not by the field's name).
      const titled = issues.map((i) => {
        const q = ctx.questions.find((x) => i.field === `q${x.id}` || i.field.startsWith(`q${x.id}_`));
        return q ? { ...i, label: pickText(q.text, l, ctx.survey.languages) } : i;
      });
      const localised = new AppError('validation', errorMessages.invalidInput, titled).issuesIn(l);
      return renderSection(c, ctx, action, form, answers, section, { issues: localised, status: 400 });
    }
    const next = asked.find((s) => s > current);
    if (next !== undefined) return renderSection(c, ctx, action, form, answers, next);
    let contact: { name: string | null; email: string | null; phone: string | null } | undefined;
    if (form.contact_opt_in?.[0] === 'yes') {
      try {
        const parsed = parseOrThrow(contactSchema, flat(form), { labels: { contact_email: msg.email, contact_phone: msg.phone, contact_name: msg.name } });
        if (!parsed.contact_email && !parsed.contact_phone)
          throw new AppError('validation', msg.contactNeeded, [{ field: 'contact_email', message: msg.contactNeeded }]);
        contact = { name: parsed.contact_name ?? null, email: parsed.contact_email, phone: parsed.contact_phone };
      } catch (err) {
        const e = asFormError(err, l);
        if (!e) throw err;
        return renderSection(c, ctx, action, form, answers, current, { issues: e.issues, message: e.message, status: 400 });
      }
    }
    const result = await service.submitResponse(db, ctx, {
      answers,
      contact,
      honeypot: form.website?.[0] ?? '',
      started: form._started?.[0],
      address: clientAddress(c, env),
    });
    if (result.kind === 'too_fast') return renderSection(c, ctx, action, form, answers, current, { message: msg.tooFast[l], status: 400 });
    c.header('Cache-Control', 'no-store');
    return c.html(<ThanksPage {...base(c)} survey={ctx.survey} />);
  };

  const tokenOf = (c: C, name: string) => {
    const t = c.req.param(name) ?? '';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(t)) throw new AppError('not_found', errorMessages.notFound);
    return t;
  };
  app.get('/s/:token', (c) => answerGet(c, { token: tokenOf(c, 'token') }, `/surveys/s/${tokenOf(c, 'token')}?lang=${c.var.locale}`));
  app.post('/s/:token', (c) => answerPost(c, { token: tokenOf(c, 'token') }, `/surveys/s/${tokenOf(c, 'token')}?lang=${c.var.locale}`));
  app.get('/i/:invitation', (c) => answerGet(c, { invitation: tokenOf(c, 'invitation') }, `/surveys/i/${tokenOf(c, 'invitation')}?lang=${c.var.locale}`));
  app.post('/i/:invitation', (c) => answerPost(c, { invitation: tokenOf(c, 'invitation') }, `/surveys/i/${tokenOf(c, 'invitation')}?lang=${c.var.locale}`));

  const resultsQuery = (c: C) =>
    parseOrThrow(resultsQuerySchema, c.req.query(), { labels: { municipality: msg.municipality, group: msg.respondentGroup, by: msg.breakdown } });
  const queryValues = (c: C) => Object.fromEntries(['municipality', 'group', 'by'].map((k) => [k, c.req.query(k) ?? '']));

  app.get('/:surveyId/results', async (c) => {
    const view = await service.getPublicResults(db, idParam(c, 'surveyId'), resultsQuery(c), c.var.locale);
    return c.html(<ResultsPage {...base(c)} {...view} action={`/surveys/${view.survey.id}/results`} query={queryValues(c)} />);
  });

  // ---- a firm's needs ----------------------------------------------------------------------
  app.get('/firms/:firmId', async (c) => {
    const view = await service.firmNeeds(db, c.var.user, idParam(c, 'firmId'), c.var.locale);
    return c.html(<FirmNeedsPage {...base(c)} {...view} />);
  });

  // ---- building ------------------------------------------------------------------------
  // Who may use a survey's route is checked before its body is read (a refused person gets 401/403 whatever they sent).
  const allowOn =
    (action: 'surveys.results.read' | 'surveys.survey.manage' | 'surveys.contacts.read'): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      if (!c.var.user) surveysAccess.requireAccess(undefined, action, 0);
      surveysAccess.requireAccess(c.var.user, action, await service.surveyOrganisation(db, idParam(c, 'surveyId')));
      await next();
    };
  const reader = allowOn('surveys.results.read');
  const builder = allowOn('surveys.survey.manage');
  const contactsAdmin = allowOn('surveys.contacts.read');
  const listAllowed = surveysAccess.middleware('surveys.survey.list', () => undefined);
  app.get('/manage', listAllowed, async (c) => {
    const user = c.var.user!;
    const [surveys, orgNames, buildable] = await Promise.all([
      service.listSurveysFor(db, user),
      service.organisationNames(db),
      service.organisationsToBuildFor(db, user),
    ]);
    return c.html(<ManageListPage {...base(c)} surveys={surveys} orgNames={orgNames} canCreate={buildable.length > 0} />);
  });

  const formValues = (s: SurveyDto) => {
    const v: Record<string, string> = {
      organisation: String(s.organisationId),
      audience: s.audience,
      opens_on: s.opensOn ?? '',
      closes_on: s.closesOn ?? '',
      min_group_size: String(s.minGroupSize),
      results_public: s.resultsPublic ? 'on' : '',
    };
    for (const l of s.languages) {
      v[`title_${l}`] = s.title[l] ?? '';
      v[`intro_${l}`] = s.intro[l] ?? '';
      v[`sections_${l}`] = s.sections.map((x) => x[l] ?? '').join('\n');
    }
    return v;
  };

  const renderSurveyForm = async (c: C, action: string, heading: string, values: Record<string, string>, error?: FormError) => {
    const organisations = await service.organisationsToBuildFor(db, c.var.user!);
    if (!organisations.length) throw new AppError('forbidden', errorMessages.notAllowed);
    return c.html(
      <SurveyFormPage
        {...base(c)}
        action={action}
        heading={heading}
        organisations={organisations}
        values={values}
        issues={error?.issues}
        message={error?.message}
      />,
      (error?.status ?? 200) as 200,
    );
  };

  app.get('/manage/new', listAllowed, (c) =>
    renderSurveyForm(c, `/surveys/manage/new?lang=${c.var.locale}`, msg.newSurvey[c.var.locale], { audience: 'public', min_group_size: '10' }),
  );
  app.post('/manage/new', listAllowed, async (c) => {
    const form = (await c.req.parseBody()) as Record<string, string>;
    try {
      const input = parseOrThrow(surveyFormSchema, form, { labels: surveyLabels });
      const id = await service.createSurvey(db, c.var.user, input);
      return c.redirect(`/surveys/manage/${id}?lang=${c.var.locale}&saved=1`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e || e.status === 403) throw err;
      return renderSurveyForm(c, `/surveys/manage/new?lang=${c.var.locale}`, msg.newSurvey[c.var.locale], form, e);
    }
  });

  const renderDetail = async (c: C, surveyId: number, extra: { error?: FormError; values?: Record<string, string>; notice?: string } = {}) => {
    const user = c.var.user;
    const view = await service.getSurveyToManage(db, user, surveyId);
    const orgName = (await service.organisationNames(db)).get(view.survey.organisationId) ?? '';
    const publicUrl = `${baseUrl}/surveys/s/${view.survey.publicToken}`;
    const qrSvg = await QRCode.toString(publicUrl, { type: 'svg', margin: 1 });
    return c.html(
      <SurveyDetailPage
        {...base(c)}
        {...view}
        orgName={orgName}
        publicUrl={publicUrl}
        qrSvg={qrSvg}
        canManage={can(user, 'surveys.survey.manage', view.survey.organisationId)}
        canReadContacts={can(user, 'surveys.contacts.read', view.survey.organisationId)}
        notice={
          extra.notice ??
          (c.req.query('saved')
            ? msg.saved[c.var.locale]
            : c.req.query('invited')
              ? format(msg.invited[c.var.locale], { n: c.req.query('invited')! })
              : undefined)
        }
        issues={extra.error?.issues}
        message={extra.error?.message}
        values={extra.values}
      />,
      (extra.error?.status ?? 200) as 200,
    );
  };

  app.get('/manage/:surveyId', reader, (c) => renderDetail(c, idParam(c, 'surveyId')));

  app.get('/manage/:surveyId/edit', builder, async (c) => {
    const view = await service.getSurveyToManage(db, c.var.user, idParam(c, 'surveyId'));
    surveysAccess.requireAccess(c.var.user, 'surveys.survey.manage', view.survey.organisationId);
    return renderSurveyForm(c, `/surveys/manage/${view.survey.id}/edit?lang=${c.var.locale}`, msg.save[c.var.locale], formValues(view.survey));
  });
  app.post('/manage/:surveyId/edit', builder, async (c) => {
    const id = idParam(c, 'surveyId');
    const form = (await c.req.parseBody()) as Record<string, string>;
    try {
      const input = parseOrThrow(surveyFormSchema, form, { labels: surveyLabels });
      await service.updateSurvey(db, c.var.user, id, input);
      return c.redirect(`/surveys/manage/${id}?lang=${c.var.locale}&saved=1`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e || e.status === 403 || e.status === 401) throw err;
      return renderSurveyForm(c, `/surveys/manage/${id}/edit?lang=${c.var.locale}`, msg.save[c.var.locale], form, e);
    }
  });

  app.post('/manage/:surveyId/questions', builder, async (c) => {
    const id = idParam(c, 'surveyId');
    const form = (await c.req.parseBody()) as Record<string, string>;
    try {
      const parsed = parseOrThrow(questionFormSchema, form, { labels: questionLabels });
      await service.addQuestion(db, c.var.user, id, parsed);
      return c.redirect(`/surveys/manage/${id}?lang=${c.var.locale}&saved=1#add-q-h`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e || e.status === 403 || e.status === 401 || e.status === 404) throw err;
      return renderDetail(c, id, { error: e, values: form });
    }
  });
  app.post('/manage/:surveyId/questions/:questionId/delete', builder, async (c) => {
    const id = idParam(c, 'surveyId');
    await service.deleteQuestion(db, c.var.user, id, idParam(c, 'questionId'));
    return c.redirect(`/surveys/manage/${id}?lang=${c.var.locale}&saved=1`, 303);
  });
  for (const status of ['open', 'close'] as const)
    app.post(`/manage/:surveyId/${status}`, builder, async (c) => {
      const id = idParam(c, 'surveyId');
      await service.setSurveyStatus(db, c.var.user, id, status === 'open' ? 'open' : 'closed');
      return c.redirect(`/surveys/manage/${id}?lang=${c.var.locale}&saved=1`, 303);
    });

  app.post('/manage/:surveyId/invitations', builder, async (c) => {
    const id = idParam(c, 'surveyId');
    const form = (await c.req.parseBody()) as Record<string, string>;
    try {
      const { emails } = parseOrThrow(invitationsFormSchema, form, { labels: { emails: msg.inviteEmails } });
      const n = await service.inviteByEmail(db, env, baseUrl, c.var.user, id, emails, c.var.locale);
      return c.redirect(`/surveys/manage/${id}?lang=${c.var.locale}&invited=${n}`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e || e.status === 403 || e.status === 401 || e.status === 404) throw err;
      return renderDetail(c, id, { error: e, values: form });
    }
  });

  app.get('/manage/:surveyId/qr.svg', reader, async (c) => {
    const view = await service.getSurveyToManage(db, c.var.user, idParam(c, 'surveyId'));
    const svg = await QRCode.toString(`${baseUrl}/surveys/s/${view.survey.publicToken}`, { type: 'svg', margin: 2 });
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-disposition': `attachment; filename="survey-${view.survey.id}-qr.svg"`,
    });
  });

  app.get('/manage/:surveyId/results', reader, async (c) => {
    const id = idParam(c, 'surveyId');
    const view = await service.getResults(db, c.var.user, id, resultsQuery(c), c.var.locale);
    const qs = new URLSearchParams(Object.entries({ ...queryValues(c), lang: c.var.locale }).filter(([, v]) => v)).toString();
    return c.html(
      <ResultsPage
        {...base(c)}
        {...view}
        action={`/surveys/manage/${id}/results`}
        query={queryValues(c)}
        exports={{ csv: `/surveys/manage/${id}/results.csv?${qs}`, xlsx: `/surveys/manage/${id}/results.xlsx?${qs}` }}
      />,
    );
  });
  app.get('/manage/:surveyId/results.csv', reader, async (c) => {
    const id = idParam(c, 'surveyId');
    const view = await service.getResults(db, c.var.user, id, resultsQuery(c), c.var.locale);
    return c.body(resultsToCsv(view.results, c.var.locale), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="survey-${id}-results.csv"`,
    });
  });
  app.get('/manage/:surveyId/results.xlsx', reader, async (c) => {
    const id = idParam(c, 'surveyId');
    const view = await service.getResults(db, c.var.user, id, resultsQuery(c), c.var.locale);
    return c.body(new Uint8Array(await resultsToXlsx(view.results, c.var.locale)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="survey-${id}-results.xlsx"`,
    });
  });

  app.get('/manage/:surveyId/texts', reader, async (c) => {
    const id = idParam(c, 'surveyId');
    const tag = (c.req.query('tag') ?? '').trim().toLowerCase().slice(0, 40) || undefined;
    const before = c.req.query('before');
    const beforeId = before && /^\d{1,15}$/.test(before) ? Number(before) : undefined;
    const { survey, rows, more } = await service.listFreeTexts(db, c.var.user, id, { tag, beforeId });
    const questions = await service.listQuestions(db, id);
    const older = more
      ? `/surveys/manage/${id}/texts?lang=${c.var.locale}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}&before=${rows.at(-1)!.id}`
      : undefined;
    return c.html(
      <FreeTextsPage
        {...base(c)}
        survey={survey}
        questions={questions}
        rows={rows}
        olderHref={older}
        tag={tag}
        canTag={can(c.var.user, 'surveys.survey.manage', survey.organisationId)}
      />,
    );
  });
  app.post('/manage/:surveyId/texts/:answerId/tags', builder, async (c) => {
    const id = idParam(c, 'surveyId');
    const { tags } = parseOrThrow(tagsFormSchema, await c.req.parseBody(), { labels: { tags: msg.tags } });
    await service.tagAnswer(db, c.var.user, id, idParam(c, 'answerId'), tags);
    return c.redirect(`/surveys/manage/${id}/texts?lang=${c.var.locale}`, 303);
  });

  const renderContacts = async (c: C, id: number, contacts?: Awaited<ReturnType<typeof service.readContacts>>, error?: FormError, notice?: string) => {
    const log = await service.contactReadLog(db, c.var.user, id);
    const { survey } = await service.getSurveyToManage(db, c.var.user, id);
    const names = new Map(
      (
        await findUserNames(
          db,
          log.map((r) => Number(r.user_id)),
        )
      ).map((u) => [Number(u.id), u.display_name || u.email]),
    );
    c.header('Cache-Control', 'no-store');
    return c.html(
      <ContactsPage {...base(c)} survey={survey} contacts={contacts} log={log} names={names} issues={error?.issues} notice={notice} />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/manage/:surveyId/contacts', contactsAdmin, (c) =>
    renderContacts(c, idParam(c, 'surveyId'), undefined, undefined, c.req.query('erased') ? msg.erased[c.var.locale] : undefined),
  );
  app.post('/manage/:surveyId/contacts', contactsAdmin, async (c) => {
    const id = idParam(c, 'surveyId');
    try {
      const { purpose } = parseOrThrow(purposeSchema, await c.req.parseBody(), { labels: { purpose: msg.purpose } });
      return renderContacts(c, id, await service.readContacts(db, c.var.user, id, purpose));
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e || e.status !== 400) throw err;
      return renderContacts(c, id, undefined, e);
    }
  });
  app.post('/manage/:surveyId/contacts/:contactId/erase', contactsAdmin, async (c) => {
    const id = idParam(c, 'surveyId');
    await service.eraseContact(db, c.var.user, id, idParam(c, 'contactId'));
    return c.redirect(`/surveys/manage/${id}/contacts?lang=${c.var.locale}&erased=1`, 303);
  });

  return app;
}
