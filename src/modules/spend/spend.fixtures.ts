import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Ledger files in the published layouts, made in the tests (values invented): the Finnish municipal
 * purchase-invoice guide (Kuntaliitto / six-city, 2015 and 2021), the State Treasury's
 * tutkihankintoja export, the Swedish leverantörsreskontra spec and a Norwegian KOSTRA-style export.
 */
export type Row = (string | number)[];

/** Windows-1252 bytes of a string (the characters a Nordic ledger uses). */
export function cp1252(text: string): Buffer {
  const high: Record<string, number> = { '€': 0x80, '–': 0x96, '—': 0x97, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, Š: 0x8a, š: 0x9a, Ž: 0x8e, ž: 0x9e };
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    out[i] = high[ch] ?? (code < 256 ? code : 0x3f);
  }
  return out;
}

export function csv(
  header: string[],
  rows: Row[],
  options: { delimiter?: string; eol?: string; bom?: boolean; encoding?: 'utf-8' | 'windows-1252'; gzip?: boolean } = {},
): Buffer {
  const d = options.delimiter ?? ';';
  const eol = options.eol ?? '\r\n';
  const quote = (v: string | number) => {
    const s = String(v);
    return s.includes(d) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(quote).join(d)).join(eol) + eol;
  let bytes = options.encoding === 'windows-1252' ? cp1252(text) : Buffer.from(text, 'utf8');
  if (options.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  return options.gzip ? gzipSync(bytes) : bytes;
}

export async function xlsx(header: string[], rows: (string | number | Date)[][], options: { gzip?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ostot');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return options.gzip ? gzipSync(bytes) : bytes;
}

export const layouts = {
  /** Kuntaliitto / six-city guide, 2021 version. */
  kuntaliitto2021: [
    'Tositepäivämäärä',
    'Toimittajan Y-tunnus',
    'Toimittajan nimi',
    'Tilin nimi',
    'Palveluluokka',
    'Summa ALV0 euroina',
    'Kokonaissumma euroina',
  ],
  /** The 2015 version, as a council exported it a quarter later: renamed, one typo, no gross amount. */
  kuntaliitto2015drift: ['Tositepvm', 'Toimittajan Y-tunus', 'Toimittaja', 'Tili', 'Tilin nimi', 'Summa ALV 0 euroina'],
  /** State Treasury tutkihankintoja export. */
  tutkihankintoja: [
    'Tilikausi',
    'Kirjanpitoyksikkö',
    'Toimittajan nimi',
    'Toimittajan Y-tunnus',
    'Toimittajan maa',
    'Hankintakategoria',
    'Tili',
    'Tositepäivämäärä',
    'Summa (EUR)',
  ],
  /** Swedish open-data spec for leverantörsreskontra. */
  leverantorsreskontra: ['kommun_id', 'bokforingsdatum', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'nettobelopp'],
  /** Norwegian KOSTRA-style export. */
  kostra: ['Bilagsdato', 'Org. nr.', 'Leverandør', 'Art', 'Funksjon', 'Beløp'],
};
