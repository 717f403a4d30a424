import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { registerOrganisationNameLookup, registerPersonalDataExporter } from '../accounts/accounts.privacy.js';
import * as repo from './network.repository.js';
import { listAuditByActor } from '../audit/audit.service.js';

let registered = false;

/**
 * Tells the accounts module how to name organisations (account page) and what the network
 * holds about a person (data export): the changes they made. Erasure needs nothing here —
 * audit rows keep only the user id, and accounts anonymises the user row itself.
 */
export function registerNetworkPrivacy(): void {
  if (registered) return;
  registered = true;
  registerOrganisationNameLookup(async (db: Kysely<DB>, ids: number[]) => new Map((await repo.listOrganisations(db, ids)).map((o) => [Number(o.id), o.name])));
  registerPersonalDataExporter('changes_made', (db, userId) => listAuditByActor(db, userId));
}
