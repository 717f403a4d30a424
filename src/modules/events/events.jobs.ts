import type { Kysely } from 'kysely';
import { publicBaseUrl, type Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { formatDateTime, type TimeZone } from '../../shared/i18n/format.js';
import { format, isLocale, pickName, type Locale } from '../../shared/i18n/i18n.js';
import { defineJob, enqueue, type JobDefinition } from '../../shared/jobs/jobs.js';
import { createMailer, type MailMessage } from '../../shared/mail/mailer.js';
import { eventsToIcs } from './events.ics.js';
import { msg } from './events.messages.js';
import * as repo from './events.repository.js';
import { codeOf, type EventDto } from './events.schemas.js';
import { eventsMailQueue, toEventDtos, type EventMailJob, type EventMailKind } from './events.service.js';

export const eventsReminderQueue = 'events.reminders';
/** Reminders go out this long before the start. */
export const reminderLeadHours = 24;

type MailEnv = Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'LOKALKRAFT_DEV_OUTBOX' | 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>;

const subjects: Record<Exclude<EventMailKind, 'message'>, keyof typeof msg> = {
  confirmed: 'mailConfirmedSubject',
  waiting: 'mailWaitingSubject',
  promoted: 'mailPromotedSubject',
  cancelled: 'mailCancelledSubject',
  reminder: 'mailReminderSubject',
};
const bodies: Record<Exclude<EventMailKind, 'message'>, keyof typeof msg> = {
  confirmed: 'mailConfirmed',
  waiting: 'mailWaiting',
  promoted: 'mailPromoted',
  cancelled: 'mailCancelled',
  reminder: 'mailReminder',
};

/** One e-mail about one registration, in the language the person signed up in; a calendar entry when they have a place. */
export function composeEventMail(
  event: EventDto,
  registration: { name: string; email: string; token: string; locale: string },
  kind: EventMailKind,
  baseUrl: string,
  message?: { subject: string; body: string },
): MailMessage {
  const l: Locale = isLocale(registration.locale) ? registration.locale : 'en';
  const title = `${pickName(event.title, l)}${event.isDemo ? ' (demo)' : ''}`;
  const when = `${formatDateTime(event.startsAt, l, event.timeZone as TimeZone)} – ${formatDateTime(event.endsAt, l, event.timeZone as TimeZone)}`;
  const where = [event.address, event.municipalityName].filter(Boolean).join(', ') || event.onlineUrl || '';
  const url = `${baseUrl}/events/r/${registration.token}`;
  const lines = [format(msg.mailGreeting[l], { name: registration.name }), ''];
  if (kind === 'message' && message) lines.push(message.body);
  else lines.push(format(msg[bodies[kind as Exclude<EventMailKind, 'message'>]][l], { title }));
  lines.push('', format(msg.mailWhen[l], { when }));
  if (where) lines.push(format(msg.mailWhere[l], { where }));
  const hasPlace = kind === 'confirmed' || kind === 'promoted' || kind === 'reminder';
  if (hasPlace) lines.push('', format(msg.mailCode[l], { code: codeOf(registration.token), url }));
  if (kind !== 'cancelled') lines.push('', format(msg.mailCancelLink[l], { url }));
  lines.push('', `${baseUrl}/events/${event.id}`);
  const subject =
    kind === 'message' && message ? `${message.subject} – ${title}` : format(msg[subjects[kind as Exclude<EventMailKind, 'message'>]][l], { title });
  const attachments =
    hasPlace || kind === 'cancelled'
      ? [
          {
            filename: `event-${event.id}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: eventsToIcs([kind === 'cancelled' ? { ...event, status: 'cancelled' } : event], { baseUrl, locale: l, name: title }),
          },
        ]
      : undefined;
  return { to: registration.email, subject, text: lines.join('\n'), attachments };
}

/**
 * The events' mail job: composes the message when it runs (so it is in the person's language and
 * shows the event as it is then) and hands it to the mailer in one transaction with its entry in
 * event_mail_log — a repeated run finds the entry and sends nothing.
 */
export function eventsMailJob(env: MailEnv): JobDefinition<EventMailJob> {
  return defineJob<EventMailJob>({
    name: eventsMailQueue,
    idempotent: true,
    queue: { retryLimit: 8, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 120 },
    async handler(job, { db }) {
      const mailer = createMailer(db, env);
      await db.transaction().execute(async (trx) => {
        const registration = await repo.findRegistration(trx, job.registrationId);
        if (!registration?.email) return;
        // A place-holder's mail for someone who no longer has the place (cancelled meanwhile) is not sent.
        const needsPlace = job.kind === 'confirmed' || job.kind === 'promoted' || job.kind === 'reminder';
        if (needsPlace && registration.status !== 'confirmed') return;
        if (!(await repo.recordMailSent(trx, job.registrationId, job.kind, job.ref ?? 0))) return;
        const row = await repo.findEvent(trx, Number(registration.event_id));
        if (!row) return;
        const [event] = await toEventDtos(trx, [row]);
        const message = job.kind === 'message' && job.ref ? await repo.findMessage(trx, job.ref) : undefined;
        if (job.kind === 'message' && !message) return;
        await mailer.send(composeEventMail(event!, { ...registration, email: registration.email }, job.kind, publicBaseUrl(env), message), trx);
      });
    },
  });
}

/** Every 10 minutes: each confirmed person of an event starting within `reminderLeadHours` gets one reminder. */
export function eventsReminderJob(): JobDefinition<{ now?: string }> {
  return defineJob<{ now?: string }>({
    name: eventsReminderQueue,
    idempotent: true,
    queue: { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 },
    schedule: { cron: '*/10 * * * *' },
    async handler(payload, { db }) {
      await sendDueReminders(db, payload.now ? new Date(payload.now) : new Date());
    },
  });
}

/** Claims each due reminder (reminder_sent_at) and queues its mail in the same transaction: a second run finds none. */
export async function sendDueReminders(db: Kysely<DB>, now: Date): Promise<number> {
  const due = await repo.dueReminders(db, now, new Date(now.getTime() + reminderLeadHours * 3600 * 1000));
  let queued = 0;
  for (const id of due) {
    await db.transaction().execute(async (trx) => {
      if (await repo.claimReminder(trx, id)) {
        await enqueue(trx, eventsMailQueue, { registrationId: id, kind: 'reminder', ref: 0 });
        queued++;
      }
    });
  }
  return queued;
}

export function eventsJobs(env: MailEnv): JobDefinition<any>[] {
  return [eventsMailJob(env), eventsReminderJob()];
}
