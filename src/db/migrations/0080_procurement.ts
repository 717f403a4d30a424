export const up = /* sql */ `
-- Procurement notices (eForms UBL 2.3 and OCDS 1.1), one row per notice: a later version of the
-- same notice (eForms notice id or the notice a change notice changes; OCDS ocid) updates the row.
create table procurement_notices (
  id bigserial primary key,
  source text not null check (source in ('eforms', 'ocds')),
  notice_key text not null,
  notice_number text not null,
  version text not null,
  kind text not null check (kind in ('planning', 'competition', 'result', 'change')),
  notice_type text not null,
  procedure text,
  language text,
  title text not null,
  description text,
  buyer_name text,
  buyer_national_id text,
  buyer_country text,
  cpv_main text,
  cpv_codes text[] not null default '{}',
  cpv_divisions text[] not null default '{}',
  activity_divisions text[] not null default '{}',
  nuts text[] not null default '{}',
  places text[] not null default '{}',
  -- Where the work is done, resolved at import: counties ('FI:19') and municipalities ('FI:320');
  -- whole countries ('FI') when the notice names only the country.
  county_keys text[] not null default '{}',
  municipality_keys text[] not null default '{}',
  country_keys text[] not null default '{}',
  estimated_minor bigint check (estimated_minor is null or estimated_minor >= 0),
  currency text,
  deadline timestamptz,
  published_at timestamptz,
  links text[] not null default '{}',
  lots jsonb not null default '[]',
  awards jsonb not null default '[]',
  award_total_minor bigint,
  -- Set by the matching run: how many local firms could deliver (by activity and place).
  local_firm_count integer,
  matched_at timestamptz,
  is_demo boolean not null default false,
  imported_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (source, notice_key)
);
create index procurement_notices_deadline_idx on procurement_notices (deadline);
create index procurement_notices_published_idx on procurement_notices (published_at desc, id desc);
create index procurement_notices_counties_idx on procurement_notices using gin (county_keys);
create index procurement_notices_activity_idx on procurement_notices using gin (activity_divisions);
create index procurement_notices_buyer_idx on procurement_notices (buyer_country, buyer_national_id);

-- Feeds fetched by the procurement.feeds job (network admin adds them with the CLI).
create table procurement_feeds (
  id bigserial primary key,
  url text not null unique,
  name text not null,
  last_fetched_at timestamptz,
  last_status text,
  last_error text,
  created_at timestamptz not null default now()
);

-- What a firm follows beyond its NACE activity, and how it wants its digest.
create table procurement_interests (
  firm_id bigint primary key references firms(id) on delete cascade,
  cpv_codes text[] not null default '{}',
  keywords text[] not null default '{}',
  digest text not null default 'weekly' check (digest in ('off', 'daily', 'weekly')),
  digest_sent_at timestamptz,
  updated_at timestamptz not null default now()
);

-- The notices already sent to a firm in a digest (a digest lists only new matches).
create table procurement_digest_items (
  firm_id bigint not null references firms(id) on delete cascade,
  notice_id bigint not null references procurement_notices(id) on delete cascade,
  sent_at timestamptz not null default now(),
  primary key (firm_id, notice_id)
);

-- Bidding groups: firms bidding together for a notice or one of its lots.
create table procurement_groups (
  id bigserial primary key,
  notice_id bigint not null references procurement_notices(id) on delete cascade,
  lot_id text,
  name text not null,
  lead_firm_id bigint not null references firms(id) on delete cascade,
  status text not null default 'forming' check (status in ('forming', 'bidding', 'submitted', 'won', 'lost', 'withdrawn')),
  coach_user_id bigint references users(id) on delete set null,
  outcome_value_minor bigint check (outcome_value_minor is null or outcome_value_minor >= 0),
  outcome_currency text,
  outcome_recorded_at timestamptz,
  is_demo boolean not null default false,
  created_by bigint references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index procurement_groups_notice_idx on procurement_groups (notice_id);

create table procurement_group_members (
  group_id bigint not null references procurement_groups(id) on delete cascade,
  firm_id bigint not null references firms(id) on delete cascade,
  role text not null default '',
  share_percent integer check (share_percent is null or (share_percent between 0 and 100)),
  state text not null default 'invited' check (state in ('invited', 'accepted', 'declined')),
  invited_at timestamptz not null default now(),
  answered_at timestamptz,
  answered_by bigint references users(id) on delete set null,
  primary key (group_id, firm_id)
);
create index procurement_group_members_firm_idx on procurement_group_members (firm_id);

create table procurement_group_messages (
  id bigserial primary key,
  group_id bigint not null references procurement_groups(id) on delete cascade,
  author_user_id bigint references users(id) on delete set null,
  author_name text not null,
  body text not null,
  file_id text,
  created_at timestamptz not null default now()
);
create index procurement_group_messages_group_idx on procurement_group_messages (group_id, id);

create table procurement_group_checklist (
  id bigserial primary key,
  group_id bigint not null references procurement_groups(id) on delete cascade,
  firm_id bigint not null references firms(id) on delete cascade,
  item text not null,
  done boolean not null default false,
  done_at timestamptz,
  done_by bigint references users(id) on delete set null
);
create index procurement_group_checklist_group_idx on procurement_group_checklist (group_id);
`;
