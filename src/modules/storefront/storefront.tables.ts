import type { ColumnType, Generated } from 'kysely';
import type { StoredImageColumns } from '../../shared/images/stored-image.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings (db/client.ts). */
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;
/** bigint money in minor units: read as string or number by the drivers, written as number. */
type Minor = ColumnType<string | number, number, number>;
type NullableMinor = ColumnType<string | number | null, number | null | undefined, number | null>;
type Id = ColumnType<number, number, number>;

export type StockMode = 'count' | 'ask';
export type ReservationStatus = 'new' | 'confirmed' | 'ready' | 'collected' | 'declined' | 'cancelled' | 'expired';
export type Translations = Partial<Record<'nb' | 'sv' | 'fi' | 'en', { name?: string; description?: string }>>;

export interface StorefrontShopTable {
  id: Generated<number>;
  organisation_id: Id;
  firm_id: Id;
  establishment_id: Id | null;
  name: string;
  lead_minutes: ColumnType<number, number | undefined, number>;
  hold_days: ColumnType<number, number | undefined, number>;
  notify_email: string | null;
  notify_phone: string | null;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface StorefrontProductTable {
  id: Generated<number>;
  shop_id: Id;
  sku: string;
  name: string;
  description: string | null;
  language: ColumnType<string, string | undefined, string>;
  translations: ColumnType<Translations, string | undefined, string>;
  category: string;
  price_minor: Minor;
  vat_basis_points: number;
  currency: string;
  stock_mode: ColumnType<StockMode, StockMode | undefined, StockMode>;
  offer_price_minor: NullableMinor;
  offer_from: DateCol;
  offer_to: DateCol;
  is_published: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StorefrontVariantTable {
  id: Generated<number>;
  product_id: Id;
  label: ColumnType<string, string | undefined, string>;
  stock: number | null;
  position: ColumnType<number, number | undefined, number>;
}

export interface StorefrontReservationTable {
  id: Generated<number>;
  shop_id: Id;
  token: string;
  basket_token: string;
  customer_name: string;
  customer_email: string | null;
  customer_phone: string | null;
  locale: ColumnType<string, string | undefined, string>;
  status: ColumnType<ReservationStatus, ReservationStatus | undefined, ReservationStatus>;
  ready_by: Timestamp;
  expires_at: Timestamp;
  total_minor: Minor;
  currency: string;
  decline_reason: string | null;
  created_at: Timestamp;
  confirmed_at: NullableTimestamp;
  ready_at: NullableTimestamp;
  collected_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface StorefrontReservationItemTable {
  id: Generated<number>;
  reservation_id: Id;
  product_id: Id;
  variant_id: Id;
  name: string;
  variant_label: ColumnType<string, string | undefined, string>;
  quantity: number;
  unit_price_minor: Minor;
  released: ColumnType<boolean, boolean | undefined, boolean>;
  decline_reason: string | null;
}

export interface StorefrontSmsOutboxTable {
  id: Generated<number>;
  to_phone: string;
  body: string;
  created_at: Timestamp;
}

export interface StorefrontProductImageTable extends StoredImageColumns {
  product_id: Id;
  updated_at: Timestamp;
}

export interface StorefrontTables {
  storefront_shops: StorefrontShopTable;
  storefront_products: StorefrontProductTable;
  storefront_variants: StorefrontVariantTable;
  storefront_reservations: StorefrontReservationTable;
  storefront_reservation_items: StorefrontReservationItemTable;
  storefront_sms_outbox: StorefrontSmsOutboxTable;
  storefront_product_images: StorefrontProductImageTable;
}
