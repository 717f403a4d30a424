import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError, type FieldIssue } from '../../shared/errors.js';
import { toFieldIssues } from '../../shared/http/validate.js';
import { neutraliseCell } from '../network/network.csv.js';
import { msg } from './navigator.messages.js';
import type { OfferRecord } from './navigator.offer-types.js';
import { offerRecordSchema } from './navigator.schemas.js';

/**
 * The catalogue as JSON (the data file's shape: `{ offers: [...] }`) and as CSV (one offer per
 * line; lists and objects as JSON in their cell, an empty cell = null). Import reads either and
 * checks every offer, naming the line (CSV) or the position (JSON) of each problem: all or nothing.
 */
export const csvColumns: (keyof OfferRecord)[] = [
  'id',
  'provider',
  'provider_national_id',
  'name',
  'name_en',
  'country',
  'kind',
  'areas',
  'sectors_included',
  'sectors_excluded',
  'size_bounds',
  'age_bounds',
  'stage',
  'amount_min',
  'amount_max',
  'currency',
  'aid_intensity',
  'deadline',
  'state_aid_basis',
  'url',
  'description',
  'description_local',
  'source',
  'source_type',
  'status_as_seen',
  'notes',
  'checked',
  'verified',
  'match',
];
const jsonColumns = new Set<keyof OfferRecord>(['areas', 'size_bounds', 'age_bounds', 'source', 'match']);
const numberColumns = new Set<keyof OfferRecord>(['amount_min', 'amount_max']);

export function offersToJson(offers: OfferRecord[]): string {
  return `${JSON.stringify({ offers }, null, 1)}\n`;
}

export function offersToCsv(offers: OfferRecord[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const rows = offers.map((o) => csvColumns.map((c) => neutraliseCell(cell(o[c]))));
  return `\ufeff${stringify([csvColumns, ...rows], { record_delimiter: '\r\n' })}`;
}

const tooMany = 5000;

/** Checks parsed offers; throws one validation error listing every problem with its line. */
function check(candidates: { line: number; value: unknown }[]): OfferRecord[] {
  const issues: FieldIssue[] = [];
  const out: OfferRecord[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const parsed = offerRecordSchema.safeParse(c.value);
    if (!parsed.success) {
      for (const i of toFieldIssues(parsed.error, c.value)) issues.push({ ...i, line: c.line });
      continue;
    }
    if (seen.has(parsed.data.id)) issues.push({ field: 'id', label: 'id', message: msg.importFormat, line: c.line });
    seen.add(parsed.data.id);
    out.push(parsed.data as OfferRecord);
  }
  if (issues.length) throw new AppError('validation', msg.importFormat, issues.slice(0, 50));
  return out;
}

const fileError = () => new AppError('validation', msg.importFormat, [{ field: 'file', label: msg.importFile, message: msg.importFormat }]);

export function parseOffersFile(bytes: Uint8Array): OfferRecord[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\ufeff/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      throw fileError();
    }
    const list = Array.isArray(doc) ? doc : (doc as { offers?: unknown })?.offers;
    if (!Array.isArray(list) || list.length > tooMany) throw fileError();
    return check(list.map((value, i) => ({ line: i + 1, value })));
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: false, bom: true, max_record_size: 200_000 }) as Record<string, string>[];
  } catch {
    throw fileError();
  }
  if (!rows.length || rows.length > tooMany || !('id' in rows[0]!)) throw fileError();
  return check(
    rows.map((row, i) => {
      const value: Record<string, unknown> = {};
      const issues: string[] = [];
      for (const c of csvColumns) {
        let raw = row[c] ?? '';
        if (/^'[=+\-@\t\r]/.test(raw)) raw = raw.slice(1);
        if (raw === '') value[c] = jsonColumns.has(c) && (c === 'areas' || c === 'source') ? [] : null;
        else if (jsonColumns.has(c)) {
          try {
            value[c] = JSON.parse(raw);
          } catch {
            issues.push(c);
            value[c] = undefined;
          }
        } else if (numberColumns.has(c)) value[c] = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
        else if (c === 'verified') value[c] = raw === 'true' ? true : raw === 'false' ? false : raw;
        else value[c] = raw;
      }
      return { line: i + 2, value };
    }),
  );
}
