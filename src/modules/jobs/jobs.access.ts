import { definePolicies, isNetworkAdmin } from '../../shared/access/access.js';
import type { SessionUser } from '../../shared/http/auth.js';

/** Background jobs are platform operations: network administrators only. */
export const jobsAccess = definePolicies({
  'jobs.queue.read': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
  'jobs.job.retry': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
});
