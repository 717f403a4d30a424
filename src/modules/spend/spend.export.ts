import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '../../shared/i18n/i18n.js';
import { bandOrder } from './spend.charts.js';
import { msg } from './spend.messages.js';
import { pivot, type ResultsDto } from './spend.service.js';

export const exportTables = ['shares', 'years', 'quarters', 'sectors', 'accounts', 'categories', 'suppliers', 'could-be-local', 'lm3'] as const;
export type ExportTable = (typeof exportTables)[number];

/** A cell a spreadsheet would run as a formula gets a leading apostrophe. */
const safe = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const euros = (minor: number) => Math.round(minor) / 100;

/** The same rows the page shows, for CSV and XLSX (amounts in the currency's units, 2 decimals). */
export function exportRows(r: ResultsDto, table: ExportTable, l: Locale): (string | number)[][] {
  const bandHeads = bandOrder.map((b) => msg[`band_${b}`][l]);
  const byKey = (rows: ReturnType<typeof pivot>, keyHead: string, name?: (k: string) => string) => [
    [keyHead, ...bandHeads, msg.total[l]],
    ...rows.map((p) => [name ? name(p.key) : p.key || msg.notKnown[l], ...bandOrder.map((b) => euros(p.byBand[b])), euros(p.total)]),
  ];
  switch (table) {
    case 'shares': {
      const t = pivot(r.total)[0];
      return [[msg.band[l], msg.amount[l]], ...bandOrder.map((b) => [msg[`band_${b}`][l], euros(t?.byBand[b] ?? 0)])];
    }
    case 'years':
      return byKey(pivot(r.byYear), msg.year[l]);
    case 'quarters':
      return byKey(pivot(r.byQuarter), msg.quarter[l]);
    case 'sectors':
      return byKey(pivot(r.bySection), msg.sector[l], (k) => r.bySection.find((s) => s.key === k)?.name || k || msg.notKnown[l]);
    case 'accounts':
      return byKey(pivot(r.byAccount), msg.account[l]);
    case 'categories':
      return byKey(pivot(r.byCategory), msg.category[l]);
    case 'suppliers':
      return [
        [msg.band[l], msg.supplier[l], msg.businessId[l], msg.placedBy[l], msg.amount[l], msg.lines[l]],
        ...r.top.map((t) => [
          msg[`band_${t.band}`][l],
          t.private ? msg.privatePersons[l] : (t.label ?? ''),
          t.supplierNo ?? '',
          t.basis ? msg[`basis_${t.basis as 'registered'}`][l] : '',
          euros(t.minor),
          t.lines,
        ]),
      ];
    case 'could-be-local':
      return [
        [msg.sector[l], msg.paidOutside[l], msg.outsideSuppliers[l], msg.accountsPaying[l], msg.localFirms[l]],
        ...r.couldBeLocal.map((c) => [
          `${c.division} ${c.divisionName}`,
          euros(c.minor),
          c.suppliers,
          c.accounts.join('; '),
          c.localFirms.map((f) => f.name).join('; '),
        ]),
      ];
    case 'lm3':
      return [
        [msg.roundCol[l], msg.amount[l], msg.respendShare[l]],
        [msg.round1[l], euros(r.lm3.round1), ''],
        [msg.round2[l], euros(r.lm3.round2), ''],
        [msg.round3[l], euros(r.lm3.round3), ''],
        ['LM3', r.lm3.lm3, ''],
        ...r.lm3.shares.map((s) => [s.name, euros(s.localMinor), `${Math.round(s.share * 100)} % (${s.entered ? msg.entered[l] : msg.assumed[l]})`]),
      ];
  }
}

export function toCsv(rows: (string | number)[][]): string {
  return `\uFEFF${stringify(
    rows.map((r) => r.map(safe)),
    { delimiter: ';' },
  )}`;
}

export async function toXlsx(rows: (string | number)[][], sheet: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  for (const r of rows) ws.addRow(r.map(safe));
  ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
