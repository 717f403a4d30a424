import type { ColumnType, Generated } from 'kysely';

/**
 * Table types for Kysely. Each module declares its tables in its own
 * `<module>.tables.ts`; they are merged here so that one `Kysely<DB>` sees them all.
 */
import type { PlacesTables } from '../modules/places/places.tables.js';
import type { RegistryTables } from '../modules/registry/registry.tables.js';
import type { AccountsTables } from '../modules/accounts/accounts.tables.js';
import type { MailTables } from '../shared/mail/mail.tables.js';
import type { NetworkTables } from '../modules/network/network.tables.js';
import type { AuditTables } from '../modules/audit/audit.tables.js';
import type { FirmProfileTables } from '../modules/registry/profile/profile.tables.js';
import type { DirectoryTables } from '../modules/directory/directory.tables.js';
import type { ImportTables } from '../modules/registry/importers/import.tables.js';
import type { FilesTables } from '../shared/files/files.tables.js';
import type { CoachingTables } from '../modules/coaching/coaching.tables.js';
import type { NavigatorTables } from '../modules/navigator/navigator.tables.js';
import type { EventsTables } from '../modules/events/events.tables.js';
import type { AcademyTables } from '../modules/academy/academy.tables.js';
import type { SpendTables } from '../modules/spend/spend.tables.js';
import type { ProcurementTables } from '../modules/procurement/procurement.tables.js';
import type { GiftcardTables } from '../modules/giftcard/giftcard.tables.js';
import type { SurveysTables } from '../modules/surveys/surveys.tables.js';
import type { StorefrontTables } from '../modules/storefront/storefront.tables.js';
import type { ReportingTables } from '../modules/reporting/reporting.tables.js';

export interface MigrationTable {
  name: string;
  applied_at: ColumnType<Date, Date | undefined, never>;
}

/** The reference data this database last loaded (modules/reference-data.ts); one row. */
export interface ReferenceDataStampTable {
  id: Generated<number>;
  digest: string;
  loaded_at: ColumnType<Date, Date | undefined, Date>;
}

export interface DB
  extends PlacesTables,
    RegistryTables,
    AccountsTables,
    MailTables,
    NetworkTables,
    AuditTables,
    FirmProfileTables,
    DirectoryTables,
    ImportTables,
    FilesTables,
    CoachingTables,
    NavigatorTables,
    EventsTables,
    AcademyTables,
    SpendTables,
    ProcurementTables,
    GiftcardTables,
    SurveysTables,
    StorefrontTables,
    ReportingTables {
  schema_migrations: MigrationTable;
  reference_data_stamp: ReferenceDataStampTable;
}

export type { ColumnType, Generated };
