import { Hono, type Context } from 'hono';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, readFormFile } from '../../shared/http/forms.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { format } from '../../shared/i18n/i18n.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import { getUserSummary } from '../accounts/accounts.service.js';
import { navigatorAccess } from './navigator.access.js';
import { AdminPage, EditOfferPage } from './navigator.admin.views.js';
import { FirmPage } from './navigator.firm.views.js';
import { msg } from './navigator.messages.js';
import {
  contactLabels,
  contactSchema,
  entryLabels,
  entrySchema,
  matchLabels,
  matchQuerySchema,
  offerEditLabels,
  offerEditSchema,
  rateLabels,
  rateSchema,
  subscribeSchema,
} from './navigator.schemas.js';
import * as service from './navigator.service.js';
import { offersToCsv, offersToJson, parseOffersFile } from './navigator.transfer.js';
import { MatchPage, NotifyPage, OfferPage, offerJsonLd } from './navigator.views.js';

type C = Context<AppEnv>;

export const navigatorImportBytes = 2 * 1024 * 1024;
export const navigatorBodyLimits: BodyLimitRule[] = [{ path: '/navigator/admin/import', maxBytes: navigatorImportBytes + 64 * 1024 }];

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const offerKey = (c: C) => {
  const key = c.req.param('key') ?? '';
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(key)) throw new AppError('not_found', errorMessages.notFound);
  return key;
};
const queryValues = (c: C): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (typeof v === 'string' && v.length <= 300) out[k] = v;
  return out;
};

