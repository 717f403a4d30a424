import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { jobsAccess } from './jobs.access.js';
import { jobsMessages as m } from './jobs.messages.js';
import * as repo from './jobs.repository.js';
import { retryJobSchema, toProblemJobDto, toQueueSummaries } from './jobs.schemas.js';

/** The operator's view: every queue with its counts per state, and the jobs that are failing. */
export async function getJobsOverview(db: Kysely<DB>, user: SessionUser | undefined) {
  jobsAccess.requireAccess(user, 'jobs.queue.read', undefined);
  const [counts, problems] = await Promise.all([repo.countJobsByQueueAndState(db), repo.listProblemJobs(db, 100)]);
  return { queues: toQueueSummaries(counts), problems: problems.map(toProblemJobDto) };
}

/** Gives a dead job one more attempt, due now. */
export async function retryDeadJob(db: Kysely<DB>, user: SessionUser | undefined, input: unknown): Promise<void> {
  jobsAccess.requireAccess(user, 'jobs.job.retry', undefined);
  const { queue, id } = parseOrThrow(retryJobSchema, input, { labels: { queue: m.queueName, id: m.jobId } });
  if (!(await repo.retryDeadJob(db, queue, id))) throw new AppError('conflict', m.jobNotDead);
}
