import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Locale } from '../../shared/i18n/i18n.js';
import { neutraliseCell } from '../network/network.csv.js';
import { caseTypes, needs, statuses } from './coaching.codes.js';
import { msg } from './coaching.messages.js';
import type { CaseListItem } from './coaching.service.js';

/** The columns of a case list export, in the reader's language. */
function caseRows(items: CaseListItem[], l: Locale, places: Map<string, string>, orgs: Map<number, string>): string[][] {
  const header = [
    msg.firm[l],
    msg.nationalId[l],
    msg.title[l],
    msg.organisation[l],
    msg.municipality[l],
    msg.sector[l],
    msg.type[l],
    msg.needs[l],
    msg.status[l],
    msg.coaches[l],
    msg.openedOn[l],
    msg.closedOn[l],
  ];
  const rows = items.map((c) => [
    c.firmName + (c.isDemo ? ` ${msg.demo[l]}` : ''),
    c.nationalId,
    c.title,
    orgs.get(c.organisationId) ?? '',
    c.municipalityCode ? (places.get(`${c.country}:${c.municipalityCode}`) ?? c.municipalityCode) : '',
    c.sector ?? '',
    caseTypes[c.type as keyof typeof caseTypes]?.[l] ?? c.type,
    c.needs.map((n) => needs[n as keyof typeof needs]?.[l] ?? n).join(', '),
    statuses[c.status as keyof typeof statuses]?.[l] ?? c.status,
    c.coaches.join(', '),
    c.openedOn,
    c.closedOn ?? '',
  ]);
  // A cell a spreadsheet would run as a formula (= + - @ …) gets a leading apostrophe.
  return [header, ...rows].map((r) => r.map(neutraliseCell));
}

/** CSV with a BOM (Excel reads ø/ä/å) and CRLF line ends. */
export function casesToCsv(items: CaseListItem[], l: Locale, places: Map<string, string>, orgs: Map<number, string>): string {
  return `\ufeff${stringify(caseRows(items, l, places, orgs), { record_delimiter: '\r\n' })}`;
}

/** The same rows as an XLSX workbook; cells are written as strings (never formulas). */
export async function casesToXlsx(items: CaseListItem[], l: Locale, places: Map<string, string>, orgs: Map<number, string>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(msg.cases[l]);
  for (const row of caseRows(items, l, places, orgs)) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface FeedEvent {
  id: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
}

/** An iCalendar feed (RFC 5545) made by ical-generator; times in UTC, so every client shows them in its own zone. */
export function toICalendar(name: string, events: FeedEvent[]): string {
  const cal = ical({ name, prodId: { company: 'Lokalkraft', product: 'coaching', language: 'EN' }, method: ICalCalendarMethod.PUBLISH, ttl: 3600 });
  for (const e of events) cal.createEvent({ id: e.id, start: e.start, end: e.end, summary: e.summary, description: e.description, location: e.location });
  return cal.toString();
}
