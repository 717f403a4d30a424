import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { defineJob, type JobDefinition } from '../../shared/jobs/jobs.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { formatDateTime, timeZoneFor } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { publicBaseUrl } from '../accounts/accounts.http.js';
import { listFirmPeople } from '../accounts/accounts.staff.service.js';
import { importNoticeSource } from './procurement.import.js';
import { firmContext, openMatchesForFirm, runMatching } from './procurement.matching.js';
import { msg } from './procurement.messages.js';
import { NoticeFormatError } from './procurement.notice.js';
import * as repo from './procurement.repository.js';
import { placeIndex } from './procurement.service.js';

/**
 * The module's background work: fetching the configured feeds (hourly), counting local firms for
 * open notices (in the fetch that changed something, and nightly), and the e-mail digest of
 * new matches (each morning; daily or weekly per firm). All safe to run twice: imports upsert,
 * counts are recomputed, and a digest records what it sent under a lock of the firm's row.
 */
export const feedsQueue = 'procurement.feeds';
export const matchQueue = 'procurement.match';
export const digestQueue = 'procurement.digest';

const languageOf: Record<string, Locale> = { NO: 'nb', SE: 'sv', FI: 'fi' };
const queue = { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 1800 } as const;

/** Fetches one feed URL and imports its body as it streams (eForms XML or OCDS JSON). */
export async function fetchFeed(db: Kysely<DB>, feed: { id: number; url: string; name: string }, timeoutMs = 120_000) {
  try {
    const res = await fetch(feed.url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, application/xml, text/xml' } });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const summary = await importNoticeSource(db, feed.name, res.body as unknown as AsyncIterable<Uint8Array>, { places: await placeIndex(db) });
    await repo.recordFeedFetch(db, feed.id, `ok: ${summary.notices} notices, ${summary.inserted} new, ${summary.updated} updated`, null);
    return summary;
  } catch (err) {
    const text = err instanceof NoticeFormatError ? err.message : `${feed.url}: ${(err as Error).message}`;
    await repo.recordFeedFetch(db, feed.id, 'failed', text.slice(0, 2000));
    throw err;
  }
}

export async function fetchAllFeeds(db: Kysely<DB>) {
  let changed = 0;
  const failures: string[] = [];
  for (const f of await repo.listFeeds(db)) {
    try {
      const s = await fetchFeed(db, { id: Number(f.id), url: f.url, name: f.name });
      changed += s.inserted + s.updated;
    } catch (err) {
      failures.push((err as Error).message);
    }
  }
  return { changed, failures };
}

/**
 * Sends each due firm the open notices matching it that it has not been sent before, to its
 * approved people; records them under a lock of the firm's interests row (a second runner waits,
 * then finds the digest sent). Returns how many e-mails were queued.
 */
export async function sendDigests(db: Kysely<DB>, env: Env, now = new Date()): Promise<number> {
  const places = await placeIndex(db);
  const mailer = createMailer(db, env);
  const base = publicBaseUrl(env);
  let sent = 0;
  for (const due of await repo.listDigestsDue(db, now)) {
    const firmId = Number(due.firm_id);
    const ctx = await firmContext(db, firmId, places);
    if (!ctx) continue;
    const locale = languageOf[ctx.firm.country] ?? 'en';
    const matches = await openMatchesForFirm(db, ctx, places, now);
    const people = (await listFirmPeople(db, firmId)).filter((p) => p.status === 'approved' && p.email);
    sent += await db.transaction().execute(async (trx) => {
      const locked = await repo.lockInterests(trx, firmId);
      // Another runner sent it meanwhile (the row changed since it was listed as due).
      const stamp = (d: Date | null) => (d ? new Date(d).getTime() : null);
      if (!locked || stamp(locked.digest_sent_at) !== stamp(due.digest_sent_at)) return 0;
      const already = await repo.sentNoticeIds(
        trx,
        firmId,
        matches.map((m) => Number(m.notice.id)),
      );
      const fresh = matches.filter((m) => !already.has(Number(m.notice.id)));
      await repo.recordDigest(
        trx,
        firmId,
        fresh.map((m) => Number(m.notice.id)),
        now,
      );
      if (!fresh.length || !people.length) return 0;
      const zone = timeZoneFor(locale, ctx.firm.country);
      const lines = fresh.map(
        (m) =>
          `- ${m.notice.title}${m.notice.buyer_name ? ` (${m.notice.buyer_name})` : ''}\n  ${m.notice.deadline ? `${msg.deadline[locale]}: ${formatDateTime(m.notice.deadline, locale, zone)}\n  ` : ''}${base}/tenders/${m.notice.id}`,
      );
      const text = [
        format(msg.digestIntro[locale], { firm: ctx.firm.name }),
        '',
        ...lines,
        '',
        format(msg.digestFooter[locale], { url: `${base}/tenders/firms/${firmId}` }),
      ].join('\n');
      for (const p of people) await mailer.send({ to: p.email, subject: format(msg.digestSubject[locale], { firm: ctx.firm.name }), text }, trx);
      return people.length;
    });
  }
  return sent;
}

// biome-ignore lint/suspicious/noExplicitAny: each job has its own payload type (as in jobs.registry.ts)
export function procurementJobs(env: Env, db: Kysely<DB>): JobDefinition<any>[] {
  return [
    defineJob({
      name: feedsQueue,
      idempotent: true,
      queue,
      schedule: { cron: '17 * * * *' },
      handler: async () => {
        // New or changed notices get their local-firm counts in the same run.
        if ((await fetchAllFeeds(db)).changed) await runMatching(db, new Date(), { places: await placeIndex(db) });
      },
    }),
    defineJob({
      name: matchQueue,
      idempotent: true,
      queue: { ...queue, policy: 'unique' },
      schedule: { cron: '30 3 * * *', tz: 'Europe/Oslo' },
      handler: async () => void (await runMatching(db, new Date(), { places: await placeIndex(db) })),
    }),
    defineJob({
      name: digestQueue,
      idempotent: true,
      queue,
      schedule: { cron: '0 6 * * *', tz: 'Europe/Oslo' },
      handler: async () => void (await sendDigests(db, env)),
    }),
  ];
}
