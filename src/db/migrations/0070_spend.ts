export const up = /* sql */ `
-- Local spend (issue 14). The invoice lines live in DuckDB (LOKALKRAFT_DATA_DIR/spend, ADR 0016);
-- PostgreSQL keeps the uploads, the column mappings remembered per organisation, supplier matches,
-- sharing and what a buyer publishes.
create table spend_uploads (
  id bigserial primary key,
  organisation_id bigint not null references organisations(id) on delete cascade,
  created_by bigint references users(id) on delete set null,
  status text not null default 'preview' check (status in ('preview', 'importing', 'imported', 'failed', 'discarded')),
  progress jsonb,
  message text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index spend_uploads_org_idx on spend_uploads (organisation_id, created_at desc);

create table spend_files (
  id bigserial primary key,
  upload_id bigint not null references spend_uploads(id) on delete cascade,
  organisation_id bigint not null references organisations(id) on delete cascade,
  position integer not null,
  file_name text not null,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  bytes bigint not null,
  stored_path text not null,
  staged jsonb,
  mapping jsonb,
  decimal_separator text check (decimal_separator in (',', '.')),
  date_format text,
  check_result jsonb,
  status text not null default 'preview' check (status in ('preview', 'imported', 'duplicate', 'failed', 'discarded')),
  lines bigint,
  skipped bigint,
  total_minor bigint,
  imported_at timestamptz,
  is_demo boolean not null default false
);
create index spend_files_upload_idx on spend_files (upload_id, position);
-- The same bytes are imported once per organisation: a second import changes nothing.
create unique index spend_files_once_idx on spend_files (organisation_id, content_hash) where status = 'imported';

create table spend_header_choices (
  organisation_id bigint not null references organisations(id) on delete cascade,
  header_key text not null,
  field text not null,
  updated_by bigint references users(id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (organisation_id, header_key)
);

create table spend_suppliers (
  organisation_id bigint not null references organisations(id) on delete cascade,
  raw_key text not null,
  supplier_no text,
  name text,
  country text,
  firm_id bigint references firms(id) on delete set null,
  method text not null check (method in ('id', 'name', 'confirmed', 'none', 'private', 'refused-iban', 'refused-person', 'foreign')),
  confidence real,
  status text not null check (status in ('matched', 'suggested', 'unmatched', 'private', 'abroad')),
  candidate_firm_ids bigint[] not null default '{}',
  lines bigint not null default 0,
  amount_minor bigint not null default 0,
  decided_by bigint references users(id) on delete set null,
  decided_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (organisation_id, raw_key)
);
create index spend_suppliers_queue_idx on spend_suppliers (organisation_id, status);

create table spend_shares (
  organisation_id bigint not null references organisations(id) on delete cascade,
  shared_with_id bigint not null references organisations(id) on delete cascade,
  created_by bigint references users(id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (organisation_id, shared_with_id),
  check (organisation_id <> shared_with_id)
);
create index spend_shares_with_idx on spend_shares (shared_with_id);

create table spend_settings (
  organisation_id bigint primary key references organisations(id) on delete cascade,
  home_municipality text,
  published_year integer check (published_year between 1990 and 2100),
  published_at timestamptz,
  respend jsonb not null default '{}',
  updated_by bigint references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
`;
