import { createHash } from 'node:crypto';
import { newEnterpriseYears, sizeClasses, supportRule, type Indicator, type SizeClass, type Template, type Unit } from './reporting.catalogue.js';
import type { FactKind, FirmFact } from './reporting.sources.js';

/**
 * The report's arithmetic, pure: facts from the sources + what is known of each firm's size →
 * the template's figures, the firms behind each, and what is missing. No database, no clock.
 */

/** A firm fact observed on a day (reporting_firm_facts). */
export interface Observation {
  observedOn: string;
  employees: number | null;
  turnoverMinor: number | null;
  /** Driftsresultat and lønnskostnader (Siva's value creation is their sum); absent in figures recorded before they were asked. */
  operatingResultMinor?: number | null;
  wageCostsMinor?: number | null;
  leaders: number | null;
  womenLeaders: number | null;
}

export interface RegistryFacts {
  employees: number | null;
  registeredOn: string | null;
}

export interface ComputeInput {
  template: Template;
  fromDay: string;
  toDay: string;
  facts: FirmFact[];
  totals: Record<string, number>;
  /** Per firm, ascending by day. */
  observations: Map<number, Observation[]>;
  registry: Map<number, RegistryFacts>;
}

export interface SplitValue {
  key: string;
  value: number;
  firmIds?: number[];
  /** When the part is in another unit than the figure (a share's money numerator and denominator). */
  unit?: Unit;
}

export interface IndicatorValue {
  key: string;
  code: string;
  unit: Unit;
  /** null: nothing to compute from (e.g. no turnover figures). */
  value: number | null;
  firmIds: number[];
  split?: SplitValue[];
}

export interface Missing {
  /** Firms counted without any size (neither a recorded figure nor the register's). */
  withoutSize: number[];
  /** Firms whose size is today's register value, not one recorded at the time of support. */
  sizeFromToday: number[];
  /** Firms with an outcome in the period that has no evidence. */
  outcomesWithoutEvidence: number[];
  /** Member firms without turnover figures at both ends of the period (turnover growth). */
  withoutTurnover: number[];
  /** Member firms without recorded leaders (share of women in leading roles). */
  withoutLeaders: number[];
  /** Member firms without operating result and wage costs at both ends of the period (value-creation growth). */
  withoutValueCreation?: number[];
}

export interface ReportResult {
  template: string;
  fromDay: string;
  toDay: string;
  indicators: IndicatorValue[];
  missing: Missing;
  /** Distinct firms behind any firm-based figure. */
  firmsCounted: number;
  /** Firm facts read from the sources (before counting once). */
  factsRead: number;
}

export const sizeClassOf = (employees: number): SizeClass => sizeClasses.find((c) => employees < c.below)?.key ?? 'large';

/** Coaching counts as support only when structured: enough meetings or enough time. */
export const countable = (f: FirmFact) => f.kind !== 'coaching.case' || f.count >= supportRule.minMeetings || f.quantity >= supportRule.minMinutes;

const latestOnOrBefore = (list: Observation[] | undefined, day: string, has: (o: Observation) => boolean) => {
  let found: Observation | undefined;
  for (const o of list ?? []) if (o.observedOn <= day && has(o)) found = o;
  return found;
};

