import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isBaseShown, shownRows, type Filters } from './surveys.suppression.js';

/** 40 respondents: municipality × group. Salla has 12 residents and 3 holiday-home owners. */
const people: { municipality: string; group: string }[] = [
  ...Array(12).fill({ municipality: 'salla', group: 'resident' }),
  ...Array(3).fill({ municipality: 'salla', group: 'holiday' }),
  ...Array(20).fill({ municipality: 'kemijarvi', group: 'resident' }),
  ...Array(5).fill({ municipality: 'posio', group: 'resident' }),
];
const count = (filters: Filters) => people.filter((p) => Object.entries(filters).every(([k, v]) => p[k as 'municipality' | 'group'] === v)).length;
const k = 10;

describe('the small-group rule', () => {
  it('hides a group below the limit and shows one at it', () => {
    assert.equal(isBaseShown({ municipality: 'posio' }, count, k), false, '5 answers');
    assert.equal(isBaseShown({ municipality: 'kemijarvi' }, count, k), true, '20 answers');
    assert.equal(isBaseShown({}, count, k), true, 'everyone');
  });

  it('does not show "Salla, residents" (12) when "Salla" (15) is shown: the difference is 3 people', () => {
    assert.equal(isBaseShown({ municipality: 'salla' }, count, k), true);
    assert.equal(isBaseShown({ municipality: 'salla', group: 'resident' }, count, k), false);
  });

  it('shows a filtered group whose complement is empty (all of Kemijärvi are residents)', () => {
    assert.equal(isBaseShown({ municipality: 'kemijarvi', group: 'resident' }, count, k), true);
  });

  it('never leaves one hidden row in a breakdown to be worked out from the total', () => {
    // By municipality: Posio (5) is below the limit; Salla (15) and Kemijärvi (20) are not. With only
    // Posio hidden, total − Salla − Kemijärvi = Posio: the smallest shown row (Salla) goes too.
    const rows = [
      { key: 'salla', n: 15 },
      { key: 'kemijarvi', n: 20 },
      { key: 'posio', n: 5 },
    ];
    const shown = shownRows(rows, {}, 'municipality', count, k);
    assert.deepEqual([...shown].sort(), ['kemijarvi']);
    const hiddenSum = rows.filter((r) => !shown.has(r.key)).reduce((s, r) => s + r.n, 0);
    assert.ok(hiddenSum >= k, 'what can be worked out is a group of at least k');
  });

  it('every subtraction of shown figures in the breakdowns gives 0 or at least k', () => {
    // Try every breakdown a reader can ask for and collect the shown counts; any two nested shown
    // bases must differ by 0 or ≥ k, and no hidden remainder of a breakdown may be below k.
    const bases: Filters[] = [{}];
    for (const m of ['salla', 'kemijarvi', 'posio']) bases.push({ municipality: m });
    for (const g of ['resident', 'holiday']) bases.push({ group: g });
    for (const m of ['salla', 'kemijarvi', 'posio']) for (const g of ['resident', 'holiday']) bases.push({ municipality: m, group: g });
    const shown = bases.filter((b) => isBaseShown(b, count, k));
    for (const a of shown)
      for (const b of shown) {
        const nested = Object.entries(a).every(([key, v]) => b[key] === v);
        if (!nested || a === b) continue;
        const diff = count(a) - count(b);
        assert.ok(diff === 0 || diff >= k, `${JSON.stringify(a)} − ${JSON.stringify(b)} = ${diff}`);
      }
    for (const dim of ['municipality', 'group'] as const) {
      const keys = [...new Set(people.map((p) => p[dim]))];
      const rows = keys.map((key) => ({ key, n: count({ [dim]: key }) }));
      const visible = shownRows(rows, {}, dim, count, k);
      const remainder = rows.filter((r) => !visible.has(r.key)).reduce((s, r) => s + r.n, 0);
      assert.ok(remainder === 0 || remainder >= k, `${dim}: hidden remainder ${remainder}`);
    }
  });
});
