/**
 * National firm numbers and their check digits:
 * - NO organisasjonsnummer: 9 digits, mod 11 with weights 3 2 7 6 5 4 3 2 (remainder 1 → invalid).
 * - SE organisationsnummer: 10 digits (NNNNNN-NNNN; a 12-digit form with a 16/19/20 prefix is accepted),
 *   Luhn over the 10 digits. Sole traders use the owner's personnummer, which has the same check.
 * - FI Y-tunnus: 7 digits, hyphen, check digit; mod 11 with weights 7 9 10 5 8 4 2 (remainder 1 → invalid).
 */
export type Country = 'NO' | 'SE' | 'FI';

export type NationalIdResult = { ok: true; value: string } | { ok: false; reason: string };

const label: Record<Country, string> = { NO: 'organisasjonsnummer', SE: 'organisationsnummer', FI: 'Y-tunnus' };

export function normalizeNationalId(country: Country, raw: string): NationalIdResult {
  const input = String(raw ?? '').trim();
  if (!input) return { ok: false, reason: `${label[country]} is empty` };
  switch (country) {
    case 'NO':
      return checkNorwegian(input);
    case 'SE':
      return checkSwedish(input);
    case 'FI':
      return checkFinnish(input);
  }
}

export function isValidNationalId(country: Country, raw: string): boolean {
  return normalizeNationalId(country, raw).ok;
}

function checkNorwegian(input: string): NationalIdResult {
  const digits = input.replace(/[\s.]/g, '').replace(/^NO/i, '').replace(/MVA$/i, '');
  if (!/^\d{9}$/.test(digits)) return { ok: false, reason: `organisasjonsnummer must be 9 digits, got "${input}"` };
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  if (check === 10 || check !== Number(digits[8])) return { ok: false, reason: `organisasjonsnummer ${digits} has a wrong check digit` };
  return { ok: true, value: digits };
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function checkSwedish(input: string): NationalIdResult {
  let digits = input.replace(/[\s-]/g, '').replace(/^SE/i, '');
  if (/^\d{12}$/.test(digits) && /^(16|19|20)/.test(digits)) digits = digits.slice(2);
  if (!/^\d{10}$/.test(digits)) return { ok: false, reason: `organisationsnummer must be 10 digits (NNNNNN-NNNN), got "${input}"` };
  if (!luhnValid(digits)) return { ok: false, reason: `organisationsnummer ${digits.slice(0, 6)}-${digits.slice(6)} has a wrong check digit` };
  return { ok: true, value: digits };
}

function checkFinnish(input: string): NationalIdResult {
  const compact = input.replace(/\s/g, '').replace(/^FI/i, '');
  const m = /^(\d{6,7})-?(\d)$/.exec(compact);
  if (!m) return { ok: false, reason: `Y-tunnus must look like 1234567-8, got "${input}"` };
  const body = m[1].padStart(7, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const rest = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0) % 11;
  if (rest === 1) return { ok: false, reason: `Y-tunnus ${body}-${m[2]} is not a valid number (remainder 1)` };
  const check = rest === 0 ? 0 : 11 - rest;
  if (check !== Number(m[2])) return { ok: false, reason: `Y-tunnus ${body}-${m[2]} has a wrong check digit` };
  return { ok: true, value: `${body}-${m[2]}` };
}

/** Display form: NO "811 553 352", SE "556677-8899", FI as stored. */
export function formatNationalId(country: Country, value: string): string {
  if (country === 'NO' && /^\d{9}$/.test(value)) return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
  if (country === 'SE' && /^\d{10}$/.test(value)) return `${value.slice(0, 6)}-${value.slice(6)}`;
  return value;
}

/** Builds a valid number from a body (for synthetic and demo data). */
export function completeNationalId(country: Country, body: number): string | undefined {
  if (country === 'NO') {
    const b = String(body % 1e8).padStart(8, '0');
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(b[i]), 0);
    const rest = sum % 11;
    const check = rest === 0 ? 0 : 11 - rest;
    return check === 10 ? undefined : b + check;
  }
  if (country === 'SE') {
    const b = String(body % 1e9).padStart(9, '0');
    for (let c = 0; c <= 9; c++) if (luhnValid(b + c)) return b + c;
    return undefined;
  }
  const b = String(body % 1e7).padStart(7, '0');
  const rest = [7, 9, 10, 5, 8, 4, 2].reduce((acc, w, i) => acc + w * Number(b[i]), 0) % 11;
  if (rest === 1) return undefined;
  return `${b}-${rest === 0 ? 0 : 11 - rest}`;
}
