import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { insertOutboxMessage } from './outbox.repository.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text: links stay readable and clickable in every mail client. */
  text: string;
}

export interface Mailer {
  /** `none`: neither SMTP nor the development outbox is configured; the message is dropped. */
  kind: 'smtp' | 'outbox' | 'none';
  send(message: MailMessage): Promise<void>;
}

const transports = new Map<string, Transporter>();

/**
 * SMTP when SMTP_URL is set; otherwise, only when LOKALKRAFT_DEV_OUTBOX is on, the development
 * outbox in the database (/dev/outbox); otherwise nowhere. Dropping is deliberate: a stored
 * message holds a live reset or invitation link, and nobody would read it but an attacker.
 * The operator bootstraps with `lokalkraft users create`, which prints its link.
 */
export function createMailer(db: Kysely<DB>, env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'LOKALKRAFT_DEV_OUTBOX'>): Mailer {
  const smtpUrl = env.SMTP_URL;
  if (smtpUrl) {
    let transport = transports.get(smtpUrl);
    if (!transport) {
      transport = nodemailer.createTransport(smtpUrl);
      transports.set(smtpUrl, transport);
    }
    const smtp = transport;
    return {
      kind: 'smtp',
      async send(message) {
        await smtp.sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
      },
    };
  }
  if (env.LOKALKRAFT_DEV_OUTBOX) {
    return {
      kind: 'outbox',
      async send(message) {
        await insertOutboxMessage(db, { to_address: message.to, subject: message.subject, text_body: message.text });
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
