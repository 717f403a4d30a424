import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { publicBaseUrl } from '../../config/env.js';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, readFormFile, type FormError } from '../../shared/http/forms.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { format } from '../../shared/i18n/i18n.js';
import { localDateOf } from '../../shared/i18n/zoned.js';
import { maxImportBytes } from './storefront.import.js';
import { maxUploadBytes } from '../../shared/images/process-image.js';
import { imageResponse } from '../../shared/images/stored-image.js';
import { msg } from './storefront.messages.js';
import { ProductPage, BasketDonePage, BasketPage, ReservationPage, StorefrontPage } from './storefront.public.views.js';
import {
  activityQuerySchema,
  basketAddSchema,
  basketRemoveSchema,
  declineFormSchema,
  fieldLabels,
  filterQuerySchema,
  type FilterQuery,
  productFormSchema,
  reserveFormSchema,
  settingsFormSchema,
  setupFormSchema,
  stepFormSchema,
  stockFormSchema,
} from './storefront.schemas.js';
import * as catalogue from './storefront.catalogue.service.js';
import * as service from './storefront.service.js';
import { ActivityPage, CataloguePage, MyShopsPage, ShopDayPage } from './storefront.shop.views.js';
import { storefrontAccess } from './storefront.access.js';

type C = Context<AppEnv>;
const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const pageError = (fe: FormError | undefined) => (fe ? { message: fe.message, issues: fe.issues } : undefined);
const parse = <S extends Parameters<typeof parseOrThrow>[0]>(schema: S, input: unknown) => parseOrThrow(schema, input, { labels: fieldLabels });

/** The product list upload (CSV or XLSX) has its own body limit. */
export const storefrontBodyLimits: BodyLimitRule[] = [
  { path: '/storefront/shop/:shopId/import', maxBytes: maxImportBytes + 64 * 1024 },
  { path: '/storefront/shop/:shopId/products/:productId/image', maxBytes: maxUploadBytes + 64 * 1024 },
];

// ---- the visitor's basket: a cookie of variant ids and quantities (the server checks everything again) ----
const basketCookie = 'lk_basket';
const maxLines = 30;
function readBasket(c: C): service.BasketLine[] {
  const raw = getCookie(c, basketCookie) ?? '';
  const lines: service.BasketLine[] = [];
  for (const part of raw.split('.')) {
    const m = /^(\d{1,15})-(\d{1,2})$/.exec(part);
    if (m && Number(m[2]) >= 1 && !lines.some((l) => l.variantId === Number(m[1]))) lines.push({ variantId: Number(m[1]), quantity: Number(m[2]) });
  }
  return lines.slice(0, maxLines);
}
function writeBasket(c: C, lines: service.BasketLine[]) {
  setCookie(c, basketCookie, lines.map((l) => `${l.variantId}-${l.quantity}`).join('.'), {
    path: '/storefront',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: lines.length ? 60 * 60 * 24 * 14 : 0,
  });
}
/** Only a path of this site (no open redirect). */
const localPath = (back: string | undefined, fallback: string) => (back && /^\/storefront(\/|\?|$)/.test(back) ? back : fallback);

/**
 * The shared storefront: public pages (products, basket, reservations by their secret link), the
 * shop's phone view and catalogue, and the association's activity. Every shop route runs its named
 * check first (storefront.access.ts, in the service); visitors' pages need none.
 */