/** The support navigator: public matching and offer pages, "notify me", the staff firm page with the de minimis ledger, offer maintenance. */
export function navigatorRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();

  // ---- public: find support --------------------------------------------------------------------
  const renderMatch = async (
    c: C,
    extra: { notice?: string; subscribeError?: service.FormErrorLike; values?: Record<string, string>; status?: number } = {},
  ) => {
    const l = c.var.locale;
    const values = extra.values ?? queryValues(c);
    const [providers, offers] = await Promise.all([service.providers(db), service.allOffers(db)]);
    let view: service.FactsView | null = null;
    let ranked: service.RankedOffer[] | null = null;
    let error: service.FormErrorLike | undefined;
    const now = new Date();
    try {
      const q = parseOrThrow(matchQuerySchema, values, { labels: matchLabels });
      view = await service.factsFromQuery(db, q, now);
      if (view) ranked = await service.matchFor(db, view.facts, { kind: q.kind, provider: q.provider }, now);
    } catch (err) {
      const fe = asFormError(err, l);
      if (!fe) throw err;
      error = fe;
    }
    return c.html(
      <MatchPage
        {...base(c)}
        values={values}
        providers={providers}
        offerCount={offers.length}
        view={view}
        ranked={ranked}
        error={error}
        notice={extra.notice}
        subscribeError={extra.subscribeError}
      />,
      (extra.status ?? (error ? 400 : 200)) as 200,
    );
  };
  app.get('/', (c) => renderMatch(c, { notice: c.req.query('subscribed') ? msg.subscribeSent[c.var.locale] : undefined }));

  app.get('/offers.json', async (c) => {
    const offers = await service.allOffers(db);
    return c.body(offersToJson(offers.map((o) => o.record)), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="support-offers.json"',
    });
  });
  app.get('/offers.csv', async (c) => {
    const offers = await service.allOffers(db);
    return c.body(offersToCsv(offers.map((o) => o.record)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="support-offers.csv"',
    });
  });
  app.get('/offers/:key', async (c) => {
    const offer = await service.getOffer(db, offerKey(c));
    const l = c.var.locale;
    return c.html(<OfferPage {...base(c)} offer={offer} jsonLd={offerJsonLd(offer, publicBaseUrl(env))} backHref={`/navigator?lang=${l}`} />);
  });

  // ---- "notify me" (double opt-in) ---------------------------------------------------------------
  app.post('/notify', async (c) => {
    const l = c.var.locale;
    const form = await readForm(c);
    const values = { ...queryValues(c), email: form.email ?? '' };
    try {
      const input = parseOrThrow(subscribeSchema, values, { labels: matchLabels });
      const view = await service.factsFromQuery(db, input, new Date());
      if (!view) throw new AppError('validation', errorMessages.required, [{ field: 'country', label: msg.country, message: errorMessages.required }]);
      const mailer = createMailer(db, env);
      await db.transaction().execute(async (trx) => {
        const token = await service.createSubscription(trx, {
          email: input.email,
          locale: l,
          facts: view.facts,
          filters: { kind: input.kind, provider: input.provider },
        });
        if (!token) return;
        await mailer.send(
          {
            to: input.email,
            subject: msg.confirmSubject[l],
            text: format(msg.confirmBody[l], { link: `${publicBaseUrl(env)}/navigator/notify/${token}?lang=${l}` }),
          },
          trx,
        );
      });
      const back = new URLSearchParams(Object.entries(queryValues(c)).filter(([, v]) => v));
      back.set('subscribed', '1');
      return c.redirect(`/navigator?${back.toString()}`, 303);
    } catch (err) {
      const fe = asFormError(err, l);
      if (!fe) throw err;
      return renderMatch(c, { subscribeError: fe, values, status: fe.status });
    }
  });
  const tokenOf = (c: C) => c.req.param('token') ?? '';
  app.get('/notify/:token', async (c) => {
    const token = tokenOf(c);
    const state = await service.subscriptionState(db, token);
    return c.html(<NotifyPage {...base(c)} token={token} state={state} />, state === 'unknown' ? 404 : 200);
  });
  app.post('/notify/:token/confirm', async (c) => {
    const token = tokenOf(c);
    await service.confirmSubscription(db, token, new Date());
    const state = await service.subscriptionState(db, token);
    return c.html(<NotifyPage {...base(c)} token={token} state={state} />, state === 'unknown' ? 404 : 200);
  });
  app.post('/notify/:token/stop', async (c) => {
    const token = tokenOf(c);
    const ok = await service.stopSubscription(db, token);
    return c.html(<NotifyPage {...base(c)} token={token} state={ok ? 'stopped' : 'unknown'} />, ok ? 200 : 404);
  });

  // ---- staff: a firm's offers and de minimis ledger --------------------------------------------------
  const renderFirm = async (c: C, firmId: number, extra: Partial<Parameters<typeof FirmPage>[0]> = {}, status = 200) => {
    const now = new Date();
    const ledger = await service.firmLedger(db, c.var.user, firmId, now);
    const facts = await service.firmFacts(db, firmId, now);
    const ranked = facts ? await service.matchFor(db, facts.facts, {}, now) : [];
    const warnings = await service.referralWarnings(
      db,
      ledger,
      ranked.filter((r) => r.result.status !== 'ruled_out').map((r) => r.offer),
    );
    const l = c.var.locale;
    const placeNote = facts?.place?.changedFrom
      ? format(msg.municipalityChanged[l], { old: facts.place.changedFrom, new: facts.place.code, name: facts.place.name })
      : !facts?.place
        ? msg.noFirmPlace[l]
        : undefined;
    return c.html(
      <FirmPage
        {...base(c)}
        ledger={ledger}
        ranked={ranked}
        warnings={warnings}
        canWrite={ledger.canWrite}
        canEnterRate={navigatorAccess.can(c.var.user, 'navigator.rate.enter', undefined)}
        placeNote={placeNote}
        notice={c.req.query('saved') ? msg.saved[l] : undefined}
        {...extra}
      />,
      status as 200,
    );
  };
  app.get('/firms/:firmId', (c) => renderFirm(c, idParam(c, 'firmId')));
  app.post('/firms/:firmId/de-minimis', async (c) => {
    const firmId = idParam(c, 'firmId');
    const now = new Date();
    await service.requireLedgerWrite(db, c.var.user, firmId, now);
    const form = await readForm(c);
    try {
      await service.addEntry(db, c.var.user, firmId, parseOrThrow(entrySchema, form, { labels: entryLabels }), now, c.var.requestId);
      return c.redirect(`/navigator/firms/${firmId}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderFirm(c, firmId, { entryError: fe, values: form }, fe.status);
    }
  });
  app.post('/rates', async (c) => {
    navigatorAccess.requireAccess(c.var.user, 'navigator.rate.enter', undefined);
    const form = await readForm(c);
    const back = /^\/navigator\/firms\/(\d{1,15})$/.exec(form.back ?? '');
    try {
      const input = parseOrThrow(rateSchema, form, { labels: rateLabels });
      await service.enterRate(db, c.var.user, input, c.var.requestId);
      return c.redirect(back ? `${back[0]}?saved=1&lang=${c.var.locale}` : `/navigator?lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      if (back)
        return renderFirm(
          c,
          Number(back[1]),
          { rateError: fe, values: { rate_currency: form.currency ?? '', rate_date: form.rate_date ?? '', per_eur: form.per_eur ?? '' } },
          fe.status,
        );
      throw err;
    }
  });

  // ---- maintaining offers ----------------------------------------------------------------------------
  const renderAdmin = async (c: C, extra: Partial<Parameters<typeof AdminPage>[0]> = {}, status = 200) => {
    const offers = await service.offersToMaintain(db, c.var.user);
    const canManageContacts = navigatorAccess.can(c.var.user, 'navigator.contact.manage', undefined);
    const contacts = canManageContacts
      ? await Promise.all(
          (await service.listContacts(db)).map(async (x) => ({
            provider: x.provider,
            name: (await getUserSummary(db, Number(x.user_id)))?.email ?? String(x.user_id),
          })),
        )
      : [];
    const l = c.var.locale;
    const imported = c.req.query('created') !== undefined;
    return c.html(
      <AdminPage
        {...base(c)}
        offers={offers}
        canImport={navigatorAccess.can(c.var.user, 'navigator.offer.import', undefined)}
        canManageContacts={canManageContacts}
        contacts={contacts}
        providers={canManageContacts ? await service.providers(db) : []}
        notice={
          imported
            ? format(msg.importDone[l], { created: c.req.query('created') ?? '0', updated: c.req.query('updated') ?? '0', same: c.req.query('same') ?? '0' })
            : c.req.query('saved')
              ? msg.saved[l]
              : undefined
        }
        {...extra}
      />,
      status as 200,
    );
  };
  app.get('/admin', (c) => renderAdmin(c));
  app.get('/admin/offers/:key', async (c) => {
    const offer = await service.offerToEdit(db, c.var.user, offerKey(c));
    return c.html(<EditOfferPage {...base(c)} offer={offer} />);
  });
  app.post('/admin/offers/:key', async (c) => {
    const key = offerKey(c);
    const offer = await service.offerToEdit(db, c.var.user, key);
    const form = await readForm(c);
    try {
      await service.editOffer(db, c.var.user, key, parseOrThrow(offerEditSchema, form, { labels: offerEditLabels }), c.var.requestId);
      return c.redirect(`/navigator/admin?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return c.html(<EditOfferPage {...base(c)} offer={offer} error={fe} values={form} />, fe.status as 400);
    }
  });
  app.post('/admin/import', async (c) => {
    navigatorAccess.requireAccess(c.var.user, 'navigator.offer.import', undefined);
    try {
      const bytes = await readFormFile(c, 'file');
      if (!bytes) throw new AppError('validation', msg.importEmpty, [{ field: 'file', label: msg.importFile, message: msg.importEmpty }]);
      const result = await service.importOffers(db, c.var.user, parseOffersFile(bytes), c.var.requestId);
      return c.redirect(`/navigator/admin?created=${result.created}&updated=${result.updated}&same=${result.same}&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderAdmin(c, { importError: fe }, fe.status);
    }
  });
  app.post('/admin/contacts', async (c) => {
    navigatorAccess.requireAccess(c.var.user, 'navigator.contact.manage', undefined);
    const form = await readForm(c);
    try {
      await service.addContact(db, c.var.user, parseOrThrow(contactSchema, form, { labels: contactLabels }), c.var.requestId);
      return c.redirect(`/navigator/admin?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderAdmin(c, { contactError: fe, values: form }, fe.status);
    }
  });

  return app;
}
