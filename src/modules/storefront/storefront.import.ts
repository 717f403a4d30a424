import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError, type FieldIssue } from '../../shared/errors.js';
import { toFieldIssues } from '../../shared/http/validate.js';
import { msg } from './storefront.messages.js';
import type { ProductValues } from './storefront.repository.js';
import { fieldLabels, importRowSchema, type ImportRow } from './storefront.schemas.js';

export const maxImportRows = 5000;
export const maxImportBytes = 5 * 1024 * 1024;
const required = ['sku', 'name', 'category', 'price', 'vat_rate', 'stock'] as const;
/** At most this many problems are listed (a wholly wrong file would otherwise list thousands). */
const maxIssues = 50;

interface RawRow {
  line: number;
  values: Record<string, string>;
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

async function readXlsx(bytes: Uint8Array): Promise<{ header: string[]; rows: RawRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new AppError('validation', msg.notCsvOrXlsx, [{ field: 'file', label: fieldLabels.file, message: msg.notCsvOrXlsx }]);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    return String(v);
  };
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = text(cell.value).trim().toLowerCase()));
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    for (const [i, h] of header.entries()) if (h) values[h] = text(row.getCell(i + 1).value);
    if (Object.values(values).some((v) => v.trim() !== '')) rows.push({ line: n, values });
  });
  return { header, rows };
}

function readCsv(bytes: Uint8Array): { header: string[]; rows: RawRow[] } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new AppError('validation', msg.notCsvOrXlsx, [{ field: 'file', label: fieldLabels.file, message: msg.notCsvOrXlsx, ...(line ? { line } : {}) }]);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const rows: RawRow[] = [];
  records.slice(1).forEach((r, i) => {
    if (r.every((v) => v.trim() === '')) return;
    const values: Record<string, string> = {};
    for (const [j, h] of header.entries()) if (h) values[h] = r[j] ?? '';
    rows.push({ line: i + 2, values });
  });
  return { header, rows };
}

/**
 * A product list (CSV with , or ; — or the first sheet of an XLSX) → products with their variants.
 * Every problem names its line and column; one problem and nothing is imported (the caller writes
 * all products in one transaction only when this returns).
 */
export async function parseProductList(bytes: Uint8Array, defaults: { currency: string; language: string }): Promise<ProductValues[]> {
  const { header, rows } = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  const issues: FieldIssue[] = [];
  for (const column of required) if (!header.includes(column)) issues.push({ field: column, label: fieldLabels[column], message: msg.missingColumn, line: 1 });
  if (issues.length) throw new AppError('validation', msg.importFailed, issues);
  if (rows.length > maxImportRows)
    throw new AppError('validation', msg.importFailed, [{ field: 'file', label: fieldLabels.file, message: msg.tooManyRows, values: { max: maxImportRows } }]);
  const parsed: { line: number; row: ImportRow }[] = [];
  for (const raw of rows) {
    const result = importRowSchema.safeParse(raw.values);
    if (result.success) parsed.push({ line: raw.line, row: result.data });
    else for (const i of toFieldIssues(result.error, raw.values, { labels: fieldLabels })) if (issues.length < maxIssues) issues.push({ ...i, line: raw.line });
  }
  const bySku = new Map<string, { line: number; row: ImportRow }[]>();
  for (const p of parsed) bySku.set(p.row.sku, [...(bySku.get(p.row.sku) ?? []), p]);
  const products: ProductValues[] = [];
  for (const group of bySku.values()) {
    const first = group[0]!.row;
    const labels = new Set<string>();
    const repeated = group.find((g) => labels.size === labels.add(g.row.variant ?? '').size);
    if (repeated) {
      if (issues.length < maxIssues) issues.push({ field: 'variant', label: fieldLabels.variant, message: msg.duplicateVariant, line: repeated.line });
      continue;
    }
    const counted = group.filter((g) => g.row.stock !== null).length;
    if (counted !== 0 && counted !== group.length) {
      if (issues.length < maxIssues)
        issues.push({ field: 'stock', label: fieldLabels.stock, message: msg.mixedStock, line: group.find((g) => g.row.stock === null)!.line });
      continue;
    }
    const translations = Object.fromEntries(
      (['nb', 'sv', 'fi', 'en'] as const)
        .filter((l) => group[0]!.row[`name_${l}`] || (l === 'en' && first.description_en))
        .map((l) => [l, { name: first[`name_${l}`] ?? undefined, ...(l === 'en' && first.description_en ? { description: first.description_en } : {}) }]),
    );
    products.push({
      sku: first.sku,
      name: first.name,
      description: first.description,
      language: defaults.language,
      translations,
      category: first.category,
      priceMinor: first.price,
      vatBasisPoints: first.vat_rate,
      currency: defaults.currency,
      stockMode: counted ? 'count' : 'ask',
      offerPriceMinor: first.offer_price,
      offerFrom: first.offer_from,
      offerTo: first.offer_to,
      variants: group.map((g) => ({ label: g.row.variant ?? '', stock: g.row.stock })),
    });
  }
  if (issues.length) throw new AppError('validation', msg.importFailed, issues);
  return products;
}
