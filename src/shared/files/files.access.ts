import { definePolicies } from '../access/access.js';
import type { SessionUser } from '../http/auth.js';
import type { FileOwner } from './file-owners.js';

/** The owner module decides: the file store's actions ask the owner's rules with the owner's scope. */
export interface FileScope {
  owner: FileOwner;
  scope: unknown;
}

export const filesAccess = definePolicies({
  'files.file.read': (u: SessionUser, s: FileScope) => s.owner.canRead(u, s.scope),
  'files.file.attach': (u: SessionUser, s: FileScope) => s.owner.canAttach(u, s.scope),
});
