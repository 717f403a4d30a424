import { sql, type Kysely } from 'kysely';
import type { StoredImageColumns } from '../../shared/images/stored-image.js';
import type { DB } from '../../db/types.js';
import type { ReservationStatus, StockMode, Translations } from './storefront.tables.js';

/** The storefront's SQL: its own tables only (firms, hours and memberships come through their services). */

// ---- shops ----------------------------------------------------------------------------

const shopColumns = [
  'id',
  'organisation_id',
  'firm_id',
  'establishment_id',
  'name',
  'lead_minutes',
  'hold_days',
  'notify_email',
  'notify_phone',
  'is_active',
  'is_demo',
] as const;

export async function insertShop(
  db: Kysely<DB>,
  v: { organisationId: number; firmId: number; establishmentId: number | null; name: string; notifyEmail: string | null; isDemo?: boolean },
): Promise<number> {
  const row = await db
    .insertInto('storefront_shops')
    .values({
      organisation_id: v.organisationId,
      firm_id: v.firmId,
      establishment_id: v.establishmentId,
      name: v.name,
      notify_email: v.notifyEmail,
      notify_phone: null,
      is_demo: v.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findShop(db: Kysely<DB>, id: number) {
  return db.selectFrom('storefront_shops').select(shopColumns).where('id', '=', id).executeTakeFirst();
}

export function findShopOfUnit(db: Kysely<DB>, firmId: number, establishmentId: number | null) {
  return db
    .selectFrom('storefront_shops')
    .select(shopColumns)
    .where('firm_id', '=', firmId)
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb('establishment_id', '=', establishmentId)))
    .executeTakeFirst();
}

export function listShops(db: Kysely<DB>, filter: { firmIds?: number[]; organisationIds?: number[]; activeOnly?: boolean; ids?: number[] } = {}) {
  let q = db.selectFrom('storefront_shops').select(shopColumns);
  if (filter.firmIds) q = q.where('firm_id', '=', sql<number>`any(${filter.firmIds}::bigint[])`);
  if (filter.organisationIds) q = q.where('organisation_id', '=', sql<number>`any(${filter.organisationIds}::bigint[])`);
  if (filter.ids) q = q.where('id', '=', sql<number>`any(${filter.ids}::bigint[])`);
  if (filter.activeOnly) q = q.where('is_active', '=', true);
  return q.orderBy('name').orderBy('id').execute();
}

export async function updateShopSettings(
  db: Kysely<DB>,
  id: number,
  v: { leadMinutes: number; holdDays: number; notifyEmail: string | null; notifyPhone: string | null; isActive: boolean },
) {
  await db
    .updateTable('storefront_shops')
    .set({ lead_minutes: v.leadMinutes, hold_days: v.holdDays, notify_email: v.notifyEmail, notify_phone: v.notifyPhone, is_active: v.isActive })
    .where('id', '=', id)
    .execute();
}

// ---- products -------------------------------------------------------------------------

export interface ProductValues {
  sku: string;
  name: string;
  description: string | null;
  language: string;
  translations: Translations;
  category: string;
  priceMinor: number;
  vatBasisPoints: number;
  currency: string;
  stockMode: StockMode;
  offerPriceMinor: number | null;
  offerFrom: string | null;
  offerTo: string | null;
  variants: { label: string; stock: number | null }[];
}

/**
 * Inserts or replaces (by the shop's SKU) one product and its variants, in the caller's
 * transaction. A variant that is no longer listed keeps its row while reservations point at it,
 * with stock 0; a listed one gets the given stock.
 */
export async function upsertProduct(trx: Kysely<DB>, shopId: number, v: ProductValues, isDemo = false): Promise<number> {
  const values = {
    shop_id: shopId,
    sku: v.sku,
    name: v.name,
    description: v.description,
    language: v.language,
    translations: JSON.stringify(v.translations),
    category: v.category,
    price_minor: v.priceMinor,
    vat_basis_points: v.vatBasisPoints,
    currency: v.currency,
    stock_mode: v.stockMode,
    offer_price_minor: v.offerPriceMinor,
    offer_from: v.offerFrom,
    offer_to: v.offerTo,
    is_published: true,
    is_demo: isDemo,
  };
  const row = await trx
    .insertInto('storefront_products')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['shop_id', 'sku']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        language: eb.ref('excluded.language'),
        translations: eb.ref('excluded.translations'),
        category: eb.ref('excluded.category'),
        price_minor: eb.ref('excluded.price_minor'),
        vat_basis_points: eb.ref('excluded.vat_basis_points'),
        currency: eb.ref('excluded.currency'),
        stock_mode: eb.ref('excluded.stock_mode'),
        offer_price_minor: eb.ref('excluded.offer_price_minor'),
        offer_from: eb.ref('excluded.offer_from'),
        offer_to: eb.ref('excluded.offer_to'),
        is_published: true,
        updated_at: sql`now()`,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  const productId = Number(row.id);
  const labels = v.variants.map((x) => x.label);
  await trx
    .updateTable('storefront_variants')
    .set({ stock: sql`case when stock is null then null else 0 end` })
    .where('product_id', '=', productId)
    .where('label', '<>', sql<string>`all(${labels}::text[])`)
    .execute();
  for (const [i, variant] of v.variants.entries())
    await trx
      .insertInto('storefront_variants')
      .values({ product_id: productId, label: variant.label, stock: v.stockMode === 'ask' ? null : variant.stock, position: i })
      .onConflict((oc) => oc.columns(['product_id', 'label']).doUpdateSet({ stock: v.stockMode === 'ask' ? null : variant.stock, position: i }))
      .execute();
  return productId;
}

export async function unpublishProduct(trx: Kysely<DB>, shopId: number, productId: number): Promise<boolean> {
  const r = await trx
    .updateTable('storefront_products')
    .set({ is_published: false, updated_at: sql`now()` })
    .where('id', '=', productId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Sets a counted variant's stock (what the shop counted on the shelf); reservations already hold theirs. */
export async function setVariantStock(db: Kysely<DB>, shopId: number, variantId: number, stock: number): Promise<boolean> {
  const r = await db
    .updateTable('storefront_variants')
    .set({ stock })
    .where('id', '=', variantId)
    .where('stock', 'is not', null)
    .where('product_id', 'in', (eb) => eb.selectFrom('storefront_products').select('id').where('shop_id', '=', shopId))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

const productColumns = [
  'p.id',
  'p.shop_id',
  'p.sku',
  'p.name',
  'p.description',
  'p.language',
  'p.translations',
  'p.category',
  'p.price_minor',
  'p.vat_basis_points',
  'p.currency',
  'p.stock_mode',
  'p.offer_price_minor',
  // dates as text: the drivers hand a date column back as a Date object
  sql<string | null>`to_char(p.offer_from, 'YYYY-MM-DD')`.as('offer_from'),
  sql<string | null>`to_char(p.offer_to, 'YYYY-MM-DD')`.as('offer_to'),
  'p.is_published',
  'p.is_demo',
] as const;

export interface ProductFilter {
  shopIds?: number[];
  category?: string;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  availableOnly?: boolean;
  words?: string;
  today: string;
  limit: number;
  offset: number;
}

const effectivePrice = (today: string) =>
  sql<number>`case when p.offer_price_minor is not null and ${today}::date between p.offer_from and p.offer_to then p.offer_price_minor else p.price_minor end`;

/** Published products of active shops with their total stock, filtered; ordered by name. */
export async function listPublicProducts(db: Kysely<DB>, f: ProductFilter) {
  let q = db
    .selectFrom('storefront_products as p')
    .innerJoin('storefront_shops as s', 's.id', 'p.shop_id')
    .select(productColumns)
    .select((eb) => [
      eb.selectFrom('storefront_variants as v').select(sql<number | null>`sum(v.stock)`.as('stock')).whereRef('v.product_id', '=', 'p.id').as('stock'),
      effectivePrice(f.today).as('effective_price'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('p.is_published', '=', true)
    .where('s.is_active', '=', true);
  if (f.shopIds) q = q.where('p.shop_id', '=', sql<number>`any(${f.shopIds}::bigint[])`);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.minPriceMinor !== undefined) q = q.where(effectivePrice(f.today), '>=', f.minPriceMinor);
  if (f.maxPriceMinor !== undefined) q = q.where(effectivePrice(f.today), '<=', f.maxPriceMinor);
  if (f.availableOnly)
    q = q.where((eb) =>
      eb.or([
        eb('p.stock_mode', '=', 'ask'),
        eb.exists(eb.selectFrom('storefront_variants as v').select('v.id').whereRef('v.product_id', '=', 'p.id').where('v.stock', '>', 0)),
      ]),
    );
  if (f.words) {
    const like = `%${f.words.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.description', 'ilike', like), eb(sql`p.translations::text`, 'ilike', like)]));
  }
  return q.orderBy('p.name').orderBy('p.id').limit(f.limit).offset(f.offset).execute();
}

export function listCategories(db: Kysely<DB>) {
  return db
    .selectFrom('storefront_products as p')
    .innerJoin('storefront_shops as s', 's.id', 'p.shop_id')
    .select('p.category')
    .distinct()
    .where('p.is_published', '=', true)
    .where('s.is_active', '=', true)
    .orderBy('p.category')
    .execute();
}

export function findProduct(db: Kysely<DB>, id: number) {
  return db.selectFrom('storefront_products as p').select(productColumns).where('p.id', '=', id).executeTakeFirst();
}

export function listShopProducts(db: Kysely<DB>, shopId: number) {
  return db
    .selectFrom('storefront_products as p')
    .select(productColumns)
    .where('p.shop_id', '=', shopId)
    .where('p.is_published', '=', true)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

export function listVariants(db: Kysely<DB>, productIds: number[]) {
  if (productIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('storefront_variants')
    .select(['id', 'product_id', 'label', 'stock'])
    .where('product_id', '=', sql<number>`any(${productIds}::bigint[])`)
    .orderBy('product_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Variants with their product and shop, for a basket (one query for all lines). */
export function basketLines(db: Kysely<DB>, variantIds: number[], today: string) {
  if (variantIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('storefront_variants as v')
    .innerJoin('storefront_products as p', 'p.id', 'v.product_id')
    .innerJoin('storefront_shops as s', 's.id', 'p.shop_id')
    .select(['v.id as variant_id', 'v.label', 'v.stock', 'p.id as product_id', 'p.name', 'p.currency', 'p.stock_mode', 'p.shop_id', 'p.is_demo'])
    .select(effectivePrice(today).as('unit_price'))
    .where('v.id', '=', sql<number>`any(${variantIds}::bigint[])`)
    .where('p.is_published', '=', true)
    .where('s.is_active', '=', true)
    .execute();
}

/** What the directory shows of a shop's catalogue: its published products (effective price today). */
export function mirrorRows(db: Kysely<DB>, shopId: number, today: string) {
  return db
    .selectFrom('storefront_products as p')
    .select(['p.name', 'p.description', 'p.language', 'p.currency'])
    .select(effectivePrice(today).as('price'))
    .where('p.shop_id', '=', shopId)
    .where('p.is_published', '=', true)
    .orderBy('p.id')
    .execute();
}

// ---- stock and reservations -----------------------------------------------------------

/**
 * Holds `quantity` of a variant: one guarded statement, so concurrent holds queue on the row and
 * the stock never goes below zero. A variant in "ask us" mode (stock null) is not counted. False
 * when there is not enough.
 */
export async function holdStock(trx: Kysely<DB>, variantId: number, quantity: number): Promise<boolean> {
  const r = await trx
    .updateTable('storefront_variants')
    .set({ stock: sql`case when stock is null then null else stock - ${quantity}::int end` })
    .where('id', '=', variantId)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>=', quantity)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertReservation(
  trx: Kysely<DB>,
  v: {
    shopId: number;
    token: string;
    basketToken: string;
    name: string;
    email: string | null;
    phone: string | null;
    locale: string;
    readyBy: Date;
    expiresAt: Date;
    totalMinor: number;
    currency: string;
  },
  items: { productId: number; variantId: number; name: string; variantLabel: string; quantity: number; unitPriceMinor: number }[],
): Promise<number> {
  const row = await trx
    .insertInto('storefront_reservations')
    .values({
      shop_id: v.shopId,
      token: v.token,
      basket_token: v.basketToken,
      customer_name: v.name,
      customer_email: v.email,
      customer_phone: v.phone,
      locale: v.locale,
      ready_by: v.readyBy,
      expires_at: v.expiresAt,
      total_minor: v.totalMinor,
      currency: v.currency,
      decline_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await trx
    .insertInto('storefront_reservation_items')
    .values(
      items.map((i) => ({
        reservation_id: id,
        product_id: i.productId,
        variant_id: i.variantId,
        name: i.name,
        variant_label: i.variantLabel,
        quantity: i.quantity,
        unit_price_minor: i.unitPriceMinor,
        decline_reason: null,
      })),
    )
    .execute();
  return id;
}

const reservationColumns = [
  'id',
  'shop_id',
  'token',
  'basket_token',
  'customer_name',
  'customer_email',
  'customer_phone',
  'locale',
  'status',
  'ready_by',
  'expires_at',
  'total_minor',
  'currency',
  'decline_reason',
  'created_at',
  'confirmed_at',
  'ready_at',
  'collected_at',
  'closed_at',
] as const;

export function findReservation(db: Kysely<DB>, where: { id: number } | { token: string }) {
  const q = db.selectFrom('storefront_reservations').select(reservationColumns);
  return ('id' in where ? q.where('id', '=', where.id) : q.where('token', '=', where.token)).executeTakeFirst();
}

export function listBasket(db: Kysely<DB>, basketToken: string) {
  return db.selectFrom('storefront_reservations').select(reservationColumns).where('basket_token', '=', basketToken).orderBy('id').execute();
}

/** A shop's reservations that are open, or closed since `since` (the phone view's "today"). */
export function listShopReservations(db: Kysely<DB>, shopId: number, since: Date) {
  return db
    .selectFrom('storefront_reservations')
    .select(reservationColumns)
    .where('shop_id', '=', shopId)
    .where((eb) => eb.or([eb('status', 'in', ['new', 'confirmed', 'ready']), eb('closed_at', '>=', since), eb('created_at', '>=', since)]))
    .orderBy('ready_by')
    .orderBy('id')
    .execute();
}

export function listItems(db: Kysely<DB>, reservationIds: number[]) {
  if (reservationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('storefront_reservation_items')
    .select(['id', 'reservation_id', 'product_id', 'variant_id', 'name', 'variant_label', 'quantity', 'unit_price_minor', 'released', 'decline_reason'])
    .where('reservation_id', '=', sql<number>`any(${reservationIds}::bigint[])`)
    .orderBy('id')
    .execute();
}

/**
 * Moves a reservation from one of `from` to `to` in one guarded statement: of two taps at once,
 * one wins and the other finds the state already changed. Returns whether it moved.
 */
export async function moveReservation(
  trx: Kysely<DB>,
  id: number,
  from: ReservationStatus[],
  to: ReservationStatus,
  extra: { expiresAt?: Date; declineReason?: string } = {},
): Promise<boolean> {
  const stamp =
    to === 'confirmed'
      ? { confirmed_at: sql<Date>`now()` }
      : to === 'ready'
        ? { ready_at: sql<Date>`now()` }
        : to === 'collected'
          ? { collected_at: sql<Date>`now()`, closed_at: sql<Date>`now()` }
          : { closed_at: sql<Date>`now()` };
  const r = await trx
    .updateTable('storefront_reservations')
    .set({
      status: to,
      ...stamp,
      ...(extra.expiresAt ? { expires_at: extra.expiresAt } : {}),
      ...(extra.declineReason !== undefined ? { decline_reason: extra.declineReason } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives back the stock held by a reservation's lines (all, or one) that still hold it; in the transition's transaction. */
export async function releaseItems(trx: Kysely<DB>, reservationId: number, itemId?: number, declineReason?: string): Promise<number> {
  const r = await sql<{ released: number }>`
    with rel as (
      update storefront_reservation_items set released = true, decline_reason = coalesce(${declineReason ?? null}::text, decline_reason)
      where reservation_id = ${reservationId} and not released ${itemId ? sql`and id = ${itemId}` : sql``}
      returning variant_id, quantity
    ), sums as (select variant_id, sum(quantity)::int as q from rel group by variant_id),
    upd as (update storefront_variants v set stock = v.stock + sums.q from sums where v.id = sums.variant_id and v.stock is not null returning 1)
    select (select count(*) from rel)::int as released`.execute(trx);
  return Number(r.rows[0]?.released ?? 0);
}

/**
 * Expires every open reservation due by `now` and gives its stock back, in one statement (a second
 * run, or a run racing a hand-over, finds nothing to do twice). Returns the expired ids.
 */
export async function expireDue(db: Kysely<DB>, now: Date): Promise<number[]> {
  const r = await sql<{ id: string | number }>`
    with due as (
      update storefront_reservations set status = 'expired', closed_at = ${now}
      where status in ('new', 'confirmed', 'ready') and expires_at <= ${now}
      returning id
    ), rel as (
      update storefront_reservation_items set released = true
      where reservation_id in (select id from due) and not released
      returning variant_id, quantity
    ), sums as (select variant_id, sum(quantity)::int as q from rel group by variant_id),
    upd as (update storefront_variants v set stock = v.stock + sums.q from sums where v.id = sums.variant_id and v.stock is not null returning 1)
    select id from due`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

export async function logSms(db: Kysely<DB>, to: string, body: string) {
  await db.insertInto('storefront_sms_outbox').values({ to_phone: to, body }).execute();
}

/** Per-shop counts over reservations made in [from, to). */
export function activity(db: Kysely<DB>, f: { shopIds?: number[]; organisationIds?: number[]; firmIds?: number[]; from: Date; to: Date }) {
  let q = db
    .selectFrom('storefront_shops as s')
    .leftJoin('storefront_reservations as r', (j) => j.onRef('r.shop_id', '=', 's.id').on('r.created_at', '>=', f.from).on('r.created_at', '<', f.to))
    .select(['s.id', 's.name', 's.firm_id', 's.organisation_id'])
    .select([
      sql<number>`count(r.id)::int`.as('reservations'),
      sql<number>`count(r.id) filter (where r.status = 'collected')::int`.as('collected'),
      sql<number>`count(r.id) filter (where r.status = 'expired')::int`.as('no_shows'),
      sql<number>`count(r.id) filter (where r.status in ('declined', 'cancelled'))::int`.as('cancelled'),
      sql<string>`coalesce(sum(r.total_minor) filter (where r.status = 'collected'), 0)::text`.as('collected_minor'),
      sql<string | null>`min(r.currency)`.as('currency'),
    ])
    .groupBy(['s.id', 's.name', 's.firm_id', 's.organisation_id']);
  if (f.organisationIds) q = q.where('s.organisation_id', '=', sql<number>`any(${f.organisationIds}::bigint[])`);
  if (f.firmIds) q = q.where('s.firm_id', '=', sql<number>`any(${f.firmIds}::bigint[])`);
  if (f.shopIds) q = q.where('s.id', '=', sql<number>`any(${f.shopIds}::bigint[])`);
  return q.orderBy('s.name').execute();
}

export async function setTotal(trx: Kysely<DB>, reservationId: number, totalMinor: number) {
  await trx.updateTable('storefront_reservations').set({ total_minor: totalMinor }).where('id', '=', reservationId).execute();
}

export type ProductRowWithStock =
  | Awaited<ReturnType<typeof listPublicProducts>>[number]
  | (Awaited<ReturnType<typeof listShopProducts>>[number] & { stock?: unknown });

// ---- pictures -------------------------------------------------------------------------

export async function saveImage(db: Kysely<DB>, productId: number, values: StoredImageColumns) {
  await db
    .insertInto('storefront_product_images')
    .values({ product_id: productId, ...values })
    .onConflict((oc) => oc.column('product_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

export function findImage(db: Kysely<DB>, productId: number, variant: 'full' | 'thumb') {
  return db
    .selectFrom('storefront_product_images as i')
    .innerJoin('storefront_products as p', 'p.id', 'i.product_id')
    .select([variant === 'full' ? 'i.data as data' : 'i.thumb_data as data', 'i.content_type', 'i.sha256'])
    .where('i.product_id', '=', productId)
    .where('p.is_published', '=', true)
    .executeTakeFirst();
}

/** Which of these products have a picture. */
export async function productsWithImages(db: Kysely<DB>, productIds: number[]): Promise<Set<number>> {
  if (productIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('storefront_product_images')
    .select('product_id')
    .where('product_id', '=', sql<number>`any(${productIds}::bigint[])`)
    .execute();
  return new Set(rows.map((r) => Number(r.product_id)));
}

/** Forgets the visitor (name, e-mail, phone) of reservations closed before `before`; the counts stay for the reports. */
export async function forgetVisitors(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db
    .updateTable('storefront_reservations')
    .set({ customer_name: '', customer_email: null, customer_phone: null })
    .where('closed_at', '<', before)
    .where('customer_name', '<>', '')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
