import { defineJob } from '../../shared/jobs/jobs.js';
import { expireReservations } from './storefront.service.js';

export const storefrontExpiryQueue = 'storefront.expire-reservations';

/** Every 10 minutes: reservations not collected in time expire and their stock is back on the shelf (one statement; repeatable). */
export const storefrontExpiryJob = defineJob<{ now?: string }>({
  name: storefrontExpiryQueue,
  idempotent: true,
  queue: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 },
  schedule: { cron: '*/10 * * * *' },
  async handler(payload, ctx) {
    const expired = await expireReservations(ctx.db, payload.now ? new Date(payload.now) : new Date());
    if (expired.length) ctx.logger.info({ expired: expired.length }, 'storefront reservations expired');
  },
});
