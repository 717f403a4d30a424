export const up = /* sql */ `
-- Coaching (issue 10): cases on the registry's firm, owned by one organisation, with coaches,
-- needs, contact people, a timeline, outcomes, referrals; a joint activity calendar and its feeds.
create table coaching_cases (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisations(id) on delete cascade,
  firm_id bigint not null references firms(id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  type text not null check (length(type) between 1 and 40),
  status text not null default 'open' check (status in ('open', 'active', 'waiting', 'closed')),
  close_reason text check (close_reason is null or length(close_reason) <= 40),
  opened_on date not null,
  closed_on date,
  follow_up_on date,
  -- Copies of the firm's place and sector when the case opened (filters without the registry's tables).
  firm_country text not null,
  municipality_code text,
  nace_division text,
  last_contact_at timestamptz,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  is_demo boolean not null default false,
  check ((status = 'closed') = (closed_on is not null)),
  check (closed_on is null or closed_on >= opened_on)
);
-- Case lists walk one organisation's cases in the sort order (coaching.repository.ts listCases).
create index coaching_cases_org_idx on coaching_cases (organisation_id, status, updated_at desc, id desc);
create index coaching_cases_org_updated_idx on coaching_cases (organisation_id, updated_at desc, id desc);
create index coaching_cases_org_opened_idx on coaching_cases (organisation_id, opened_on desc, id desc);
create index coaching_cases_firm_idx on coaching_cases (firm_id);
create index coaching_cases_follow_idx on coaching_cases (organisation_id, follow_up_on) where status <> 'closed';
create index coaching_cases_contact_idx on coaching_cases (organisation_id, last_contact_at asc nulls first) where status <> 'closed';
create index coaching_cases_place_idx on coaching_cases (organisation_id, municipality_code);

create table coaching_case_coaches (
  case_id bigint not null references coaching_cases(id) on delete cascade,
  user_id bigint not null,
  primary key (case_id, user_id)
);
create index coaching_case_coaches_user_idx on coaching_case_coaches (user_id, case_id);

create table coaching_case_needs (
  case_id bigint not null references coaching_cases(id) on delete cascade,
  need text not null check (length(need) between 1 and 40),
  primary key (case_id, need)
);
create index coaching_case_needs_need_idx on coaching_case_needs (need, case_id);

-- The firm's contact people. A contact who is not a user of the platform is erased by staff
-- (name, e-mail, phone blanked; the row stays so the timeline still reads).
create table coaching_contacts (
  id bigint generated always as identity primary key,
  case_id bigint not null references coaching_cases(id) on delete cascade,
  user_id bigint,
  name text not null check (length(name) <= 200),
  role text,
  email text,
  phone text,
  consent_given_on date,
  consent_note text,
  erased_at timestamptz,
  created_at timestamptz not null default now()
);
create index coaching_contacts_case_idx on coaching_contacts (case_id);
create index coaching_contacts_user_idx on coaching_contacts (user_id) where user_id is not null;

-- The firm's consent that its cases with an organisation may be shown to the organisations that
-- organisation shares with ('case_sharing'), or that a referral may carry its details ('referral').
create table coaching_consents (
  id bigint generated always as identity primary key,
  firm_id bigint not null references firms(id) on delete cascade,
  organisation_id bigint not null references organisations(id) on delete cascade,
  scope text not null check (scope in ('case_sharing', 'referral')),
  given_on date not null,
  valid_to date,
  given_by text not null check (length(given_by) <= 200),
  recorded_by bigint,
  revoked_at timestamptz,
  revoked_by bigint,
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= given_on)
);
create index coaching_consents_firm_idx on coaching_consents (firm_id, organisation_id, scope) where revoked_at is null;

-- The timeline: meetings, notes, logged e-mails, tasks, documents; every entry attributed.
create table coaching_entries (
  id bigint generated always as identity primary key,
  case_id bigint not null references coaching_cases(id) on delete cascade,
  kind text not null check (kind in ('meeting', 'note', 'email', 'task', 'document')),
  author_id bigint,
  title text not null check (length(title) between 1 and 200),
  body text not null default '',
  is_private boolean not null default false,
  meeting_at timestamptz,
  duration_minutes integer check (duration_minutes is null or duration_minutes between 1 and 1440),
  meeting_form text check (meeting_form is null or meeting_form in ('visit', 'phone', 'video')),
  participants text,
  task_owner_id bigint,
  task_due_on date,
  task_done_at timestamptz,
  file_id bigint,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false,
  check (kind <> 'meeting' or (meeting_at is not null and meeting_form is not null)),
  check (kind <> 'task' or task_due_on is not null)
);
create index coaching_entries_case_idx on coaching_entries (case_id, created_at desc, id desc);
create index coaching_entries_open_tasks_idx on coaching_entries (task_owner_id, task_due_on) where kind = 'task' and task_done_at is null;

-- Every read of a note (who, when, which, under which role).
create table coaching_note_reads (
  id bigint generated always as identity primary key,
  entry_id bigint not null references coaching_entries(id) on delete cascade,
  case_id bigint not null,
  organisation_id bigint not null,
  reader_id bigint not null,
  role text not null,
  read_at timestamptz not null default now()
);
create index coaching_note_reads_entry_idx on coaching_note_reads (entry_id, read_at desc);
create index coaching_note_reads_org_idx on coaching_note_reads (organisation_id, read_at desc, id desc);

create table coaching_referrals (
  id bigint generated always as identity primary key,
  case_id bigint not null references coaching_cases(id) on delete cascade,
  firm_id bigint not null,
  from_organisation_id bigint not null,
  to_organisation_id bigint references organisations(id) on delete set null,
  to_body text check (to_body is null or length(to_body) <= 200),
  purpose text not null check (length(purpose) between 1 and 2000),
  shared_info text not null default '',
  status text not null default 'open' check (status in ('open', 'accepted', 'declined', 'done')),
  decision_reason text,
  decided_by bigint,
  decided_at timestamptz,
  result text check (result is null or result in ('funding', 'advice', 'no_result')),
  result_note text,
  created_by bigint,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false,
  check (to_organisation_id is not null or to_body is not null)
);
create index coaching_referrals_case_idx on coaching_referrals (case_id);
create index coaching_referrals_to_idx on coaching_referrals (to_organisation_id, status);
create index coaching_referrals_from_idx on coaching_referrals (from_organisation_id, status);
create index coaching_referrals_firm_idx on coaching_referrals (firm_id);

-- Outcomes count per firm: the same outcome (kind, day, programme) recorded from two cases is one row.
create table coaching_outcomes (
  id bigint generated always as identity primary key,
  firm_id bigint not null,
  organisation_id bigint not null,
  case_id bigint references coaching_cases(id) on delete set null,
  referral_id bigint references coaching_referrals(id) on delete set null,
  kind text not null check (kind in ('new_product', 'new_market', 'jobs_created', 'jobs_kept', 'turnover_change', 'funding')),
  occurred_on date not null,
  evidence text not null default '',
  programme text not null default '',
  quantity integer,
  amount_minor bigint,
  currency text check (currency is null or currency in ('NOK', 'SEK', 'EUR')),
  recorded_by bigint,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false,
  check ((amount_minor is null) = (currency is null))
);
create unique index coaching_outcomes_once_idx on coaching_outcomes (firm_id, kind, occurred_on, programme);
create index coaching_outcomes_org_idx on coaching_outcomes (organisation_id, occurred_on);

create table coaching_activities (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisations(id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  kind text not null check (kind in ('visit', 'workshop', 'campaign', 'fair', 'meeting')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  responsible_id bigint,
  description text not null default '',
  municipality_codes text[] not null default '{}',
  firm_ids bigint[] not null default '{}',
  created_by bigint,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false,
  check (ends_at > starts_at)
);
create index coaching_activities_org_idx on coaching_activities (organisation_id, starts_at);
create index coaching_activities_resp_idx on coaching_activities (responsible_id, starts_at);
create index coaching_activities_firms_idx on coaching_activities using gin (firm_ids);

-- iCalendar feeds behind a secret URL; only the token's hash is kept, renewing replaces it.
create table coaching_feeds (
  id bigint generated always as identity primary key,
  user_id bigint,
  organisation_id bigint,
  token_hash text not null unique,
  created_by bigint not null,
  created_at timestamptz not null default now(),
  check ((user_id is null) <> (organisation_id is null))
);
create unique index coaching_feeds_user_idx on coaching_feeds (user_id) where user_id is not null;
create unique index coaching_feeds_org_idx on coaching_feeds (organisation_id) where organisation_id is not null;
`;
