import type { Env } from '../../config/env.js';
import type { JobDefinition } from '../../shared/jobs/jobs.js';
import { mailJob } from '../../shared/mail/mailer.js';
import { pruneSurveySubmissionsJob } from '../surveys/surveys.jobs.js';

/** Every job the platform runs: one line per job. The server's runner and `lokalkraft jobs run` use this list. */
export function allJobs(env: Env): JobDefinition<any>[] {
  return [mailJob(env), pruneSurveySubmissionsJob];
}
