import type { ColumnType, Generated } from 'kysely';
import type { StoredImageColumns } from '../../../shared/images/stored-image.js';

export interface FirmLinkTable {
  id: Generated<number>;
  firm_id: number;
  label: string;
  url: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface FirmImageTable extends StoredImageColumns {
  id: Generated<number>;
  firm_id: number;
  /** The establishment (shop, branch) the picture shows; null: the firm's own (migration 0020). */
  establishment_id: ColumnType<number | null, number | null | undefined, number | null>;
  position: ColumnType<number, number | undefined, number>;
  alt_text: ColumnType<string, string | undefined, string>;
  byte_size: number;
  uploaded_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FirmProfileTables {
  firm_links: FirmLinkTable;
  firm_images: FirmImageTable;
}
