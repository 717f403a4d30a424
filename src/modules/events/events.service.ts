import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { locales } from '../../shared/i18n/i18n.js';
import { localToUtc, utcToLocalInput, zoneOfCountry } from '../../shared/i18n/zoned.js';
import { enqueue } from '../../shared/jobs/jobs.js';
import { recordAudit } from '../audit/audit.service.js';
import { listAllOrganisations } from '../network/network.service.js';
import { findMunicipality, municipalityKey, municipalityNames } from '../places/places.service.js';
import { eventsAccess } from './events.access.js';
import { msg } from './events.messages.js';
import * as repo from './events.repository.js';
import { iso, parseQuestions, parseTags, questionsToText, type CalendarFilter, type EventDto, type EventFormInput } from './events.schemas.js';

export const eventsMailQueue = 'events.mail';
export type EventMailKind = 'confirmed' | 'waiting' | 'promoted' | 'cancelled' | 'reminder' | 'message';
export interface EventMailJob {
  registrationId: number;
  kind: EventMailKind;
  /** The message id for kind 'message'; 0 otherwise. */
  ref?: number;
}

export const inTransaction = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>) => db.transaction().execute(work);

/** 32 characters of A–Z and 2–9 (no 0/O, 1/I): case-free, so the first 8 are a code people can type at the door. */
export function newToken(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(32)].map((b) => alphabet[b % 32]).join('');
}

export async function queueMail(trx: Kysely<DB>, job: EventMailJob): Promise<void> {
  await enqueue(trx, eventsMailQueue, { ref: 0, ...job });
}

// ---- reading events ------------------------------------------------------------------

/** Rows → DTOs with organisers' and municipalities' names (one query each for the whole list). */
export async function toEventDtos(db: Kysely<DB>, rows: repo.EventRow[]): Promise<EventDto[]> {
  if (rows.length === 0) return [];
  const [orgs, places] = await Promise.all([
    listAllOrganisations(db),
    municipalityNames(
      db,
      rows.map((r) => ({ country: r.country, code: r.municipality_code })),
    ),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    description: r.description,
    kind: r.kind,
    timeZone: r.time_zone,
    startsAt: iso(r.starts_at)!,
    endsAt: iso(r.ends_at)!,
    address: r.address,
    country: r.country,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_code ? (places.get(municipalityKey(r.country, r.municipality_code)) ?? null) : null,
    latitude: r.latitude,
    longitude: r.longitude,
    onlineUrl: r.online_url,
    capacity: r.capacity,
    signupOpensAt: iso(r.signup_opens_at),
    signupClosesAt: iso(r.signup_closes_at),
    audience: r.audience,
    priceMinor: r.price_minor === null ? null : Number(r.price_minor),
    currency: r.currency,
    questions: r.questions,
    tags: r.tags,
    status: r.status,
    isDemo: r.is_demo,
    organisers: (r.organiser_list ?? []).map((o) => ({ id: Number(o.id), name: orgName.get(Number(o.id)) ?? '', isLead: o.lead })),
    confirmed: Number(r.confirmed),
    waiting: Number(r.waiting),
  }));
}

async function loadEvent(db: Kysely<DB>, id: number): Promise<EventDto> {
  const row = await repo.findEvent(db, id);
  if (!row) throw new AppError('not_found', msg.noSuchEvent);
  return (await toEventDtos(db, [row]))[0]!;
}

const scopeOf = (e: Pick<EventDto, 'organisers'>) => ({ organisationIds: e.organisers.map((o) => o.id) });

/** A published or cancelled event for anyone; a draft only for its organisers (others: 404). */
export async function getEvent(db: Kysely<DB>, user: SessionUser | undefined, id: number): Promise<EventDto> {
  const event = await loadEvent(db, id);
  if (event.status === 'draft' && !eventsAccess.can(user, 'events.event.manage', scopeOf(event))) throw new AppError('not_found', msg.noSuchEvent);
  return event;
}

/** The event for its organisers (edit, participants, check-in); refuses everyone else. */
export async function getEventToManage(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  id: number,
  action: 'events.event.manage' | 'events.participants.read' | 'events.checkin.record' = 'events.event.manage',
) {
  const event = await loadEvent(db, id);
  eventsAccess.requireAccess(user, action, scopeOf(event));
  return event;
}

export const canManage = (user: SessionUser | undefined, event: EventDto) => eventsAccess.can(user, 'events.event.manage', scopeOf(event));

