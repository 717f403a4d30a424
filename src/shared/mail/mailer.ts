import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { defineJob, enqueue } from '../jobs/jobs.js';
import { insertOutboxMessage } from './outbox.repository.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text: links stay readable and clickable in every mail client. */
  text: string;
  /** Small text attachments (an event's .ics, a receipt's CSV); kept in the job's payload, so keep them small. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  /** e.g. 'text/calendar; charset=utf-8; method=REQUEST' */
  contentType: string;
  /** The attachment as UTF-8 text. */
  content: string;
}

export interface Mailer {
  /** `none`: neither SMTP nor the development outbox is configured; the message is dropped. */
  kind: 'smtp' | 'outbox' | 'none';
  /**
   * With SMTP the message is queued (job `mail.send`) and sent by the job runner, so a slow or
   * failing SMTP server never slows or fails a request. Pass the business transaction as `trx`
   * and the mail exists only if the change commits (the development outbox row too).
   */
  send(message: MailMessage, trx?: Kysely<DB>): Promise<void>;
}

export const mailQueue = 'mail.send';

/**
 * SMTP when SMTP_URL is set (through the job queue); otherwise, only when LOKALKRAFT_DEV_OUTBOX is
 * on, the development outbox in the database (/dev/outbox); otherwise nowhere. Dropping is
 * deliberate: a stored message holds a live reset or invitation link, and nobody would read it but
 * an attacker. The operator bootstraps with `lokalkraft users create`, which prints its link.
 */
export function createMailer(db: Kysely<DB>, env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'LOKALKRAFT_DEV_OUTBOX'>): Mailer {
  if (env.SMTP_URL) {
    return {
      kind: 'smtp',
      async send(message, trx) {
        await enqueue(trx ?? db, mailQueue, { to: message.to, subject: message.subject, text: message.text, attachments: message.attachments });
      },
    };
  }
  if (env.LOKALKRAFT_DEV_OUTBOX) {
    return {
      kind: 'outbox',
      async send(message, trx) {
        await insertOutboxMessage(trx ?? db, {
          to_address: message.to,
          subject: message.subject,
          text_body: message.text,
          attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
        });
      },
    };
  }
  return { kind: 'none', async send() {} };
}

/** The outbox exists only when explicitly enabled, without SMTP and outside production; who may read it is the route's check. */
export function isOutboxEnabled(env: Pick<Env, 'SMTP_URL' | 'NODE_ENV' | 'LOKALKRAFT_DEV_OUTBOX'>): boolean {
  return env.LOKALKRAFT_DEV_OUTBOX && !env.SMTP_URL && env.NODE_ENV !== 'production';
}

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Is this (socket peer, or trusted-proxy) address the machine itself? */
export function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && loopback.test(address);
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
      await transport.sendMail({
        from: env.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        messageId: `<job-${ctx.id}@lokalkraft.invalid>`,
      });
    },
  });
}
