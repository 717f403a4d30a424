import { randomBytes } from 'node:crypto';

/**
 * Card codes: 15 random symbols of Crockford's base-32 alphabet (75 bits from the operating
 * system's CSPRNG; 32 divides 256, so `byte & 31` is unbiased) and one Luhn mod 32 check symbol,
 * printed as four groups of four. Typing is forgiving: case, spaces and hyphens are ignored and
 * the look-alikes I, L → 1 and O → 0 are read as Crockford prescribes.
 */
export const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = codeAlphabet.length; // 32
export const randomSymbols = 15;
export const entropyBits = randomSymbols * Math.log2(N);

const symbolValue = (ch: string) => codeAlphabet.indexOf(ch);

/** Luhn mod N over the symbols (from the right, every second doubled and folded in base N). */
export function checkSymbol(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    let addend = factor * symbolValue(payload[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return codeAlphabet[(N - (sum % N)) % N]!;
}

export function generateCode(): string {
  const bytes = randomBytes(randomSymbols);
  let payload = '';
  for (const b of bytes) payload += codeAlphabet[b & 31];
  return payload + checkSymbol(payload);
}

/** What a person typed → the stored form (16 symbols), or undefined when it cannot be a code. */
export function normaliseCode(typed: string): string | undefined {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (s.length !== randomSymbols + 1) return undefined;
  for (const ch of s) if (symbolValue(ch) < 0) return undefined;
  return s;
}

/** True when the last symbol is the check symbol of the others. */
export function hasValidCheck(code: string): boolean {
  return checkSymbol(code.slice(0, -1)) === code.slice(-1);
}

/** "ABCD-EFGH-JKMN-PQRS" for print and screen. */
export const printCode = (code: string) => code.match(/.{1,4}/g)!.join('-');