/** The public calendar (and any feed): published events matching the filter, coming first unless `past`. */
export async function listCalendar(db: Kysely<DB>, filter: Partial<CalendarFilter>, now = new Date(), limit = 200): Promise<EventDto[]> {
  // Date filters are calendar days in the zone of Norway/Sweden (one hour apart from Finland at most): the day's UTC bounds widened by a zone.
  const from = filter.from ? localToUtc(`${filter.from}T00:00`, 'Europe/Helsinki') : undefined;
  const to = filter.to ? localToUtc(`${filter.to}T23:59`, 'Europe/Oslo') : undefined;
  const rows = await repo.listPublicEvents(db, {
    municipality: filter.municipality,
    kind: filter.kind,
    topic: filter.topic,
    from,
    to,
    free: filter.free,
    organisationId: filter.org,
    past: filter.from || filter.to ? undefined : filter.past,
    now,
    limit,
  });
  return toEventDtos(db, rows);
}

export async function calendarOptions(db: Kysely<DB>) {
  const [tags, places] = await Promise.all([repo.distinctTags(db), repo.distinctMunicipalities(db)]);
  const names = await municipalityNames(db, places);
  const municipalities = places
    .map((p) => ({ code: p.code, name: names.get(municipalityKey(p.country, p.code)) ?? p.code }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { tags, municipalities };
}

/** Events of the organisations this person organises for (all for the network admin). */
export async function listEventsToManage(db: Kysely<DB>, user: SessionUser | undefined): Promise<EventDto[]> {
  const u = eventsAccess.requireAccess(user, 'events.event.list', undefined);
  const ids = u.isNetworkAdmin ? undefined : organisationsUserOrganisesFor(u);
  return toEventDtos(db, await repo.listEventsOf(db, ids));
}

export const organisationsUserOrganisesFor = (u: SessionUser) => [
  ...new Set(u.roles.filter((r) => r.role === 'org_admin' || r.role === 'coach' || r.role === 'editor').map((r) => r.organisationId)),
];

/** Organisations to pick as lead or co-organiser: the ones this person organises for (lead), any (co-organisers). */
export async function organisationChoices(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = eventsAccess.requireAccess(user, 'events.event.list', undefined);
  const all = await listAllOrganisations(db);
  const mine = new Set(organisationsUserOrganisesFor(u));
  return { lead: all.filter((o) => u.isNetworkAdmin || mine.has(o.id)), all };
}

// ---- writing events ---------------------------------------------------------------------

async function valuesFrom(db: Kysely<DB>, input: EventFormInput, country: string): Promise<repo.EventValues> {
  const zone = zoneOfCountry[country as 'NO' | 'SE' | 'FI'];
  if (input.municipality_code && !(await findMunicipality(db, country, input.municipality_code)))
    throw new AppError('validation', errorMessages.invalidValue, [
      { field: 'municipality_code', label: msg.municipality, message: errorMessages.invalidValue },
    ]);
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const l of locales) {
    const t = input[`title_${l}` as const];
    const d = input[`description_${l}` as const];
    if (t) title[l] = t;
    if (d) description[l] = d;
  }
  return {
    title,
    description,
    kind: input.kind,
    time_zone: zone,
    starts_at: localToUtc(input.starts_at, zone),
    ends_at: localToUtc(input.ends_at, zone),
    address: input.address,
    country,
    municipality_code: input.municipality_code,
    latitude: input.latitude,
    longitude: input.longitude,
    online_url: input.online_url,
    capacity: input.capacity,
    signup_opens_at: input.signup_opens_at ? localToUtc(input.signup_opens_at, zone) : null,
    signup_closes_at: input.signup_closes_at ? localToUtc(input.signup_closes_at, zone) : null,
    audience: input.audience,
    price_minor: input.price,
    currency: input.price ? ({ NO: 'NOK', SE: 'SEK', FI: 'EUR' } as const)[country as 'NO' | 'SE' | 'FI'] : null,
    questions: parseQuestions(input.questions),
    tags: parseTags(input.tags),
  };
}

async function leadOrganisation(db: Kysely<DB>, id: number) {
  const org = (await listAllOrganisations(db)).find((o) => o.id === id);
  if (!org) throw new AppError('validation', msg.chooseOrganisation, [{ field: 'organisation_id', label: msg.organisation, message: msg.chooseOrganisation }]);
  return org;
}

/** A draft on behalf of `input.organisation_id` (the lead), with co-organisers. */
export async function createEvent(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  input: EventFormInput,
  coOrganiserIds: number[],
  requestId?: string,
): Promise<number> {
  const u = eventsAccess.requireAccess(user, 'events.event.create', input.organisation_id);
  const lead = await leadOrganisation(db, input.organisation_id);
  const known = new Set((await listAllOrganisations(db)).map((o) => o.id));
  const values = await valuesFrom(db, input, lead.country);
  return inTransaction(db, async (trx) => {
    const id = await repo.insertEvent(trx, { ...values, created_by: u.id }, [lead.id, ...coOrganiserIds.filter((id) => known.has(id))]);
    await recordAudit(
      trx,
      { userId: u.id, requestId },
      { action: 'events.event.create', entityType: 'event', entityId: id, organisationId: lead.id, before: null, after: { title: values.title } },
    );
    return id;
  });
}

export async function updateEvent(db: Kysely<DB>, user: SessionUser | undefined, id: number, input: EventFormInput, coOrganiserIds: number[]): Promise<void> {
  const event = await getEventToManage(db, user, id);
  if (event.status === 'cancelled') throw new AppError('conflict', msg.notDraftOrPublished);
  const lead = event.organisers.find((o) => o.isLead) ?? event.organisers[0]!;
  const values = await valuesFrom(db, input, event.country);
  const known = new Set((await listAllOrganisations(db)).map((o) => o.id));
  await inTransaction(db, async (trx) => {
    await repo.lockEvent(trx, id);
    await repo.updateEvent(trx, id, values);
    await repo.setOrganisers(trx, id, [lead.id, ...coOrganiserIds.filter((o) => known.has(o))]);
    // More places: the waiting list moves up.
    await promoteWaiting(trx, id);
  });
}

export async function publishEvent(db: Kysely<DB>, user: SessionUser | undefined, id: number): Promise<void> {
  const event = await getEventToManage(db, user, id);
  if (event.status === 'cancelled') throw new AppError('conflict', msg.notDraftOrPublished);
  await repo.setEventStatus(db, id, 'published');
}

/** Cancels the event and tells everyone signed up or waiting (one mail job each, in the same transaction). */
export async function cancelEvent(db: Kysely<DB>, user: SessionUser | undefined, id: number, requestId?: string): Promise<number> {
  const event = await getEventToManage(db, user, id);
  const u = user!;
  return inTransaction(db, async (trx) => {
    const locked = await repo.lockEvent(trx, id);
    if (!locked || locked.status === 'cancelled') return 0;
    await repo.setEventStatus(trx, id, 'cancelled');
    const ids = await repo.liveRegistrationIds(trx, id, ['confirmed', 'waiting']);
    for (const registrationId of ids) await queueMail(trx, { registrationId, kind: 'cancelled' });
    await recordAudit(
      trx,
      { userId: u.id, requestId },
      {
        action: 'events.event.cancel',
        entityType: 'event',
        entityId: id,
        organisationId: event.organisers[0]?.id,
        before: { status: event.status },
        after: { status: 'cancelled' },
      },
    );
    return ids.length;
  });
}

/** A new draft from an event (typically a past one), moved forward by whole weeks to the first date after today. */
export async function duplicateEvent(db: Kysely<DB>, user: SessionUser | undefined, id: number, now = new Date()): Promise<number> {
  const event = await getEventToManage(db, user, id);
  const row = (await repo.findEvent(db, id))!;
  const week = 7 * 24 * 3600 * 1000;
  const weeks = Math.max(0, Math.ceil((now.getTime() - row.starts_at.getTime()) / week));
  // Whole weeks in wall time: the same weekday and clock time, across daylight-saving changes.
  const shift = (d: Date | null) => (d ? localToUtc(addWeeksLocal(utcToLocalInput(d, row.time_zone), weeks), row.time_zone) : null);
  const values: repo.EventValues = {
    title: row.title,
    description: row.description,
    kind: row.kind,
    time_zone: row.time_zone,
    starts_at: shift(row.starts_at)!,
    ends_at: shift(row.ends_at)!,
    address: row.address,
    country: row.country,
    municipality_code: row.municipality_code,
    latitude: row.latitude,
    longitude: row.longitude,
    online_url: row.online_url,
    capacity: row.capacity,
    signup_opens_at: null,
    signup_closes_at: null,
    audience: row.audience,
    price_minor: row.price_minor === null ? null : Number(row.price_minor),
    currency: row.currency,
    questions: row.questions,
    tags: row.tags,
  };
  return repo.insertEvent(
    db,
    { ...values, created_by: user!.id, duplicated_from: id, is_demo: row.is_demo },
    event.organisers.map((o) => o.id),
  );
}

function addWeeksLocal(local: string, weeks: number): string {
  const d = new Date(`${local}:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7);
  return d.toISOString().slice(0, 16);
}

/** The event form's values for editing (wall times in the event's zone). */
export function formValuesOf(e: EventDto): Record<string, string> {
  const v: Record<string, string> = {
    organisation_id: String(e.organisers[0]?.id ?? ''),
    kind: e.kind,
    starts_at: utcToLocalInput(e.startsAt, e.timeZone),
    ends_at: utcToLocalInput(e.endsAt, e.timeZone),
    address: e.address ?? '',
    municipality_code: e.municipalityCode ?? '',
    latitude: e.latitude?.toString() ?? '',
    longitude: e.longitude?.toString() ?? '',
    online_url: e.onlineUrl ?? '',
    capacity: e.capacity?.toString() ?? '',
    signup_opens_at: e.signupOpensAt ? utcToLocalInput(e.signupOpensAt, e.timeZone) : '',
    signup_closes_at: e.signupClosesAt ? utcToLocalInput(e.signupClosesAt, e.timeZone) : '',
    audience: e.audience,
    price: e.priceMinor ? (e.priceMinor / 100).toFixed(2) : '',
    questions: questionsToText(e.questions),
    tags: e.tags.join(', '),
  };
  for (const l of locales) {
    v[`title_${l}`] = e.title[l] ?? '';
    v[`description_${l}`] = e.description[l] ?? '';
  }
  for (const o of e.organisers.slice(1)) v[`co_${o.id}`] = 'on';
  return v;
}

/** Fills free places from the waiting list in sign-up order (caller holds the event's lock); each promoted person gets a mail. */
export async function promoteWaiting(trx: Kysely<DB>, eventId: number): Promise<number[]> {
  const locked = await repo.lockEvent(trx, eventId);
  if (locked?.status !== 'published' || locked.capacity === null) return [];
  const free = locked.capacity - (await repo.countConfirmed(trx, eventId));
  const promoted = await repo.firstWaiting(trx, eventId, free);
  for (const id of promoted) {
    await repo.setRegistrationStatus(trx, id, 'confirmed', true);
    await queueMail(trx, { registrationId: id, kind: 'promoted' });
  }
  return promoted;
}

// ---- a firm's record -------------------------------------------------------------------------

export async function firmEventsPublic(db: Kysely<DB>, firmId: number, now = new Date()) {
  const [attended, coming] = await Promise.all([repo.attendedEventsOf(db, firmId), repo.comingEventsOf(db, firmId, now)]);
  return { attended, coming };
}

export async function firmEventsStaff(db: Kysely<DB>, user: SessionUser | undefined, firmId: number) {
  if (!eventsAccess.can(user, 'events.attendance.read', firmId)) return null;
  return repo.registrationsOfFirm(db, firmId);
}

/** Access before anything is parsed: the organisers of an existing event (404 for an unknown one). */
export async function requireEventAccess(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  eventId: number,
  action: 'events.event.manage' | 'events.participants.read' | 'events.checkin.record',
): Promise<void> {
  if (!user) eventsAccess.requireAccess(user, action, { organisationIds: [] });
  const ids = await repo.organiserIds(db, eventId);
  if (ids.length === 0) throw new AppError('not_found', msg.noSuchEvent);
  eventsAccess.requireAccess(user, action, { organisationIds: ids });
}

export async function organisationName(db: Kysely<DB>, id: number): Promise<string> {
  const org = (await listAllOrganisations(db)).find((o) => o.id === id);
  if (!org) throw new AppError('not_found', errorMessages.notFound);
  return org.name;
}

/** Confirmed and waiting counts of an event (benchmarks, checks). */
export async function countConfirmedOf(db: Kysely<DB>, eventId: number): Promise<{ confirmed: number; waiting: number }> {
  const row = await repo.findEvent(db, eventId);
  return { confirmed: Number(row?.confirmed ?? 0), waiting: Number(row?.waiting ?? 0) };
}

// ---- funder reporting ---------------------------------------------------------------------

/** What the reporting module counts of events for a period (src/modules/report-sources.ts adapts it). */
export interface EventsReportActivity {
  attendance: { firmId: number; events: number; firstOn: string }[];
  held: number;
  /** Checked-in people by the gender they gave ('' = not asked or not given). */
  participants: { gender: string; count: number }[];
}

/**
 * Events of these organisations (or these events, tagged to a project) starting in [from, to):
 * per firm the events attended (once per firm and event), events held and participants by gender
 * where the event asked. Firm ids and counts only; the caller (reporting) has checked its access.
 */
export async function reportingActivity(
  db: Kysely<DB>,
  q: { organisationIds: number[]; eventIds: number[]; from: Date; to: Date; timeZone: string },
): Promise<EventsReportActivity> {
  const [attendance, totals] = await Promise.all([repo.attendancePerFirm(db, q), repo.eventTotals(db, q)]);
  return {
    attendance: attendance.map((r) => ({ firmId: Number(r.firm_id), events: r.events, firstOn: r.first_on })),
    held: totals.held,
    participants: totals.participants.map((p) => ({ gender: p.gender, count: p.n })),
  };
}

/** Events by id (title in the first language, start, organisers), for tagging them to a project. */
export async function eventsForTagging(db: Kysely<DB>, ids: number[]) {
  const rows = await repo.eventsByIds(db, ids);
  return rows.map((r) => ({
    id: Number(r.id),
    title: Object.values(r.title as Record<string, string>)[0] ?? '',
    startsAt: new Date(r.starts_at),
    organisationIds: r.organisers.map(Number),
  }));
}
