import { DateTime } from 'luxon';
import { parseMoneyToMinor } from '../../shared/forms.js';

/**
 * One procurement notice as both readers (eForms UBL 2.3 XML, OCDS 1.1 JSON) hand it over: the
 * fields Lokalkraft keeps, already normalised (ISO dates with offsets, money in minor units,
 * CPV as 8-digit strings, NUTS codes upper-case, two-letter languages). Imports the same way
 * whatever the format; the repository stores it as one row keyed by `key`.
 */
export type NoticeKind = 'planning' | 'competition' | 'result' | 'change';

export interface ParsedLot {
  id: string;
  title: string | null;
  cpv: string[];
  nuts: string[];
  estimatedMinor: number | null;
  currency: string | null;
  deadline: string | null;
}

export interface ParsedAward {
  lotId: string | null;
  winnerName: string | null;
  winnerNationalId: string | null;
  valueMinor: number | null;
  currency: string | null;
}

export interface ParsedNotice {
  source: 'eforms' | 'ocds';
  /** What a later version of the same notice shares: eForms notice id (or the id a change notice changes), OCDS ocid. */
  key: string;
  /** The publication's own number (Doffin / TED id), shown to people. */
  noticeNumber: string;
  /** Orders versions of one key: eForms VersionID, OCDS release date. */
  version: string;
  publishedAt: string | null;
  kind: NoticeKind;
  noticeType: string;
  procedure: string | null;
  language: string | null;
  title: string;
  description: string | null;
  buyerName: string | null;
  buyerNationalId: string | null;
  buyerCountry: string | null;
  cpvMain: string | null;
  cpvAdditional: string[];
  nuts: string[];
  /** Place of performance as written (town, street, region text). */
  places: string[];
  estimatedMinor: number | null;
  currency: string | null;
  deadline: string | null;
  links: string[];
  lots: ParsedLot[];
  awards: ParsedAward[];
}

/** A bad notice or file: which file, which notice (when known), which element, what is wrong. */
export class NoticeFormatError extends Error {
  constructor(
    readonly file: string,
    readonly notice: string | null,
    readonly element: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: notice ${notice ?? '(unknown)'}, element ${element}: ${problem}`);
  }
}

const languageCodes: Record<string, string> = { NOB: 'nb', NNO: 'nb', NOR: 'nb', NO: 'nb', FIN: 'fi', SWE: 'sv', ENG: 'en', DAN: 'da', DEU: 'de' };
/** 'NOB' / 'nb' / 'no' → 'nb'; unknown three-letter codes lower-cased. */
export function normaliseLanguage(code: string | null | undefined): string | null {
  if (!code) return null;
  const up = code.trim().toUpperCase();
  return languageCodes[up] ?? (up.length === 2 ? up.toLowerCase() : up.toLowerCase());
}

const countryCodes: Record<string, string> = { NOR: 'NO', SWE: 'SE', FIN: 'FI', DNK: 'DK', DEU: 'DE', ISL: 'IS' };
export const normaliseCountry = (code: string | null | undefined): string | null =>
  code ? (countryCodes[code.trim().toUpperCase()] ?? code.trim().toUpperCase().slice(0, 2)) : null;

/** "32000000.00" → 3200000000 (minor units, no floats); null for anything that is not a plain amount. */
export function amountToMinor(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const s = typeof text === 'number' ? (Number.isFinite(text) ? text.toFixed(2) : '') : text;
  return parseMoneyToMinor(s);
}

/** CPV "45000000-7" / "45000000" → "45000000"; null unless 8 digits. */
export function normaliseCpv(code: string | null | undefined): string | null {
  const m = /^\s*(\d{8})(?:-\d)?\s*$/.exec(code ?? '');
  return m ? m[1]! : null;
}

/** Organisation numbers as written in notices ("921 707 134", "NO943184097MVA", "0123456-7") → digits (FI keeps its dash). */
export function normaliseNationalId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const fi = /(\d{7})-(\d)/.exec(raw);
  if (fi) return `${fi[1]}-${fi[2]}`;
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 9 || digits.length === 10) return digits;
  if (digits.length === 12 && /^SE/i.test(raw.trim())) return digits.slice(0, 10);
  return null;
}

const zoneOfCountry: Record<string, string> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' };

/**
 * An eForms date ("2022-11-25+02:00") and time ("12:00:00+02:00") → ISO instant. Without an offset
 * the time is read in the buyer's country's zone (TED's convention is CET; Nordic buyers write local time).
 */
export function combineDateTime(date: string | null, time: string | null, country: string | null, endOfDay = false): string | null {
  if (!date) return null;
  const d = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(date.trim());
  if (!d) return null;
  const t = time ? /^(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(time.trim()) : null;
  const clock = t ? t[1]! : endOfDay ? '23:59:59' : '00:00:00';
  const offset = t?.[2] ?? d[2];
  const zone = offset ? (offset === 'Z' ? 'UTC' : `UTC${offset}`) : (zoneOfCountry[country ?? ''] ?? 'Europe/Oslo');
  const dt = DateTime.fromISO(`${d[1]}T${clock}`, { zone });
  return dt.isValid ? dt.toUTC().toISO() : null;
}

/** An ISO timestamp with or without offset → UTC ISO; null when it is not one. */
export function normaliseTimestamp(text: string | null | undefined, country: string | null = null): string | null {
  if (!text) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text.trim());
  const dt = DateTime.fromISO(text.trim(), hasZone ? { setZone: true } : { zone: zoneOfCountry[country ?? ''] ?? 'Europe/Oslo' });
  return dt.isValid ? dt.toUTC().toISO() : null;
}

export const uniq = <T>(xs: (T | null | undefined)[]): T[] => [...new Set(xs.filter((x): x is T => x !== null && x !== undefined && x !== ''))];
