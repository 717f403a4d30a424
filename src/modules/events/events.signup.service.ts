import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { isMemberOfAny } from '../network/network.service.js';
import { findFirmByNationalId, firmSummaries } from '../registry/registry.service.js';
import { msg } from './events.messages.js';
import * as repo from './events.repository.js';
import { toRegistrationDto, type EventDto } from './events.schemas.js';
import { getEvent, inTransaction, newToken, promoteWaiting, queueMail } from './events.service.js';
import type { RegistrationStatus } from './events.tables.js';

/** Signing up, the person's own registration page and cancellation (the waiting list moves up). */

export interface SignUpInput {
  name: string;
  email: string;
  firm_id: number | null;
  national_id: string | null;
  answers: Record<string, string>;
}

export interface SignUpResult {
  registrationId: number;
  token: string;
  status: RegistrationStatus;
  /** Place on the waiting list (1-based) when waiting. */
  position: number | null;
}

export async function resolveFirm(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  country: string,
  input: { firm_id: number | null; national_id: string | null },
) {
  if (input.firm_id !== null) {
    if (!user?.managedFirmIds.includes(input.firm_id)) throw new AppError('forbidden', errorMessages.notAllowed);
    return input.firm_id;
  }
  if (!input.national_id) return null;
  const firm = (await findFirmByNationalId(db, country, input.national_id)) ?? (await findFirmByNationalIdAnywhere(db, input.national_id));
  if (!firm) throw new AppError('validation', msg.unknownFirm, [{ field: 'national_id', label: msg.nationalId, message: msg.unknownFirm }]);
  return firm.id;
}

async function findFirmByNationalIdAnywhere(db: Kysely<DB>, nationalId: string) {
  for (const c of ['NO', 'SE', 'FI']) {
    const f = await findFirmByNationalId(db, c, nationalId);
    if (f) return f;
  }
  return undefined;
}

/**
 * Signs a person up. Under the event's row lock it counts the confirmed places and inserts the
 * registration as confirmed or waiting, so concurrent sign-ups never overbook (docs/adr/0014).
 * The confirmation (or waiting-list) e-mail is a job in the same transaction.
 */
export async function signUp(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  eventId: number,
  input: SignUpInput,
  locale: Locale,
  now = new Date(),
): Promise<SignUpResult> {
  const event = await getEvent(db, user, eventId);
  if (event.audience === 'members' && (!user || user.managedFirmIds.length === 0)) throw new AppError('forbidden', msg.membersOnly);
  const firmId = await resolveFirm(db, user, event.country, input);
  if (event.audience !== 'public' && firmId === null)
    throw new AppError('validation', msg.firmRequired, [{ field: 'national_id', label: msg.nationalId, message: msg.firmRequired }]);
  if (event.audience === 'members') {
    const ok =
      firmId !== null &&
      !!user?.managedFirmIds.includes(firmId) &&
      (await isMemberOfAny(
        db,
        event.organisers.map((o) => o.id),
        firmId,
      ));
    if (!ok) throw new AppError('forbidden', msg.membersOnly);
  }
  const issues = event.questions
    .filter((q) => q.required && !input.answers[q.key]?.trim())
    .map((q) => ({ field: `answer_${q.key}`, label: q.text, message: msg.answerRequired }));
  if (issues.length) throw new AppError('validation', errorMessages.invalidValue, issues);
  const answers = Object.fromEntries(
    event.questions.filter((q) => input.answers[q.key]?.trim()).map((q) => [q.key, input.answers[q.key]!.trim().slice(0, 1000)]),
  );

  return inTransaction(db, async (trx) => {
    const locked = await repo.lockEvent(trx, eventId);
    if (!locked || locked.status !== 'published') throw new AppError('conflict', msg.notOpen);
    if ((locked.signup_opens_at && now < locked.signup_opens_at) || (locked.signup_closes_at && now >= locked.signup_closes_at) || now >= locked.ends_at)
      throw new AppError('conflict', msg.notOpen);
    const email = input.email.trim().toLowerCase();
    if (await repo.hasLiveRegistration(trx, eventId, email))
      throw new AppError('conflict', msg.alreadySignedUp, [{ field: 'email', label: msg.email, message: msg.alreadySignedUp }]);
    const confirmed = await repo.countConfirmed(trx, eventId);
    const status: RegistrationStatus = locked.capacity === null || confirmed < locked.capacity ? 'confirmed' : 'waiting';
    const token = newToken();
    const registrationId = await repo.insertRegistration(trx, {
      event_id: eventId,
      status,
      user_id: user?.id ?? null,
      firm_id: firmId,
      name: input.name,
      email,
      national_id: input.national_id,
      locale,
      answers,
      token,
    });
    await queueMail(trx, { registrationId, kind: status === 'confirmed' ? 'confirmed' : 'waiting' });
    const position = status === 'waiting' ? await repo.waitingPosition(trx, eventId, registrationId) : null;
    return { registrationId, token, status, position };
  });
}

export async function findRegistrationByToken(db: Kysely<DB>, token: string) {
  if (!/^[A-Z2-9]{32}$/.test(token)) throw new AppError('not_found', msg.noSuchRegistration);
  const r = await repo.findRegistrationByToken(db, token);
  if (!r) throw new AppError('not_found', msg.noSuchRegistration);
  const position = r.status === 'waiting' ? await repo.waitingPosition(db, Number(r.event_id), Number(r.id)) : null;
  return { registration: toRegistrationDto(r, null), position, token: r.token };
}

/** The person's own cancellation (the link in their e-mail): the next on the waiting list gets the place and is told. */
export async function cancelRegistration(db: Kysely<DB>, token: string): Promise<{ promoted: number[] }> {
  const { registration } = await findRegistrationByToken(db, token);
  return inTransaction(db, async (trx) => {
    await repo.lockEvent(trx, registration.eventId);
    const current = await repo.findRegistration(trx, registration.id);
    if (!current || current.status === 'cancelled') return { promoted: [] };
    await repo.setRegistrationStatus(trx, registration.id, 'cancelled');
    if (current.checked_in_at) await repo.removeAttendanceOf(trx, registration.eventId, registration.id);
    return { promoted: current.status === 'confirmed' ? await promoteWaiting(trx, registration.eventId) : [] };
  });
}

/** Who a signed-in person can sign up as: the firms they manage, their name and e-mail. */
export async function signUpChoice(db: Kysely<DB>, user: SessionUser | undefined) {
  if (!user) return { firms: [], name: '', email: '' };
  const firms = await firmSummaries(db, user.managedFirmIds);
  return { firms: [...firms.values()].map((f) => ({ id: f.id, name: f.name })), name: user.displayName, email: user.email };
}

/** Is sign-up open now (published, inside the window, not over)? */
export function isSignUpOpen(e: EventDto, now = new Date()): boolean {
  if (e.status !== 'published') return false;
  if (e.signupOpensAt && now < new Date(e.signupOpensAt)) return false;
  if (e.signupClosesAt && now >= new Date(e.signupClosesAt)) return false;
  return now < new Date(e.endsAt);
}
