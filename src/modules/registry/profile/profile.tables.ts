import type { ColumnType, Generated } from 'kysely';

export interface FirmLinkTable {
  id: Generated<number>;
  firm_id: number;
  label: string;
  url: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface FirmImageTable {
  id: Generated<number>;
  firm_id: number;
  /** The establishment (shop, branch) the picture shows; null: the firm's own (migration 0020). */
  establishment_id: ColumnType<number | null, number | null | undefined, number | null>;
  position: ColumnType<number, number | undefined, number>;
  alt_text: ColumnType<string, string | undefined, string>;
  content_type: string;
  width: number;
  height: number;
  data: Uint8Array;
  thumb_data: Uint8Array;
  thumb_width: number;
  thumb_height: number;
  byte_size: number;
  sha256: string;
  uploaded_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FirmProfileTables {
  firm_links: FirmLinkTable;
  firm_images: FirmImageTable;
}
