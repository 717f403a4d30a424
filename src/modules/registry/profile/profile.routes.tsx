import { viewMessages } from '../../../shared/views/views.messages.js';
import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AppError } from '../../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../../shared/http/context.js';
import { asFormError, idParam, readForm, readFormFile, type FormError } from '../../../shared/http/forms.js';
import type { BodyLimitRule } from '../../../shared/http/input-guard.js';
import { parseOrThrow } from '../../../shared/http/validate.js';
import { maxUploadBytes } from '../../../shared/images/process-image.js';
import { imageResponse } from '../../../shared/images/stored-image.js';
import { format } from '../../../shared/i18n/i18n.js';
import { Layout } from '../../../shared/views/layout.js';
import { AuditTable } from '../../audit/audit.views.js';
import { networkHead } from '../../network/network.views.js';
import { registryAccess, type FirmAction } from '../registry.access.js';
import { listMembershipOffersForMe } from '../../network/network.service.js';
import { msg as nmsg } from '../../network/network.messages.js';
import { MembershipOffersSection } from '../../network/network.requests.views.js';
import { getClaimState, listFirmPeople, listMyFirms, requestToManage, userNames } from './profile.claims.service.js';
import { pmsg } from './profile.messages.js';
import {
  auditQuerySchema,
  fieldLabels,
  hoursExceptionRemoveSchema,
  hoursExceptionSchema,
  imageMetaSchema,
  linkInputSchema,
  productInputSchema,
  profileInputSchema,
  weeklyHoursSchema,
} from './profile.schemas.js';
import * as service from './profile.service.js';
import { ClaimPage, EditorPage, managePath, MyFirmsPage, publicEstablishmentPath, publicFirmPath, unitManagePath } from './profile.views.js';
import type { Unit } from './profile.repository.js';

type C = Context<AppEnv>;

/** Declares who may use a firm route; checked before the body is read. */
const allowFirm = (action: FirmAction): MiddlewareHandler<AppEnv> => registryAccess.middleware(action, (c) => idParam(c, 'firmId'));

/**
 * Routes that take uploads and their body limits (5 MB image + form overhead); every other
 * request gets the small default of shared/http/input-guard.ts. app.tsx applies them before
 * anything reads a body (the CSRF check in the accounts middleware parses forms).
 */
export const uploadBodyLimits: BodyLimitRule[] = [
  { path: '/firms/:firmId/manage/images', maxBytes: maxUploadBytes + 64 * 1024 },
  { path: '/firms/:firmId/manage/establishments/:establishmentId/images', maxBytes: maxUploadBytes + 64 * 1024 },
  { path: '/network/organisations/:orgId/logo', maxBytes: maxUploadBytes + 64 * 1024 },
];

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });

