import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { publicBaseUrl, type Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { formatDateTime, formatMoney, type TimeZone } from '../../shared/i18n/format.js';
import { format, isLocale, type Locale } from '../../shared/i18n/i18n.js';
import { localDateOf, startOfLocalDay, zoneOfCountry } from '../../shared/i18n/zoned.js';
import { loadFirmRecord } from '../../shared/views/firm-record.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { isMemberOfAny, listAllOrganisations, membershipsOfFirm } from '../network/network.service.js';
import { firmUnits, publicFirmFacts } from '../registry/registry.service.js';
import type { Country } from '../directory/directory.hours.js';
import { recordAudit } from '../audit/audit.service.js';
import { can, requireAccess } from './storefront.access.js';
import { msg, statusText } from './storefront.messages.js';
import { readyBy } from './storefront.ready.js';
import * as repo from './storefront.repository.js';
import {
  toProductDto,
  toReservationDto,
  toShopDto,
  type FilterQuery,
  type ProductDto,
  type ReservationDto,
  type ShopDto,
  type VariantDto,
} from './storefront.schemas.js';
import type { ReservationStatus } from './storefront.tables.js';

export type MailEnv = Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'LOKALKRAFT_DEV_OUTBOX' | 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>;

const notFound = (text = msg.notFoundShop) => new AppError('not_found', text);
const token = () => randomBytes(18).toString('base64url');
const pageSize = 24;

// ---- shops and their place ------------------------------------------------------------

/** Where a shop is (country, zone, opening hours, contact): the registry's public facts of its firm or establishment. */
export async function shopPlace(db: Kysely<DB>, shop: ShopDto) {
  const facts = await publicFirmFacts(db, shop.firmId, shop.establishmentId);
  const country = (facts.firm?.country ?? 'NO') as Country;
  const hours = facts.establishment?.opening_hours ?? facts.firm?.opening_hours ?? null;
  const email = shop.notifyEmail ?? facts.establishment?.email ?? facts.firm?.email ?? null;
  const address = [facts.establishment?.street ?? facts.firm?.street, facts.establishment?.city ?? facts.firm?.city].filter(Boolean).join(', ');
  return { country, zone: zoneOfCountry[country] as TimeZone, hours, email, address };
}

export async function loadShop(db: Kysely<DB>, shopId: number): Promise<ShopDto> {
  const row = await repo.findShop(db, shopId);
  if (!row) throw notFound();
  return toShopDto(row);
}

export async function listPublicShops(db: Kysely<DB>): Promise<ShopDto[]> {
  return (await repo.listShops(db, { activeOnly: true })).map(toShopDto);
}

/** The shop a person works on, after the named check against its firm (404 for an unknown shop). */
export async function shopFor(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  shopId: number,
  action: 'storefront.reservation.work' | 'storefront.catalogue.manage',
) {
  requireAccess(user, 'storefront.shop.list', undefined);
  const shop = await loadShop(db, shopId);
  requireAccess(user, action, shop.firmId);
  return shop;
}

export async function getShopForWork(db: Kysely<DB>, user: SessionUser | undefined, shopId: number) {
  return shopFor(db, user, shopId, 'storefront.reservation.work');
}

/** The shops of the firms a person manages, and the units they could still open (with the associations their firm is a member of). */
export async function listMyShops(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = requireAccess(user, 'storefront.shop.list', undefined);
  const shops = (await repo.listShops(db, { firmIds: u.managedFirmIds })).map(toShopDto);
  const organisations = new Map((await listAllOrganisations(db)).map((o) => [o.id, o.name]));
  const units = await firmUnits(db, u.managedFirmIds);
  const candidates = [];
  for (const f of units) {
    const memberOf = (await membershipsOfFirm(db, f.firmId))
      .filter((m) => m.status !== 'ended')
      .map((m) => ({ id: m.organisationId, name: organisations.get(m.organisationId) ?? '' }));
    if (memberOf.length === 0) continue;
    const taken = new Set(shops.filter((s) => s.firmId === f.firmId).map((s) => s.establishmentId ?? 0));
    const options = [
      { value: String(f.firmId), label: f.name, key: 0 },
      ...f.establishments.map((e) => ({ value: `${f.firmId}:${e.id}`, label: e.name, key: e.id })),
    ];
    for (const o of options) if (!taken.has(o.key)) candidates.push({ value: o.value, label: o.label, organisations: memberOf });
  }
  return { shops, candidates };
}

export async function setupShop(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  input: { unit: { firmId: number; establishmentId: number | null }; organisation: number },
): Promise<number> {
  requireAccess(user, 'storefront.shop.setup', input.unit.firmId);
  if (!(await isMemberOfAny(db, [input.organisation], input.unit.firmId)))
    throw new AppError('validation', msg.notAMember, [{ field: 'organisation', label: msg.association, message: msg.notAMember }]);
  const [unit] = await firmUnits(db, [input.unit.firmId]);
  const name = input.unit.establishmentId === null ? unit?.name : unit?.establishments.find((e) => e.id === input.unit.establishmentId)?.name;
  if (!name) throw new AppError('validation', msg.notFoundShop, [{ field: 'unit', label: msg.unit, message: msg.notFoundShop }]);
  if (await repo.findShopOfUnit(db, input.unit.firmId, input.unit.establishmentId)) throw new AppError('conflict', msg.alreadyShop);
  return repo.insertShop(db, {
    organisationId: input.organisation,
    firmId: input.unit.firmId,
    establishmentId: input.unit.establishmentId,
    name,
    notifyEmail: null,
  });
}

// ---- catalogue helpers (the catalogue's use cases: storefront.catalogue.service.ts) ----

export const todayOf = (now: Date) => localDateOf(now, 'Europe/Oslo');

export async function withVariants(db: Kysely<DB>, rows: repo.ProductRowWithStock[], today: string): Promise<ProductDto[]> {
  const variants = await repo.listVariants(
    db,
    rows.map((r) => Number(r.id)),
  );
  const withImage = await repo.productsWithImages(
    db,
    rows.map((r) => Number(r.id)),
  );
  const byProduct = new Map<number, VariantDto[]>();
  for (const v of variants)
    byProduct.set(Number(v.product_id), [...(byProduct.get(Number(v.product_id)) ?? []), { id: Number(v.id), label: v.label, stock: v.stock }]);
  return rows.map((r) => toProductDto(r, today, byProduct.get(Number(r.id)) ?? [], withImage.has(Number(r.id))));
}

export const currencyOf: Record<Country, { currency: string; language: string }> = {
  NO: { currency: 'NOK', language: 'nb' },
  SE: { currency: 'SEK', language: 'sv' },
  FI: { currency: 'EUR', language: 'fi' },
};

// ---- public storefront ----------------------------------------------------------------

export async function browse(db: Kysely<DB>, f: FilterQuery, now = new Date()) {
  const today = todayOf(now);
  const allShops = await listPublicShops(db);
  const inTown = f.town ? allShops.filter((s) => s.organisationId === f.town) : allShops;
  const shopIds = f.shop ? [f.shop].filter((id) => inTown.some((s) => s.id === id)) : f.town ? inTown.map((s) => s.id) : undefined;
  const rows = await repo.listPublicProducts(db, {
    shopIds,
    category: f.category,
    minPriceMinor: f.min,
    maxPriceMinor: f.max,
    availableOnly: f.available,
    words: f.q,
    today,
    limit: pageSize,
    offset: (f.page - 1) * pageSize,
  });
  const categories = await repo.listCategories(db);
  const withShops = new Set(allShops.map((s) => s.organisationId));
  const towns = (await listAllOrganisations(db)).filter((o) => withShops.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  return {
    products: await withVariants(db, rows, today),
    total: Number(rows[0]?.total ?? 0),
    pageSize,
    shops: inTown,
    allShops,
    towns,
    categories: categories.map((c) => c.category),
  };
}

/** When a reservation made now at this shop is ready (its lead time within its opening hours). */
export async function readyTimeOf(db: Kysely<DB>, shop: ShopDto, now: Date) {
  const place = await shopPlace(db, shop);
  return { at: readyBy(place.hours, place.country, now, shop.leadMinutes), zone: place.zone, address: place.address };
}

export async function getPublicProduct(db: Kysely<DB>, productId: number, now = new Date(), locale: Locale = 'en') {
  const row = await repo.findProduct(db, productId);
  if (!row?.is_published) throw notFound(msg.notFoundProduct);
  const shop = await loadShop(db, Number(row.shop_id));
  if (!shop.isActive) throw notFound(msg.notFoundProduct);
  const [product] = await withVariants(db, [{ ...row, stock: null, total: 1, effective_price: 0 }], todayOf(now));
  return { product: product!, shop, ready: await readyTimeOf(db, shop, now), giftCards: await giftCardsAcceptedBy(db, shop, locale) };
}

/** The city gift cards the shop's firm accepts today (the gift-card module's public firm-record section). */
export async function giftCardsAcceptedBy(db: Kysely<DB>, shop: ShopDto, locale: Locale = 'en') {
  const record = await loadFirmRecord(db, undefined, shop.firmId, locale, 'public');
  return (record.find((s) => s.section.key === 'giftcard')?.entries ?? []).map((e) => ({ label: e.label, href: e.href }));
}

/** A firm's storefront shops with how many products each offers (the firm-record section). */
export async function shopsOfFirm(db: Kysely<DB>, firmId: number) {
  const shops = (await repo.listShops(db, { firmIds: [firmId], activeOnly: true })).map(toShopDto);
  return Promise.all(shops.map(async (s) => ({ shop: s, products: (await repo.listShopProducts(db, s.id)).length })));
}

export interface BasketLine {
  variantId: number;
  quantity: number;
}

/** The basket grouped by shop, with each shop's "ready by"; lines no longer offered are dropped. */
export async function basketView(db: Kysely<DB>, lines: BasketLine[], now = new Date()) {
  const found = await repo.basketLines(
    db,
    lines.map((l) => l.variantId),
    todayOf(now),
  );
  const byShop = new Map<
    number,
    { shop: ShopDto; lines: BasketViewLine[]; totalMinor: number; currency: string; ready: Awaited<ReturnType<typeof readyTimeOf>> }
  >();
  for (const line of lines) {
    const f = found.find((x) => Number(x.variant_id) === line.variantId);
    if (!f) continue;
    const shopId = Number(f.shop_id);
    if (!byShop.has(shopId)) {
      const shop = await loadShop(db, shopId);
      byShop.set(shopId, { shop, lines: [], totalMinor: 0, currency: f.currency, ready: await readyTimeOf(db, shop, now) });
    }
    const group = byShop.get(shopId)!;
    const unit = Number(f.unit_price);
    group.lines.push({
      variantId: line.variantId,
      productId: Number(f.product_id),
      name: f.name,
      variantLabel: f.label,
      quantity: line.quantity,
      unitPriceMinor: unit,
      stock: f.stock_mode === 'ask' ? null : f.stock,
    });
    group.totalMinor += unit * line.quantity;
  }
  return [...byShop.values()];
}

export interface BasketViewLine {
  variantId: number;
  productId: number;
  name: string;
  variantLabel: string;
  quantity: number;
  unitPriceMinor: number;
  stock: number | null;
}

/**
 * A basket across shops becomes one reservation per shop, all in one transaction: each line holds
 * its stock with one guarded statement (so of 50 people reserving the last 10 at once exactly 10
 * succeed, and stock never goes below zero); a line that cannot be held undoes the whole basket.
 * The shop and the visitor are told by e-mail (with the transaction: no mail for a reservation that
 * did not happen). Returns the basket's secret token.
 */
export async function reserveBasket(
  db: Kysely<DB>,
  env: MailEnv,
  lines: BasketLine[],
  who: { name: string; email: string | null; phone: string | null },
  locale: Locale,
  now = new Date(),
): Promise<string> {
  const groups = await basketView(db, lines, now);
  if (groups.length === 0 || groups.reduce((n, g) => n + g.lines.length, 0) !== lines.length) throw new AppError('conflict', msg.unavailable);
  for (const g of groups) if (!g.ready.at) throw new AppError('conflict', msg.shopClosed, [], { shop: g.shop.name });
  const basketToken = token();
  const mailer = createMailer(db, env);
  const base = publicBaseUrl(env);
  await db.transaction().execute(async (trx) => {
    for (const g of groups) {
      for (const line of g.lines)
        if (!(await repo.holdStock(trx, line.variantId, line.quantity))) throw new AppError('conflict', msg.notEnough, [], { name: line.name });
      const expiresAt = new Date(g.ready.at!.getTime() + g.shop.holdDays * 86_400_000);
      const reservationToken = token();
      await repo.insertReservation(
        trx,
        {
          shopId: g.shop.id,
          token: reservationToken,
          basketToken,
          name: who.name,
          email: who.email,
          phone: who.phone,
          locale,
          readyBy: g.ready.at!,
          expiresAt,
          totalMinor: g.totalMinor,
          currency: g.currency,
        },
        g.lines,
      );
      const place = await shopPlace(trx, g.shop);
      const url = `${base}/storefront/reservations/${reservationToken}`;
      const shopLocale = currencyOf[place.country].language as Locale;
      const itemsText = g.lines.map((l) => `- ${l.quantity} × ${l.name}${l.variantLabel ? ` (${l.variantLabel})` : ''}`).join('\n');
      if (place.email)
        await mailer.send(
          {
            to: place.email,
            subject: format(msg.mailNewSubject[shopLocale], { code: reservationToken.slice(0, 6) }),
            text: [
              format(msg.mailNew[shopLocale], { name: who.name, shop: g.shop.name, when: formatDateTime(g.ready.at!, shopLocale, place.zone) }),
              itemsText,
              '',
              `${base}/storefront/shop/${g.shop.id}`,
            ].join('\n'),
          },
          trx,
        );
      if (g.shop.notifyPhone)
        await repo.logSms(trx, g.shop.notifyPhone, `${format(msg.mailNewSubject[shopLocale], { code: reservationToken.slice(0, 6) })}: ${who.name}`);
      if (who.email)
        await mailer.send(
          {
            to: who.email,
            subject: format(msg.mailReceivedSubject[locale], { shop: g.shop.name }),
            text: [
              format(msg.mailReceived[locale], { name: who.name, shop: g.shop.name, when: formatDateTime(g.ready.at!, locale, place.zone) }),
              itemsText,
              '',
              msg.payInShop[locale],
              format(msg.mailLink[locale], { url }),
            ].join('\n'),
          },
          trx,
        );
    }
  });
  return basketToken;
}

async function reservationDtos(db: Kysely<DB>, rows: Awaited<ReturnType<typeof repo.findReservation>>[]): Promise<ReservationDto[]> {
  const present = rows.filter((r): r is NonNullable<typeof r> => !!r);
  const items = await repo.listItems(
    db,
    present.map((r) => Number(r.id)),
  );
  return present.map((r) =>
    toReservationDto(
      r,
      items
        .filter((i) => Number(i.reservation_id) === Number(r.id))
        .map((i) => ({
          id: Number(i.id),
          productId: Number(i.product_id),
          name: i.name,
          variantLabel: i.variant_label,
          quantity: i.quantity,
          unitPriceMinor: Number(i.unit_price_minor),
          declineReason: i.decline_reason,
        })),
    ),
  );
}

/** A basket's reservations by its secret token (the visitor's key; no account needed). */
export async function getBasket(db: Kysely<DB>, basketToken: string) {
  const rows = await repo.listBasket(db, basketToken);
  if (rows.length === 0) throw notFound(msg.notFoundReservation);
  const reservations = await reservationDtos(db, rows);
  const shops = new Map((await repo.listShops(db, { ids: reservations.map((r) => r.shopId) })).map((s) => [Number(s.id), toShopDto(s)]));
  return reservations.map((r) => ({ reservation: r, shop: shops.get(r.shopId)! }));
}

export async function getReservationByToken(db: Kysely<DB>, reservationToken: string) {
  const [reservation] = await reservationDtos(db, [await repo.findReservation(db, { token: reservationToken })]);
  if (!reservation) throw notFound(msg.notFoundReservation);
  const shop = await loadShop(db, reservation.shopId);
  return { reservation, shop, place: await shopPlace(db, shop) };
}

/** The visitor cancels by the secret link while the reservation is open; the stock goes back. */
export async function cancelReservation(db: Kysely<DB>, reservationToken: string): Promise<void> {
  const row = await repo.findReservation(db, { token: reservationToken });
  if (!row) throw notFound(msg.notFoundReservation);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.moveReservation(trx, Number(row.id), ['new', 'confirmed', 'ready'], 'cancelled')))
      throw new AppError('conflict', msg.notAllowedNow, [], { status: statusText(row.status).en });
    await repo.releaseItems(trx, Number(row.id));
  });
}

