import { definePolicies, isNetworkAdmin } from '../../shared/access/access.js';
import type { SessionUser } from '../../shared/http/auth.js';

/**
 * The accounts module's policy table. Building blocks (isNetworkAdmin, hasRoleIn, managesFirm, …)
 * live in src/shared/access/access.ts; every module names its own actions in its `<module>.access.ts`.
 *
 * The development outbox holds live reset and invitation links: besides the machine itself
 * (checked by the route on the socket's address), only network admins may read it.
 */
export const accountsAccess = definePolicies({
  'accounts.outbox.read': (u: SessionUser, _: undefined) => isNetworkAdmin(u),
});
