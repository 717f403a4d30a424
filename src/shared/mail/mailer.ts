import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { defineJob, enqueue, type JobExecutor } from '../jobs/jobs.js';
import { insertOutboxMessage } from './outbox.repository.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text: links stay readable and clickable in every mail client. */
  text: string;
}

export interface Mailer {
  kind: 'smtp' | 'outbox';
  /**
   * With SMTP the message is queued (job `mail.send`) and sent by the job runner, so a slow or
   * failing SMTP server never slows or fails a request. Pass the business transaction as `trx`
   * and the mail exists only if the change commits.
   */
  send(message: MailMessage, trx?: JobExecutor): Promise<void>;
}

export const mailQueue = 'mail.send';

/**
 * SMTP when SMTP_URL is set; otherwise the development outbox in the database
 * (readable at /dev/outbox) — no mail leaves the machine unless SMTP is configured.
 */
export function createMailer(db: Kysely<DB>, env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>): Mailer {
  if (env.SMTP_URL) {
    return {
      kind: 'smtp',
      async send(message, trx) {
        await enqueue(trx ?? db, mailQueue, { to: message.to, subject: message.subject, text: message.text });
      },
    };
  }
  return {
    kind: 'outbox',
    async send(message) {
      await insertOutboxMessage(db, { to_address: message.to, subject: message.subject, text_body: message.text });
    },
  };
}

const transports = new Map<string, Transporter>();

/** Seconds nodemailer waits for the server before giving up (the attempt then fails and is retried). */
export interface SmtpTimeouts {
  connectSeconds: number;
  idleSeconds: number;
}

/**
 * The job that talks to SMTP. Retries with doubling waits for about 11–23 hours (queue options in migration
 * 0009), then the mail is dead and an operator can retry it at /admin/jobs.
 * At-least-once: a crash after the server accepted but before the job completed sends again. The
 * Message-ID is the job's id, so the copy carries the same id and receiving systems can drop it.
 */
export function mailJob(env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>, timeouts: SmtpTimeouts = { connectSeconds: 15, idleSeconds: 30 }) {
  return defineJob<MailMessage>({
    name: mailQueue,
    idempotent: true,
    queue: { retryLimit: 12, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 120 },
    async handler(message, ctx) {
      if (!env.SMTP_URL) throw new Error('SMTP_URL is not set; queued mail waits until it is');
      const key = `${env.SMTP_URL}|${timeouts.connectSeconds}|${timeouts.idleSeconds}`;
      let transport = transports.get(key);
      if (!transport) {
        transport = nodemailer.createTransport({
          url: env.SMTP_URL,
          connectionTimeout: timeouts.connectSeconds * 1000,
          greetingTimeout: timeouts.connectSeconds * 1000,
          socketTimeout: timeouts.idleSeconds * 1000,
        } as SMTPTransport.Options);
        transports.set(key, transport);
      }
      await transport.sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text, messageId: `<job-${ctx.id}@lokalkraft.invalid>` });
    },
  });
}

/** The developer outbox is readable only without SMTP and outside production. */
export function isOutboxReadable(env: Pick<Env, 'SMTP_URL' | 'NODE_ENV'>): boolean {
  return !env.SMTP_URL && env.NODE_ENV !== 'production';
}
