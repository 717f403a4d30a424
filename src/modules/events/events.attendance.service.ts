import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { recordAudit } from '../audit/audit.service.js';
import { firmSummaries } from '../registry/registry.service.js';
import { eventsAccess } from './events.access.js';
import { msg } from './events.messages.js';
import * as repo from './events.repository.js';
import { toRegistrationDto, type EventDto, type RegistrationDto } from './events.schemas.js';
import { getEventToManage, inTransaction, newToken, queueMail } from './events.service.js';
import { resolveFirm } from './events.signup.service.js';

/** The organisers' side of the people: participants, check-in at the door, walk-ins, no-shows, messages, export. */

export async function listParticipants(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  eventId: number,
  q?: string,
): Promise<{ event: EventDto; registrations: RegistrationDto[] }> {
  const event = await getEventToManage(db, user, eventId, 'events.participants.read');
  const rows = await repo.listRegistrations(db, eventId, q);
  const firms = await firmSummaries(
    db,
    rows.filter((r) => r.firm_id !== null).map((r) => Number(r.firm_id)),
  );
  return { event, registrations: rows.map((r) => toRegistrationDto(r, r.firm_id === null ? null : (firms.get(Number(r.firm_id))?.name ?? null))) };
}

async function registrationOf(db: Kysely<DB>, eventId: number, registrationId: number) {
  const r = await repo.findRegistration(db, registrationId);
  if (!r || Number(r.event_id) !== eventId) throw new AppError('not_found', msg.noSuchRegistration);
  return r;
}

/** Checks a person in at the door; their firm counts once for the event (event_attendance's key). */
export async function checkIn(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  eventId: number,
  target: { registrationId: number } | { code: string },
  at = new Date(),
) {
  await getEventToManage(db, user, eventId, 'events.checkin.record');
  return inTransaction(db, async (trx) => {
    const r = 'code' in target ? await repo.findRegistrationByCode(trx, eventId, target.code) : await registrationOf(trx, eventId, target.registrationId);
    if (!r) throw new AppError('validation', msg.unknownCode, [{ field: 'code', label: msg.code, message: msg.unknownCode }]);
    if (r.status === 'cancelled') throw new AppError('conflict', msg.noSuchRegistration);
    if (!r.checked_in_at) await repo.setCheckedIn(trx, Number(r.id), at);
    if (r.firm_id !== null) await repo.recordAttendance(trx, eventId, Number(r.firm_id), Number(r.id));
    return { registrationId: Number(r.id), name: r.name };
  });
}

export async function undoCheckIn(db: Kysely<DB>, user: SessionUser | undefined, eventId: number, registrationId: number): Promise<void> {
  await getEventToManage(db, user, eventId, 'events.checkin.record');
  await inTransaction(db, async (trx) => {
    await registrationOf(trx, eventId, registrationId);
    await repo.setCheckedIn(trx, registrationId, null);
    await repo.removeAttendanceOf(trx, eventId, registrationId);
  });
}

/** Someone who came without signing up: added as confirmed (the door does not count the capacity) and checked in. */
export async function addWalkIn(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  eventId: number,
  input: { name: string; email: string | null; national_id: string | null },
  locale: Locale,
) {
  const event = await getEventToManage(db, user, eventId, 'events.checkin.record');
  const firmId = await resolveFirm(db, undefined, event.country, { firm_id: null, national_id: input.national_id });
  return inTransaction(db, async (trx) => {
    await repo.lockEvent(trx, eventId);
    const id = await repo.insertRegistration(trx, {
      event_id: eventId,
      status: 'confirmed',
      user_id: null,
      firm_id: firmId,
      name: input.name,
      email: input.email?.toLowerCase() ?? null,
      national_id: input.national_id,
      locale,
      answers: {},
      token: newToken(),
      walk_in: true,
      checked_in_at: new Date(),
    });
    if (firmId !== null) await repo.recordAttendance(trx, eventId, firmId, id);
    return id;
  });
}

export async function markNoShows(db: Kysely<DB>, user: SessionUser | undefined, eventId: number): Promise<number> {
  await getEventToManage(db, user, eventId, 'events.checkin.record');
  return repo.markNoShows(db, eventId);
}

/** A message to everyone signed up or waiting: stored, then one mail job per person (same transaction). */
export async function writeToParticipants(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  eventId: number,
  input: { subject: string; body: string },
): Promise<number> {
  await getEventToManage(db, user, eventId, 'events.participants.read');
  eventsAccess.requireAccess(user, 'events.event.manage', { organisationIds: await repo.organiserIds(db, eventId) });
  return inTransaction(db, async (trx) => {
    const messageId = await repo.insertMessage(trx, eventId, input.subject, input.body, user!.id);
    const ids = await repo.liveRegistrationIds(trx, eventId, ['confirmed', 'waiting']);
    for (const registrationId of ids) await queueMail(trx, { registrationId, kind: 'message', ref: messageId });
    return ids.length;
  });
}

/** Export of participants: recorded in the audit trail (personal data leaving the platform). */
export async function participantsForExport(db: Kysely<DB>, user: SessionUser | undefined, eventId: number, format: string, requestId?: string) {
  const result = await listParticipants(db, user, eventId);
  await recordAudit(
    db,
    { userId: user!.id, requestId },
    {
      action: 'events.participants.export',
      entityType: 'event',
      entityId: eventId,
      organisationId: result.event.organisers[0]?.id,
      before: null,
      after: { format, rows: result.registrations.length },
    },
  );
  return result;
}

export async function attendanceCount(db: Kysely<DB>, eventId: number) {
  return repo.attendanceCount(db, eventId);
}
