import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formatDateTime, type TimeZone } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { msg } from './events.messages.js';
import type { EventDto, RegistrationDto } from './events.schemas.js';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP: CSV injection). */
export const neutraliseCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Participants as rows: header in the reader's language, one column per question. */
export function participantRows(event: EventDto, registrations: RegistrationDto[], l: Locale): string[][] {
  const zone = event.timeZone as TimeZone;
  const header = [
    msg.name[l],
    msg.email[l],
    msg.firm[l],
    msg.nationalId[l],
    msg.status[l],
    msg.walkIn[l],
    msg.checkedIn[l],
    msg.noShow[l],
    ...event.questions.map((q) => q.text),
  ];
  const rows = registrations.map((r) => [
    r.name,
    r.email ?? '',
    r.firmName ?? '',
    r.nationalId ?? '',
    msg[`reg_${r.status}`][l],
    r.walkIn ? 'x' : '',
    r.checkedInAt ? formatDateTime(r.checkedInAt, l, zone) : '',
    r.noShow ? 'x' : '',
    ...event.questions.map((q) => r.answers[q.key] ?? ''),
  ]);
  return [header, ...rows].map((row) => row.map(neutraliseCell));
}

/** UTF-8 with BOM so spreadsheet programs read ø/ä correctly. */
export function participantsCsv(rows: string[][]): string {
  return `\ufeff${stringify(rows, { record_delimiter: '\r\n' })}`;
}

export async function participantsXlsx(rows: string[][], sheetName: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Participants');
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 24;
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