const minusYears = (day: string, years: number) => `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
const round1 = (n: number) => Math.round(n * 10) / 10;
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/** The size class on a day: the latest recorded figure on or before it, else today's register value (flagged), else unknown. */
export function sizeOn(
  firmId: number,
  day: string,
  observations: Map<number, Observation[]>,
  registry: Map<number, RegistryFacts>,
): { size: SizeClass; fromToday: boolean } {
  const seen = latestOnOrBefore(observations.get(firmId), day, (o) => o.employees !== null);
  if (seen) return { size: sizeClassOf(seen.employees as number), fromToday: false };
  const now = registry.get(firmId)?.employees;
  if (now !== null && now !== undefined) return { size: sizeClassOf(now), fromToday: true };
  return { size: 'unknown', fromToday: false };
}

export function computeReport(input: ComputeInput): ReportResult {
  const { template, observations, registry } = input;
  const byKind = new Map<FactKind, FirmFact[]>();
  for (const f of input.facts) {
    if (!countable(f)) continue;
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }
  const withoutSize = new Set<number>();
  const sizeFromToday = new Set<number>();
  const counted = new Set<number>();
  const outcomesWithoutEvidence = new Set<number>();
  for (const f of input.facts) if (f.kind.startsWith('coaching.outcome.') && !f.evidenced) outcomesWithoutEvidence.add(f.firmId);
  const withoutTurnover = new Set<number>();
  const withoutLeaders = new Set<number>();
  const withoutValueCreation = new Set<number>();

  /** Each firm once, with the first day of its (countable) activity among these kinds (computed once per set of kinds). */
  const firstDayCache = new Map<string, Map<number, string>>();
  const firstDays = (kinds: FactKind[]) => {
    const key = kinds.join('|');
    const cached = firstDayCache.get(key);
    if (cached) return cached;
    const first = new Map<number, string>();
    firstDayCache.set(key, first);
    for (const k of kinds)
      for (const f of byKind.get(k) ?? []) {
        const seen = first.get(f.firmId);
        if (seen === undefined || f.firstOn < seen) first.set(f.firmId, f.firstOn);
      }
    return first;
  };
  const members = () => firstDays(['network.member']);
  // One firm's size is asked for by several indicators, nearly always on the same day: keep the last answer per firm.
  const sizes = new Map<number, { day: string; size: SizeClass; fromToday: boolean }>();
  const sizeCached = (firmId: number, day: string) => {
    const last = sizes.get(firmId);
    if (last && last.day === day) return last;
    const s = { day, ...sizeOn(firmId, day, observations, registry) };
    sizes.set(firmId, s);
    return s;
  };

  const one = (ind: Indicator): IndicatorValue => {
    const base = { key: ind.key, code: ind.code, unit: ind.unit };
    const rule = ind.rule;
    switch (rule.kind) {
      case 'firms': {
        const first = firstDays(rule.facts);
        const ids: number[] = [];
        const bySize = new Map<string, number[]>();
        for (const [firmId, day] of first) {
          const { size, fromToday } = sizeCached(firmId, day);
          if (rule.only === 'sme' && (size === 'large' || size === 'unknown')) continue;
          if (rule.only === 'new') {
            const registeredOn = registry.get(firmId)?.registeredOn;
            if (!registeredOn || registeredOn <= minusYears(day, newEnterpriseYears)) continue;
          }
          ids.push(firmId);
          counted.add(firmId);
          if (size === 'unknown') withoutSize.add(firmId);
          if (fromToday) sizeFromToday.add(firmId);
          const list = bySize.get(size) ?? [];
          list.push(firmId);
          bySize.set(size, list);
        }
        const split =
          rule.split === 'size'
            ? [...sizeClasses.map((c) => c.key), 'unknown' as const].map((k) => ({
                key: k,
                value: bySize.get(k)?.length ?? 0,
                firmIds: sorted(bySize.get(k) ?? []),
              }))
            : undefined;
        return { ...base, value: ids.length, firmIds: sorted(ids), ...(split ? { split } : {}) };
      }
      case 'sum':
      case 'count': {
        let total = 0;
        const ids = new Set<number>();
        for (const k of rule.facts)
          for (const f of byKind.get(k) ?? []) {
            total += rule.kind === 'sum' ? f.quantity : f.count;
            ids.add(f.firmId);
          }
        return { ...base, value: total, firmIds: sorted(ids) };
      }
      case 'total': {
        if (rule.split === 'gender') {
          const keys = ['woman', 'man', 'other', 'unknown'];
          const split = keys.map((g) => ({ key: g, value: input.totals[`${rule.total}.${g}`] ?? 0 }));
          return { ...base, value: split.reduce((s, x) => s + x.value, 0), firmIds: [], split };
        }
        // A count that is not of firms (groups), with the firms behind it for the drill-down.
        const behind = new Set<number>();
        for (const k of rule.firmsFrom ?? []) for (const f of byKind.get(k) ?? []) behind.add(f.firmId);
        return { ...base, value: input.totals[rule.total] ?? 0, firmIds: sorted(behind) };
      }
      case 'share': {
        const part = input.totals[rule.part] ?? 0;
        const whole = input.totals[rule.whole] ?? 0;
        return {
          ...base,
          value: whole > 0 ? round1((part / whole) * 100) : null,
          firmIds: [],
          split: [
            { key: 'part', value: part, unit: rule.partsUnit },
            { key: 'whole', value: whole, unit: rule.partsUnit },
          ],
        };
      }
      case 'member-employees': {
        let total = 0;
        const ids: number[] = [];
        for (const firmId of members().keys()) {
          const seen = latestOnOrBefore(observations.get(firmId), input.toDay, (o) => o.employees !== null);
          const employees = seen?.employees ?? registry.get(firmId)?.employees ?? null;
          if (employees === null) {
            withoutSize.add(firmId);
            continue;
          }
          if (!seen) sizeFromToday.add(firmId);
          total += employees;
          ids.push(firmId);
        }
        return { ...base, value: total, firmIds: sorted(ids) };
      }
      case 'member-turnover-growth': {
        let start = 0;
        let end = 0;
        const ids: number[] = [];
        for (const firmId of members().keys()) {
          const has = (o: Observation) => o.turnoverMinor !== null;
          const a = latestOnOrBefore(observations.get(firmId), input.fromDay, has);
          const b = latestOnOrBefore(observations.get(firmId), input.toDay, has);
          if (!a || !b || b.observedOn <= a.observedOn) {
            withoutTurnover.add(firmId);
            continue;
          }
          start += a.turnoverMinor as number;
          end += b.turnoverMinor as number;
          ids.push(firmId);
        }
        return { ...base, value: start > 0 ? round1(((end - start) / start) * 100) : null, firmIds: sorted(ids) };
      }
      case 'member-value-creation-growth': {
        // Siva: value creation = operating result + wage costs, from one recorded figure holding both.
        let start = 0;
        let end = 0;
        const ids: number[] = [];
        const has = (o: Observation) =>
          o.operatingResultMinor !== null && o.operatingResultMinor !== undefined && o.wageCostsMinor !== null && o.wageCostsMinor !== undefined;
        const value = (o: Observation) => (o.operatingResultMinor as number) + (o.wageCostsMinor as number);
        for (const firmId of members().keys()) {
          const a = latestOnOrBefore(observations.get(firmId), input.fromDay, has);
          const b = latestOnOrBefore(observations.get(firmId), input.toDay, has);
          if (!a || !b || b.observedOn <= a.observedOn) {
            withoutValueCreation.add(firmId);
            continue;
          }
          start += value(a);
          end += value(b);
          ids.push(firmId);
        }
        return { ...base, value: start > 0 ? round1(((end - start) / start) * 100) : null, firmIds: sorted(ids) };
      }
      case 'member-women-leaders': {
        let leaders = 0;
        let women = 0;
        const ids: number[] = [];
        for (const firmId of members().keys()) {
          const o = latestOnOrBefore(observations.get(firmId), input.toDay, (x) => x.leaders !== null && x.womenLeaders !== null);
          if (!o) {
            withoutLeaders.add(firmId);
            continue;
          }
          leaders += o.leaders as number;
          women += o.womenLeaders as number;
          ids.push(firmId);
        }
        return { ...base, value: leaders > 0 ? round1((women / leaders) * 100) : null, firmIds: sorted(ids) };
      }
    }
  };

  const indicators = template.indicators.map(one);
  return {
    template: template.key,
    fromDay: input.fromDay,
    toDay: input.toDay,
    indicators,
    missing: {
      withoutSize: sorted(withoutSize),
      sizeFromToday: sorted(sizeFromToday),
      outcomesWithoutEvidence: sorted(outcomesWithoutEvidence),
      withoutTurnover: sorted(withoutTurnover),
      withoutLeaders: sorted(withoutLeaders),
      withoutValueCreation: sorted(withoutValueCreation),
    },
    firmsCounted: counted.size,
    factsRead: input.facts.length,
  };
}

/**
 * The data version: a digest of everything the figures were computed from (facts, totals, the
 * size figures and register values used), so a frozen report says exactly which data it saw and a
 * rerun on unchanged data has the same version.
 */
export function dataVersion(input: ComputeInput): string {
  const h = createHash('sha256');
  // Sources list their facts in a fixed order (by firm), so no sorting is needed here; lines are
  // hashed in chunks (one update per line costs more than the hashing itself).
  let chunk: string[] = [];
  const push = (line: string) => {
    chunk.push(line);
    if (chunk.length >= 4096) {
      h.update(chunk.join('\n'));
      chunk = [];
    }
  };
  for (const f of input.facts) push(`${f.firmId}|${f.kind}|${f.firstOn}|${f.count}|${f.quantity}|${f.evidenced ? 1 : 0}`);
  for (const k of Object.keys(input.totals).sort()) push(`t|${k}|${input.totals[k]}`);
  for (const id of [...input.observations.keys()].sort((a, b) => a - b))
    for (const o of input.observations.get(id) ?? []) {
      // The value-creation figures only when recorded, so the version of data without them stays what it was.
      const vc = (o.operatingResultMinor ?? null) !== null || (o.wageCostsMinor ?? null) !== null ? `|${o.operatingResultMinor}|${o.wageCostsMinor}` : '';
      push(`o|${id}|${o.observedOn}|${o.employees}|${o.turnoverMinor}|${o.leaders}|${o.womenLeaders}${vc}`);
    }
  for (const id of [...input.registry.keys()].sort((a, b) => a - b)) {
    const r = input.registry.get(id);
    push(`r|${id}|${r?.employees}|${r?.registeredOn}`);
  }
  h.update(chunk.join('\n'));
  return h.digest('hex').slice(0, 16);
}

export interface IndicatorChange {
  key: string;
  code: string;
  before: number | null;
  after: number | null;
  added: number[];
  removed: number[];
}

/** What changed between a frozen result and a rerun: per indicator, the value and the firms that came or went. */
export function compareResults(before: ReportResult, after: ReportResult): IndicatorChange[] {
  const changes: IndicatorChange[] = [];
  for (const a of after.indicators) {
    const b = before.indicators.find((x) => x.key === a.key);
    const was = new Set(b?.firmIds ?? []);
    const now = new Set(a.firmIds);
    const added = a.firmIds.filter((id) => !was.has(id));
    const removed = (b?.firmIds ?? []).filter((id) => !now.has(id));
    if ((b?.value ?? null) !== a.value || added.length || removed.length)
      changes.push({ key: a.key, code: a.code, before: b?.value ?? null, after: a.value, added, removed });
  }
  return changes;
}
