import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../shared/i18n/i18n.js';
import { msg } from './network.messages.js';
import { formatMinor, type MembershipDto } from './network.schemas.js';

/**
 * A cell that a spreadsheet would run as a formula (starts with = + - @, or a tab or carriage
 * return that some programs skip before one) gets a leading apostrophe, so it shows as text.
 * (OWASP: CSV injection.)
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The member list as CSV with a header row in the reader's language; UTF-8 with BOM so Excel reads ø/ä correctly. */
export function membersToCsv(members: MembershipDto[], l: Locale): string {
  const header = [msg.firm[l], msg.orgnr[l], msg.municipality[l], msg.tier[l], msg.status[l], msg.validFrom[l], msg.validTo[l], msg.fee[l], msg.currency[l]];
  const rows = members.map((m) => [
    m.firm.name,
    m.firm.orgnr,
    m.firm.municipalityName ?? '',
    m.tier,
    m.status,
    m.validFrom,
    m.validTo ?? '',
    m.feeMinor === null ? '' : formatMinor(m.feeMinor, null),
    m.currency ?? '',
  ]);
  return (
    '\ufeff' +
    stringify(
      [header, ...rows].map((r) => r.map(neutraliseCell)),
      { record_delimiter: '\r\n' },
    )
  );
}
