export const up = /* sql */ `
-- Needs surveys (src/modules/surveys). Answers are anonymous: a response row has no user, no IP,
-- no invitation and only the day it came in; contact details exist only when the respondent
-- opted in, in their own table, erasable on their own.
create table surveys (
  id bigint generated always as identity primary key,
  organisation_id bigint not null,
  -- { "fi": "…", "en": "…" }: the survey's languages are the keys of its title.
  title jsonb not null,
  intro jsonb not null default '{}',
  -- Section titles in order: [{ "fi": "…", "en": "…" }, …]; questions name their section by index.
  sections jsonb not null default '[]',
  audience text not null check (audience in ('public', 'members', 'invited')),
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  opens_on date,
  closes_on date,
  time_zone text not null default 'Europe/Helsinki',
  -- The public link's secret part (and the QR code's target); invited surveys use one-time links.
  public_token text not null unique check (public_token ~ '^[A-Za-z0-9_-]{16,64}$'),
  -- Breakdowns with fewer answers than this are hidden (and anything from which they could be worked out).
  min_group_size int not null default 10 check (min_group_size between 3 and 1000),
  results_public boolean not null default false,
  is_demo boolean not null default false,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closes_on is null or opens_on is null or closes_on >= opens_on)
);
create index surveys_org_idx on surveys (organisation_id, id desc);

create table survey_questions (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id) on delete cascade,
  section int not null default 0 check (section between 0 and 49),
  position int not null check (position between 0 and 999),
  kind text not null check (kind in ('single', 'multiple', 'scale', 'text', 'miss_local', 'municipality', 'map_point', 'spend_outside', 'group')),
  text jsonb not null,
  help jsonb not null default '{}',
  -- single / multiple / group: [{ "value": "a", "label": { "fi": "…" } }]; scale: { "min": 1, "max": 5 }.
  options jsonb not null default '[]',
  required boolean not null default false,
  -- Skip logic: asked only when an earlier section's question got one of these values.
  show_if_question bigint references survey_questions(id) on delete set null,
  show_if_values text[],
  created_at timestamptz not null default now(),
  unique (survey_id, section, position)
);

create table survey_responses (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id) on delete cascade,
  -- The day only (not the moment), so answers cannot be lined up with logs.
  received_on date not null default current_date,
  municipality_code text,
  respondent_group text,
  is_demo boolean not null default false
);
create index survey_responses_survey_idx on survey_responses (survey_id);

create table survey_answers (
  id bigint generated always as identity primary key,
  response_id bigint not null references survey_responses(id) on delete cascade,
  question_id bigint not null references survey_questions(id) on delete cascade,
  choices text[],
  text_value text check (length(text_value) <= 2000),
  number_value numeric(14, 2),
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  sector text,
  tags text[] not null default '{}'
);
create index survey_answers_question_idx on survey_answers (question_id);
create index survey_answers_response_idx on survey_answers (response_id);

-- Counts kept as answers arrive (one upsert per value): results read these, never the answers.
-- value '*' counts the respondents who answered the question; municipality / grp / sector '' = not given.
create table survey_tallies (
  survey_id bigint not null references surveys(id) on delete cascade,
  question_id bigint not null references survey_questions(id) on delete cascade,
  value text not null,
  municipality text not null default '',
  grp text not null default '',
  sector text not null default '',
  n bigint not null default 0,
  total numeric(18, 2) not null default 0,
  primary key (survey_id, question_id, value, municipality, grp, sector)
);

-- Contact details, only when the respondent asked to be contacted; no link to the answers' content beyond the response.
create table survey_contacts (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id) on delete cascade,
  name text check (length(name) <= 200),
  email text check (length(email) <= 254),
  phone text check (length(phone) <= 40),
  consented_at timestamptz not null default now()
);
create index survey_contacts_survey_idx on survey_contacts (survey_id);

-- Who read the contact list, when, and why (personal data is read with a purpose, and logged).
create table survey_contact_reads (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id) on delete cascade,
  user_id bigint not null,
  purpose text not null check (length(purpose) between 3 and 300),
  read_at timestamptz not null default now()
);

-- One-time invitation links: the hash only; used_at set in the answer's transaction, with no link from the answer back.
create table survey_invitations (
  id bigint generated always as identity primary key,
  survey_id bigint not null references surveys(id) on delete cascade,
  token_hash text not null unique,
  email_hash text not null,
  sent_at timestamptz not null default now(),
  used_at timestamptz,
  unique (survey_id, email_hash)
);

-- Rate limits of answering: a salted hash of the address per survey and hour (never stored with an answer), pruned daily.
create table survey_submissions (
  survey_id bigint not null references surveys(id) on delete cascade,
  address_hash text not null,
  hour timestamptz not null,
  n int not null default 0,
  primary key (survey_id, address_hash, hour)
);
`;
