import type { ColumnType, Generated } from 'kysely';
import type { OfferRecord } from './navigator.offer-types.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings; see the date type parser in db/client.ts. */
type DateCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export interface NavigatorOfferTable {
  id: Generated<number>;
  key: string;
  provider: string;
  country: string;
  kind: string;
  record: Json<OfferRecord>;
  origin: 'data_file' | 'admin';
  file_hash: string | null;
  version: ColumnType<number, number | undefined, number>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NavigatorProviderContactTable {
  provider: string;
  user_id: number;
  created_at: Timestamp;
}

export interface NavigatorCeilingTable {
  country: string;
  valid_from: DateCol;
  ceiling_eur_minor: number;
  window_kind: 'fiscal_years' | 'rolling_years';
  window_years: number;
  regulation: string;
}

export interface NavigatorExchangeRateTable {
  currency: string;
  rate_date: DateCol;
  per_eur: ColumnType<number, string | number, string | number>;
  origin: 'ecb_file' | 'staff';
  entered_by: number | null;
  created_at: Timestamp;
}

export interface NavigatorDeMinimisEntryTable {
  id: Generated<number>;
  firm_id: number;
  grantor: string;
  granted_on: DateCol;
  amount_minor: number;
  currency: string;
  eur_minor: number | null;
  rate_per_eur: ColumnType<number | null, string | number | null, string | number | null>;
  legal_basis: string;
  offer_key: string | null;
  origin: 'direct' | 'case';
  case_ref: string | null;
  entered_by: number | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface NavigatorSubscriptionTable {
  id: Generated<number>;
  email: string;
  locale: string;
  facts: Json<Record<string, unknown>>;
  token_hash: string;
  /** Only stops the mails (it is in every notification mail, so it is kept as is). */
  stop_token: string;
  confirmed_at: Timestamp | null;
  stopped_at: Timestamp | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface NavigatorSubscriptionOfferTable {
  subscription_id: number;
  offer_id: number;
  offer_version: number;
  told_at: Timestamp;
}

export interface NavigatorTables {
  navigator_offers: NavigatorOfferTable;
  navigator_provider_contacts: NavigatorProviderContactTable;
  navigator_de_minimis_ceilings: NavigatorCeilingTable;
  navigator_exchange_rates: NavigatorExchangeRateTable;
  navigator_de_minimis_entries: NavigatorDeMinimisEntryTable;
  navigator_subscriptions: NavigatorSubscriptionTable;
  navigator_subscription_offers: NavigatorSubscriptionOfferTable;
}
