import { z } from 'zod';
import type { Selectable } from 'kysely';
import { blankToNull, isoDate, optionalEmail, optionalPhone, optionalPlainText, parseMoneyToMinor, plainText, wholeNumber } from '../../shared/forms.js';
import type { FieldLabels } from '../../shared/http/validate.js';
import { msg } from './storefront.messages.js';
import type { StorefrontReservationTable, StorefrontShopTable, Translations } from './storefront.tables.js';

// ---- field schemas --------------------------------------------------------------------

/** Money typed by a person ("249", "249,50") → minor units (0 … 10 000 000). */
export const money = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const v = parseMoneyToMinor(s);
    if (v === null || v > 1_000_000_000) {
      ctx.addIssue({ code: 'custom', params: { text: msg.notAnAmount } });
      return z.NEVER;
    }
    return v;
  });
const optionalMoney = z.preprocess(blankToNull, money.nullable().optional()).transform((v) => v ?? null);

/** A VAT rate in percent ("25", "15", "25,5") → basis points. */
export const vatRate = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(s);
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
    if (!(bp >= 0 && bp <= 10_000)) {
      ctx.addIssue({ code: 'custom', params: { text: msg.notAVatRate } });
      return z.NEVER;
    }
    return bp;
  });
const optionalDate = z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? null);
const optionalStock = z.preprocess(blankToNull, wholeNumber(0, 100_000).nullable().optional()).transform((v) => v ?? null);

/** The product form and one line of an imported list share these fields. */
const productFields = {
  sku: plainText(60).pipe(z.string().min(1)),
  name: plainText(160).pipe(z.string().min(1)),
  description: optionalPlainText(2000),
  category: plainText(60).pipe(z.string().min(1)),
  price: money,
  vat_rate: vatRate,
  stock: optionalStock,
  offer_price: optionalMoney,
  offer_from: optionalDate,
  offer_to: optionalDate,
  name_nb: optionalPlainText(160),
  name_sv: optionalPlainText(160),
  name_fi: optionalPlainText(160),
  name_en: optionalPlainText(160),
  description_en: optionalPlainText(2000),
};

const offerComplete = (v: { offer_price: number | null; offer_from: string | null; offer_to: string | null }) =>
  (v.offer_price === null) === (v.offer_from === null) && (v.offer_from === null) === (v.offer_to === null) && (!v.offer_to || v.offer_to >= v.offer_from!);

export const importRowSchema = z
  .object({ ...productFields, variant: optionalPlainText(80) })
  .refine(offerComplete, { path: ['offer_price'], params: { text: msg.offerIncomplete } });
export type ImportRow = z.output<typeof importRowSchema>;

/** Variants typed one per line: "39–42 grey: 5". */
const variantLines = z.preprocess(
  blankToNull,
  plainText(4000)
    .transform((s, ctx) => {
      const out: { label: string; stock: number | null }[] = [];
      for (const line of s.split(/\r?\n/)) {
        if (!line.trim()) continue;
        const m = /^(.{1,80}?)\s*(?::\s*(\d{1,6}))?\s*$/.exec(line.trim());
        if (!m) {
          ctx.addIssue({ code: 'custom', params: { text: msg.variantsHint }, path: [] });
          return z.NEVER;
        }
        out.push({ label: m[1]!, stock: m[2] === undefined ? null : Number(m[2]) });
      }
      return out;
    })
    .nullable()
    .optional(),
);

export const productFormSchema = z
  .object({ ...productFields, variants: variantLines })
  .refine(offerComplete, { path: ['offer_price'], params: { text: msg.offerIncomplete } });
export type ProductForm = z.output<typeof productFormSchema>;

export const stockFormSchema = z.object({ variant: wholeNumber(1), stock: wholeNumber(0, 100_000) });

export const settingsFormSchema = z.object({
  lead_minutes: wholeNumber(0, 10_080),
  hold_days: wholeNumber(1, 30),
  notify_email: optionalEmail,
  notify_phone: optionalPhone,
  is_active: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
});

