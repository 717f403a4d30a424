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
  kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

const transports = new Map<string, Transporter>();

/**
 * SMTP when SMTP_URL is set; otherwise the development outbox in the database
 * (readable at /dev/outbox) — no mail leaves the machine unless SMTP is configured.
 */
export function createMailer(db: Kysely<DB>, env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>): Mailer {
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
  return {
    kind: 'outbox',
    async send(message) {
      await insertOutboxMessage(db, { to_address: message.to, subject: message.subject, text_body: message.text });
    },
  };
}

/** The developer outbox is readable only without SMTP and outside production. */
export function isOutboxReadable(env: Pick<Env, 'SMTP_URL' | 'NODE_ENV'>): boolean {
  return !env.SMTP_URL && env.NODE_ENV !== 'production';
}
