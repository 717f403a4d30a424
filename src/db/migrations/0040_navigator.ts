export const up = /* sql */ `
-- Support navigator (issue 11): the catalogue of support offers, the de minimis ledger per firm,
-- exchange rates and ceilings kept as data, and "notify me" subscriptions.
create table navigator_offers (
  id bigserial primary key,
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  provider text not null,
  country text not null check (country in ('NO', 'SE', 'FI', 'EU')),
  kind text not null check (kind in ('grant', 'loan', 'guarantee', 'equity', 'advice', 'training', 'network', 'voucher', 'tax_incentive')),
  -- The offer as in the data file: the provider's facts as published (null = not seen) and the reviewed "match" reading.
  record jsonb not null,
  -- Where the row came from: the project's data file (reloaded when the file's entry changes) or the admin pages / an import.
  origin text not null check (origin in ('data_file', 'admin')),
  file_hash text,
  version integer not null default 1,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index navigator_offers_updated on navigator_offers (updated_at);

-- People who may maintain the offers of one provider (the network admin names them).
create table navigator_provider_contacts (
  provider text not null,
  user_id bigint not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (provider, user_id)
);

create table navigator_de_minimis_ceilings (
  country text not null check (country in ('NO', 'SE', 'FI')),
  valid_from date not null,
  ceiling_eur_minor bigint not null check (ceiling_eur_minor > 0),
  window_kind text not null check (window_kind in ('fiscal_years', 'rolling_years')),
  window_years integer not null check (window_years between 1 and 10),
  regulation text not null,
  primary key (country, valid_from)
);

-- Units of the currency per 1 EUR on a day (ECB reference rates from the data file, or entered by staff).
create table navigator_exchange_rates (
  currency text not null check (currency ~ '^[A-Z]{3}$' and currency <> 'EUR'),
  rate_date date not null,
  per_eur numeric(18, 6) not null check (per_eur > 0),
  origin text not null check (origin in ('ecb_file', 'staff')),
  entered_by bigint references users(id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (currency, rate_date)
);

create table navigator_de_minimis_entries (
  id bigserial primary key,
  firm_id bigint not null references firms(id) on delete cascade,
  grantor text not null,
  granted_on date not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  -- EUR at the rate of the grant date; null while that rate is missing (then the room is unknown).
  eur_minor bigint check (eur_minor >= 0),
  rate_per_eur numeric(18, 6),
  legal_basis text not null,
  offer_key text,
  origin text not null check (origin in ('direct', 'case')),
  case_ref text,
  entered_by bigint references users(id) on delete set null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index navigator_de_minimis_firm on navigator_de_minimis_entries (firm_id, granted_on);
create index navigator_de_minimis_missing_rate on navigator_de_minimis_entries (currency, granted_on) where eur_minor is null;

create table navigator_subscriptions (
  id bigserial primary key,
  email text not null,
  locale text not null check (locale in ('nb', 'sv', 'fi', 'en')),
  facts jsonb not null,
  token_hash text not null unique,
  -- In every notification mail's "stop" link; it can only stop the mails, so it is kept as is.
  stop_token text not null unique,
  confirmed_at timestamptz,
  stopped_at timestamptz,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

-- Which version of which offer a subscriber has been told about (the nightly job mails only what is new or changed).
create table navigator_subscription_offers (
  subscription_id bigint not null references navigator_subscriptions(id) on delete cascade,
  offer_id bigint not null references navigator_offers(id) on delete cascade,
  offer_version integer not null,
  told_at timestamptz not null default now(),
  primary key (subscription_id, offer_id)
);
`;
