import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { AuditChanges } from './audit.tables.js';

export interface AuditInsert {
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: number | null;
  firm_id: number | null;
  changes: AuditChanges;
  request_id: string | null;
}

export async function insertAuditEntry(db: Kysely<DB>, entry: AuditInsert): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...entry, changes: JSON.stringify(entry.changes) })
    .execute();
}

export interface AuditScope {
  organisationId?: number;
  /** With organisationId: only the firms' entries that belong to no organisation. */
  firmIds?: number[];
  /** With firmIds: only these entity types of the firms' entries (e.g. profile changes, not claims). */
  firmEntityTypes?: string[];
  entityType?: string;
  entityId?: string;
}

/** Newest first; an entry is in scope when it belongs to the organisation OR to one of the firms. */
export async function listAuditEntries(db: Kysely<DB>, scope: AuditScope, limit: number, beforeId?: number) {
  let q = db.selectFrom('audit_log').selectAll();
  const { organisationId, firmIds, firmEntityTypes, entityType, entityId } = scope;
  q = q.where((eb) => {
    const ors = [];
    if (organisationId !== undefined) ors.push(eb('organisation_id', '=', organisationId));
    // Firm entries that belong to no organisation (profile changes); another organisation's
    // membership entries for the same firm stay with that organisation.
    if (firmIds?.length && firmEntityTypes?.length !== 0) {
      const ands = [eb('firm_id', 'in', firmIds)];
      if (organisationId !== undefined) ands.push(eb('organisation_id', 'is', null));
      if (firmEntityTypes) ands.push(eb('entity_type', 'in', firmEntityTypes));
      ors.push(eb.and(ands));
    }
    return ors.length ? eb.or(ors) : sql<boolean>`false`;
  });
  if (entityType) q = q.where('entity_type', '=', entityType);
  if (entityId) q = q.where('entity_id', '=', entityId);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export function listAuditEntriesByActor(db: Kysely<DB>, userId: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}