/** Where a firm's people claim it and keep its profile: /firms/:firmId/manage…, /my/firms, /media/firm-images/…. */
export function firmProfileRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  /** The profile a request is about: the firm's own, or one of its establishments (/manage/establishments/:establishmentId…). */
  const unitOfRequest = (c: C): Unit => ({
    firmId: idParam(c, 'firmId'),
    establishmentId: c.req.param('establishmentId') === undefined ? null : idParam(c, 'establishmentId'),
  });

  const renderEditor = async (c: C, error?: FormError) => {
    const unit = unitOfRequest(c);
    const [data, people] = await Promise.all([service.getFirmForEditing(db, c.var.user, unit), listFirmPeople(db, c.var.user, unit.firmId)]);
    const l = c.var.locale;
    const saved = c.req.query('saved')
      ? unit.establishmentId === null
        ? pmsg.saved[l]
        : format(pmsg.savedBranch[l], { name: data.firm.facts.name })
      : undefined;
    const notice = saved ?? (c.req.query('claimed') ? pmsg.claimApproved[l] : undefined);
    const publicHref = unit.establishmentId === null ? publicFirmPath(unit.firmId) : publicEstablishmentPath(unit.establishmentId);
    return c.html(<EditorPage {...base(c)} data={data} people={people} notice={notice} error={error} publicHref={publicHref} />, (error?.status ?? 200) as 200);
  };

  // Public: anyone sees the claim page; the firm's people see the editor.
  app.get('/firms/:firmId/manage', async (c) => {
    const firmId = idParam(c, 'firmId');
    if (registryAccess.can(c.var.user, 'registry.profile.update', firmId)) return renderEditor(c);
    const firm = await service.getFirm(db, firmId);
    const state = await getClaimState(db, c.var.user, firmId);
    const signInHref = `/sign-in?next=${encodeURIComponent(managePath(firmId))}`;
    return c.html(<ClaimPage {...base(c)} firm={firm} state={state} isSignedIn={!!c.var.user} signInHref={signInHref} />);
  });

  // A shop's (establishment's) own profile: the link on the shop's public page leads here. Others are sent to the firm's claim page.
  app.get('/firms/:firmId/manage/establishments/:establishmentId', async (c) => {
    const firmId = idParam(c, 'firmId');
    idParam(c, 'establishmentId');
    if (registryAccess.can(c.var.user, 'registry.profile.update', firmId)) return renderEditor(c);
    return c.redirect(`${managePath(firmId)}?lang=${c.var.locale}`, 303);
  });

  app.post('/firms/:firmId/manage/claim', allowFirm('registry.profile.claim'), async (c) => {
    const firmId = idParam(c, 'firmId');
    const status = await requestToManage(db, c.var.user, firmId, c.var.requestId);
    return c.redirect(`${managePath(firmId)}${status === 'approved' ? '?claimed=1' : ''}`, 303);
  });

  /** A profile form: parse, change, back to the editor (of the firm or the establishment) — or the editor again with the errors. */
  const change = (path: string, work: (c: C, unit: Unit) => Promise<unknown>, prefixes = ['', '/establishments/:establishmentId']) => {
    for (const prefix of prefixes)
      app.post(`/firms/:firmId/manage${prefix}${path}`, allowFirm('registry.profile.update'), async (c) => {
        const unit = unitOfRequest(c);
        try {
          await work(c, unit);
          return c.redirect(`${unitManagePath(unit)}?saved=1`, 303);
        } catch (err) {
          const fe = asFormError(err, c.var.locale);
          if (!fe) throw err;
          return renderEditor(c, fe);
        }
      });
  };
  const firmOnly = [''];

  const user = (c: C) => c.var.user;
  change('/profile', async (c, id) =>
    service.updateProfile(db, user(c), id, parseOrThrow(profileInputSchema, await readForm(c), { labels: fieldLabels }), c.var.requestId),
  );
  change('/hours', async (c, id) =>
    service.updateWeeklyHours(db, user(c), id, parseOrThrow(weeklyHoursSchema, await readForm(c), { labels: fieldLabels }), c.var.requestId),
  );
  change('/hours/exceptions', async (c, id) =>
    service.addHoursException(db, user(c), id, parseOrThrow(hoursExceptionSchema, await readForm(c), { labels: fieldLabels }), c.var.requestId),
  );
  change('/hours/exceptions/remove', async (c, id) =>
    service.removeHoursException(db, user(c), id, parseOrThrow(hoursExceptionRemoveSchema, await readForm(c), { labels: fieldLabels }).date, c.var.requestId),
  );
  change('/products', async (c, id) =>
    service.addProduct(db, user(c), id, parseOrThrow(productInputSchema, await readForm(c), { labels: fieldLabels }), c.var.locale, c.var.requestId),
  );
  change('/products/:productId', async (c, id) =>
    service.updateProduct(
      db,
      user(c),
      id,
      idParam(c, 'productId'),
      parseOrThrow(productInputSchema, await readForm(c), { labels: fieldLabels }),
      c.var.requestId,
    ),
  );
  change('/products/:productId/delete', async (c, id) => service.removeProduct(db, user(c), id, idParam(c, 'productId'), c.var.requestId));
  change(
    '/links',
    async (c, id) => service.addLink(db, user(c), id.firmId, parseOrThrow(linkInputSchema, await readForm(c), { labels: fieldLabels }), c.var.requestId),
    firmOnly,
  );
  change('/links/:linkId/delete', async (c, id) => service.removeLink(db, user(c), id.firmId, idParam(c, 'linkId'), c.var.requestId), firmOnly);
  change('/images', async (c, id) => {
    const bytes = await readFormFile(c, 'image');
    if (!bytes) throw new AppError('validation', pmsg.chooseImage, [{ field: 'image', label: pmsg.image, message: errorMessages.required }]);
    const { alt_text } = parseOrThrow(imageMetaSchema, await readForm(c), { labels: fieldLabels });
    return service.addImage(db, user(c), id, bytes, alt_text, c.var.requestId);
  });
  change('/images/:imageId/delete', async (c, id) => service.removeImage(db, user(c), id, idParam(c, 'imageId'), c.var.requestId));

  app.get('/firms/:firmId/manage/audit', allowFirm('registry.profile.audit'), async (c) => {
    const firmId = idParam(c, 'firmId');
    const firm = await service.getFirm(db, firmId);
    const { before } = parseOrThrow(auditQuerySchema, c.req.query(), { labels: { before: viewMessages.olderThan } });
    const entries = await service.firmAuditTrail(db, c.var.user, firmId, before);
    const names = await userNames(
      db,
      entries.map((e) => e.actorUserId),
    );
    const l = c.var.locale;
    const title = `${pmsg.audit[l]}: ${firm.facts.name}`;
    const older = entries.length === 200 ? `${managePath(firmId)}/audit?before=${entries[entries.length - 1].id}` : undefined;
    return c.html(
      <Layout locale={l} title={title} currentUrl={c.req.url} head={networkHead}>
        <p class="breadcrumb">
          <a href={managePath(firmId)}>{format(pmsg.manageTitle[l], { name: firm.facts.name })}</a>
        </p>
        <h1>{title}</h1>
        <AuditTable locale={l} entries={entries} actorNames={names} olderHref={older} />
      </Layout>,
    );
  });

  app.get(
    '/my/firms',
    registryAccess.middleware('registry.my-firms.read', () => undefined),
    async (c) => {
      const [firms, offers] = await Promise.all([listMyFirms(db, c.var.user), listMembershipOffersForMe(db, c.var.user)]);
      const answered = c.req.query('offer');
      const notice = answered === 'accepted' ? nmsg.offerAccepted[c.var.locale] : answered === 'declined' ? nmsg.offerDeclined[c.var.locale] : undefined;
      return c.html(
        <MyFirmsPage {...base(c)} firms={firms}>
          <MembershipOffersSection locale={c.var.locale} csrf={c.var.csrfToken ?? ''} offers={offers} notice={notice} />
        </MyFirmsPage>,
      );
    },
  );

  // Public: images shown on the directory's firm pages. Re-encoded WebP, never user-supplied bytes.
  const serveImage = (variant: 'full' | 'thumb') => async (c: C) => imageResponse(c, await service.getImageData(db, idParam(c, 'imageId'), variant), 86400);
  app.get('/media/firm-images/:imageId', serveImage('full'));
  app.get('/media/firm-images/:imageId/thumb', serveImage('thumb'));

  return app;
}
