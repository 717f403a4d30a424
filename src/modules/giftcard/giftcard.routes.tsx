import { Hono, type Context } from 'hono';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, type FormError } from '../../shared/http/forms.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { formatTime } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { clientAddress } from '../accounts/accounts.http.js';
import { listAllOrganisations, listMembers } from '../network/network.service.js';
import { can, giftcardAccess, requireAccess } from './giftcard.access.js';
import { msg } from './giftcard.messages.js';
import {
  batchFormSchema,
  fieldLabels,
  lookupSchema,
  orderFormSchema,
  programmeFormSchema,
  receiptMailSchema,
  reportQuerySchema,
  redeemSchema,
  reverseSchema,
  settlementFormSchema,
  shopFormSchema,
  shopLeaveSchema,
  testPayAnswerSchema,
  toBatchInput,
  toProgrammeInput,
  toShopInput,
} from './giftcard.schemas.js';
import * as service from './giftcard.service.js';
import * as settlement from './giftcard.settlement.js';
import * as reports from './giftcard.reports.js';
import { validityMonthsOf } from './giftcard.validity.js';
import { MyCardsPage, BuyPage, OrderPage, PublicGiftcardPage, TestPaymentPage } from './giftcard.public.views.js';
import { CounterListPage, CounterPage, ReceiptPage, receiptText, redeemedNotice } from './giftcard.counter.views.js';
import { BatchPage, CardPage, ProgrammeListPage, ProgrammePage, ReportsPage, SettlementPage } from './giftcard.issuer.views.js';
import { money, qrSvg } from './giftcard.views.js';

type C = Context<AppEnv>;
const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const pageError = (fe: FormError | undefined) => (fe ? { message: fe.message, issues: fe.issues } : undefined);
const programmeUrl = (id: number, tail = '') => `/giftcard/programmes/${id}${tail}`;
const parse = <T,>(schema: Parameters<typeof parseOrThrow>[0], form: Record<string, string>) => parseOrThrow(schema, form, { labels: fieldLabels }) as T;

/**
 * The city gift card: public pages (balance by code, buying, the test payment provider), the
 * issuer's pages (programmes, shops, desk sale, settlements, reports) and the shop's counter.
 * Every route runs its named access check first (giftcard.access.ts); holders' pages need none.
 */
