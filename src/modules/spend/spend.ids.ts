import { luhnValid, normalizeNationalId } from '../registry/national-id.js';

/**
 * What a ledger's supplier-id cell is. Firm numbers of the three countries in any of their
 * written forms (`NO 123 456 789 MVA`, `123456789`, `FI12345678`, `1234567-8`, `556677-8899`,
 * `SE556677889901`) become { kind: 'firm', country, nationalId }. An IBAN or a personal identity
 * number is refused as a firm id (kind 'iban' / 'person'): the row then counts as a payment to a
 * private person (never named). Anything else is an internal supplier number (kind 'internal').
 */
export type SupplierId =
  | { kind: 'firm'; country: 'NO' | 'SE' | 'FI'; nationalId: string }
  | { kind: 'foreign'; country: string; vat: string }
  | { kind: 'iban' }
  | { kind: 'person' }
  | { kind: 'internal'; value: string }
  | { kind: 'none' };

const ibanLengths: Record<string, number> = { NO: 15, SE: 24, FI: 18, DK: 18, DE: 22, EE: 20, GB: 22, FR: 27, NL: 18, IS: 26, LT: 20, LV: 21, PL: 28 };

export function isIban(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const expected = ibanLengths[compact.slice(0, 2)];
  if (expected && compact.length !== expected) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** Swedish personnummer / samordningsnummer (10 digits, month 01–12, day 01–31 or 61–91, Luhn). */
function isSwedishPerson(d10: string): boolean {
  const month = Number(d10.slice(2, 4));
  const day = Number(d10.slice(4, 6));
  return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91)) && luhnValid(d10);
}

/** Norwegian fødselsnummer / D-nummer: 11 digits with two mod-11 check digits. */
function isNorwegianPerson(d11: string): boolean {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const k = (w: number[]) => {
    const r = 11 - (w.reduce((a, x, i) => a + x * Number(d11[i]), 0) % 11);
    return r === 11 ? 0 : r;
  };
  return k(w1) === Number(d11[9]) && k(w2) === Number(d11[10]);
}

/** Finnish henkilötunnus: DDMMYY, century sign (+ - A–F, U–Y), three digits, check character. */
const finnishPerson = /^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-Y]$/;

export function parseSupplierId(raw: string | null | undefined, homeCountry: string): SupplierId {
  const input = String(raw ?? '').trim();
  if (!input) return { kind: 'none' };
  const upper = input.toUpperCase();
  if (finnishPerson.test(upper)) return { kind: 'person' };
  const compact = upper.replace(/[\s.\u00a0]/g, '');
  if (isIban(compact)) return { kind: 'iban' };
  const bare = compact.replace(/-/g, '');
  // Country-prefixed VAT forms.
  let m = /^NO(\d{9})(MVA)?$/.exec(bare) ?? (/^(\d{9})MVA$/.exec(bare) as RegExpExecArray | null);
  if (m) return firmOr('NO', m[1], input);
  m = /^SE(\d{10})(01)?$/.exec(bare);
  if (m) return firmOr('SE', m[1], input);
  m = /^FI(\d{8})$/.exec(bare);
  if (m) return firmOr('FI', `${m[1].slice(0, 7)}-${m[1][7]}`, input);
  const foreign = /^([A-Z]{2})([0-9A-Z]{6,14})$/.exec(bare);
  if (foreign && !['NO', 'SE', 'FI'].includes(foreign[1]) && /\d{5}/.test(foreign[2])) return { kind: 'foreign', country: foreign[1], vat: bare };
  // Bare numbers.
  if (/^\d{6,7}-\d$/.test(compact)) return firmOr('FI', compact, input);
  if (/^\d{11}$/.test(bare) && isNorwegianPerson(bare)) return { kind: 'person' };
  if (/^(19|20)\d{10}$/.test(bare) && isSwedishPerson(bare.slice(2))) return { kind: 'person' };
  if (/^\d{6}-?\d{4}$/.test(compact)) {
    const d10 = bare;
    if (Number(d10[2]) >= 2 && luhnValid(d10)) return { kind: 'firm', country: 'SE', nationalId: d10 };
    if (isSwedishPerson(d10)) return { kind: 'person' };
  }
  if (/^\d{9}$/.test(bare) && normalizeNationalId('NO', bare).ok) return { kind: 'firm', country: 'NO', nationalId: bare };
  if (/^\d{8}$/.test(bare) && homeCountry === 'FI') {
    const fi = normalizeNationalId('FI', `${bare.slice(0, 7)}-${bare[7]}`);
    if (fi.ok) return { kind: 'firm', country: 'FI', nationalId: fi.value };
  }
  return { kind: 'internal', value: input.slice(0, 60) };
}

function firmOr(country: 'NO' | 'SE' | 'FI', digits: string, input: string): SupplierId {
  const r = normalizeNationalId(country, digits);
  return r.ok ? { kind: 'firm', country, nationalId: r.value } : { kind: 'internal', value: input.slice(0, 60) };
}

/** Words that mark a row as a private person or anonymised (the name is never shown). */
const privateMarkers =
  /(?<![\p{L}\p{N}])(anonymisoitu|yksityishenkilö|yksityishenkilöt|henkilöasiakas|salattu|privatperson|privatpersoner|skyddad|skyddade personuppgifter|sekretess|anonymiserad|anonymisert|anonymised|anonymized|private person|redacted)(?![\p{L}\p{N}])/iu;

export function looksPrivate(name: string | null | undefined): boolean {
  return !!name && privateMarkers.test(name.normalize('NFC'));
}

const legalForms = new Set([
  'oy',
  'oyj',
  'ab',
  'abp',
  'ky',
  'ay',
  'tmi',
  'osk',
  'ry',
  'as',
  'asa',
  'ans',
  'da',
  'enk',
  'sa',
  'ba',
  'nuf',
  'hb',
  'kb',
  'ek',
  'för',
  'aktiebolag',
  'aktieselskap',
  'osakeyhtiö',
  'kommandiittiyhtiö',
  'avoin',
  'yhtiö',
  'toiminimi',
  'handelsbolag',
  'kommanditbolag',
  'ltd',
  'limited',
  'inc',
  'gmbh',
  'plc',
  'co',
  'company',
]);

/** A name for matching: lower case, accents folded (not å ä ö æ ø), punctuation and legal forms removed. */
export function normaliseName(name: string): string {
  const folded = name
    .toLowerCase()
    .normalize('NFC')
    .replace(/[éèêë]/g, 'e')
    .replace(/[áàâ]/g, 'a')
    .replace(/[üú]/g, 'u')
    .replace(/[ïí]/g, 'i')
    .replace(/[óò]/g, 'o')
    .replace(/&/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded
    .split(' ')
    .filter((w) => w && !legalForms.has(w))
    .join(' ');
}

/** Similarity of two normalised names (Dice coefficient over character bigrams), 0–1. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  const grams = (s: string) => {
    const g = new Map<string, number>();
    const t = ` ${s} `;
    for (let i = 0; i < t.length - 1; i++) g.set(t.slice(i, i + 2), (g.get(t.slice(i, i + 2)) ?? 0) + 1);
    return g;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const [k, n] of ga) {
    common += Math.min(n, gb.get(k) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total ? (2 * common) / total : 0;
}
