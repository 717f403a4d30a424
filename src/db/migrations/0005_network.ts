export const up = /* sql */ `
-- Organisations of the network: business gardens, city-centre partnerships, municipal
-- business offices, inter-municipal projects, retail associations, funders, partner bodies.
create table organisations (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 200),
  type text not null check (type in ('business_garden', 'city_centre_partnership', 'municipal_business_office',
    'inter_municipal_project', 'retail_association', 'funder', 'partner_body')),
  country text not null references countries(code),
  email text,
  phone text,
  website text,
  logo bytea,
  logo_content_type text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organisations_name_idx on organisations (lower(name));

-- staff_roles.organisation_id and invitations.organisation_id (0004) get no foreign key yet: the
-- accounts tests grant roles in organisation ids that do not exist. Organisations are never
-- deleted by the app, so no orphans arise; a later migration can add the constraint.

-- Coverage area over time: one row per municipality and period, valid_to inclusive (null = open).
-- Growing from 2 to 8 municipalities adds rows; leaving one closes its row, so history stays true.
create table organisation_coverage (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisations(id) on delete cascade,
  country text not null,
  municipality_code text not null,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  foreign key (country, municipality_code) references municipalities(country, code),
  check (valid_to is null or valid_to >= valid_from)
);
create index organisation_coverage_org_idx on organisation_coverage (organisation_id);
create index organisation_coverage_municipality_idx on organisation_coverage (country, municipality_code);

-- A firm's membership of an organisation; the current state. Every version is kept in membership_history.
create table memberships (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisations(id) on delete cascade,
  firm_id bigint not null references firms(id) on delete cascade,
  tier text not null check (length(tier) between 1 and 60),
  status text not null check (status in ('active', 'paused', 'ended')),
  valid_from date not null,
  valid_to date,
  fee_minor bigint check (fee_minor >= 0),
  currency text check (currency in ('NOK', 'SEK', 'EUR')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from),
  check ((fee_minor is null) = (currency is null))
);
-- At most one membership of a firm in an organisation that has not ended.
create unique index memberships_open_idx on memberships (organisation_id, firm_id) where status <> 'ended';
create index memberships_firm_idx on memberships (firm_id);

create table membership_history (
  id bigint generated always as identity primary key,
  membership_id bigint not null references memberships(id) on delete cascade,
  version integer not null,
  tier text not null,
  status text not null,
  valid_from date not null,
  valid_to date,
  fee_minor bigint,
  currency text,
  changed_by bigint,
  changed_at timestamptz not null default now(),
  unique (membership_id, version)
);

-- from_organisation shares data of the given scope (e.g. coaching_cases) with to_organisation.
create table sharing_agreements (
  id bigint generated always as identity primary key,
  from_organisation_id bigint not null references organisations(id) on delete cascade,
  to_organisation_id bigint not null references organisations(id) on delete cascade,
  scope text not null check (scope ~ '^[a-z][a-z_]{1,40}$'),
  valid_from date not null,
  valid_to date,
  note text,
  created_at timestamptz not null default now(),
  check (from_organisation_id <> to_organisation_id),
  check (valid_to is null or valid_to >= valid_from)
);
create index sharing_agreements_to_idx on sharing_agreements (to_organisation_id, scope);

-- Who changed what, when: firm profiles, memberships, organisations, coverage, staff, sharing.
create table audit_log (
  id bigint generated always as identity primary key,
  actor_user_id bigint,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  organisation_id bigint,
  firm_id bigint,
  changes jsonb not null default '{}'::jsonb,
  at timestamptz not null default now(),
  request_id text
);
create index audit_log_org_idx on audit_log (organisation_id, at desc);
create index audit_log_firm_idx on audit_log (firm_id, at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

-- Firm profile extras kept by the firm's own people (the register never writes these).
create table firm_links (
  id bigint generated always as identity primary key,
  firm_id bigint not null references firms(id) on delete cascade,
  label text not null check (length(label) between 1 and 100),
  url text not null check (url ~ '^https?://'),
  position integer not null default 0
);
create index firm_links_firm_idx on firm_links (firm_id);

-- Images re-encoded on upload (metadata stripped); see docs/adr/0006-firm-images-in-database.md.
create table firm_images (
  id bigint generated always as identity primary key,
  firm_id bigint not null references firms(id) on delete cascade,
  position integer not null default 0,
  alt_text text not null default '',
  content_type text not null,
  width integer not null,
  height integer not null,
  data bytea not null,
  thumb_data bytea not null,
  thumb_width integer not null,
  thumb_height integer not null,
  byte_size integer not null,
  sha256 text not null,
  uploaded_by bigint,
  created_at timestamptz not null default now()
);
create index firm_images_firm_idx on firm_images (firm_id, position);
`;
