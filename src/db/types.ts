import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for Kysely. Each module declares its tables in its own
 * `<module>.tables.ts`; they are merged here so that one `Kysely<DB>` sees them all.
 */
import type { PlacesTables } from '../modules/places/places.tables.js';
import type { RegistryTables } from '../modules/registry/registry.tables.js';
import type { ImportTables } from '../modules/registry/importers/import.tables.js';

export interface MigrationTable {
  name: string;
  applied_at: ColumnType<Date, Date | undefined, never>;
}

export interface DB extends PlacesTables, RegistryTables, ImportTables {
  schema_migrations: MigrationTable;
}

export type { ColumnType, Generated };
