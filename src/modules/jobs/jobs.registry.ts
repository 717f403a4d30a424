import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import type { JobDefinition } from '../../shared/jobs/jobs.js';
import { mailJob } from '../../shared/mail/mailer.js';
import { eventsJobs } from '../events/events.jobs.js';

/**
 * Every job the platform runs: one line per job. The server's runner and `lokalkraft jobs run` use this list.
 * Jobs that read or write the database get it here (`db`).
 */
export function allJobs(env: Env, db: Kysely<DB>): JobDefinition<any>[] {
  return [mailJob(env), ...eventsJobs(env, db)];
}
