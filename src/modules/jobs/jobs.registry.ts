import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { procurementJobs } from '../procurement/procurement.jobs.js';
import type { JobDefinition } from '../../shared/jobs/jobs.js';
import { mailJob } from '../../shared/mail/mailer.js';
import { navigatorNotifyJob } from '../navigator/navigator.jobs.js';
import { eventsJobs } from '../events/events.jobs.js';
import { pruneSurveySubmissionsJob } from '../surveys/surveys.jobs.js';
import { storefrontExpiryJob } from '../storefront/storefront.jobs.js';
import { maintainCoachingJob } from '../coaching/coaching.jobs.js';

/** Every job the platform runs: one line per job. The server's runner and `lokalkraft jobs run` use this list. */
/** Jobs that work on the database get it here (`db` is the runner's own). */
export function allJobs(env: Env, db: Kysely<DB>): JobDefinition<any>[] {
  return [
    mailJob(env),
    ...procurementJobs(env, db),
    navigatorNotifyJob(env),
    ...eventsJobs(env),
    pruneSurveySubmissionsJob,
    storefrontExpiryJob,
    maintainCoachingJob,
  ];
}
