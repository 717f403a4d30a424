import { defineJob } from '../../shared/jobs/jobs.js';
import { expireReservations, forgetOldVisitors } from './storefront.service.js';

export const storefrontExpiryQueue = 'storefront.expire-reservations';

/**
 * Every 10 minutes: reservations not collected in time expire and their stock is back on the shelf
 * (one statement; repeatable); visitors of reservations closed 90 days ago are forgotten.
 */
export const storefrontExpiryJob = defineJob<{ now?: string }>({
  name: storefrontExpiryQueue,
  idempotent: true,
  queue: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 },
  schedule: { cron: '*/10 * * * *' },
  async handler(payload, ctx) {
    const now = payload.now ? new Date(payload.now) : new Date();
    const expired = await expireReservations(ctx.db, now);
    const forgotten = await forgetOldVisitors(ctx.db, now);
    if (expired.length || forgotten) ctx.logger.info({ expired: expired.length, forgotten }, 'storefront reservations expired, visitors forgotten');
  },
});
