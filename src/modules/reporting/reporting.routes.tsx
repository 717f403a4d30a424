import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { reportingAccess } from './reporting.access.js';
import { reportToCsv, reportToXlsx } from './reporting.export.js';
import { msg } from './reporting.messages.js';
import { FirmsPage, FrozenPage, PurposePage, ReportPage } from './reporting.report.views.js';
import {
  drilldownQuerySchema,
  firmFactsFormSchema,
  firmFactsLabels,
  periodLabels,
  periodQuerySchema,
  projectFormSchema,
  projectLabels,
  tagFormSchema,
  tagLabels,
} from './reporting.schemas.js';
import { registerReportingPrivacy } from './reporting.privacy.js';
import * as service from './reporting.service.js';
import { FirmFactsPage, ProjectFormPage, ProjectPage, ReportsHomePage } from './reporting.views.js';

type C = Context<AppEnv>;
const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const period = (c: C) => {
  const p = parseOrThrow(periodQuerySchema, { from: c.req.query('from'), to: c.req.query('to') }, { labels: periodLabels });
  return { from: p.from, to: p.to };
};

/** Funder reporting under /reports: reports per organisation or project × template × period, projects, firm facts. */
export function reportingRoutes(deps: AppDeps) {
  const { db } = deps;
  // The data directory, for the sources that keep their data beside the database (the local-spend store), as the spend routes get it.
  const dataDir = deps.env.LOKALKRAFT_DATA_DIR;
  registerReportingPrivacy();
  const app = new Hono<AppEnv>();
  const creators = reportingAccess.middleware('reporting.project.create', () => undefined);

  app.get('/', async (c) => {
    const home = await service.reportsHome(db, c.var.user);
    return c.html(<ReportsHomePage {...base(c)} home={home} />);
  });

  // ---- reports ------------------------------------------------------------------------
  app.get('/r/:scope/:template', async (c) => {
    const view = await service.viewReport(db, dataDir, c.var.user, c.req.param('scope'), c.req.param('template'), period(c));
    const m = view.result.missing;
    const names = view.canFirms
      ? await service.missingFirmNames(db, c.var.user, view.scope, [
          ...new Set([
            ...m.withoutSize,
            ...m.sizeFromToday,
            ...m.outcomesWithoutEvidence,
            ...m.withoutTurnover,
            ...m.withoutLeaders,
            ...(m.withoutValueCreation ?? []),
          ]),
        ])
      : undefined;
    return c.html(<ReportPage {...base(c)} view={view} names={names} />);
  });

  app.get('/r/:scope/:template/firms', async (c) => {
    const q = parseOrThrow(drilldownQuerySchema, { indicator: c.req.query('indicator'), split: c.req.query('split'), purpose: c.req.query('purpose') });
    if (!q.purpose) {
      // Personal data is read with a purpose: first the question (nothing read, nothing logged), then the list.
      const { scope, template } = await service.requireFirmsAccess(db, c.var.user, c.req.param('scope'), c.req.param('template'));
      return c.html(
        <PurposePage
          {...base(c)}
          scopeName={scope.name}
          template={template}
          action={c.req.path}
          period={service.periodOr(scope, period(c))}
          indicator={q.indicator ?? null}
          split={q.split ?? null}
        />,
      );
    }
    const r = await service.firmsBehind(db, dataDir, c.var.user, c.req.param('scope'), c.req.param('template'), period(c), { ...q, purpose: q.purpose });
    c.header('Cache-Control', 'no-store');
    return c.html(
      <FirmsPage
        {...base(c)}
        scopeName={r.scope.name}
        template={r.template}
        indicator={r.indicator}
        part={r.part}
        period={r.period}
        rows={r.rows}
        back={`/reports/r/${r.scope.key}/${r.template.key}?from=${r.period.from}&to=${r.period.to}`}
      />,
    );
  });

  const exportMeta = (view: service.ReportView) => ({ subject: view.scope.name, from: view.period.from, to: view.period.to, version: view.version });
  app.get('/r/:scope/:template/report.csv', async (c) => {
    const view = await service.viewReport(db, dataDir, c.var.user, c.req.param('scope'), c.req.param('template'), period(c));
    return c.body(reportToCsv(view.template, view.result, exportMeta(view), c.var.locale), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${view.template.key}-${view.scope.key}-${view.period.from}-${view.period.to}.csv"`,
    });
  });
  app.get('/r/:scope/:template/report.xlsx', async (c) => {
    const view = await service.viewReport(db, dataDir, c.var.user, c.req.param('scope'), c.req.param('template'), period(c));
    return c.body(new Uint8Array(await reportToXlsx(view.template, view.result, exportMeta(view), c.var.locale)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${view.template.key}-${view.scope.key}-${view.period.from}-${view.period.to}.xlsx"`,
    });
  });

  app.post('/r/:scope/:template/freeze', async (c) => {
    const id = await service.freezeReport(db, dataDir, c.var.user, c.req.param('scope'), c.req.param('template'), period(c));
    return c.redirect(`/reports/frozen/${id}?lang=${c.var.locale}`, 303);
  });

  app.get('/frozen/:frozenId', async (c) => {
    const view = await service.viewFrozen(db, dataDir, c.var.user, idParam(c, 'frozenId'));
    return c.html(<FrozenPage {...base(c)} view={view} />);
  });

  // ---- projects -----------------------------------------------------------------------
  const renderProjectForm = async (c: C, values?: Record<string, string | string[]>, error?: FormError) => {
    const choices = await service.projectChoices(db, c.var.user);
    return c.html(
      <ProjectFormPage {...base(c)} leads={choices.leads} all={choices.all} values={values} issues={error?.issues} message={error?.message} />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/projects/new', creators, (c) => renderProjectForm(c));
  app.post('/projects', creators, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const form: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(body)) {
      const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      form[k] = k === 'organisations' ? list.slice(0, 100) : (list[0] ?? '');
    }
    try {
      const input = parseOrThrow(projectFormSchema, form, { labels: projectLabels });
      const id = await service.createProject(db, c.var.user, input);
      return c.redirect(`/reports/projects/${id}?lang=${c.var.locale}`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e) throw err;
      return renderProjectForm(c, form, e);
    }
  });

  const renderProject = async (c: C, id: number, extra: { notice?: string; error?: FormError } = {}) => {
    const project = await service.getProject(db, c.var.user, id);
    return c.html(
      <ProjectPage {...base(c)} project={project} notice={extra.notice} issues={extra.error?.issues} message={extra.error?.message} />,
      (extra.error?.status ?? 200) as 200,
    );
  };
  app.get('/projects/:projectId', (c) => renderProject(c, idParam(c, 'projectId'), { notice: c.req.query('tagged') ? msg.tagged[c.var.locale] : undefined }));
  app.post('/projects/:projectId/tags', async (c) => {
    const id = idParam(c, 'projectId');
    // The access check runs before the form is judged: a person without the right gets 403, not the form.
    await service.requireProjectManager(db, c.var.user, id);
    const form = await readForm(c);
    try {
      const input = parseOrThrow(tagFormSchema, form, { labels: tagLabels });
      await service.tagToProject(db, c.var.user, id, input);
      return c.redirect(`/reports/projects/${id}?lang=${c.var.locale}&tagged=1`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e) throw err;
      return renderProject(c, id, { error: e });
    }
  });

  // ---- firm facts ---------------------------------------------------------------------
  const renderFacts = async (c: C, extra: { values?: Record<string, string>; error?: FormError; notice?: string } = {}) => {
    const recent = await service.recentFirmFacts(db, c.var.user);
    return c.html(
      <FirmFactsPage {...base(c)} recent={recent} values={extra.values} issues={extra.error?.issues} message={extra.error?.message} notice={extra.notice} />,
      (extra.error?.status ?? 200) as 200,
    );
  };
  const factsAllowed = reportingAccess.middleware('reporting.facts.record', () => undefined);
  app.get('/firm-facts', factsAllowed, (c) => renderFacts(c, { notice: c.req.query('saved') ? msg.saved[c.var.locale] : undefined }));
  app.post('/firm-facts', factsAllowed, async (c) => {
    const form = await readForm(c);
    try {
      const input = parseOrThrow(firmFactsFormSchema, form, { labels: firmFactsLabels });
      await service.recordFirmFacts(db, c.var.user, input);
      return c.redirect(`/reports/firm-facts?lang=${c.var.locale}&saved=1`, 303);
    } catch (err) {
      const e = asFormError(err, c.var.locale);
      if (!e) throw err;
      return renderFacts(c, { values: form, error: e });
    }
  });

  return app;
}