// ---- the shop's work ------------------------------------------------------------------

/** Which step may follow which; every step is the shop's (visitors cancel, the job expires). */
export const allowedSteps: Record<'confirmed' | 'ready' | 'collected', ReservationStatus[]> = {
  confirmed: ['new'],
  ready: ['confirmed'],
  collected: ['ready'],
};

/** Today's reservations of a shop: open ones by "ready by", then those closed today. */
export async function shopDay(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, now = new Date()) {
  const shop = await getShopForWork(db, user, shopId);
  const place = await shopPlace(db, shop);
  const since = startOfLocalDay(localDateOf(now, place.zone), place.zone);
  const reservations = await reservationDtos(db, await repo.listShopReservations(db, shop.id, since));
  // The visitors' names and contacts are personal data: each read by the shop's people is logged (purpose: handing over).
  if (reservations.length)
    await recordAudit(
      db,
      { userId: user?.id ?? null },
      {
        action: 'storefront.reservation.read',
        entityType: 'storefront_shop',
        entityId: shop.id,
        firmId: shop.firmId,
        after: { purpose: 'click-and-collect', reservations: reservations.map((r) => r.id) },
      },
    );
  return { shop, zone: place.zone, reservations };
}

async function reservationOfShop(db: Kysely<DB>, shop: ShopDto, reservationId: number) {
  const row = await repo.findReservation(db, { id: reservationId });
  // another shop's reservation does not exist for this one
  if (!row || Number(row.shop_id) !== shop.id) throw notFound(msg.notFoundReservation);
  return row;
}