export function giftcardRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();
  const programmeAccess =
    (action: 'giftcard.programme.read' | 'giftcard.programme.manage' | 'giftcard.card.sell' | 'giftcard.settlement.run' | 'giftcard.report.read') =>
    async (c: C, next: () => Promise<void>) => {
      requireAccess(c.var.user, 'giftcard.programme.list', undefined);
      const p = await service.loadProgramme(db, idParam(c, 'programmeId'));
      requireAccess(c.var.user, action, p.organisationId);
      await next();
    };
  const counterAccess = async (c: C, next: () => Promise<void>) => {
    await service.getCounterShop(db, c.var.user, idParam(c, 'shopId'));
    await next();
  };
  const signedIn = giftcardAccess.middleware('giftcard.counter.list', () => undefined);

  // ---- public ------------------------------------------------------------------------
  const renderPublic = async (c: C, extra: Partial<Parameters<typeof PublicGiftcardPage>[0]> = {}, status = 200) => {
    const today = (p: { country: 'NO' | 'SE' | 'FI' }) => service.todayIn(p);
    const programmes = await Promise.all(
      (await service.listPublicProgrammes(db)).map(async (programme) => ({
        programme,
        shops: (await service.listShops(db, programme.id)).filter((s) => service.isShopMemberOn(s, today(programme))),
      })),
    );
    return c.html(<PublicGiftcardPage {...base(c)} programmes={programmes} signedIn={!!c.var.user} {...extra} />, status as 200);
  };
  app.get('/', (c) => renderPublic(c));
  app.post('/balance', async (c) => {
    const form = await readForm(c);
    const l = c.var.locale;
    try {
      const { code } = parse<{ code: string }>(lookupSchema, form);
      const found = await service.checkBalance(db, clientAddress(c, env), code);
      if (found.kind === 'rate_limited') {
        c.header('Retry-After', String(Math.ceil((found.retryAt.getTime() - Date.now()) / 1000)));
        throw new AppError('rate_limited', msg.rateLimited, [], { time: formatTime(found.retryAt, l) });
      }
      if (found.kind === 'malformed') throw new AppError('validation', msg.codeMalformed, [{ field: 'code', message: msg.codeMalformed }]);
      if (found.kind === 'unknown') throw new AppError('validation', msg.codeUnknown, [{ field: 'code', message: msg.codeUnknown }]);
      return renderPublic(c, {
        balance: {
          code: found.card.code,
          balanceMinor: found.card.balanceMinor,
          currency: found.programme.currency,
          expiresOn: found.card.expiresOn,
          expired: found.expired,
          programmeName: found.programme.name,
        },
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'rate_limited')
        return renderPublic(c, { error: { message: err.messageIn(l), issues: [] }, code: form.code }, 429);
      const fe = asFormError(err, l);
      if (!fe) throw err;
      return renderPublic(c, { error: pageError(fe), code: form.code }, fe.status);
    }
  });

  app.get('/my', signedIn, async (c) => c.html(<MyCardsPage {...base(c)} cards={await service.listMyCards(db, c.var.user)} />));

  const renderBuy = async (c: C, fe?: FormError, values?: Record<string, string>) => {
    const programme = await service.loadProgramme(db, idParam(c, 'programmeId'));
    return c.html(<BuyPage {...base(c)} programme={programme} error={pageError(fe)} values={values} />, (fe?.status ?? 200) as 200);
  };
  app.get('/programmes/:programmeId/buy', (c) => renderBuy(c));
  app.post('/programmes/:programmeId/buy', async (c) => {
    const form = await readForm(c);
    try {
      const input = parse<{ value: number; email: string }>(orderFormSchema, form);
      const started = await service.startOnlineOrder(db, idParam(c, 'programmeId'), { valueMinor: input.value, email: input.email }, 'test');
      return c.redirect(started.redirectUrl, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderBuy(c, fe, form);
    }
  });
  const returnOf = (c: C) => {
    const r = c.req.query('return') ?? '';
    return /^\/giftcard\/orders\/[0-9a-f-]{36}$/.test(r) ? r : '/giftcard';
  };
  app.get('/pay/test/:ref', async (c) => {
    const p = await service.testPayment(db, c.req.param('ref'));
    return c.html(<TestPaymentPage {...base(c)} refId={p.ref} amountMinor={p.amountMinor} currency={p.currency} status={p.status} returnUrl={returnOf(c)} />);
  });
  app.post('/pay/test/:ref', async (c) => {
    const { outcome } = parse<{ outcome: 'paid' | 'failed' }>(testPayAnswerSchema, await readForm(c));
    await service.answerTestPayment(db, c.req.param('ref'), outcome);
    return c.redirect(returnOf(c), 303);
  });
  app.get('/orders/:reference', async (c) => {
    const ref = c.req.param('reference');
    if (!/^[0-9a-f-]{36}$/.test(ref)) throw new AppError('not_found', msg.noSuchOrder);
    const r = await service.completeOnlineOrder(db, ref, c.var.user);
    return c.html(<OrderPage {...base(c)} status={r.status} programme={r.programme} card={r.card} svg={r.card ? await qrSvg(r.card.code) : undefined} />);
  });

  // ---- issuer ------------------------------------------------------------------------
  const renderList = async (c: C, fe?: FormError, values?: Record<string, string>) => {
    const programmes = await service.listProgrammesFor(db, c.var.user);
    const u = c.var.user!;
    const orgs = await listAllOrganisations(db);
    const adminOrgs = orgs.filter(
      (o) => can(u, 'giftcard.programme.create', o.id) && (u.isNetworkAdmin ? true : u.roles.some((r) => r.organisationId === o.id)),
    );
    return c.html(
      <ProgrammeListPage
        {...base(c)}
        programmes={programmes}
        adminOrgs={adminOrgs.map((o) => ({ id: o.id, name: o.name }))}
        error={pageError(fe)}
        values={values}
      />,
      (fe?.status ?? 200) as 200,
    );
  };
  app.get(
    '/admin',
    giftcardAccess.middleware('giftcard.programme.list', () => undefined),
    (c) => renderList(c),
  );
  app.post(
    '/organisations/:orgId/programmes',
    giftcardAccess.middleware('giftcard.programme.create', (c) => idParam(c, 'orgId')),
    async (c) => {
      const form = await readForm(c);
      try {
        const input = toProgrammeInput(idParam(c, 'orgId'), parse(programmeFormSchema, form));
        const id = await service.createProgramme(db, c.var.user, input);
        return c.redirect(programmeUrl(id, '?saved=1'), 303);
      } catch (err) {
        const fe = asFormError(err, c.var.locale);
        if (!fe) throw err;
        return renderList(c, fe, form);
      }
    },
  );

  const renderProgramme = async (c: C, fe?: FormError, values?: Record<string, string>) => {
    const u = c.var.user;
    const programme = await service.getProgramme(db, u, idParam(c, 'programmeId'));
    const canManage = can(u, 'giftcard.programme.manage', programme.organisationId);
    const members = canManage
      ? (await listMembers(db, u, programme.organisationId, { status: 'active', tier: undefined, municipality: undefined, on: undefined })).map((m) => ({
          id: m.firm.id,
          name: m.firm.name,
        }))
      : [];
    const l = c.var.locale;
    return c.html(
      <ProgrammePage
        {...base(c)}
        programme={programme}
        validityMonths={validityMonthsOf(programme)}
        shops={await service.listShops(db, programme.id)}
        members={members}
        batches={can(u, 'giftcard.card.sell', programme.organisationId) ? await service.listBatches(db, programme.id) : []}
        settlements={await settlement.listSettlements(db, programme.id)}
        canManage={canManage}
        canSell={can(u, 'giftcard.card.sell', programme.organisationId)}
        canSettle={can(u, 'giftcard.settlement.run', programme.organisationId)}
        defaultPeriodDay={settlement.defaultPeriod(programme).start.toISOString().slice(0, 10)}
        notice={c.req.query('saved') ? msg.saved[l] : undefined}
        error={pageError(fe)}
        values={values}
      />,
      (fe?.status ?? 200) as 200,
    );
  };
  /** A programme form: parse, act, back to the programme page (or the page again with the form's problems). */
  const programmeForm = (act: (c: C, form: Record<string, string>) => Promise<string>) => async (c: C) => {
    const form = await readForm(c);
    try {
      return c.redirect(await act(c, form), 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderProgramme(c, fe, form);
    }
  };
  app.get('/programmes/:programmeId', programmeAccess('giftcard.programme.read'), (c) => renderProgramme(c));
  app.post(
    '/programmes/:programmeId/shops',
    programmeAccess('giftcard.programme.manage'),
    programmeForm(async (c, form) => {
      const id = idParam(c, 'programmeId');
      await service.addShop(db, c.var.user, id, toShopInput(parse(shopFormSchema, form)));
      return programmeUrl(id, '?saved=1');
    }),
  );
  app.post(
    '/programmes/:programmeId/shops/:shopId/leave',
    programmeAccess('giftcard.programme.manage'),
    programmeForm(async (c, form) => {
      const id = idParam(c, 'programmeId');
      const { left_on } = parse<{ left_on: string }>(shopLeaveSchema, form);
      await service.endShop(db, c.var.user, id, idParam(c, 'shopId'), left_on);
      return programmeUrl(id, '?saved=1');
    }),
  );
  app.post(
    '/programmes/:programmeId/batches',
    programmeAccess('giftcard.card.sell'),
    programmeForm(async (c, form) => {
      const id = idParam(c, 'programmeId');
      const { batchId } = await service.sellBatch(db, c.var.user, id, toBatchInput(parse(batchFormSchema, form)));
      return programmeUrl(id, `/batches/${batchId}`);
    }),
  );
  app.get('/programmes/:programmeId/batches/:batchId', programmeAccess('giftcard.card.sell'), async (c) => {
    const b = await service.getBatch(db, c.var.user, idParam(c, 'programmeId'), idParam(c, 'batchId'));
    const cards = await Promise.all(b.cards.map(async (card) => ({ id: card.id, code: card.code, expiresOn: card.expiresOn, svg: await qrSvg(card.code) })));
    return c.html(<BatchPage {...base(c)} programme={b.programme} batch={b.batch} cards={cards} />);
  });
  app.get('/programmes/:programmeId/batches/:batchId/codes.csv', programmeAccess('giftcard.card.sell'), async (c) => {
    const b = await service.getBatch(db, c.var.user, idParam(c, 'programmeId'), idParam(c, 'batchId'));
    const csv = reports.toCsv([
      ['code', 'value', 'currency', 'valid_until', 'buyer'],
      ...b.cards.map((card) => [card.code, (card.initialValueMinor / 100).toFixed(2), b.programme.currency, card.expiresOn, b.batch.buyer]),
    ]);
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="giftcards-batch-${b.batch.id}.csv"` });
  });
  app.get('/programmes/:programmeId/cards/:cardId', programmeAccess('giftcard.card.sell'), async (c) => {
    const r = await service.getCardForIssuer(db, c.var.user, idParam(c, 'programmeId'), idParam(c, 'cardId'));
    return c.html(<CardPage {...base(c)} programme={r.programme} card={r.card} svg={await qrSvg(r.card.code)} />);
  });
  app.post(
    '/programmes/:programmeId/settlements',
    programmeAccess('giftcard.settlement.run'),
    programmeForm(async (c, form) => {
      const id = idParam(c, 'programmeId');
      const { period, now } = parse<{ period: string; now?: '1' }>(settlementFormSchema, form);
      const r = await settlement.runSettlement(db, c.var.user, id, period, new Date(), { upToNow: now === '1' });
      return programmeUrl(id, `/settlements/${r.settlementId}?settled=1`);
    }),
  );
  app.get('/programmes/:programmeId/settlements/:settlementId', programmeAccess('giftcard.report.read'), async (c) => {
    const r = await settlement.getSettlement(db, c.var.user, idParam(c, 'programmeId'), idParam(c, 'settlementId'));
    const canPay = can(c.var.user, 'giftcard.settlement.run', r.programme.organisationId);
    return c.html(<SettlementPage {...base(c)} {...r} canPay={canPay} notice={c.req.query('settled') ? msg.settled[c.var.locale] : undefined} />);
  });
  app.get('/programmes/:programmeId/settlements/:settlementId/pain001.xml', programmeAccess('giftcard.settlement.run'), async (c) => {
    const programme = await service.loadProgramme(db, idParam(c, 'programmeId'));
    const issuer = (await listAllOrganisations(db)).find((o) => o.id === programme.organisationId)?.name ?? programme.name;
    const xml = await settlement.settlementPaymentFile(db, c.var.user, programme.id, idParam(c, 'settlementId'), issuer);
    return c.body(xml, 200, {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="pain001-${programme.id}-${idParam(c, 'settlementId')}.xml"`,
    });
  });
  app.get('/programmes/:programmeId/settlements/:settlementId/report.csv', programmeAccess('giftcard.report.read'), async (c) => {
    const { shop } = parse<{ shop?: number }>(reportQuerySchema, c.req.query());
    const r = await reports.settlementCsv(db, c.var.user, idParam(c, 'programmeId'), idParam(c, 'settlementId'), shop);
    return c.body(r.csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${r.filename}"` });
  });
  app.get('/programmes/:programmeId/reports', programmeAccess('giftcard.report.read'), async (c) => {
    const r = await reports.programmeReport(db, c.var.user, idParam(c, 'programmeId'));
    return c.html(<ReportsPage {...base(c)} {...r} />);
  });

  // ---- the counter -------------------------------------------------------------------
  app.get('/counter', signedIn, async (c) => c.html(<CounterListPage {...base(c)} shops={await service.listMyShops(db, c.var.user)} />));

  const renderCounter = async (c: C, extra: Partial<Parameters<typeof CounterPage>[0]> = {}, status = 200) => {
    const shopId = idParam(c, 'shopId');
    const { shop, programme } = await service.getCounterShop(db, c.var.user, shopId);
    const recent = await service.recentAtShop(db, c.var.user, shopId);
    return c.html(<CounterPage {...base(c)} shop={shop} programme={programme} recent={recent} {...extra} />, status as 200);
  };
  app.get('/counter/:shopId', counterAccess, (c) => renderCounter(c));
  app.post('/counter/:shopId/lookup', counterAccess, async (c) => {
    const form = await readForm(c);
    const l = c.var.locale;
    try {
      const { code } = parse<{ code: string }>(lookupSchema, form);
      const r = await service.lookupAtCounter(db, c.var.user, idParam(c, 'shopId'), code);
      if (r.found.kind === 'malformed') throw new AppError('validation', msg.codeMalformed, [{ field: 'code', message: msg.codeMalformed }]);
      if (r.found.kind === 'unknown') throw new AppError('validation', msg.codeUnknown, [{ field: 'code', message: msg.codeUnknown }]);
      if (r.found.expired)
        throw new AppError('validation', msg.cardExpired, [{ field: 'code', message: msg.cardExpired, values: { date: r.found.card.expiresOn } }], {
          date: r.found.card.expiresOn,
        });
      return renderCounter(c, { card: r.found.card, expired: r.found.expired });
    } catch (err) {
      const fe = asFormError(err, l);
      if (!fe) throw err;
      return renderCounter(c, { error: pageError(fe), code: form.code }, fe.status);
    }
  });
  app.post('/counter/:shopId/redeem', counterAccess, async (c) => {
    const form = await readForm(c);
    const shopId = idParam(c, 'shopId');
    try {
      const input = parse<{ code: string; amount: number; key: string }>(redeemSchema, form);
      const r = await service.redeemAtCounter(db, c.var.user, shopId, { code: input.code, amountMinor: input.amount, key: input.key });
      return c.redirect(`/giftcard/counter/${shopId}/receipts/${r.result.entryId}?done=1`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      const found = form.code ? await service.lookupAtCounter(db, c.var.user, shopId, form.code) : undefined;
      const card = found?.found.kind === 'ok' && !found.found.expired ? found.found.card : undefined;
      return renderCounter(c, { error: pageError(fe), card, code: form.code }, fe.status);
    }
  });
  app.post('/counter/:shopId/reverse', counterAccess, async (c) => {
    const form = await readForm(c);
    const shopId = idParam(c, 'shopId');
    try {
      const input = parse<{ entry_id: number; key: string }>(reverseSchema, form);
      const r = await service.reverseAtCounter(db, c.var.user, shopId, { entryId: input.entry_id, key: input.key });
      return c.redirect(`/giftcard/counter/${shopId}/receipts/${r.result.entryId}?done=1`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderCounter(c, { error: pageError(fe) }, fe.status);
    }
  });
  const renderReceipt = async (c: C, notice?: string, fe?: FormError) => {
    const r = await service.receiptOf(db, c.var.user, idParam(c, 'shopId'), idParam(c, 'entryId'));
    const l = c.var.locale;
    const done = c.req.query('done') ? redeemedNotice(money(r.entry.amountMinor, r.programme.currency, l), l) : undefined;
    return c.html(
      <ReceiptPage {...base(c)} {...r} notice={notice ?? (r.entry.kind === 'redemption' ? done : undefined)} error={pageError(fe)} />,
      (fe?.status ?? 200) as 200,
    );
  };
  app.get('/counter/:shopId/receipts/:entryId', counterAccess, (c) => renderReceipt(c));
  app.post('/counter/:shopId/receipts/:entryId/mail', counterAccess, async (c) => {
    const form = await readForm(c);
    const l = c.var.locale;
    try {
      const { email } = parse<{ email: string }>(receiptMailSchema, { ...form, entry_id: String(idParam(c, 'entryId')) });
      const r = await service.receiptOf(db, c.var.user, idParam(c, 'shopId'), idParam(c, 'entryId'));
      await createMailer(db, env).send({ to: email, subject: format(msg.receiptSubject[l], { shop: r.shop.name }), text: receiptText(r, l) });
      return renderReceipt(c, msg.receiptSent[l]);
    } catch (err) {
      const fe = asFormError(err, l);
      if (!fe) throw err;
      return renderReceipt(c, undefined, fe);
    }
  });
  return app;
}
