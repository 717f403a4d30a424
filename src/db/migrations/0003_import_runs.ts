export const up = /* sql */ `
-- One row per register import (lokalkraft import brreg|prh|bolagsverket); dry runs are not recorded.
create table import_runs (
  id bigint generated always as identity primary key,
  source text not null check (source in ('brreg', 'prh', 'bolagsverket')),
  file_name text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  read_count integer not null default 0,
  created_count integer not null default 0,
  updated_count integer not null default 0,
  closed_count integer not null default 0,
  rejected_count integer not null default 0,
  -- outside --only-municipalities / --only-county
  skipped_count integer not null default 0,
  -- left out on purpose (Bolagsverket registrations under a personal identity number)
  ignored_count integer not null default 0,
  linked_count integer not null default 0,
  options jsonb not null default '{}'::jsonb,
  -- the first rejections: [{ "line": record number, "field": "a.b", "message": "…" }]
  rejections jsonb not null default '[]'::jsonb,
  error text
);
create index import_runs_started_idx on import_runs (started_at desc);

-- Register facts the importers keep beside the name: parallel / auxiliary / foreign-language names
-- (PRH, Bolagsverket) and the register's own words for the activity (Bolagsverket
-- verksamhetsbeskrivning, Brønnøysund aktivitet). Both are overwritten by each import.
alter table firms add column other_names text[] not null default '{}';
alter table firms add column activity text;
`;