export const setupFormSchema = z.object({
  unit: z
    .string()
    .trim()
    .regex(/^\d{1,15}(:\d{1,15})?$/)
    .transform((s) => {
      const [f, e] = s.split(':');
      return { firmId: Number(f), establishmentId: e ? Number(e) : null };
    }),
  organisation: wholeNumber(1),
});

export const basketAddSchema = z.object({ variant: wholeNumber(1), quantity: z.preprocess((v) => v ?? '1', wholeNumber(1, 99)) });
export const basketRemoveSchema = z.object({ variant: wholeNumber(1) });

export const reserveFormSchema = z
  .object({ name: plainText(120).pipe(z.string().min(1)), email: optionalEmail, phone: optionalPhone })
  .refine((v) => v.email !== null || v.phone !== null, { path: ['email'], params: { text: msg.contactNeeded } });

export const steps = ['confirmed', 'ready', 'collected'] as const;
export const stepFormSchema = z.object({ to: z.enum(steps) });
export const declineFormSchema = z.object({ item: wholeNumber(1), reason: plainText(300).pipe(z.string().min(1)) });

export const filterQuerySchema = z.object({
  town: z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? undefined),
  shop: z.preprocess(blankToNull, wholeNumber(1).nullable().optional()).transform((v) => v ?? undefined),
  category: z.preprocess(blankToNull, plainText(60).nullable().optional()).transform((v) => v ?? undefined),
  min: z.preprocess(blankToNull, money.nullable().optional()).transform((v) => v ?? undefined),
  max: z.preprocess(blankToNull, money.nullable().optional()).transform((v) => v ?? undefined),
  available: z.preprocess(blankToNull, z.enum(['1', 'on']).nullable().optional()).transform((v) => !!v),
  q: z.preprocess(blankToNull, plainText(100).nullable().optional()).transform((v) => v ?? undefined),
  page: z.preprocess(blankToNull, wholeNumber(1, 1000).nullable().optional()).transform((v) => v ?? 1),
});
export type FilterQuery = z.output<typeof filterQuerySchema>;

export const activityQuerySchema = z.object({
  from: z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? undefined),
  to: z.preprocess(blankToNull, isoDate.nullable().optional()).transform((v) => v ?? undefined),
});

export const fieldLabels: FieldLabels = {
  sku: msg.sku,
  name: msg.name,
  description: msg.description,
  category: msg.category,
  price: msg.price,
  vat_rate: msg.vatRate,
  stock: msg.stock,
  variants: msg.variants,
  variant: msg.variant,
  offer_price: msg.offerPrice,
  offer_from: msg.offerFrom,
  offer_to: msg.offerTo,
  name_en: msg.englishName,
  email: msg.email,
  phone: msg.phone,
  quantity: msg.quantity,
  reason: msg.reason,
  lead_minutes: msg.leadMinutes,
  hold_days: msg.holdDays,
  notify_email: msg.notifyEmail,
  notify_phone: msg.notifyPhone,
  unit: msg.unit,
  organisation: msg.association,
  town: msg.town,
  min: msg.minPrice,
  max: msg.maxPrice,
  file: msg.file,
};

// ---- DTOs -----------------------------------------------------------------------------

export interface ShopDto {
  id: number;
  organisationId: number;
  firmId: number;
  establishmentId: number | null;
  name: string;
  leadMinutes: number;
  holdDays: number;
  notifyEmail: string | null;
  notifyPhone: string | null;
  isActive: boolean;
  isDemo: boolean;
}

export const toShopDto = (r: Omit<Selectable<StorefrontShopTable>, 'created_at'>): ShopDto => ({
  id: Number(r.id),
  organisationId: Number(r.organisation_id),
  firmId: Number(r.firm_id),
  establishmentId: r.establishment_id === null ? null : Number(r.establishment_id),
  name: r.name,
  leadMinutes: r.lead_minutes,
  holdDays: r.hold_days,
  notifyEmail: r.notify_email,
  notifyPhone: r.notify_phone,
  isActive: r.is_active,
  isDemo: r.is_demo,
});

export interface VariantDto {
  id: number;
  label: string;
  stock: number | null;
}

