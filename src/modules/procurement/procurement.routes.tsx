import { type Context, Hono } from 'hono';
import { AppError } from '../../shared/errors.js';
import { fileStoreFor } from '../../shared/files/file-store.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, type FormError, idParam, readForm } from '../../shared/http/forms.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { listCounties } from '../places/places.service.js';
import { firmSummaries } from '../registry/registry.service.js';
import { AreaPage, BuyerPage, BuyersPage, FirmTendersPage, MyFirmsPage } from './procurement.firm.views.js';
import { GroupPage } from './procurement.group.views.js';
import * as groups from './procurement.groups.service.js';
import { msg } from './procurement.messages.js';
import { cpvDivisions } from './procurement.reference.js';
import { procurementAccess } from './procurement.access.js';
import {
  answerInput,
  checklistInput,
  checklistToggleInput,
  coachInput,
  fieldLabels,
  groupCreateInput,
  interestsInput,
  inviteInput,
  messageInput,
  noticeListQuery,
  statusInput,
} from './procurement.schemas.js';
import * as service from './procurement.service.js';
import { NoticeListPage, NoticePage } from './procurement.views.js';

type C = Context<AppEnv>;

/** Group messages may carry a document (10 MB) in a multipart form. */
export const procurementBodyLimits: BodyLimitRule[] = [{ path: '/tenders/groups/:groupId/messages', maxBytes: 10 * 1024 * 1024 + 64 * 1024 }];

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const withLang = (c: C, path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${c.var.locale}`;

/** Names of municipalities and counties for showing a notice's place. */
async function placeNames(deps: AppDeps) {
  const places = await service.placeIndex(deps.db);
  return new Map([...places.municipalityName, ...places.countyName]);
}

/**
 * /tenders: the public list and notice pages; a firm's matches and interests; a coach's area;
 * buyers' local capacity; bidding groups (members, thread, checklist, status).
 */
export function procurementRoutes(deps: AppDeps) {
  const { db } = deps;
  const store = fileStoreFor(deps.env);
  const mailer = createMailer(db, deps.env);
  const app = new Hono<AppEnv>();

  // Named checks run before any input is read: a refused person gets 401/403/404 whatever they sent.
  const gate = (c: C, action: 'procurement.group.read' | 'procurement.group.post' | 'procurement.group.manage') =>
    groups.requireGroupAccess(db, c.var.user, idParam(c, 'groupId'), action);

  app.get('/', async (c) => {
    const l = c.var.locale;
    const q = parseOrThrow(noticeListQuery, c.req.query(), { labels: fieldLabels(l) });
    const [list, counties, names] = await Promise.all([service.listPublicNotices(db, q), listCounties(db, l), placeNames(deps)]);
    return c.html(
      <NoticeListPage
        {...base(c)}
        query={q}
        notices={list.notices}
        total={list.total}
        pageSize={list.pageSize}
        divisions={cpvDivisions(l)}
        counties={counties.map((x) => ({ key: `${x.country}:${x.code}`, name: `${x.name} (${x.country})` }))}
        placeNames={names}
      />,
    );
  });

  // ---- signed-in pages (before /:noticeId) ------------------------------------------------
  app.get('/my', async (c) => {
    const firms = await service.myFirms(db, c.var.user);
    if (firms.length === 1) return c.redirect(withLang(c, `/tenders/firms/${firms[0]!.id}`), 303);
    return c.html(<MyFirmsPage {...base(c)} firms={firms} groups={await groups.groupsOf(db, c.var.user)} />);
  });

  app.get('/area', async (c) => {
    const area = await service.areaTenders(db, c.var.user);
    return c.html(
      <AreaPage
        {...base(c)}
        municipalities={area.municipalities}
        notices={area.notices as never}
        groups={await groups.groupsOf(db, c.var.user, [])}
        placeNames={await placeNames(deps)}
      />,
    );
  });

  app.get('/buyers', async (c) => c.html(<BuyersPage {...base(c)} buyers={await service.listBuyers(db, c.var.user)} />));

  app.get('/buyers/:country/:nationalId', async (c) => {
    const country = c.req.param('country');
    const nationalId = c.req.param('nationalId');
    if (!/^(NO|SE|FI)$/.test(country) || !/^[\d-]{7,12}$/.test(nationalId)) throw new AppError('not_found', errorMessages.notFound);
    return c.html(<BuyerPage {...base(c)} view={await service.buyerView(db, c.var.user, country, nationalId)} />);
  });

  // ---- a firm's tenders ---------------------------------------------------------------------
  const renderFirm = async (c: C, firmId: number, extra: { error?: FormError; values?: Record<string, string>; flash?: string } = {}) => {
    const data = await service.firmTenders(db, c.var.user, firmId);
    return c.html(
      <FirmTendersPage
        {...base(c)}
        firm={{ id: data.firm.id, name: data.firm.name }}
        matches={data.matches}
        interests={data.interests}
        canEdit={data.canEditInterests}
        groups={await groups.groupsOf(db, c.var.user, [firmId])}
        placeNames={await placeNames(deps)}
        {...extra}
      />,
      (extra.error?.status ?? 200) as 200,
    );
  };
  app.get('/firms/:firmId', (c) => renderFirm(c, idParam(c, 'firmId'), { flash: c.req.query('saved') ? msg.saved[c.var.locale] : undefined }));
  app.post('/firms/:firmId/interests', async (c) => {
    const firmId = idParam(c, 'firmId');
    await service.requireFirmAccess(db, c.var.user, firmId, 'procurement.firm.interests');
    const form = await readForm(c);
    try {
      const input = parseOrThrow(interestsInput, form, { labels: fieldLabels(c.var.locale) });
      await service.saveFirmInterests(db, c.var.user, firmId, input);
    } catch (err) {
      const error = asFormError(err, c.var.locale);
      if (!error) throw err;
      return renderFirm(c, firmId, { error, values: form });
    }
    return c.redirect(withLang(c, `/tenders/firms/${firmId}?saved=1`), 303);
  });

  // ---- groups -------------------------------------------------------------------------------
  const renderGroup = async (c: C, groupId: number, extra: { error?: FormError; errorAt?: string; flash?: string } = {}) => {
    const page = await groups.getGroupPage(db, c.var.user, groupId);
    const mine = await firmSummaries(db, c.var.user?.managedFirmIds ?? []);
    return c.html(
      <GroupPage {...base(c)} page={page} myFirms={[...mine.values()].map((f) => ({ id: f.id, name: f.name }))} {...extra} />,
      (extra.error?.status ?? 200) as 200,
    );
  };
  const groupForm = (at: string, act: (c: C, groupId: number, form: Record<string, string>) => Promise<unknown>) => async (c: C) => {
    const groupId = idParam(c, 'groupId');
    await gate(c, 'procurement.group.manage');
    const form = await readForm(c);
    try {
      await act(c, groupId, form);
    } catch (err) {
      const error = asFormError(err, c.var.locale);
      if (!error) throw err;
      return renderGroup(c, groupId, { error, errorAt: at });
    }
    return c.redirect(withLang(c, `/tenders/groups/${groupId}?saved=1`), 303);
  };
  const labels = (c: C) => ({ labels: fieldLabels(c.var.locale) });

  app.get('/groups/:groupId', (c) => renderGroup(c, idParam(c, 'groupId'), { flash: c.req.query('saved') ? msg.saved[c.var.locale] : undefined }));
  app.post(
    '/groups/:groupId/members',
    groupForm('invite', (c, id, form) =>
      groups.inviteFirm(db, c.var.user, id, parseOrThrow(inviteInput, form, labels(c)), { mailer, baseUrl: publicBaseUrl(deps.env) }),
    ),
  );
  app.post('/groups/:groupId/members/:firmId/answer', async (c) => {
    const groupId = idParam(c, 'groupId');
    const firmId = idParam(c, 'firmId');
    await groups.requireGroupVisible(db, c.var.user, groupId);
    const input = parseOrThrow(answerInput, await readForm(c), labels(c));
    await groups.answerInvitation(db, c.var.user, groupId, firmId, input.answer === 'accept');
    return input.answer === 'accept' ? c.redirect(withLang(c, `/tenders/groups/${groupId}`), 303) : c.redirect(withLang(c, `/tenders/firms/${firmId}`), 303);
  });
  app.post('/groups/:groupId/messages', async (c) => {
    const groupId = idParam(c, 'groupId');
    await gate(c, 'procurement.group.post');
    const body = await c.req.parseBody();
    try {
      const input = parseOrThrow(messageInput, { body: typeof body.body === 'string' ? body.body : undefined }, labels(c));
      const f = body.file;
      const file = f && typeof f !== 'string' && f.size > 0 ? { name: f.name, body: f } : undefined;
      await groups.postMessage(db, store, c.var.user, groupId, input, file);
    } catch (err) {
      const error = asFormError(err, c.var.locale);
      if (!error) throw err;
      return renderGroup(c, groupId, { error, errorAt: 'message' });
    }
    return c.redirect(withLang(c, `/tenders/groups/${groupId}`), 303);
  });
  app.post(
    '/groups/:groupId/checklist',
    groupForm('checklist', (c, id, form) => groups.addChecklistItem(db, c.var.user, id, parseOrThrow(checklistInput, form, labels(c)))),
  );
  app.post('/groups/:groupId/checklist/:itemId', async (c) => {
    const groupId = idParam(c, 'groupId');
    const itemId = idParam(c, 'itemId');
    await gate(c, 'procurement.group.post');
    const input = parseOrThrow(checklistToggleInput, await readForm(c), labels(c));
    await groups.setChecklistDone(db, c.var.user, groupId, itemId, input.done === 'yes');
    return c.redirect(withLang(c, `/tenders/groups/${groupId}`), 303);
  });
  app.post(
    '/groups/:groupId/status',
    groupForm('status', (c, id, form) => groups.setGroupStatus(db, c.var.user, id, parseOrThrow(statusInput, form, labels(c)))),
  );
  app.post(
    '/groups/:groupId/coach',
    groupForm('coach', (c, id, form) => groups.inviteCoach(db, c.var.user, id, parseOrThrow(coachInput, form, labels(c)).coach)),
  );

  // ---- one notice ------------------------------------------------------------------------------
  const renderNotice = async (c: C, noticeId: number, error?: FormError) => {
    const notice = await service.getNotice(db, noticeId);
    const user = c.var.user;
    const leadFirms = user?.managedFirmIds.length ? [...(await firmSummaries(db, user.managedFirmIds)).values()].map((f) => ({ id: f.id, name: f.name })) : [];
    const mine = user ? (await groups.groupsOf(db, user)).filter((g) => g.noticeId === noticeId) : [];
    return c.html(
      <NoticePage {...base(c)} notice={notice} placeNames={await placeNames(deps)} leadFirms={leadFirms} groups={mine} error={error} />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/:noticeId', (c) => renderNotice(c, idParam(c, 'noticeId')));
  app.post('/:noticeId/groups', async (c) => {
    const noticeId = idParam(c, 'noticeId');
    // Starting a group needs a firm to lead; which one is checked against the form by the service.
    procurementAccess.requireAccess(c.var.user, 'procurement.group.create', c.var.user?.managedFirmIds[0] ?? 0);
    const form = await readForm(c);
    let groupId: number;
    try {
      groupId = await groups.createGroup(db, c.var.user, noticeId, parseOrThrow(groupCreateInput, form, labels(c)));
    } catch (err) {
      const error = asFormError(err, c.var.locale);
      if (!error) throw err;
      return renderNotice(c, noticeId, error);
    }
    return c.redirect(withLang(c, `/tenders/groups/${groupId}`), 303);
  });

  return app;
}
