export const up = /* sql */ `
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE; an IMMUTABLE wrapper with the dictionary named lets indexes use it.
create or replace function lk_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

create table countries (
  code text primary key check (code in ('NO', 'SE', 'FI')),
  names jsonb not null
);

create table counties (
  country text not null references countries(code),
  code text not null,
  names jsonb not null,
  primary key (country, code)
);

create table municipalities (
  country text not null references countries(code),
  code text not null,
  county_code text not null,
  name text not null,
  names jsonb not null,
  lat double precision,
  lon double precision,
  primary key (country, code),
  foreign key (country, county_code) references counties(country, code)
);

-- Old municipality codes (Norway's 2018/2020/2024 reforms) and the current code they became.
create table municipality_code_changes (
  country text not null,
  old_code text not null,
  new_code text not null,
  changed_on date not null,
  is_split boolean not null default false,
  primary key (country, old_code, new_code)
);

create table nace_sections (
  code text primary key,
  names jsonb not null
);

create table nace_divisions (
  code text primary key,
  section text not null references nace_sections(code),
  names jsonb not null
);

-- One record per firm, keyed by country + national number (orgnr / organisationsnummer / Y-tunnus).
create table firms (
  id bigint generated always as identity primary key,
  country text not null references countries(code),
  national_id text not null,
  name text not null,
  legal_form text,
  nace_code text,
  nace_division text,
  employees integer check (employees >= 0),
  street text,
  postcode text,
  city text,
  municipality_code text,
  postal_street text,
  postal_postcode text,
  postal_city text,
  lat double precision,
  lon double precision,
  website text,
  email text,
  phone text,
  status text not null default 'active' check (status in ('active', 'closed')),
  closed_on date,
  registered_on date,
  language text not null default 'nb' check (language in ('nb', 'sv', 'fi', 'en')),
  -- user-maintained profile: never overwritten by register imports
  description jsonb not null default '{}'::jsonb,
  opening_hours jsonb,
  is_demo boolean not null default false,
  source text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (country, national_id)
);
create index firms_municipality_idx on firms (country, municipality_code);

-- An establishment (underenhet / arbetsställe / toimipaikka): the shop on the street.
create table establishments (
  id bigint generated always as identity primary key,
  firm_id bigint references firms(id) on delete cascade,
  country text not null references countries(code),
  national_id text not null,
  parent_national_id text,
  name text not null,
  nace_code text,
  nace_division text,
  employees integer check (employees >= 0),
  street text,
  postcode text,
  city text,
  municipality_code text,
  lat double precision,
  lon double precision,
  website text,
  status text not null default 'active' check (status in ('active', 'closed')),
  closed_on date,
  registered_on date,
  description jsonb not null default '{}'::jsonb,
  opening_hours jsonb,
  is_demo boolean not null default false,
  source text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (country, national_id)
);
create index establishments_firm_idx on establishments (firm_id);
create index establishments_parent_idx on establishments (country, parent_national_id);

create table products (
  id bigint generated always as identity primary key,
  firm_id bigint not null references firms(id) on delete cascade,
  establishment_id bigint references establishments(id) on delete cascade,
  kind text not null default 'product' check (kind in ('product', 'service')),
  name text not null,
  description text,
  language text not null default 'nb',
  price_minor integer check (price_minor >= 0),
  currency text check (currency in ('NOK', 'SEK', 'EUR')),
  created_at timestamptz not null default now()
);
create index products_firm_idx on products (firm_id);
`;
