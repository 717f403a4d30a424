export const up = /* sql */ `
-- Shared local storefront with click-and-collect (issue 16, docs/adr/0020-storefront-catalogue-and-stock.md).
-- A member shop of a town's association runs its own catalogue here; what it publishes is mirrored
-- into the registry's products (origin 'storefront') so the directory's page and search show it.
create table storefront_shops (
  id bigserial primary key,
  organisation_id bigint not null references organisations(id),
  firm_id bigint not null references firms(id),
  establishment_id bigint references establishments(id),
  name text not null,
  -- "ready within" this many minutes of opening hours
  lead_minutes integer not null default 120 check (lead_minutes between 0 and 10080),
  -- an uncollected reservation expires this many days after it was due
  hold_days integer not null default 3 check (hold_days between 1 and 30),
  notify_email text,
  notify_phone text,
  is_active boolean not null default true,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index storefront_shops_unit on storefront_shops (firm_id, coalesce(establishment_id, 0));
create index storefront_shops_org on storefront_shops (organisation_id);

create table storefront_products (
  id bigserial primary key,
  shop_id bigint not null references storefront_shops(id),
  sku text not null,
  name text not null,
  description text,
  language text not null default 'nb',
  -- other languages: {"en": {"name": "...", "description": "..."}}
  translations jsonb not null default '{}',
  category text not null,
  price_minor bigint not null check (price_minor >= 0),
  vat_basis_points integer not null check (vat_basis_points between 0 and 10000),
  currency text not null check (currency in ('NOK', 'SEK', 'EUR')),
  -- 'count': the variants' stock is held by reservations; 'ask': "in stock, ask us" (not counted)
  stock_mode text not null default 'count' check (stock_mode in ('count', 'ask')),
  offer_price_minor bigint check (offer_price_minor >= 0),
  offer_from date,
  offer_to date,
  is_published boolean not null default true,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (shop_id, sku),
  check ((offer_price_minor is null) = (offer_from is null) and (offer_from is null) = (offer_to is null)),
  check (offer_to is null or offer_to >= offer_from)
);
create index storefront_products_category on storefront_products (category) where is_published;

create table storefront_variants (
  id bigserial primary key,
  product_id bigint not null references storefront_products(id) on delete cascade,
  label text not null default '',
  -- null for products in stock mode 'ask'; never below zero (the guard of every hold)
  stock integer check (stock >= 0),
  position integer not null default 0,
  unique (product_id, label)
);

create table storefront_reservations (
  id bigserial primary key,
  shop_id bigint not null references storefront_shops(id),
  token text not null unique,
  basket_token text not null,
  customer_name text not null,
  customer_email text,
  customer_phone text,
  locale text not null default 'nb',
  status text not null default 'new'
    check (status in ('new', 'confirmed', 'ready', 'collected', 'declined', 'cancelled', 'expired')),
  ready_by timestamptz not null,
  expires_at timestamptz not null,
  total_minor bigint not null check (total_minor >= 0),
  currency text not null,
  decline_reason text,
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  ready_at timestamptz,
  collected_at timestamptz,
  closed_at timestamptz,
  -- a contact while open; forgotten (name, e-mail, phone) 90 days after it closed
  check (customer_email is not null or customer_phone is not null or closed_at is not null)
);
create index storefront_reservations_shop on storefront_reservations (shop_id, created_at);
create index storefront_reservations_open on storefront_reservations (expires_at) where status in ('new', 'confirmed', 'ready');
create index storefront_reservations_basket on storefront_reservations (basket_token);

create table storefront_reservation_items (
  id bigserial primary key,
  reservation_id bigint not null references storefront_reservations(id),
  product_id bigint not null references storefront_products(id),
  variant_id bigint not null references storefront_variants(id),
  name text not null,
  variant_label text not null default '',
  quantity integer not null check (quantity between 1 and 99),
  unit_price_minor bigint not null check (unit_price_minor >= 0),
  -- true when the stock this line held was given back (declined, cancelled, expired)
  released boolean not null default false,
  decline_reason text
);
create index storefront_reservation_items_reservation on storefront_reservation_items (reservation_id);

-- SMS: no provider yet; every message is logged here for the provider to be added later.
create table storefront_sms_outbox (
  id bigserial primary key,
  to_phone text not null,
  body text not null,
  created_at timestamptz not null default now()
);

-- Rows the storefront mirrors into the registry's products (replaced as a whole per shop).
alter table products add column origin text not null default 'profile' check (origin in ('profile', 'storefront'));
`;