/** One tap: confirm, ready (the visitor is told by e-mail and SMS) or collected — only from the step before. */
export async function moveStep(
  db: Kysely<DB>,
  env: MailEnv,
  user: SessionUser | undefined,
  shopId: number,
  reservationId: number,
  to: 'confirmed' | 'ready' | 'collected',
  now = new Date(),
): Promise<void> {
  const shop = await getShopForWork(db, user, shopId);
  const row = await reservationOfShop(db, shop, reservationId);
  const place = await shopPlace(db, shop);
  const expiresAt = to === 'ready' ? new Date(Math.max(now.getTime(), new Date(row.ready_by).getTime()) + shop.holdDays * 86_400_000) : undefined;
  await db.transaction().execute(async (trx) => {
    if (!(await repo.moveReservation(trx, reservationId, allowedSteps[to], to, { expiresAt })))
      throw new AppError('conflict', msg.notAllowedNow, [], { status: statusText(row.status).en });
    await recordAudit(
      trx,
      { userId: user?.id ?? null },
      {
        action: 'storefront.reservation.work',
        entityType: 'storefront_reservation',
        entityId: reservationId,
        firmId: shop.firmId,
        before: { status: row.status },
        after: { status: to },
      },
    );
    if (to !== 'ready') return;
    const l: Locale = isLocale(row.locale) ? row.locale : 'en';
    const url = `${publicBaseUrl(env)}/storefront/reservations/${row.token}`;
    const text = format(msg.mailReady[l], { name: row.customer_name, shop: shop.name, until: formatDateTime(expiresAt!, l, place.zone) });
    if (row.customer_email)
      await createMailer(db, env).send(
        {
          to: row.customer_email,
          subject: format(msg.mailReadySubject[l], { shop: shop.name }),
          text: [text, place.address, '', format(msg.mailLink[l], { url })].filter((x) => x !== undefined).join('\n'),
        },
        trx,
      );
    if (row.customer_phone) await smsProvider().send(trx, row.customer_phone, `${text} ${url}`);
  });
}

