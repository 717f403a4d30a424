import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../shared/i18n/i18n.js';
import { neutraliseCell } from '../network/network.csv.js';
import { msg } from './surveys.messages.js';
import type { QuestionResult } from './surveys.service.js';

/**
 * The results as a table (what the page shows, hidden cells included as "hidden"): one row per
 * question and answer, then the breakdown rows. CSV (UTF-8 with BOM, cells that a spreadsheet
 * would run as formulas neutralised) and XLSX.
 */
function rowsOf(results: QuestionResult[], l: Locale): (string | number)[][] {
  const header = [msg.question[l], msg.option[l], msg.count[l], msg.share[l], msg.breakdown[l]];
  const out: (string | number)[][] = [header];
  for (const r of results) {
    if (!r.shown) {
      out.push([r.title, msg.hiddenCell[l], '', '', '']);
      continue;
    }
    out.push([r.title, msg.answers[l], r.answered, '', '']);
    for (const o of r.options)
      out.push(o.n === null ? [r.title, o.label, msg.hiddenCell[l], '', ''] : [r.title, o.label, o.n, Math.round((o.share ?? 0) * 1000) / 1000, '']);
    for (const row of r.breakdown?.rows ?? []) {
      if (!row.shown) {
        out.push([r.title, msg.hiddenCell[l], '', '', row.label]);
        continue;
      }
      out.push([r.title, msg.answers[l], row.n ?? 0, '', row.label]);
      for (const o of r.options)
        out.push([
          r.title,
          o.label,
          row.options.get(o.value) ?? 0,
          row.n ? Math.round(((row.options.get(o.value) ?? 0) / row.n) * 1000) / 1000 : '',
          row.label,
        ]);
    }
  }
  return out;
}

export function resultsToCsv(results: QuestionResult[], l: Locale): string {
  const rows = rowsOf(results, l).map((r) => r.map((c) => (typeof c === 'string' ? neutraliseCell(c) : c)));
  return `\ufeff${stringify(rows, { record_delimiter: '\r\n' })}`;
}

export async function resultsToXlsx(results: QuestionResult[], l: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(msg.results[l]);
  for (const r of rowsOf(results, l)) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 48 : 18;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
