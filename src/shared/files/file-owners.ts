import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { SessionUser } from '../http/auth.js';
import type { FileUse } from './file-uses.js';

/**
 * What a module declares for the files it owns (`cases.case`, `academy.course-video` …). The
 * file store asks it before every read and attach, so a file is never served to someone the
 * owning module would refuse. Typical rules delegate to the module's policy table:
 *
 *   defineFileOwner({
 *     owner: 'cases.case', use: fileUses.document,
 *     scope: (db, id) => casesRepo.findCaseScope(db, Number(id)),          // undefined → 404
 *     canRead: (u, s) => casesAccess.can(u, 'cases.document.read', s),
 *     canAttach: (u, s) => casesAccess.can(u, 'cases.document.attach', s),
 *   });
 */
// biome-ignore lint/suspicious/noExplicitAny: each owner chooses its scope type
export interface FileOwner<S = any> {
  /** `module.thing`, stored in `files.owner`. */
  owner: string;
  /** What may be attached: allow-list of types and size limit. */
  use: FileUse;
  /** Loads what the rules decide on; undefined when the owning record does not exist (→ 404). */
  scope(db: Kysely<DB>, ownerId: string): Promise<S | undefined>;
  /** May this person (undefined = anonymous) read the owner's files? */
  canRead(user: SessionUser | undefined, scope: S): boolean;
  /** May this person attach files to the owner? */
  canAttach(user: SessionUser, scope: S): boolean;
}

const owners = new Map<string, FileOwner>();

export function defineFileOwner<S>(owner: FileOwner<S>): FileOwner<S> {
  if (!/^[a-z]+(\.[a-z-]+)+$/.test(owner.owner)) throw new Error(`file owner "${owner.owner}" must be module.thing`);
  const existing = owners.get(owner.owner);
  if (existing && existing !== owner) throw new Error(`file owner "${owner.owner}" is defined twice`);
  owners.set(owner.owner, owner);
  return owner;
}

export const fileOwner = (name: string): FileOwner | undefined => owners.get(name);
