/**
 * The small-group rule. A count of answers is shown only when it is at least `k` AND nothing shown
 * elsewhere lets a reader work out a smaller group by subtraction:
 *
 * 1. A filtered base (e.g. municipality = Salla AND group = resident) is shown only when its count
 *    n ≥ k, and for each of its filters, dropping that filter gives a base whose difference from n
 *    is 0 or ≥ k (else "Salla" minus "Salla, residents" would reveal the few non-residents).
 * 2. In a breakdown (one row per municipality, say), a row below k is hidden; when exactly one row
 *    is hidden, the smallest shown row is hidden too (else total minus the shown rows reveals it),
 *    and so on until no hidden set is a single row.
 *
 * Pure functions, so the rule is tested on its own (surveys.suppression.test.ts).
 */
export type Filters = Record<string, string>;

/** Counts of respondents for any combination of filters (the results service reads them from the tallies). */
export type BaseCounter = (filters: Filters) => number;

export function isBaseShown(filters: Filters, count: BaseCounter, k: number): boolean {
  const n = count(filters);
  if (n < k) return false;
  for (const key of Object.keys(filters)) {
    const { [key]: _dropped, ...wider } = filters;
    const diff = count(wider) - n;
    if (diff > 0 && diff < k) return false;
  }
  return true;
}

/**
 * Which rows of a breakdown may be shown. `rows` are the breakdown's groups with their counts,
 * under the base `filters`; each row is also checked as a base of its own (rule 1), then rule 2
 * hides a second row when one would stand alone.
 */
export function shownRows(rows: { key: string; n: number }[], filters: Filters, dimension: string, count: BaseCounter, k: number): Set<string> {
  const shown = new Set(rows.filter((r) => r.n > 0 && isBaseShown({ ...filters, [dimension]: r.key }, count, k)).map((r) => r.key));
  const hidden = () => rows.filter((r) => r.n > 0 && !shown.has(r.key));
  // Rule 2: the total is shown, so a hidden set must never be a single row (its count would be the difference).
  while (hidden().length === 1 && shown.size > 0) {
    const smallest = [...shown].map((key) => rows.find((r) => r.key === key)!).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))[0];
    shown.delete(smallest.key);
  }
  // Hidden rows whose sum is below k would still be learnt as a sum; hide more until the hidden sum reaches k (or nothing is shown).
  const hiddenSum = () => hidden().reduce((s, r) => s + r.n, 0);
  while (hidden().length > 0 && hiddenSum() < k && shown.size > 0) {
    const smallest = [...shown].map((key) => rows.find((r) => r.key === key)!).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))[0];
    shown.delete(smallest.key);
  }
  return shown;
}
