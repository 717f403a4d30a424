import type { ColumnType } from 'kysely';

/** Metadata of a stored file; the bytes are in the blob store under `id`. */
export interface FilesTable {
  id: string;
  owner: string;
  owner_id: string;
  name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FilesTables {
  files: FilesTable;
}
