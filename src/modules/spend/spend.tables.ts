import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, T | string, T | string>;
type BigintCol = ColumnType<number, number | bigint | string, number | bigint | string>;

export type UploadStatus = 'preview' | 'importing' | 'imported' | 'failed' | 'discarded';
export type FileStatus = 'preview' | 'imported' | 'duplicate' | 'failed' | 'discarded';
export type MatchMethod = 'id' | 'name' | 'confirmed' | 'none' | 'private' | 'refused-iban' | 'refused-person' | 'foreign';
export type MatchStatus = 'matched' | 'suggested' | 'unmatched' | 'private' | 'abroad';

export interface SpendUploadTable {
  id: Generated<number>;
  organisation_id: number;
  created_by: number | null;
  status: ColumnType<UploadStatus, UploadStatus | undefined, UploadStatus>;
  progress: Json<Record<string, unknown>> | null;
  message: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface SpendFileTable {
  id: Generated<number>;
  upload_id: number;
  organisation_id: number;
  position: number;
  file_name: string;
  content_hash: string;
  bytes: BigintCol;
  stored_path: string;
  staged: Json<Record<string, unknown>> | null;
  mapping: Json<Record<string, number>> | null;
  decimal_separator: string | null;
  date_format: string | null;
  check_result: Json<Record<string, unknown>> | null;
  status: ColumnType<FileStatus, FileStatus | undefined, FileStatus>;
  lines: BigintCol | null;
  skipped: BigintCol | null;
  total_minor: BigintCol | null;
  imported_at: NullableTimestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SpendHeaderChoiceTable {
  organisation_id: number;
  header_key: string;
  field: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SpendSupplierTable {
  organisation_id: number;
  raw_key: string;
  supplier_no: string | null;
  name: string | null;
  country: string | null;
  firm_id: number | null;
  method: MatchMethod;
  confidence: number | null;
  status: MatchStatus;
  candidate_firm_ids: ColumnType<number[], number[] | undefined, number[]>;
  lines: BigintCol;
  amount_minor: BigintCol;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface SpendShareTable {
  organisation_id: number;
  shared_with_id: number;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SpendSettingsTable {
  organisation_id: number;
  home_municipality: string | null;
  published_year: number | null;
  published_at: NullableTimestamp;
  respend: Json<Record<string, number>>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SpendTables {
  spend_uploads: SpendUploadTable;
  spend_files: SpendFileTable;
  spend_header_choices: SpendHeaderChoiceTable;
  spend_suppliers: SpendSupplierTable;
  spend_shares: SpendShareTable;
  spend_settings: SpendSettingsTable;
}
