export const up = /* sql */ `
-- City gift card (issue 17): programmes, member shops, cards, and an append-only double-entry ledger.
create table giftcard_programmes (
  id bigserial primary key,
  organisation_id bigint not null references organisations(id),
  name text not null,
  town text not null,
  country text not null check (country in ('NO', 'SE', 'FI')),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  allowed_values_minor bigint[] not null,
  -- null: the country's legal default (see docs/adr/0018-giftcard-ledger.md)
  validity_months integer check (validity_months between 1 and 600),
  fee_basis_points integer not null default 0 check (fee_basis_points between 0 and 10000),
  fee_fixed_minor bigint not null default 0 check (fee_fixed_minor >= 0),
  settlement_period text not null default 'month' check (settlement_period in ('week', 'month')),
  issuer_iban text not null,
  issuer_bic text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index giftcard_programmes_org on giftcard_programmes (organisation_id);

create table giftcard_shops (
  id bigserial primary key,
  programme_id bigint not null references giftcard_programmes(id),
  firm_id bigint not null references firms(id),
  establishment_id bigint references establishments(id),
  name text not null,
  iban text not null,
  bic text,
  joined_on date not null,
  left_on date,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (left_on is null or left_on >= joined_on)
);
create index giftcard_shops_programme on giftcard_shops (programme_id);
create index giftcard_shops_firm on giftcard_shops (firm_id);

create table giftcard_batches (
  id bigserial primary key,
  programme_id bigint not null references giftcard_programmes(id),
  buyer text not null,
  card_count integer not null check (card_count between 1 and 1000),
  value_minor bigint not null check (value_minor > 0),
  payment_reference text not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);

-- Online orders: a card exists only after the payment provider says the money arrived.
create table giftcard_orders (
  id bigserial primary key,
  programme_id bigint not null references giftcard_programmes(id),
  reference text not null unique,
  value_minor bigint not null check (value_minor > 0),
  email text not null,
  provider text not null,
  provider_ref text,
  status text not null default 'pending' check (status in ('pending', 'paid', 'failed')),
  card_id bigint,
  created_at timestamptz not null default now()
);

-- The test payment provider's own book (stands in for a real provider's side).
create table giftcard_test_payments (
  ref text primary key,
  amount_minor bigint not null,
  currency text not null,
  status text not null default 'pending' check (status in ('pending', 'paid', 'failed')),
  created_at timestamptz not null default now()
);

create table giftcard_cards (
  id bigserial primary key,
  programme_id bigint not null references giftcard_programmes(id),
  code text not null unique,
  batch_id bigint references giftcard_batches(id),
  order_id bigint references giftcard_orders(id),
  initial_value_minor bigint not null check (initial_value_minor > 0),
  -- A cache of -sum(card postings), kept by the same statements that post; the guard below is what
  -- makes two concurrent redemptions unable to take a card below zero.
  balance_minor bigint not null check (balance_minor >= 0),
  expires_on date not null,
  holder_user_id bigint references users(id),
  is_demo boolean not null default false,
  issued_at timestamptz not null default now()
);
create index giftcard_cards_programme on giftcard_cards (programme_id);
create index giftcard_cards_holder on giftcard_cards (holder_user_id) where holder_user_id is not null;

create table giftcard_settlements (
  id bigserial primary key,
  programme_id bigint not null references giftcard_programmes(id),
  period_start timestamptz not null,
  period_end timestamptz not null,
  label text not null,
  total_minor bigint not null,
  breakage_minor bigint not null,
  message_id text not null unique,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (programme_id, period_end)
);

create table giftcard_settlement_lines (
  settlement_id bigint not null references giftcard_settlements(id),
  shop_id bigint not null references giftcard_shops(id),
  redeemed_minor bigint not null,
  reversed_minor bigint not null,
  fees_minor bigint not null,
  carried_minor bigint not null,
  payable_minor bigint not null,
  redemptions integer not null,
  primary key (settlement_id, shop_id)
);

-- Journal: one row per business event; its postings sum to zero.
create table giftcard_entries (
  id bigserial primary key,
  programme_id bigint not null references giftcard_programmes(id),
  kind text not null check (kind in ('sale', 'redemption', 'reversal', 'payout', 'breakage')),
  idempotency_key text not null,
  request_fingerprint text not null,
  card_id bigint references giftcard_cards(id),
  shop_id bigint references giftcard_shops(id),
  reverses_entry_id bigint references giftcard_entries(id),
  settlement_id bigint references giftcard_settlements(id),
  amount_minor bigint not null check (amount_minor > 0),
  fee_minor bigint not null default 0 check (fee_minor >= 0),
  reference text,
  created_by bigint references users(id),
  booked_at timestamptz not null default now(),
  unique (programme_id, idempotency_key)
);
create index giftcard_entries_card on giftcard_entries (card_id);
create index giftcard_entries_shop on giftcard_entries (shop_id, booked_at);
create unique index giftcard_entries_one_reversal on giftcard_entries (reverses_entry_id) where reverses_entry_id is not null;

create table giftcard_postings (
  entry_id bigint not null references giftcard_entries(id),
  programme_id bigint not null,
  account text not null check (account in ('cash', 'card', 'shop', 'fees', 'breakage')),
  card_id bigint,
  shop_id bigint,
  amount_minor bigint not null,
  check ((account = 'card') = (card_id is not null)),
  check ((account = 'shop') = (shop_id is not null))
);
create index giftcard_postings_entry on giftcard_postings (entry_id);
create index giftcard_postings_programme on giftcard_postings (programme_id, account);

-- Append-only: the ledger is never edited; a correction is a new entry.
create or replace function giftcard_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'giftcard ledger is append-only (% on %)', tg_op, tg_table_name using errcode = 'P0001';
end $$;
create trigger giftcard_entries_append_only before update or delete on giftcard_entries
  for each row execute function giftcard_append_only();
create trigger giftcard_postings_append_only before update or delete on giftcard_postings
  for each row execute function giftcard_append_only();

-- Failed balance checks per client address (guessing codes is rate-limited).
create table giftcard_balance_checks (
  ip text not null,
  failed_at timestamptz not null default now()
);
create index giftcard_balance_checks_ip on giftcard_balance_checks (ip, failed_at);
`;
