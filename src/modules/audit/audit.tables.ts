import type { ColumnType, Generated } from 'kysely';

/** Changed fields: `{ field: { before, after } }`. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: number | null;
  firm_id: number | null;
  changes: ColumnType<AuditChanges, AuditChanges | string | undefined, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
  request_id: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
