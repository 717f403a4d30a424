import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings (db/client.ts). */
type DateCol = ColumnType<string, string, string>;
/** bigint money in minor units: read as string or number by the drivers, written as number. */
type Minor = ColumnType<string | number, number | bigint, number | bigint>;
type Id = ColumnType<number, number, number>;

export type SettlementPeriod = 'week' | 'month';
export type EntryKind = 'sale' | 'redemption' | 'reversal' | 'payout' | 'breakage';
export type LedgerAccount = 'cash' | 'card' | 'shop' | 'fees' | 'breakage';
export type OrderStatus = 'pending' | 'paid' | 'failed';

export interface GiftcardProgrammeTable {
  id: Generated<number>;
  organisation_id: Id;
  name: string;
  town: string;
  country: 'NO' | 'SE' | 'FI';
  currency: string;
  allowed_values_minor: ColumnType<(string | number)[], number[], number[]>;
  validity_months: number | null;
  fee_basis_points: ColumnType<number, number | undefined, number>;
  fee_fixed_minor: ColumnType<string | number, number | undefined, number>;
  settlement_period: ColumnType<SettlementPeriod, SettlementPeriod | undefined, SettlementPeriod>;
  issuer_iban: string;
  issuer_bic: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface GiftcardShopTable {
  id: Generated<number>;
  programme_id: Id;
  firm_id: Id;
  establishment_id: Id | null;
  name: string;
  iban: string;
  bic: string | null;
  joined_on: DateCol;
  left_on: DateCol | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface GiftcardBatchTable {
  id: Generated<number>;
  programme_id: Id;
  buyer: string;
  card_count: number;
  value_minor: Minor;
  payment_reference: string;
  created_by: Id | null;
  created_at: Timestamp;
}

export interface GiftcardOrderTable {
  id: Generated<number>;
  programme_id: Id;
  reference: string;
  value_minor: Minor;
  email: string;
  provider: string;
  provider_ref: string | null;
  status: ColumnType<OrderStatus, OrderStatus | undefined, OrderStatus>;
  card_id: Id | null;
  created_at: Timestamp;
}

export interface GiftcardTestPaymentTable {
  ref: string;
  amount_minor: Minor;
  currency: string;
  status: ColumnType<OrderStatus, OrderStatus | undefined, OrderStatus>;
  created_at: Timestamp;
}

export interface GiftcardCardTable {
  id: Generated<number>;
  programme_id: Id;
  code: string;
  batch_id: Id | null;
  order_id: Id | null;
  initial_value_minor: Minor;
  balance_minor: Minor;
  expires_on: DateCol;
  holder_user_id: Id | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  issued_at: Timestamp;
}

export interface GiftcardSettlementTable {
  id: Generated<number>;
  programme_id: Id;
  period_start: Timestamp;
  period_end: Timestamp;
  label: string;
  total_minor: Minor;
  breakage_minor: Minor;
  message_id: string;
  created_by: Id | null;
  created_at: Timestamp;
}

export interface GiftcardSettlementLineTable {
  settlement_id: Id;
  shop_id: Id;
  redeemed_minor: Minor;
  reversed_minor: Minor;
  fees_minor: Minor;
  carried_minor: Minor;
  payable_minor: Minor;
  redemptions: number;
}

export interface GiftcardEntryTable {
  id: Generated<number>;
  programme_id: Id;
  kind: EntryKind;
  idempotency_key: string;
  request_fingerprint: string;
  card_id: Id | null;
  shop_id: Id | null;
  reverses_entry_id: Id | null;
  settlement_id: Id | null;
  amount_minor: Minor;
  fee_minor: ColumnType<string | number, number | undefined, number>;
  reference: string | null;
  created_by: Id | null;
  booked_at: Timestamp;
}

export interface GiftcardPostingTable {
  entry_id: Id;
  programme_id: Id;
  account: LedgerAccount;
  card_id: Id | null;
  shop_id: Id | null;
  amount_minor: Minor;
}

export interface GiftcardBalanceCheckTable {
  ip: string;
  failed_at: Timestamp;
}

export interface GiftcardTables {
  giftcard_programmes: GiftcardProgrammeTable;
  giftcard_shops: GiftcardShopTable;
  giftcard_batches: GiftcardBatchTable;
  giftcard_orders: GiftcardOrderTable;
  giftcard_test_payments: GiftcardTestPaymentTable;
  giftcard_cards: GiftcardCardTable;
  giftcard_settlements: GiftcardSettlementTable;
  giftcard_settlement_lines: GiftcardSettlementLineTable;
  giftcard_entries: GiftcardEntryTable;
  giftcard_postings: GiftcardPostingTable;
  giftcard_balance_checks: GiftcardBalanceCheckTable;
}
