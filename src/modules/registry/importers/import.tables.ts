import type { ColumnType, Generated } from 'kysely';
import type { ErrorText, TextValues } from '../../../shared/errors.js';

type Json<T> = ColumnType<T, T | string | undefined, T | string>;

export type ImportSource = 'brreg' | 'prh' | 'bolagsverket';
export type ImportRunStatus = 'running' | 'succeeded' | 'failed';

export interface ImportRejection {
  /** 1-based position of the record in its file (0 when the whole file is at fault). */
  line: number;
  field: string;
  /** A message in the four languages ({nb,sv,fi,en}, placeholders filled from `values`), or plain text (older runs). */
  message: ErrorText;
  values?: TextValues;
  /** The file, when the run read several. */
  file?: string;
}

export interface ImportRunTable {
  id: Generated<number>;
  source: ImportSource;
  file_name: string;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: ColumnType<ImportRunStatus, ImportRunStatus | undefined, ImportRunStatus>;
  read_count: ColumnType<number, number | undefined, number>;
  created_count: ColumnType<number, number | undefined, number>;
  updated_count: ColumnType<number, number | undefined, number>;
  closed_count: ColumnType<number, number | undefined, number>;
  rejected_count: ColumnType<number, number | undefined, number>;
  skipped_count: ColumnType<number, number | undefined, number>;
  ignored_count: ColumnType<number, number | undefined, number>;
  linked_count: ColumnType<number, number | undefined, number>;
  options: Json<Record<string, unknown>>;
  rejections: Json<ImportRejection[]>;
  error: string | null;
  /** The machine and process running the import (migration 0008). */
  host: string | null;
  pid: number | null;
  heartbeat_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ImportTables {
  import_runs: ImportRunTable;
}
