import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import * as repo from './audit.repository.js';
import type { AuditChanges } from './audit.tables.js';

/** Who is acting, carried from the request into every service call that changes data. */
export interface Actor {
  userId: number | null;
  requestId?: string | null;
}

export interface AuditEvent {
  /** Named like the access checks, e.g. `network.membership.update`. */
  action: string;
  entityType: string;
  entityId: string | number;
  organisationId?: number | null;
  firmId?: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only the fields that changed; a creation has every field with before = null, a deletion after = null. */
export function diffChanges(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): AuditChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = {};
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (!same(b, a)) changes[k] = { before: b, after: a };
  }
  return changes;
}

/**
 * Records a change. Call it with the same transaction as the change itself, so that a
 * change without its audit entry (or the reverse) cannot be committed. An update that
 * changed nothing writes nothing.
 */
export async function recordAudit(db: Kysely<DB>, actor: Actor, event: AuditEvent): Promise<boolean> {
  const changes = diffChanges(event.before, event.after);
  const isUpdate = event.before && event.after;
  if (isUpdate && Object.keys(changes).length === 0) return false;
  await repo.insertAuditEntry(db, {
    actor_user_id: actor.userId,
    action: event.action,
    entity_type: event.entityType,
    entity_id: String(event.entityId),
    organisation_id: event.organisationId ?? null,
    firm_id: event.firmId ?? null,
    changes,
    request_id: actor.requestId ?? null,
  });
  return true;
}

export interface AuditEntryDto {
  id: number;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  organisationId: number | null;
  firmId: number | null;
  changes: AuditChanges;
  at: string;
  requestId: string | null;
}

/**
 * The trail for a scope. Access is checked by the caller's service (network: org admins for
 * their organisation and its member firms; firm profile: the firm's own people).
 */
export async function listAuditTrail(db: Kysely<DB>, scope: repo.AuditScope, options: { limit?: number; beforeId?: number } = {}): Promise<AuditEntryDto[]> {
  const rows = await repo.listAuditEntries(db, scope, Math.min(options.limit ?? 100, 500), options.beforeId);
  return rows.map((r) => ({
    id: r.id,
    actorUserId: r.actor_user_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    organisationId: r.organisation_id,
    firmId: r.firm_id,
    changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as AuditChanges) : r.changes,
    at: new Date(r.at).toISOString(),
    requestId: r.request_id,
  }));
}

export type { AuditScope } from './audit.repository.js';

/** The changes a person made (for their personal-data export), newest first, bounded. */
export async function listAuditByActor(db: Kysely<DB>, userId: number, limit = 5000) {
  const rows = await repo.listAuditEntriesByActor(db, userId, limit);
  return rows.map((r) => ({ action: r.action, entityType: r.entity_type, entityId: r.entity_id, at: new Date(r.at).toISOString(), changes: r.changes }));
}
