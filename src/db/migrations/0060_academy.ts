export const up = /* sql */ `
-- The academy: short-film courses authored by one organisation and offered by many.
-- A course's editable lessons are the draft (academy_lessons, stable ids); publishing freezes
-- a numbered version (academy_course_versions.lessons, a snapshot naming the same lesson ids),
-- which learners see. Progress is kept per stable lesson id, so a new version keeps it.
create table academy_courses (
  id bigint generated always as identity primary key,
  author_organisation_id bigint not null references organisations(id),
  topic text not null check (topic in ('instagram', 'facebook', 'visual_merchandising', 'ecommerce', 'other')),
  level text not null check (level in ('beginner', 'intermediate', 'advanced')),
  -- languages of the lessons and captions, e.g. ["sv", "en"]
  languages jsonb not null check (jsonb_typeof(languages) = 'array' and jsonb_array_length(languages) between 1 and 4),
  -- title and summary per language: {"sv": "…", "en": "…"}
  title jsonb not null,
  summary jsonb not null default '{}',
  -- share of a video's distinct seconds a learner must actually watch (percent)
  watch_share_percent int not null default 90 check (watch_share_percent between 10 and 100),
  published_version int,
  is_demo boolean not null default false,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index academy_courses_author_idx on academy_courses (author_organisation_id);

create table academy_lessons (
  id bigint generated always as identity primary key,
  course_id bigint not null references academy_courses(id) on delete cascade,
  position int not null check (position >= 0),
  title jsonb not null,
  -- lesson text or transcript (plain text, paragraphs separated by blank lines)
  body text not null default '' check (length(body) <= 20000),
  video_file_id uuid,
  video_url text check (video_url is null or video_url ~ '^https://'),
  duration_seconds int not null check (duration_seconds between 1 and 14400),
  -- {"sv": "<file id>", "en": "<file id>"}
  captions jsonb not null default '{}',
  -- [{id, kind: single|multiple, prompt, options: [{id, text, correct}], feedback}]
  quiz jsonb not null default '[]',
  -- taken out of the draft; kept so older versions and progress still name it
  removed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index academy_lessons_course_idx on academy_lessons (course_id, position);

create table academy_course_versions (
  course_id bigint not null references academy_courses(id) on delete cascade,
  version int not null check (version >= 1),
  title jsonb not null,
  summary jsonb not null,
  watch_share_percent int not null,
  lessons jsonb not null,
  published_by bigint,
  published_at timestamptz not null default now(),
  primary key (course_id, version)
);

create table academy_offerings (
  organisation_id bigint not null references organisations(id),
  course_id bigint not null references academy_courses(id) on delete cascade,
  added_by bigint,
  added_at timestamptz not null default now(),
  primary key (organisation_id, course_id)
);
create index academy_offerings_course_idx on academy_offerings (course_id);

create table academy_enrolments (
  id bigint generated always as identity primary key,
  course_id bigint not null references academy_courses(id) on delete cascade,
  user_id bigint not null references users(id) on delete cascade,
  -- the firm the learner takes the course for (one they manage), if any
  firm_id bigint references firms(id) on delete set null,
  -- the offering organisation the learner came through (its reports count it)
  organisation_id bigint references organisations(id) on delete set null,
  enrolled_at timestamptz not null default now(),
  completed_at timestamptz,
  completed_version int,
  certificate_code text unique check (certificate_code is null or certificate_code ~ '^[A-Za-z0-9_-]{16,64}$'),
  is_demo boolean not null default false,
  unique (course_id, user_id)
);
create index academy_enrolments_org_idx on academy_enrolments (organisation_id, course_id);
create index academy_enrolments_firm_idx on academy_enrolments (firm_id) where firm_id is not null;

create table academy_lesson_progress (
  enrolment_id bigint not null references academy_enrolments(id) on delete cascade,
  lesson_id bigint not null references academy_lessons(id) on delete cascade,
  -- merged watched intervals in whole seconds, [[start, end), …], sorted and disjoint
  watched jsonb not null default '[]',
  watched_seconds int not null default 0,
  -- where the learner was, to continue there on any device
  position_seconds int not null default 0,
  quiz_passed_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (enrolment_id, lesson_id)
);
`;
