import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { announce } from '../../shared/events.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { processImage } from '../../shared/images/process-image.js';
import { servableImage, storedImageColumns } from '../../shared/images/stored-image.js';
import { replaceStorefrontProducts } from '../registry/registry.service.js';
import { parseProductList } from './storefront.import.js';
import { msg } from './storefront.messages.js';
import * as repo from './storefront.repository.js';
import type { ProductForm, ShopDto } from './storefront.schemas.js';
import { currencyOf, shopFor, shopPlace, todayOf, withVariants } from './storefront.service.js';

/**
 * The shop's catalogue: products with variants and offers, a CSV/XLSX list, pictures, stock and the
 * shop's settings. Every use case opens with the shop's check (storefront.catalogue.manage), and
 * every change that the directory shows replaces the shop's mirror in the registry's products in the
 * same transaction, then announces "firms changed" (docs/adr/0020).
 */

const notFound = () => new AppError('not_found', msg.notFoundProduct);

export async function updateShopSettings(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  shopId: number,
  input: { lead_minutes: number; hold_days: number; notify_email: string | null; notify_phone: string | null; is_active: boolean },
) {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  await db.transaction().execute(async (trx) => {
    await repo.updateShopSettings(trx, shop.id, {
      leadMinutes: input.lead_minutes,
      holdDays: input.hold_days,
      notifyEmail: input.notify_email,
      notifyPhone: input.notify_phone,
      isActive: input.is_active,
    });
    await mirrorToDirectory(trx, { ...shop, isActive: input.is_active });
  });
  await announce('firmsChanged', { db });
}

/** The directory shows what the shop publishes: its products replace the shop's storefront rows of the registry's products. */
export async function mirrorToDirectory(trx: Kysely<DB>, shop: ShopDto, now = new Date()) {
  const rows = shop.isActive ? await repo.mirrorRows(trx, shop.id, todayOf(now)) : [];
  await replaceStorefrontProducts(
    trx,
    shop.firmId,
    shop.establishmentId,
    rows.map((r) => ({ name: r.name, description: r.description, language: r.language, price_minor: Number(r.price), currency: r.currency })),
  );
}

export async function listCatalogue(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, now = new Date()) {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  return { shop, products: await withVariants(db, await repo.listShopProducts(db, shop.id), todayOf(now)) };
}

function productValues(form: ProductForm, shop: { currency: string; language: string }): repo.ProductValues {
  const counted = form.stock !== null || (form.variants ?? []).some((v) => v.stock !== null);
  const variants = form.variants?.length ? form.variants.map((v) => ({ label: v.label, stock: v.stock ?? 0 })) : [{ label: '', stock: form.stock ?? 0 }];
  const translations = Object.fromEntries(
    (['nb', 'sv', 'fi', 'en'] as const)
      .filter((l) => form[`name_${l}`])
      .map((l) => [l, { name: form[`name_${l}`]!, ...(l === 'en' && form.description_en ? { description: form.description_en } : {}) }]),
  );
  return {
    sku: form.sku,
    name: form.name,
    description: form.description,
    language: shop.language,
    translations,
    category: form.category,
    priceMinor: form.price,
    vatBasisPoints: form.vat_rate,
    currency: shop.currency,
    stockMode: counted ? 'count' : 'ask',
    offerPriceMinor: form.offer_price,
    offerFrom: form.offer_from,
    offerTo: form.offer_to,
    variants,
  };
}

export async function saveProduct(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, form: ProductForm): Promise<number> {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  const place = await shopPlace(db, shop);
  const id = await db.transaction().execute(async (trx) => {
    const productId = await repo.upsertProduct(trx, shop.id, productValues(form, currencyOf[place.country]));
    await mirrorToDirectory(trx, shop);
    return productId;
  });
  await announce('firmsChanged', { db });
  return id;
}

/** A CSV/XLSX list: every line checked first (errors by line and column), then all products in one transaction. */
export async function importProducts(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, bytes: Uint8Array): Promise<number> {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  const place = await shopPlace(db, shop);
  const products = await parseProductList(bytes, currencyOf[place.country]);
  await db.transaction().execute(async (trx) => {
    for (const p of products) await repo.upsertProduct(trx, shop.id, p);
    await mirrorToDirectory(trx, shop);
  });
  await announce('firmsChanged', { db });
  return products.length;
}

/** A product's picture, through the shared image checks (type by its bytes, size, decoded and re-encoded as WebP without metadata). */
export async function setProductImage(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, productId: number, bytes: Uint8Array) {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  const product = await repo.findProduct(db, productId);
  if (!product || Number(product.shop_id) !== shop.id || !product.is_published) throw notFound();
  await repo.saveImage(db, productId, storedImageColumns(await processImage(bytes)));
}

export async function getProductImage(db: Kysely<DB>, productId: number, variant: 'full' | 'thumb') {
  const img = await repo.findImage(db, productId, variant);
  if (!img) throw notFound();
  return servableImage(img, variant);
}

export async function setStock(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, variantId: number, stock: number) {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  if (!(await repo.setVariantStock(db, shop.id, variantId, stock))) throw notFound();
}

export async function unpublishProduct(db: Kysely<DB>, user: SessionUser | undefined, shopId: number, productId: number) {
  const shop = await shopFor(db, user, shopId, 'storefront.catalogue.manage');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.unpublishProduct(trx, shop.id, productId))) throw notFound();
    await mirrorToDirectory(trx, shop);
  });
  await announce('firmsChanged', { db });
}
