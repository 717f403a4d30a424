import { defineJob } from '../../shared/jobs/jobs.js';
import { pruneSubmissions } from './surveys.repository.js';

/** Daily: forget the hashed addresses of answering rate limits after two days (they exist only to count). */
export const pruneSurveySubmissionsJob = defineJob<Record<string, never>>({
  name: 'surveys.prune-submissions',
  idempotent: true,
  queue: { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
  schedule: { cron: '23 3 * * *' },
  async handler(_payload, ctx) {
    await pruneSubmissions(ctx.db, new Date(Date.now() - 2 * 24 * 3_600_000));
  },
});
