import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../shared/i18n/i18n.js';
import { neutraliseCell } from '../network/network.csv.js';
import type { Template } from './reporting.catalogue.js';
import type { ReportResult } from './reporting.compute.js';
import { genderLabel, msg, partLabel, sizeLabel } from './reporting.messages.js';

/**
 * A report in the funder's layout: a few lines naming the funder, the subject, the period and the
 * data version, then one row per indicator (code, name, breakdown, value, unit) and one row per part
 * of its breakdown (ERDF's enterprise sizes, participants' gender). The column headings are in the
 * funder's language (ERDF's SFC2021 reports in English, Siva in Norwegian), the rest in the reader's.
 */
const funderLanguage: Partial<Record<Template['key'], Locale>> = { erdf: 'en', siva: 'nb' };

export interface ExportMeta {
  subject: string;
  from: string;
  to: string;
  version: string;
}

const headings: Record<Locale, string[]> = {
  nb: ['Kode', 'Indikator', 'Fordeling', 'Verdi', 'Enhet'],
  sv: ['Kod', 'Indikator', 'Fördelning', 'Värde', 'Enhet'],
  fi: ['Koodi', 'Indikaattori', 'Jakauma', 'Arvo', 'Yksikkö'],
  en: ['Code', 'Indicator', 'Breakdown', 'Value', 'Unit'],
};

/** Money figures are minor units; the files show major units with two decimals. */
const shown = (unit: string, v: number | null): number | string => (v === null ? '' : unit === 'money' ? Math.round(v) / 100 : v);

export function reportRows(template: Template, result: ReportResult, meta: ExportMeta, l: Locale): (string | number)[][] {
  const fl = funderLanguage[template.key] ?? l;
  const rows: (string | number)[][] = [
    [template.funder[fl], template.name[fl]],
    [meta.subject],
    [`${meta.from} – ${meta.to}`],
    [`${msg.dataVersion[fl]}: ${meta.version}`],
    [],
    headings[fl],
  ];
  for (const ind of result.indicators) {
    const def = template.indicators.find((i) => i.key === ind.key);
    const name = def?.name[fl] ?? ind.key;
    rows.push([ind.code, name, '', shown(ind.unit, ind.value), ind.unit]);
    for (const s of ind.split ?? []) {
      const kind = def?.rule.kind;
      const label = kind === 'total' ? genderLabel(s.key, fl) : kind === 'share' ? partLabel(s.key, fl) : sizeLabel(s.key, fl);
      // A share's parts are in their own unit (the local share of spend: money beside the per cent).
      rows.push([ind.code, name, label, shown(s.unit ?? ind.unit, s.value), s.unit ?? ind.unit]);
    }
  }
  return rows;
}

export function reportToCsv(template: Template, result: ReportResult, meta: ExportMeta, l: Locale): string {
  const rows = reportRows(template, result, meta, l).map((r) => r.map((c) => (typeof c === 'string' ? neutraliseCell(c) : c)));
  return `\ufeff${stringify(rows, { record_delimiter: '\r\n', delimiter: ';' })}`;
}

export async function reportToXlsx(template: Template, result: ReportResult, meta: ExportMeta, l: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(template.key.toUpperCase());
  const rows = reportRows(template, result, meta, l);
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(6).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 56 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
