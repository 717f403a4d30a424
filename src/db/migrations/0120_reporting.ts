export const up = /* sql */ `
-- Funder reporting (src/modules/reporting, ADR 0021). The figures are computed from the other
-- modules' records through their services; these tables hold only what reporting itself owns:
-- projects, the activities tagged to them, firm facts observed over time (size at the time of
-- support), frozen reports and the log of drill-down reads.
create table reporting_projects (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 200),
  -- The lead organisation: its staff manage the project; its country gives the zone of the period edges.
  organisation_id bigint not null,
  starts_on date not null,
  ends_on date not null,
  description text not null default '',
  is_demo boolean not null default false,
  created_by bigint,
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index reporting_projects_org_idx on reporting_projects (organisation_id);

create table reporting_project_organisations (
  project_id bigint not null references reporting_projects (id) on delete cascade,
  organisation_id bigint not null,
  primary key (project_id, organisation_id)
);
create index reporting_project_organisations_org_idx on reporting_project_organisations (organisation_id);

-- One budget line per funder; the funder names the template its report is made in.
create table reporting_project_funders (
  project_id bigint not null references reporting_projects (id) on delete cascade,
  template text not null,
  funder_name text not null check (length(funder_name) between 1 and 200),
  budget_minor bigint not null check (budget_minor >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  primary key (project_id, template)
);

-- Activities (cases, events, courses) tagged to a project: counted in its reports even when run
-- by an organisation outside the project.
create table reporting_project_activities (
  project_id bigint not null references reporting_projects (id) on delete cascade,
  kind text not null check (kind in ('case', 'event', 'course')),
  ref_id bigint not null,
  tagged_by bigint,
  tagged_at timestamptz not null default now(),
  primary key (project_id, kind, ref_id)
);

-- What a firm looked like on a day (employees, turnover, leaders): the registry keeps only today's
-- values, so the size at the time of support comes from here (see ADR 0021).
create table reporting_firm_facts (
  id bigint generated always as identity primary key,
  firm_id bigint not null,
  observed_on date not null,
  employees integer check (employees is null or employees >= 0),
  turnover_minor bigint check (turnover_minor is null or turnover_minor >= 0),
  currency text check (currency is null or currency ~ '^[A-Z]{3}$'),
  leaders integer check (leaders is null or leaders >= 0),
  women_leaders integer check (women_leaders is null or women_leaders >= 0),
  source text not null default 'staff',
  recorded_by bigint,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false,
  unique (firm_id, observed_on, source),
  check (women_leaders is null or leaders is null or women_leaders <= leaders)
);
create index reporting_firm_facts_firm_idx on reporting_firm_facts (firm_id, observed_on desc);

create table reporting_frozen_reports (
  id bigint generated always as identity primary key,
  organisation_id bigint,
  project_id bigint references reporting_projects (id) on delete set null,
  template text not null,
  period_from date not null,
  period_to date not null,
  time_zone text not null,
  -- { indicators: [{ key, value, firms: [ids], split }], missing: … } as computed.
  result jsonb not null,
  data_version text not null,
  frozen_by bigint,
  frozen_at timestamptz not null default now(),
  is_demo boolean not null default false,
  check (organisation_id is not null or project_id is not null)
);
create index reporting_frozen_org_idx on reporting_frozen_reports (organisation_id, id desc);
create index reporting_frozen_project_idx on reporting_frozen_reports (project_id, id desc);

-- Every read of a figure's firm list (who, which report, which indicator, why).
create table reporting_drilldown_reads (
  id bigint generated always as identity primary key,
  reader_id bigint not null,
  organisation_id bigint,
  project_id bigint,
  template text not null,
  indicator text not null,
  purpose text not null,
  read_at timestamptz not null default now()
);
create index reporting_drilldown_reads_idx on reporting_drilldown_reads (reader_id, read_at desc);
`;