export interface ProductDto {
  id: number;
  shopId: number;
  sku: string;
  name: string;
  description: string | null;
  language: string;
  translations: Translations;
  category: string;
  priceMinor: number;
  /** The price today: the offer's while it runs. */
  effectivePriceMinor: number;
  vatBasisPoints: number;
  currency: string;
  stockMode: 'count' | 'ask';
  offer: { priceMinor: number; from: string; to: string } | null;
  isDemo: boolean;
  /** Sum of the variants' stock (null: "ask us"). */
  stock: number | null;
  hasImage: boolean;
  variants: VariantDto[];
}

export interface ProductRow {
  id: number | string;
  shop_id: number | string;
  sku: string;
  name: string;
  description: string | null;
  language: string;
  translations: Translations;
  category: string;
  price_minor: number | string;
  vat_basis_points: number;
  currency: string;
  stock_mode: 'count' | 'ask';
  offer_price_minor: number | string | null;
  offer_from: string | null;
  offer_to: string | null;
  is_demo: boolean;
}

export function toProductDto(r: ProductRow, today: string, variants: VariantDto[], hasImage = false): ProductDto {
  const offer =
    r.offer_price_minor !== null && r.offer_from && r.offer_to ? { priceMinor: Number(r.offer_price_minor), from: r.offer_from, to: r.offer_to } : null;
  const offerRuns = offer !== null && today >= offer.from && today <= offer.to;
  return {
    id: Number(r.id),
    shopId: Number(r.shop_id),
    sku: r.sku,
    name: r.name,
    description: r.description,
    language: r.language,
    translations: r.translations ?? {},
    category: r.category,
    priceMinor: Number(r.price_minor),
    effectivePriceMinor: offerRuns ? offer!.priceMinor : Number(r.price_minor),
    vatBasisPoints: r.vat_basis_points,
    currency: r.currency,
    stockMode: r.stock_mode,
    offer: offerRuns ? offer : null,
    isDemo: r.is_demo,
    stock: r.stock_mode === 'ask' ? null : variants.reduce((n, v) => n + (v.stock ?? 0), 0),
    hasImage,
    variants,
  };
}

export interface ReservationDto {
  id: number;
  shopId: number;
  token: string;
  basketToken: string;
  customerName: string;
  customerEmail: string | null;
  customerPhone: string | null;
  locale: string;
  status: Selectable<StorefrontReservationTable>['status'];
  readyBy: Date;
  expiresAt: Date;
  totalMinor: number;
  currency: string;
  declineReason: string | null;
  createdAt: Date;
  closedAt: Date | null;
  items: ReservationItemDto[];
}

export interface ReservationItemDto {
  id: number;
  productId: number;
  name: string;
  variantLabel: string;
  quantity: number;
  unitPriceMinor: number;
  declineReason: string | null;
}

export function toReservationDto(r: Selectable<StorefrontReservationTable>, items: ReservationItemDto[]): ReservationDto {
  return {
    id: Number(r.id),
    shopId: Number(r.shop_id),
    token: r.token,
    basketToken: r.basket_token,
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    customerPhone: r.customer_phone,
    locale: r.locale,
    status: r.status,
    readyBy: new Date(r.ready_by),
    expiresAt: new Date(r.expires_at),
    totalMinor: Number(r.total_minor),
    currency: r.currency,
    declineReason: r.decline_reason,
    createdAt: new Date(r.created_at),
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    items,
  };
}

/** A product as schema.org Product with an Offer to pick up in the shop (OnSitePickup). */
export function productJsonLd(p: ProductDto, shop: { name: string }, url: string, baseUrl = '') {
  const available = p.stockMode === 'ask' || (p.stock ?? 0) > 0;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    sku: p.sku,
    category: p.category,
    url,
    ...(p.hasImage ? { image: `${baseUrl}/storefront/images/${p.id}` } : {}),
    offers: {
      '@type': 'Offer',
      price: (p.effectivePriceMinor / 100).toFixed(2),
      priceCurrency: p.currency,
      ...(p.offer ? { priceValidUntil: p.offer.to } : {}),
      availability: available ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      availableDeliveryMethod: 'https://schema.org/OnSitePickup',
      seller: { '@type': 'LocalBusiness', name: shop.name },
    },
  };
}
