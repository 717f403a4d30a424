import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSymbol, codeAlphabet, entropyBits, generateCode, hasValidCheck, normaliseCode, printCode } from './giftcard.code.js';
import { expiryDate, isExpiredOn, legalDefaultValidity, validityMonthsOf } from './giftcard.validity.js';
import { redemptionFee } from './giftcard.ledger.js';
import { periodContaining } from './giftcard.period.js';
import { isValidIban } from './giftcard.pain001.js';

describe('gift-card codes', () => {
  it('carry at least 60 bits of randomness, spread evenly over the alphabet, and never repeat in 20 000', () => {
    assert.ok(entropyBits >= 60, `${entropyBits} bits`);
    const codes = Array.from({ length: 20_000 }, generateCode);
    assert.equal(new Set(codes).size, codes.length);
    const counts = new Map<string, number>();
    for (const c of codes) for (const ch of c.slice(0, -1)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    assert.equal(counts.size, 32, 'every symbol occurs');
    // chi-square against uniform, 31 degrees of freedom: p = 0.001 at 61.1
    const expected = (codes.length * 15) / 32;
    const chi = [...counts.values()].reduce((a, n) => a + (n - expected) ** 2 / expected, 0);
    assert.ok(chi < 61.1, `chi-square ${chi.toFixed(1)}`);
    for (const c of codes.slice(0, 100)) assert.ok(hasValidCheck(c));
  });

  it('the check symbol catches every single mistyped symbol and almost every swap of neighbours', () => {
    let swaps = 0;
    let caught = 0;
    for (const code of Array.from({ length: 300 }, generateCode)) {
      for (let i = 0; i < code.length; i++) {
        for (const ch of codeAlphabet) {
          if (ch === code[i]) continue;
          const typo = code.slice(0, i) + ch + code.slice(i + 1);
          assert.equal(hasValidCheck(typo), false, `${code} → ${typo}`);
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          swaps += 1;
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          if (!hasValidCheck(swapped)) caught += 1;
        }
      }
    }
    assert.ok(caught / swaps > 0.95, `${caught} of ${swaps} swaps caught`);
  });

  it('reads what people type: case, spaces, hyphens and the look-alikes O, I, L', () => {
    const code = generateCode();
    const printed = printCode(code);
    assert.match(printed, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(normaliseCode(` ${printed.toLowerCase()} `), code);
    const payload = '0123456789ABCDE';
    const withCheck = payload + checkSymbol(payload);
    assert.equal(normaliseCode(`o1l${withCheck.slice(3)}`.replace(/^o1l/, 'OIL')), `011${withCheck.slice(3)}`);
    assert.equal(normaliseCode('too-short'), undefined);
    assert.equal(normaliseCode('UUUU-UUUU-UUUU-UUUU'), undefined, 'U is not in the alphabet');
  });
});

describe('gift-card validity, fees, periods, accounts', () => {
  it('a stated period wins; without one Norway and Finland give 3 years and Sweden 10', () => {
    assert.equal(validityMonthsOf({ country: 'NO', validityMonths: null }), 36);
    assert.equal(validityMonthsOf({ country: 'SE', validityMonths: null }), 120);
    assert.equal(validityMonthsOf({ country: 'FI', validityMonths: null }), 36);
    assert.equal(validityMonthsOf({ country: 'SE', validityMonths: 24 }), 24);
    assert.equal(expiryDate({ country: 'NO', validityMonths: null }, '2026-12-02'), '2029-12-02');
    assert.equal(expiryDate({ country: 'SE', validityMonths: null }, '2026-12-02'), '2036-12-02');
    assert.equal(expiryDate({ country: 'NO', validityMonths: 12 }, '2024-02-29'), '2025-02-28', 'a leap day ends on the last day of February');
    assert.equal(isExpiredOn('2029-12-02', '2029-12-01'), false);
    assert.equal(isExpiredOn('2029-12-02', '2029-12-02'), true);
    for (const rule of Object.values(legalDefaultValidity)) assert.ok(rule.source.length > 10);
  });

  it('fees: percent rounded half up plus fixed, never more than the amount', () => {
    assert.equal(redemptionFee(18_000, 200, 0), 360);
    assert.equal(redemptionFee(125, 200, 0), 3); // 2.5 → 3
    assert.equal(redemptionFee(10_000, 150, 500), 650);
    assert.equal(redemptionFee(100, 0, 500), 100);
  });

  it('settlement periods are local months and ISO weeks', () => {
    const m = periodContaining('2026-03-15', 'month', 'Europe/Oslo');
    assert.equal(m.label, '2026-03');
    assert.equal(m.start.toISOString(), '2026-02-28T23:00:00.000Z');
    assert.equal(m.end.toISOString(), '2026-03-31T22:00:00.000Z', 'summer time starts in March');
    const w = periodContaining('2026-12-02', 'week', 'Europe/Stockholm');
    assert.equal(w.label, '2026-W49');
    assert.equal(w.start.toISOString(), '2026-11-29T23:00:00.000Z');
  });

  it('IBANs are checked by mod 97', () => {
    assert.equal(isValidIban('NO93 8601 1117 947'), true);
    assert.equal(isValidIban('NO93 8601 1117 948'), false);
    assert.equal(isValidIban('SE45 5000 0000 0583 9825 7466'), true);
  });
});
