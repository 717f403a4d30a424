import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import type { JobDefinition } from '../../shared/jobs/jobs.js';
import { mailJob } from '../../shared/mail/mailer.js';
import { navigatorNotifyJob } from '../navigator/navigator.jobs.js';

/** Every job the platform runs: one line per job. The server's runner and `lokalkraft jobs run` use this list. */
export function allJobs(env: Env, db: Kysely<DB>): JobDefinition<any>[] {
  return [mailJob(env), navigatorNotifyJob(db, env)];
}
