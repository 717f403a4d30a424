import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import type { EventAudience, EventKind, EventQuestion, EventStatus, RegistrationStatus } from './events.tables.js';

/** The only file naming the events tables. Reads and writes of one use case; the service decides. */

export interface EventValues {
  title: Record<string, string>;
  description: Record<string, string>;
  kind: EventKind;
  time_zone: string;
  starts_at: Date;
  ends_at: Date;
  address: string | null;
  country: string;
  municipality_code: string | null;
  latitude: number | null;
  longitude: number | null;
  online_url: string | null;
  capacity: number | null;
  signup_opens_at: Date | null;
  signup_closes_at: Date | null;
  audience: EventAudience;
  price_minor: number | null;
  currency: string | null;
  questions: EventQuestion[];
  tags: string[];
}

const confirmedCount = sql<number>`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed')::int`;
const waitingCount = sql<number>`(select count(*) from event_registrations r where r.event_id = e.id and r.status = 'waiting')::int`;

const eventSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('events as e')
    .selectAll('e')
    .select([
      confirmedCount.as('confirmed'),
      waitingCount.as('waiting'),
      sql<
        { id: number; lead: boolean }[]
      >`(select coalesce(json_agg(json_build_object('id', o.organisation_id, 'lead', o.is_lead) order by o.is_lead desc, o.organisation_id), '[]'::json) from event_organisers o where o.event_id = e.id)`.as(
        'organiser_list',
      ),
    ]);
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

const toDb = (v: EventValues) => ({
  ...v,
  title: JSON.stringify(v.title),
  description: JSON.stringify(v.description),
  questions: JSON.stringify(v.questions),
});

export function findEvent(db: Kysely<DB>, id: number) {
  return eventSelect(db).where('e.id', '=', id).executeTakeFirst();
}

