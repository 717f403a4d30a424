import { readFileSync } from 'node:fs';
import { moduleDataPath } from '../../shared/paths.js';

/** The fields of a ledger line the analysis reads. */
export const ledgerFields = [
  'supplier_id',
  'supplier_name',
  'amount_net',
  'amount_gross',
  'date',
  'account',
  'account_name',
  'category',
  'buyer',
  'supplier_country',
] as const;
export type LedgerField = (typeof ledgerFields)[number];
/** field → column index in the file (absent: not in this file). */
export type ColumnMapping = Partial<Record<LedgerField, number>>;

export const isLedgerField = (v: string): v is LedgerField => (ledgerFields as readonly string[]).includes(v);

/** A header for comparison: lower case, accents folded (ä ö å stay), letters and digits only. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFC')
    .replace(/[éèê]/g, 'e')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .slice(0, 120);
}

let aliasIndex: Map<string, LedgerField> | undefined;
/** alias key → field, from data/header-aliases.json. */
export function aliases(): Map<string, LedgerField> {
  if (aliasIndex) return aliasIndex;
  const file = JSON.parse(readFileSync(moduleDataPath('spend', 'header-aliases.json'), 'utf8')) as Record<string, string[] | string>;
  aliasIndex = new Map();
  for (const [field, list] of Object.entries(file)) {
    if (!isLedgerField(field) || !Array.isArray(list)) continue;
    for (const a of list) if (!aliasIndex.has(headerKey(a))) aliasIndex.set(headerKey(a), field);
  }
  return aliasIndex;
}

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]!);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export type GuessSource = 'remembered' | 'alias' | 'similar' | 'none';

/**
 * The mapping guessed for a file's headers: what the organisation chose before for the same
 * header, else a known alias, else a close alias (a typo: one or two letters off, by length),
 * else nothing. Each field takes one column (the first, best guess wins).
 */
export function guessMapping(
  headers: string[],
  remembered: Map<string, LedgerField | 'ignore'>,
): { mapping: ColumnMapping; sources: Partial<Record<LedgerField, GuessSource>> } {
  const index = aliases();
  const candidates: { field: LedgerField; column: number; rank: number; source: GuessSource }[] = [];
  headers.forEach((h, column) => {
    const key = headerKey(h);
    if (!key) return;
    const mine = remembered.get(key);
    if (mine === 'ignore') return;
    if (mine) {
      candidates.push({ field: mine, column, rank: 0, source: 'remembered' });
      return;
    }
    const exact = index.get(key);
    if (exact) {
      candidates.push({ field: exact, column, rank: 1, source: 'alias' });
      return;
    }
    let best: { field: LedgerField; d: number } | undefined;
    const allowed = key.length >= 10 ? 2 : key.length >= 5 ? 1 : 0;
    if (allowed === 0) return;
    for (const [alias, field] of index) {
      const d = editDistance(key, alias, allowed);
      if (d <= allowed && (!best || d < best.d)) best = { field, d };
    }
    if (best) candidates.push({ field: best.field, column, rank: 1 + best.d, source: 'similar' });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.column - b.column);
  const mapping: ColumnMapping = {};
  const sources: Partial<Record<LedgerField, GuessSource>> = {};
  const used = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || used.has(c.column)) continue;
    mapping[c.field] = c.column;
    sources[c.field] = c.source;
    used.add(c.column);
  }
  return { mapping, sources };
}

/** What a mapping lacks before a file can be read: an amount, a date, and a supplier id or name. */
export function missingFields(mapping: ColumnMapping): ('amount' | 'date' | 'supplier')[] {
  const out: ('amount' | 'date' | 'supplier')[] = [];
  if (mapping.amount_net === undefined && mapping.amount_gross === undefined) out.push('amount');
  if (mapping.date === undefined) out.push('date');
  if (mapping.supplier_id === undefined && mapping.supplier_name === undefined) out.push('supplier');
  return out;
}
