import { z } from 'zod';
import type { ErrorText, TextValues } from '../../../shared/errors.js';
import type { Country } from '../national-id.js';
import type { ImportRejection, ImportRunStatus, ImportSource } from './import.tables.js';
import type { InputFile, RawRecord } from './input-file.js';

export type { ImportRejection, ImportSource, RawRecord };

type FirmStatus = 'active' | 'closed';

/** The register facts of one firm, as every importer delivers them to the writer. */
export interface FirmInput {
  national_id: string;
  name: string;
  other_names: string[];
  legal_form: string | null;
  nace_code: string | null;
  nace_division: string | null;
  employees: number | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  municipality_code: string | null;
  postal_street: string | null;
  postal_postcode: string | null;
  postal_city: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  activity: string | null;
  status: FirmStatus;
  /** The register's date; null for a closed firm means "not given" (the run date is used once). */
  closed_on: string | null;
  registered_on: string | null;
}

/** The register facts of one establishment (underenhet); linked to its firm by parent_national_id. */
export interface EstablishmentInput {
  national_id: string;
  parent_national_id: string | null;
  name: string;
  nace_code: string | null;
  nace_division: string | null;
  employees: number | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  municipality_code: string | null;
  website: string | null;
  status: FirmStatus;
  closed_on: string | null;
  registered_on: string | null;
}

export interface RecordIssue {
  field: string;
  /** Localised (a message of import.messages / error.messages) or plain text. */
  message: ErrorText;
  values?: TextValues;
}

export type MapOutcome =
  | { kind: 'firm'; row: FirmInput }
  | { kind: 'establishment'; row: EstablishmentInput }
  | { kind: 'rejected'; issues: RecordIssue[] }
  /** Left out on purpose (e.g. a Swedish sole trader's personal identity number). */
  | { kind: 'ignored'; reason: string };

export type MunicipalityLookup = { ok: true; code: string | null } | { ok: false; message: string };

export interface MapContext {
  /** A municipality code from the file → the current code; null when none was given. */
  municipality(code: string | null | undefined): MunicipalityLookup;
}

/** One register format: how to stream its records and how to map one record. */
export interface SourceAdapter {
  source: ImportSource;
  country: Country;
  /** The field holding the national number (named in duplicate messages). */
  idField: string;
  /** Whether the source delivers establishments that wait for their parent firm. */
  hasEstablishments: boolean;
  /** Streams the records of one file in arrays (one promise per array, not per record). */
  read(file: InputFile): AsyncIterable<RawRecord[]>;
  map(raw: unknown, ctx: MapContext): MapOutcome;
}

const codeList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^\d{3,4}$/, 'municipality codes are 3 (FI) or 4 (NO, SE) digits')).min(1, 'give at least one code'));

/** Command-line options of `lokalkraft import …` (strings as parseArgs gives them). */
export const importOptionsSchema = z.object({
  'only-municipalities': codeList.optional(),
  'only-county': z
    .string()
    .regex(/^\d{2}$/, 'a county code has 2 digits')
    .optional(),
  'dry-run': z.boolean().default(false),
  strict: z.boolean().default(false),
  json: z.boolean().default(false),
  'batch-size': z.coerce.number().int().min(1).max(50_000).default(5000),
});

export interface ImportOptions {
  onlyMunicipalities?: string[];
  onlyCounty?: string;
  dryRun?: boolean;
  strict?: boolean;
  batchSize?: number;
  /** How many rejections to keep in the run log (all are counted). */
  keepRejections?: number;
  /** Parse in a worker thread: by default for files over 4 MB. */
  worker?: 'auto' | 'always' | 'never';
  /** Changed firms synced into the directory batch by batch before the run switches to one rebuild at the end. */
  incrementalSyncLimit?: number;
}

export interface ImportCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: number;
  skipped: number;
  ignored: number;
  linked: number;
}

export interface ImportSummary extends ImportCounts {
  runId: number | null;
  source: ImportSource;
  files: string[];
  status: Exclude<ImportRunStatus, 'running'>;
  dryRun: boolean;
  seconds: number;
  recordsPerSecond: number;
  /** Time the directory took to follow the run's changes (included in `seconds`). */
  directorySeconds: number;
  rejections: ImportRejection[];
  error?: string;
}

export interface ImportRunDto {
  id: number;
  source: ImportSource;
  fileName: string;
  startedAt: string;
  finishedAt: string | null;
  status: ImportRunStatus;
  read: number;
  created: number;
  updated: number;
  closed: number;
  rejected: number;
  skipped: number;
  ignored: number;
  linked: number;
  options: Record<string, unknown>;
  rejections: ImportRejection[];
  error: string | null;
}

export function toImportRunDto(row: {
  id: number;
  source: ImportSource;
  file_name: string;
  started_at: Date;
  finished_at: Date | null;
  status: ImportRunStatus;
  read_count: number;
  created_count: number;
  updated_count: number;
  closed_count: number;
  rejected_count: number;
  skipped_count: number;
  ignored_count: number;
  linked_count: number;
  options: Record<string, unknown>;
  rejections: ImportRejection[];
  error: string | null;
}): ImportRunDto {
  return {
    id: row.id,
    source: row.source,
    fileName: row.file_name,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    status: row.status,
    read: row.read_count,
    created: row.created_count,
    updated: row.updated_count,
    closed: row.closed_count,
    rejected: row.rejected_count,
    skipped: row.skipped_count,
    ignored: row.ignored_count,
    linked: row.linked_count,
    options: row.options ?? {},
    rejections: row.rejections ?? [],
    error: row.error,
  };
}