export async function insertEvent(
  db: Kysely<DB>,
  values: EventValues & { is_demo?: boolean; status?: EventStatus; created_by: number | null; duplicated_from?: number | null },
  organisationIds: number[],
): Promise<number> {
  const row = await db
    .insertInto('events')
    .values({
      ...toDb(values),
      is_demo: values.is_demo ?? false,
      status: values.status ?? 'draft',
      created_by: values.created_by,
      duplicated_from: values.duplicated_from ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await setOrganisers(db, id, organisationIds);
  return id;
}

/** The first organisation is the lead. */
export async function setOrganisers(db: Kysely<DB>, eventId: number, organisationIds: number[]): Promise<void> {
  await db.deleteFrom('event_organisers').where('event_id', '=', eventId).execute();
  const ids = [...new Set(organisationIds)];
  await db
    .insertInto('event_organisers')
    .values(ids.map((organisation_id, i) => ({ event_id: eventId, organisation_id, is_lead: i === 0 })))
    .execute();
}

export async function updateEvent(db: Kysely<DB>, id: number, values: EventValues): Promise<void> {
  await db
    .updateTable('events')
    .set({ ...toDb(values), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setEventStatus(db: Kysely<DB>, id: number, status: EventStatus): Promise<void> {
  await db.updateTable('events').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * The event's row lock until the transaction ends: every sign-up, cancellation and promotion of
 * one event queues behind it, so the count of confirmed places it reads stays true while it writes.
 */
export function lockEvent(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('events')
    .select(['id', 'status', 'capacity', 'signup_opens_at', 'signup_closes_at', 'audience', 'starts_at', 'ends_at', 'questions', 'country'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function organiserIds(db: Kysely<DB>, eventId: number): Promise<number[]> {
  const rows = await db.selectFrom('event_organisers').select('organisation_id').where('event_id', '=', eventId).orderBy('is_lead', 'desc').execute();
  return rows.map((r) => Number(r.organisation_id));
}

export interface CalendarQuery {
  municipality?: string;
  kind?: EventKind;
  topic?: string;
  from?: Date;
  to?: Date;
  free?: boolean;
  organisationId?: number;
  /** Only events whose end is before now (past) or after now (coming). */
  past?: boolean;
  now: Date;
  limit: number;
}

/** Published and cancelled events (a cancelled one stays listed, marked) for the public calendar and feeds. */
export function listPublicEvents(db: Kysely<DB>, q: CalendarQuery) {
  let query = eventSelect(db).where('e.status', 'in', ['published', 'cancelled']);
  if (q.municipality) query = query.where('e.municipality_code', '=', q.municipality);
  if (q.kind) query = query.where('e.kind', '=', q.kind);
  if (q.topic) query = query.where(sql<boolean>`${q.topic} = any(e.tags)`);
  if (q.from) query = query.where('e.ends_at', '>=', q.from);
  if (q.to) query = query.where('e.starts_at', '<', q.to);
  if (q.free) query = query.where((eb) => eb.or([eb('e.price_minor', 'is', null), eb('e.price_minor', '=', 0)]));
  if (q.organisationId !== undefined)
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('event_organisers as o').select('o.event_id').whereRef('o.event_id', '=', 'e.id').where('o.organisation_id', '=', q.organisationId!),
      ),
    );
  if (q.past === true) query = query.where('e.ends_at', '<', q.now).orderBy('e.starts_at', 'desc');
  else if (q.past === false) query = query.where('e.ends_at', '>=', q.now).orderBy('e.starts_at', 'asc');
  else query = query.orderBy('e.starts_at', 'asc');
  return query.orderBy('e.id').limit(q.limit).execute();
}

/** Every event of these organisations (drafts too), newest first; all when `organisationIds` is undefined. */
export function listEventsOf(db: Kysely<DB>, organisationIds: number[] | undefined, limit = 200) {
  let query = eventSelect(db);
  if (organisationIds) {
    if (organisationIds.length === 0) return Promise.resolve([]);
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('event_organisers as o').select('o.event_id').whereRef('o.event_id', '=', 'e.id').where('o.organisation_id', 'in', organisationIds),
      ),
    );
  }
  return query.orderBy('e.starts_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}

export async function distinctTags(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom(sql<{ tag: string }>`(select distinct unnest(tags) as tag from events where status = 'published')`.as('t'))
    .select('t.tag')
    .orderBy('t.tag')
    .limit(100)
    .execute();
  return rows.map((r) => r.tag);
}

export async function distinctMunicipalities(db: Kysely<DB>): Promise<{ country: string; code: string }[]> {
  const rows = await db
    .selectFrom('events')
    .select(['country', 'municipality_code'])
    .distinct()
    .where('status', '=', 'published')
    .where('municipality_code', 'is not', null)
    .execute();
  return rows.map((r) => ({ country: r.country, code: r.municipality_code! }));
}

// ---- registrations -------------------------------------------------------------------

const registrationColumns = [
  'r.id',
  'r.event_id',
  'r.status',
  'r.user_id',
  'r.firm_id',
  'r.name',
  'r.email',
  'r.national_id',
  'r.locale',
  'r.answers',
  'r.token',
  'r.walk_in',
  'r.checked_in_at',
  'r.no_show',
  'r.reminder_sent_at',
  'r.created_at',
] as const;
export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export async function countConfirmed(db: Kysely<DB>, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('event_registrations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRegistration(
  db: Kysely<DB>,
  values: {
    event_id: number;
    status: RegistrationStatus;
    user_id: number | null;
    firm_id: number | null;
    name: string;
    email: string | null;
    national_id: string | null;
    locale: string;
    answers: Record<string, string>;
    token: string;
    walk_in?: boolean;
    checked_in_at?: Date | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('event_registrations')
    .values({ ...values, answers: JSON.stringify(values.answers) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A live (not cancelled) registration of this address for the event. */
export async function hasLiveRegistration(db: Kysely<DB>, eventId: number, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('status', '!=', 'cancelled')
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
  return row !== undefined;
}

export function findRegistration(db: Kysely<DB>, id: number) {
  return db.selectFrom('event_registrations as r').select(registrationColumns).where('r.id', '=', id).executeTakeFirst();
}

export function findRegistrationByToken(db: Kysely<DB>, token: string) {
  return db.selectFrom('event_registrations as r').select(registrationColumns).where('r.token', '=', token).executeTakeFirst();
}

export function findRegistrationByCode(db: Kysely<DB>, eventId: number, code: string) {
  return db
    .selectFrom('event_registrations as r')
    .select(registrationColumns)
    .where('r.event_id', '=', eventId)
    .where(sql<boolean>`left(r.token, 8) = ${code.toUpperCase().slice(0, 8)}`)
    .where('r.status', '!=', 'cancelled')
    .executeTakeFirst();
}

/** 1-based place on the waiting list (order of sign-up). */
export async function waitingPosition(db: Kysely<DB>, eventId: number, registrationId: number): Promise<number> {
  const row = await db
    .selectFrom('event_registrations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'waiting')
    .where('id', '<=', registrationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setRegistrationStatus(db: Kysely<DB>, id: number, status: RegistrationStatus, promoted = false): Promise<void> {
  await db
    .updateTable('event_registrations')
    .set({
      status,
      ...(status === 'cancelled' ? { cancelled_at: new Date() } : {}),
      ...(promoted ? { promoted_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** The first `n` on the waiting list, in the order they signed up. */
export async function firstWaiting(db: Kysely<DB>, eventId: number, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const rows = await db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('status', '=', 'waiting')
    .orderBy('id')
    .limit(n)
    .execute();
  return rows.map((r) => Number(r.id));
}

export function listRegistrations(db: Kysely<DB>, eventId: number, q?: string) {
  let query = db.selectFrom('event_registrations as r').select(registrationColumns).where('r.event_id', '=', eventId);
  if (q) query = query.where(sql<boolean>`r.name ilike ${`%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  return query.orderBy(sql`case r.status when 'confirmed' then 0 when 'waiting' then 1 else 2 end`).orderBy('r.id').limit(5000).execute();
}

export async function liveRegistrationIds(db: Kysely<DB>, eventId: number, statuses: RegistrationStatus[]): Promise<number[]> {
  const rows = await db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('status', 'in', statuses)
    .where('email', 'is not', null)
    .execute();
  return rows.map((r) => Number(r.id));
}

export async function setCheckedIn(db: Kysely<DB>, id: number, at: Date | null): Promise<void> {
  await db
    .updateTable('event_registrations')
    .set({ checked_in_at: at, ...(at ? { no_show: false } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Counts the firm once per event: a second person of the same firm changes nothing. */
export async function recordAttendance(db: Kysely<DB>, eventId: number, firmId: number, registrationId: number): Promise<void> {
  await db
    .insertInto('event_attendance')
    .values({ event_id: eventId, firm_id: firmId, registration_id: registrationId })
    .onConflict((oc) => oc.columns(['event_id', 'firm_id']).doNothing())
    .execute();
}

/** After an undo: the firm still counts when another of its people is checked in. */
export async function removeAttendanceOf(db: Kysely<DB>, eventId: number, registrationId: number): Promise<void> {
  const row = await db
    .deleteFrom('event_attendance')
    .where('event_id', '=', eventId)
    .where('registration_id', '=', registrationId)
    .returning('firm_id')
    .executeTakeFirst();
  if (!row) return;
  const other = await db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('firm_id', '=', row.firm_id)
    .where('checked_in_at', 'is not', null)
    .where('id', '!=', registrationId)
    .executeTakeFirst();
  if (other) await recordAttendance(db, eventId, Number(row.firm_id), Number(other.id));
}

export async function markNoShows(db: Kysely<DB>, eventId: number): Promise<number> {
  const rows = await db
    .updateTable('event_registrations')
    .set({ no_show: true })
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .where('checked_in_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function attendanceCount(db: Kysely<DB>, eventId: number): Promise<number> {
  const row = await db.selectFrom('event_attendance').select(sql<number>`count(*)::int`.as('n')).where('event_id', '=', eventId).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- a firm's record -------------------------------------------------------------------

/** Events the firm attended (counted once each), newest first. */
export function attendedEventsOf(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('event_attendance as a')
    .innerJoin('events as e', 'e.id', 'a.event_id')
    .select(['e.id', 'e.title', 'e.starts_at', 'e.time_zone', 'e.is_demo', 'a.checked_in_at'])
    .where('a.firm_id', '=', firmId)
    .orderBy('e.starts_at', 'desc')
    .limit(50)
    .execute();
}

/** Published events to come that the firm's people signed up for (confirmed). */
export function comingEventsOf(db: Kysely<DB>, firmId: number, now: Date) {
  return db
    .selectFrom('events as e')
    .select(['e.id', 'e.title', 'e.starts_at', 'e.time_zone', 'e.is_demo'])
    .where('e.status', '=', 'published')
    .where('e.ends_at', '>=', now)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_registrations as r')
          .select('r.id')
          .whereRef('r.event_id', '=', 'e.id')
          .where('r.firm_id', '=', firmId)
          .where('r.status', '=', 'confirmed'),
      ),
    )
    .orderBy('e.starts_at')
    .limit(20)
    .execute();
}

/** Staff view: every registration of the firm's people with status and attendance. */
export function registrationsOfFirm(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('event_registrations as r')
    .innerJoin('events as e', 'e.id', 'r.event_id')
    .select(['e.id', 'e.title', 'e.starts_at', 'e.time_zone', 'e.is_demo', 'r.status', 'r.checked_in_at', 'r.no_show', 'r.name'])
    .where('r.firm_id', '=', firmId)
    .orderBy('e.starts_at', 'desc')
    .limit(100)
    .execute();
}

// ---- mail and reminders -----------------------------------------------------------------

/** True the first time (registration, kind, ref) is recorded: the mail job sends only then. */
export async function recordMailSent(db: Kysely<DB>, registrationId: number, kind: string, ref: number): Promise<boolean> {
  const row = await db
    .insertInto('event_mail_log')
    .values({ registration_id: registrationId, kind, ref })
    .onConflict((oc) => oc.columns(['registration_id', 'kind', 'ref']).doNothing())
    .returning('registration_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Confirmed registrations of published events starting within the window that have had no reminder. */
export async function dueReminders(db: Kysely<DB>, now: Date, until: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .selectFrom('event_registrations as r')
    .innerJoin('events as e', 'e.id', 'r.event_id')
    .select('r.id')
    .where('e.status', '=', 'published')
    .where('e.starts_at', '>', now)
    .where('e.starts_at', '<=', until)
    .where('r.status', '=', 'confirmed')
    .where('r.reminder_sent_at', 'is', null)
    .where('r.email', 'is not', null)
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Claims the reminder of one registration; false when another run took it. */
export async function claimReminder(db: Kysely<DB>, registrationId: number): Promise<boolean> {
  const row = await db
    .updateTable('event_registrations')
    .set({ reminder_sent_at: new Date() })
    .where('id', '=', registrationId)
    .where('reminder_sent_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertMessage(db: Kysely<DB>, eventId: number, subject: string, body: string, sentBy: number): Promise<number> {
  const row = await db.insertInto('event_messages').values({ event_id: eventId, subject, body, sent_by: sentBy }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findMessage(db: Kysely<DB>, id: number) {
  return db.selectFrom('event_messages').select(['id', 'event_id', 'subject', 'body']).where('id', '=', id).executeTakeFirst();
}

/** Demo: does this database hold demo events already? */
export async function hasDemoEvents(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('events').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()) !== undefined;
}

// ---- funder reporting (read by the reporting module through events.service.reportingActivity) ----

/** Events (not cancelled) starting in [from, to), organised by one of these organisations, or these events. */
const reportedEvents = (q: { organisationIds: number[]; eventIds: number[]; from: Date; to: Date }) => sql<SqlBool>`(
  ev.status = 'published' and ev.starts_at >= ${q.from} and ev.starts_at < ${q.to}
  and (ev.id = any(${q.eventIds.map(String)}::bigint[])
       or exists (select 1 from event_organisers o where o.event_id = ev.id and o.organisation_id = any(${q.organisationIds.map(String)}::bigint[]))))`;

/** Per firm: events attended (attendance is once per firm and event), and the first one's start. */
export function attendancePerFirm(db: Kysely<DB>, q: { organisationIds: number[]; eventIds: number[]; from: Date; to: Date; timeZone: string }) {
  return db
    .selectFrom('event_attendance as a')
    .innerJoin('events as ev', 'ev.id', 'a.event_id')
    .select(['a.firm_id', sql<number>`count(*)::int`.as('events'), sql<string>`(min(ev.starts_at) at time zone ${q.timeZone})::date::text`.as('first_on')])
    .where(reportedEvents(q))
    .groupBy('a.firm_id')
    .orderBy('a.firm_id')
    .execute();
}

/** Events held, and the people who came (checked in) by the gender they gave where the event asked. */
export async function eventTotals(db: Kysely<DB>, q: { organisationIds: number[]; eventIds: number[]; from: Date; to: Date }) {
  const held = await db.selectFrom('events as ev').select(sql<number>`count(*)::int`.as('n')).where(reportedEvents(q)).executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('event_registrations as r')
    .innerJoin('events as ev', 'ev.id', 'r.event_id')
    .select([sql<string>`coalesce(lower(nullif(trim(r.answers->>'gender'), '')), '')`.as('gender'), sql<number>`count(*)::int`.as('n')])
    .where('r.checked_in_at', 'is not', null)
    .where(reportedEvents(q))
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return { held: held.n, participants: people };
}

/** Events by id (organisers, title, start), for tagging them to a project. */
export function eventsByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('events as ev')
    .select([
      'ev.id',
      'ev.title',
      'ev.starts_at',
      sql<string[]>`array(select organisation_id::text from event_organisers o where o.event_id = ev.id)`.as('organisers'),
    ])
    .where('ev.id', 'in', ids)
    .execute();
}