/** The shop declines one line (with a reason shown to the visitor); its stock goes back. Declining the last line declines the reservation. */
export async function declineItem(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, reservationId: number, itemId: number, reason: string) {
  const shop = await getShopForWork(db, user, shopId);
  const row = await reservationOfShop(db, shop, reservationId);
  await db.transaction().execute(async (trx) => {
    if (!['new', 'confirmed'].includes(row.status)) throw new AppError('conflict', msg.notAllowedNow, [], { status: statusText(row.status).en });
    if ((await repo.releaseItems(trx, reservationId, itemId, reason)) === 0) throw notFound(msg.notFoundProduct);
    const items = await repo.listItems(trx, [reservationId]);
    const open = items.filter((i) => !i.released);
    await repo.setTotal(
      trx,
      reservationId,
      open.reduce((n, i) => n + Number(i.unit_price_minor) * i.quantity, 0),
    );
    if (open.length === 0) await repo.moveReservation(trx, reservationId, ['new', 'confirmed'], 'declined', { declineReason: reason });
    await recordAudit(
      trx,
      { userId: user?.id ?? null },
      {
        action: 'storefront.reservation.work',
        entityType: 'storefront_reservation',
        entityId: reservationId,
        firmId: shop.firmId,
        before: { status: row.status },
        after: { status: open.length === 0 ? 'declined' : row.status, declinedItem: itemId, reason },
      },
    );
  });
}