export function storefrontRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();
  const baseUrl = publicBaseUrl(env);

  // ---- public ------------------------------------------------------------------------
  app.get('/', async (c) => {
    const query = c.req.query();
    let filter: FilterQuery;
    let error: ReturnType<typeof pageError>;
    try {
      filter = parse(filterQuerySchema, query);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      error = pageError(fe);
      filter = parse(filterQuerySchema, {});
    }
    const found = await service.browse(db, filter);
    const notice = c.req.query('added') ? format(msg.added[c.var.locale], { name: c.req.query('added')!.slice(0, 160) }) : undefined;
    return c.html(
      <StorefrontPage {...base(c)} {...found} filter={filter} basketCount={readBasket(c).length} baseUrl={baseUrl} error={error} notice={notice} />,
      error ? 400 : 200,
    );
  });

  app.get('/products/:productId', async (c) => {
    const { product, shop, ready, giftCards } = await service.getPublicProduct(db, idParam(c, 'productId'), new Date(), c.var.locale);
    return c.html(
      <ProductPage
        {...base(c)}
        product={product}
        shop={shop}
        readyAt={ready.at}
        zone={ready.zone}
        address={ready.address}
        baseUrl={baseUrl}
        giftCards={giftCards}
      />,
    );
  });

  const renderBasket = async (c: C, fe?: FormError, values?: Record<string, string>, notice?: string) => {
    const groups = await service.basketView(db, readBasket(c));
    return c.html(<BasketPage {...base(c)} groups={groups} error={pageError(fe)} values={values} notice={notice} />, (fe?.status ?? 200) as 200);
  };
  app.get('/basket', (c) => renderBasket(c));

  // Pictures: re-encoded WebP (shared/images), never the uploaded bytes.
  const serveImage = (variant: 'full' | 'thumb') => async (c: C) =>
    imageResponse(c, await catalogue.getProductImage(db, idParam(c, 'productId'), variant), 3600);
  app.get('/images/:productId', serveImage('full'));
  app.get('/images/:productId/thumb', serveImage('thumb'));

  app.post('/basket/add', async (c) => {
    const form = await readForm(c);
    const input = parse(basketAddSchema, form);
    const lines = readBasket(c).filter((l) => l.variantId !== input.variant);
    const [group] = await service.basketView(db, [{ variantId: input.variant, quantity: input.quantity }]);
    const line = group?.lines[0];
    if (!line) throw new AppError('not_found', msg.notFoundProduct);
    writeBasket(c, [...lines, { variantId: input.variant, quantity: input.quantity }].slice(-maxLines));
    const given = URL.canParse(form.back ?? '', 'http://x') ? new URL(form.back ?? '', 'http://x') : undefined;
    const back = new URL(localPath(given && `${given.pathname}${given.search}`, '/storefront'), 'http://x');
    back.searchParams.delete('added');
    back.searchParams.set('added', line.name);
    return c.redirect(`${back.pathname}${back.search}`, 303);
  });

  app.post('/basket/remove', async (c) => {
    const input = parse(basketRemoveSchema, await readForm(c));
    writeBasket(
      c,
      readBasket(c).filter((l) => l.variantId !== input.variant),
    );
    return c.redirect(`/storefront/basket?lang=${c.var.locale}`, 303);
  });

  app.post('/basket/reserve', async (c) => {
    const form = await readForm(c);
    try {
      const who = parse(reserveFormSchema, form);
      const basketToken = await service.reserveBasket(db, env, readBasket(c), who, c.var.locale);
      writeBasket(c, []);
      return c.redirect(`/storefront/baskets/${basketToken}?lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderBasket(c, fe, form);
    }
  });

  app.get('/baskets/:token', async (c) => {
    const entries = await service.getBasket(db, c.req.param('token').slice(0, 64));
    const withZones = await Promise.all(entries.map(async (e) => ({ ...e, zone: (await service.shopPlace(db, e.shop)).zone })));
    return c.html(<BasketDonePage {...base(c)} entries={withZones} />);
  });

  app.get('/reservations/:token', async (c) => {
    const { reservation, shop, place } = await service.getReservationByToken(db, c.req.param('token').slice(0, 64));
    return c.html(
      <ReservationPage
        {...base(c)}
        reservation={reservation}
        shop={shop}
        zone={place.zone}
        address={place.address}
        notice={c.req.query('cancelled') ? msg.cancelled[c.var.locale] : undefined}
      />,
    );
  });

  app.post('/reservations/:token/cancel', async (c) => {
    const token = c.req.param('token').slice(0, 64);
    await service.cancelReservation(db, token);
    return c.redirect(`/storefront/reservations/${token}?cancelled=1&lang=${c.var.locale}`, 303);
  });

  // ---- the shop's people -------------------------------------------------------------
  const signedIn = storefrontAccess.middleware('storefront.shop.list', () => undefined);

  const renderMyShops = async (c: C, fe?: FormError) => {
    const mine = await service.listMyShops(db, c.var.user);
    return c.html(<MyShopsPage {...base(c)} {...mine} error={pageError(fe)} />, (fe?.status ?? 200) as 200);
  };
  app.get('/shop', signedIn, (c) => renderMyShops(c));
  app.post('/shop/setup', signedIn, async (c) => {
    try {
      const id = await service.setupShop(db, c.var.user, parse(setupFormSchema, await readForm(c)));
      return c.redirect(`/storefront/shop/${id}/products?lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderMyShops(c, fe);
    }
  });

  const renderDay = async (c: C, fe?: FormError, notice?: string) => {
    const day = await service.shopDay(db, c.var.user, idParam(c, 'shopId'));
    return c.html(<ShopDayPage {...base(c)} {...day} error={pageError(fe)} notice={notice} />, (fe?.status ?? 200) as 200);
  };
  app.get('/shop/:shopId', signedIn, (c) => renderDay(c, undefined, c.req.query('moved') ? msg.saved[c.var.locale] : undefined));

  const afterStep = (c: C, reservationId: number) =>
    c.redirect(`/storefront/shop/${c.req.param('shopId')}?moved=1&lang=${c.var.locale}#r-${reservationId}`, 303);
  app.post('/shop/:shopId/reservations/:reservationId/step', signedIn, async (c) => {
    const shopId = idParam(c, 'shopId');
    const reservationId = idParam(c, 'reservationId');
    await service.getShopForWork(db, c.var.user, shopId);
    try {
      const { to } = parse(stepFormSchema, await readForm(c));
      await service.moveStep(db, env, c.var.user, shopId, reservationId, to);
      return afterStep(c, reservationId);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderDay(c, fe);
    }
  });
  app.post('/shop/:shopId/reservations/:reservationId/decline', signedIn, async (c) => {
    const shopId = idParam(c, 'shopId');
    const reservationId = idParam(c, 'reservationId');
    await service.getShopForWork(db, c.var.user, shopId);
    try {
      const { item, reason } = parse(declineFormSchema, await readForm(c));
      await service.declineItem(db, c.var.user, shopId, reservationId, item, reason);
      return afterStep(c, reservationId);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderDay(c, fe);
    }
  });

  const renderCatalogue = async (c: C, fe?: FormError, values?: Record<string, string>, notice?: string) => {
    const data = await catalogue.listCatalogue(db, c.var.user, idParam(c, 'shopId'));
    return c.html(<CataloguePage {...base(c)} {...data} values={values} error={pageError(fe)} notice={notice} />, (fe?.status ?? 200) as 200);
  };
  app.get('/shop/:shopId/products', signedIn, (c) =>
    renderCatalogue(
      c,
      undefined,
      undefined,
      c.req.query('imported')
        ? format(msg.imported[c.var.locale], { n: c.req.query('imported')!.slice(0, 6) })
        : c.req.query('saved')
          ? msg.saved[c.var.locale]
          : undefined,
    ),
  );
  /** A catalogue form: the shop's check first (a stranger's post answers 403 before its values are read), then parse, act, redirect. */
  const catalogueForm = (path: string, act: (c: C, shopId: number, form: Record<string, string>) => Promise<string | undefined>) =>
    app.post(path, signedIn, async (c) => {
      const shopId = idParam(c, 'shopId');
      await catalogue.listCatalogue(db, c.var.user, shopId);
      const form = await readForm(c);
      try {
        const tail = await act(c, shopId, form);
        return c.redirect(`/storefront/shop/${shopId}/products?${tail ?? 'saved=1'}&lang=${c.var.locale}`, 303);
      } catch (err) {
        const fe = asFormError(err, c.var.locale);
        if (!fe) throw err;
        return renderCatalogue(c, fe, form);
      }
    });
  catalogueForm('/shop/:shopId/products', async (c, shopId, form) => {
    await catalogue.saveProduct(db, c.var.user, shopId, parse(productFormSchema, form));
    return undefined;
  });
  catalogueForm('/shop/:shopId/products/:productId/unpublish', async (c, shopId) => {
    await catalogue.unpublishProduct(db, c.var.user, shopId, idParam(c, 'productId'));
  });
  catalogueForm('/shop/:shopId/products/:productId/image', async (c, shopId) => {
    const bytes = await readFormFile(c, 'image');
    await catalogue.setProductImage(db, c.var.user, shopId, idParam(c, 'productId'), bytes ?? new Uint8Array());
  });
  catalogueForm('/shop/:shopId/stock', async (c, shopId, form) => {
    const { variant, stock } = parse(stockFormSchema, form);
    await catalogue.setStock(db, c.var.user, shopId, variant, stock);
  });
  catalogueForm('/shop/:shopId/settings', async (c, shopId, form) => {
    await catalogue.updateShopSettings(db, c.var.user, shopId, parse(settingsFormSchema, form));
  });
  catalogueForm('/shop/:shopId/import', async (c, shopId) => {
    const bytes = await readFormFile(c, 'file');
    if (!bytes) throw new AppError('validation', msg.noFile, [{ field: 'file', label: msg.file, message: msg.noFile }]);
    return `imported=${await catalogue.importProducts(db, c.var.user, shopId, bytes)}`;
  });

  // ---- the association ---------------------------------------------------------------
  app.get(
    '/activity',
    storefrontAccess.middleware('storefront.activity.list', () => undefined),
    async (c) => {
      const q = parse(activityQuerySchema, c.req.query());
      const today = localDateOf(new Date(), 'Europe/Oslo');
      const from = q.from ?? `${today.slice(0, 8)}01`;
      const to = q.to ?? today;
      const data = await service.activityFor(db, c.var.user, new Date(`${from}T00:00:00Z`), new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000));
      return c.html(<ActivityPage {...base(c)} {...data} from={from} to={to} />);
    },
  );

  return app;
}
