import type { Env } from '../../config/env.js';
import { defineJob } from '../../shared/jobs/jobs.js';
import { format } from '../../shared/i18n/i18n.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import { msg } from './navigator.messages.js';
import { runNotify, type NotifyMail } from './navigator.service.js';

export const notifyQueue = 'navigator.notify';

/** The text of one "new offers fit" mail: each offer's name, provider and page; the stop link. Links only from configuration. */
export function notifyMailText(mail: NotifyMail, baseUrl: string): { subject: string; text: string } {
  const l = mail.locale;
  const list = mail.offers.map((o) => `- ${o.record.name} (${o.record.provider})\n  ${baseUrl}/navigator/offers/${o.key}?lang=${l}`).join('\n');
  return { subject: msg.notifySubject[l], text: format(msg.notifyBody[l], { list, stop: `${baseUrl}/navigator/notify/${mail.stopToken}` }) };
}

/**
 * Nightly: every confirmed "notify me" subscription against the catalogue; a mail for each that has
 * offers it was not told of at their current version. Idempotent: what was told is recorded in the
 * same transaction as the queued mail, so a repeated run sends nothing twice.
 */
export function navigatorNotifyJob(env: Env) {
  return defineJob<{ at?: string }>({
    name: notifyQueue,
    idempotent: true,
    queue: { retryLimit: 3, retryDelaySeconds: 300, retryBackoff: true, expireInSeconds: 1800, policy: 'unique' },
    schedule: { cron: '30 3 * * *', tz: 'Europe/Oslo' },
    async handler(payload, ctx) {
      const db = ctx.db;
      const mailer = createMailer(db, env);
      const baseUrl = publicBaseUrl(env);
      const now = payload.at && !Number.isNaN(Date.parse(payload.at)) ? new Date(payload.at) : new Date();
      const result = await runNotify(db, now, async (trx, mail) => {
        await mailer.send({ to: mail.to, ...notifyMailText(mail, baseUrl) }, trx);
      });
      ctx.logger.info(result, 'navigator notify run');
    },
  });
}