// ---- SMS ------------------------------------------------------------------------------

/** Where text messages go. No real provider yet: the log provider writes them to storefront_sms_outbox. */
export interface SmsProvider {
  name: string;
  send(trx: Kysely<DB>, to: string, text: string): Promise<void>;
}
const logProvider: SmsProvider = { name: 'log', send: (trx, to, text) => repo.logSms(trx, to, text) };
let provider: SmsProvider = logProvider;
export const smsProvider = () => provider;
/** A real provider (an SMS gateway) registers itself here at start-up. */
export function registerSmsProvider(p: SmsProvider) {
  provider = p;
}

// ---- expiry and activity --------------------------------------------------------------

/** Expires uncollected reservations past their time and gives their stock back (the job's work; idempotent). */
export function expireReservations(db: Kysely<DB>, now = new Date()): Promise<number[]> {
  return repo.expireDue(db, now);
}

/** How long a closed reservation keeps the visitor's name and contact (for questions about a hand-over). */
export const keepVisitorDays = 90;

/** Forgets the visitors of reservations closed more than `keepVisitorDays` ago (the expiry job's second step). */
export function forgetOldVisitors(db: Kysely<DB>, now = new Date()): Promise<number> {
  return repo.forgetVisitors(db, new Date(now.getTime() - keepVisitorDays * 86_400_000));
}

