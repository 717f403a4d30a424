export const up = /* sql */ `
-- Events and workshops (src/modules/events, docs/adr/0014-event-sign-up.md): published by one or
-- several organisations; sign-ups with a waiting list; check-in at the door; attendance counted
-- once per firm and event.
create table events (
  id bigserial primary key,
  -- Title and text per language ({"nb": "…", "en": "…"}); at least one language.
  title jsonb not null check (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
  description jsonb not null default '{}'::jsonb check (jsonb_typeof(description) = 'object'),
  kind text not null check (kind in ('workshop', 'webinar', 'meetup', 'fair', 'course_day', 'market')),
  -- The zone its wall times were entered in (the place's zone), used for display and .ics.
  time_zone text not null check (time_zone in ('Europe/Oslo', 'Europe/Stockholm', 'Europe/Helsinki')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  address text,
  country text not null check (country in ('NO', 'SE', 'FI')),
  municipality_code text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  online_url text,
  -- null: no limit.
  capacity integer check (capacity is null or capacity between 1 and 100000),
  signup_opens_at timestamptz,
  signup_closes_at timestamptz,
  audience text not null check (audience in ('members', 'firms', 'public')),
  price_minor bigint check (price_minor is null or price_minor >= 0),
  currency text check (currency is null or currency in ('NOK', 'SEK', 'EUR')),
  -- Questions asked at sign-up: [{"key": "q1", "text": "…", "required": true}].
  questions jsonb not null default '[]'::jsonb check (jsonb_typeof(questions) = 'array'),
  tags text[] not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
  duplicated_from bigint references events (id) on delete set null,
  is_demo boolean not null default false,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (signup_closes_at is null or signup_opens_at is null or signup_closes_at > signup_opens_at)
);
create index events_calendar_idx on events (status, starts_at);
create index events_tags_idx on events using gin (tags);

-- The organisations publishing an event together; the first (lead) decides its country and zone.
create table event_organisers (
  event_id bigint not null references events (id) on delete cascade,
  organisation_id bigint not null references organisations (id),
  is_lead boolean not null default false,
  primary key (event_id, organisation_id)
);
create index event_organisers_org_idx on event_organisers (organisation_id);

create table event_registrations (
  id bigserial primary key,
  event_id bigint not null references events (id) on delete cascade,
  -- confirmed: has a place; waiting: on the waiting list (order: id); cancelled.
  status text not null check (status in ('confirmed', 'waiting', 'cancelled')),
  user_id bigint,
  firm_id bigint,
  name text not null check (length(name) between 1 and 200),
  email text check (email is null or length(email) <= 254),
  national_id text check (national_id is null or national_id ~ '^[0-9A-Z-]{6,12}$'),
  locale text not null default 'en' check (locale in ('nb', 'sv', 'fi', 'en')),
  answers jsonb not null default '{}'::jsonb,
  -- The secret in the cancel link and the QR code of the confirmation.
  token text not null unique check (length(token) between 20 and 64),
  walk_in boolean not null default false,
  checked_in_at timestamptz,
  no_show boolean not null default false,
  reminder_sent_at timestamptz,
  promoted_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now()
);
create index event_registrations_event_idx on event_registrations (event_id, status, id);
create index event_registrations_firm_idx on event_registrations (firm_id) where firm_id is not null;
-- One live registration per e-mail address and event.
create unique index event_registrations_email_uq on event_registrations (event_id, lower(email)) where status <> 'cancelled' and email is not null;

-- Attendance as funders count it: once per firm and event, however many of its people came.
create table event_attendance (
  event_id bigint not null references events (id) on delete cascade,
  firm_id bigint not null,
  registration_id bigint not null references event_registrations (id) on delete cascade,
  checked_in_at timestamptz not null default now(),
  primary key (event_id, firm_id)
);
create index event_attendance_firm_idx on event_attendance (firm_id);

-- Messages organisers wrote to all participants.
create table event_messages (
  id bigserial primary key,
  event_id bigint not null references events (id) on delete cascade,
  subject text not null,
  body text not null,
  sent_by bigint,
  created_at timestamptz not null default now()
);

-- Which e-mail of which kind went to which registration: makes the mail job safe to repeat.
create table event_mail_log (
  registration_id bigint not null references event_registrations (id) on delete cascade,
  kind text not null,
  ref bigint not null default 0,
  sent_at timestamptz not null default now(),
  primary key (registration_id, kind, ref)
);

SELECT pgboss.create_queue('events.mail', '{"policy":"standard","retryLimit":8,"retryDelay":10,"retryBackoff":true,"expireInSeconds":120,"retentionMinutes":10080}'::json);
SELECT pgboss.create_queue('events.reminders', '{"policy":"standard","retryLimit":2,"retryDelay":30,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":1440}'::json);
`;