export interface ShopActivity {
  shopId: number;
  shopName: string;
  firmId: number;
  organisationId: number;
  reservations: number;
  pickedUp: number;
  noShows: number;
  cancelled: number;
  valuePickedUpMinor: number;
  currency: string | null;
}

/**
 * Per-shop counts of reservations made in [from, to): made, picked up, no-shows (expired), value
 * picked up in minor units. For the reporting module, which checks its own access before asking.
 */
export async function storefrontActivity(db: Kysely<DB>, f: { orgId?: number; firmIds?: number[]; from: Date; to: Date }): Promise<ShopActivity[]> {
  const rows = await repo.activity(db, { organisationIds: f.orgId ? [f.orgId] : undefined, firmIds: f.firmIds, from: f.from, to: f.to });
  return rows.map((r) => ({
    shopId: Number(r.id),
    shopName: r.name,
    firmId: Number(r.firm_id),
    organisationId: Number(r.organisation_id),
    reservations: Number(r.reservations),
    pickedUp: Number(r.collected),
    noShows: Number(r.no_shows),
    cancelled: Number(r.cancelled),
    valuePickedUpMinor: Number(r.collected_minor),
    currency: r.currency,
  }));
}

/** The activity page: the association's staff see their organisations' shops. */
export async function activityFor(db: Kysely<DB>, user: SessionUser | undefined, from: Date, to: Date) {
  const u = requireAccess(user, 'storefront.activity.list', undefined);
  const organisations = (await listAllOrganisations(db)).filter((o) => can(u, 'storefront.activity.read', o.id));
  const rows = await storefrontActivity(db, { from, to });
  const allowed = new Set(organisations.map((o) => o.id));
  return { organisations, rows: rows.filter((r) => allowed.has(r.organisationId)) };
}

export const moneyText = (minor: number, currency: string, l: Locale) => formatMoney(minor, currency, l);
