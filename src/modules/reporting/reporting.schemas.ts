import { z } from 'zod';
import { blankToNull, dateQuery, isoDate, optionalPlainText, parseMoneyToMinor, plainText, wholeNumber } from '../../shared/forms.js';
import { templateKeys } from './reporting.catalogue.js';
import { msg } from './reporting.messages.js';

/** Zod at the edges of the reporting module. */

/** A report's period in the query (`?from=2026-07-01&to=2026-12-31`); blank: the current half-year. */
export const periodQuerySchema = z.object({ from: dateQuery, to: dateQuery }).superRefine((v, ctx) => {
  if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], params: { text: msg.endsBeforeStart } });
  if (v.from && v.to && Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4)) > 10)
    ctx.addIssue({ code: 'custom', path: ['to'], params: { text: msg.periodTooLong } });
});
export const periodLabels = { from: msg.from, to: msg.to };

/** A report's scope in the URL: `org-12` (an organisation's own report) or `project-3`. */
export type ScopeRef = { kind: 'org'; id: number } | { kind: 'project'; id: number };
export const parseScopeRef = (text: string): ScopeRef | undefined => {
  const m = /^(org|project)-(\d{1,15})$/.exec(text);
  return m ? { kind: m[1] as 'org' | 'project', id: Number(m[2]) } : undefined;
};
export const scopeKey = (s: ScopeRef) => `${s.kind}-${s.id}`;

export const purposes = ['verify', 'follow_up', 'audit'] as const;
export const drilldownQuerySchema = z.object({
  indicator: z.preprocess(blankToNull, z.string().trim().max(40).nullable().optional()),
  split: z.preprocess(blankToNull, z.string().trim().max(20).nullable().optional()),
  purpose: z.preprocess(blankToNull, z.enum(purposes).nullable().optional()).transform((v) => v ?? undefined),
});

export interface FunderLine {
  template: string;
  funderName: string;
  budgetMinor: number;
  currency: string;
}

/** "template;name;amount;currency" lines → funder lines; a bad line is named by its number. */
function parseFunderLines(text: string, ctx: z.RefinementCtx): FunderLine[] {
  const out: FunderLine[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const [template, name, amount, currency] = line.split(';').map((p) => p.trim());
      const minor = amount ? parseMoneyToMinor(amount) : null;
      const cur = (currency ?? '').toUpperCase();
      if (!template || !(templateKeys as string[]).includes(template) || !name || name.length > 200 || minor === null || !/^[A-Z]{3}$/.test(cur)) {
        ctx.addIssue({ code: 'custom', path: ['funders'], params: { text: msg.funderLineBad, values: { line: i + 1 } } });
        return;
      }
      if (out.some((o) => o.template === template)) {
        ctx.addIssue({ code: 'custom', path: ['funders'], params: { text: msg.funderLineTwice, values: { line: i + 1 } } });
        return;
      }
      out.push({ template, funderName: name, budgetMinor: minor, currency: cur });
    });
  return out;
}

export const projectFormSchema = z
  .object({
    name: plainText(200),
    organisation: wholeNumber(1),
    starts_on: isoDate,
    ends_on: isoDate,
    description: optionalPlainText(2000),
    organisations: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(wholeNumber(1)).max(100)),
    funders: z.string().max(4000),
  })
  .transform((v, ctx) => {
    if (v.ends_on < v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], params: { text: msg.endsBeforeStart } });
    const funders = parseFunderLines(v.funders, ctx);
    if (!funders.length && !v.funders.trim()) ctx.addIssue({ code: 'custom', path: ['funders'], params: { text: msg.needFunder } });
    return { ...v, description: v.description ?? '', funders };
  });
export const projectLabels = {
  name: msg.projectName,
  organisation: msg.leadOrganisation,
  starts_on: msg.startsOn,
  ends_on: msg.endsOn,
  description: msg.description,
  organisations: msg.organisations,
  funders: msg.funders,
};
export type ProjectInput = z.output<typeof projectFormSchema>;

export const tagFormSchema = z.object({ kind: z.enum(['case', 'event', 'course']), ref: wholeNumber(1) });
export const tagLabels = { kind: msg.kind, ref: msg.refId };

/** An amount that may be negative (an operating loss): an optional minus sign (- or −) before the amount. */
export function parseSignedMoneyToMinor(text: string): number | null {
  const m = /^\s*([-\u2212])?\s*(.*)$/.exec(text);
  const minor = parseMoneyToMinor(m?.[2] ?? '');
  return minor === null ? null : m?.[1] ? -minor : minor;
}

const optionalWhole = (max: number) => z.preprocess(blankToNull, wholeNumber(0, max).nullable().optional()).transform((v) => v ?? null);
export const firmFactsFormSchema = z
  .object({
    country: z.enum(['NO', 'SE', 'FI']),
    national_id: z
      .string()
      .trim()
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[0-9]{7,10}$/)),
    observed_on: isoDate,
    employees: optionalWhole(10_000_000),
    turnover: z.preprocess(blankToNull, z.string().trim().max(30).nullable().optional()),
    operating_result: z.preprocess(blankToNull, z.string().trim().max(30).nullable().optional()),
    wage_costs: z.preprocess(blankToNull, z.string().trim().max(30).nullable().optional()),
    currency: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/)
        .nullable()
        .optional(),
    ),
    leaders: optionalWhole(10_000),
    women_leaders: optionalWhole(10_000),
  })
  .transform((v, ctx) => {
    let turnoverMinor: number | null = null;
    if (v.turnover) {
      turnoverMinor = parseMoneyToMinor(v.turnover);
      if (turnoverMinor === null) ctx.addIssue({ code: 'custom', path: ['turnover'], params: { text: msg.turnover } });
    }
    let operatingResultMinor: number | null = null;
    if (v.operating_result) {
      operatingResultMinor = parseSignedMoneyToMinor(v.operating_result);
      if (operatingResultMinor === null) ctx.addIssue({ code: 'custom', path: ['operating_result'], params: { text: msg.operatingResultBad } });
    }
    let wageCostsMinor: number | null = null;
    if (v.wage_costs) {
      wageCostsMinor = parseMoneyToMinor(v.wage_costs);
      if (wageCostsMinor === null) ctx.addIssue({ code: 'custom', path: ['wage_costs'], params: { text: msg.wageCostsBad } });
    }
    const money = turnoverMinor !== null || operatingResultMinor !== null || wageCostsMinor !== null;
    if ((v.turnover || v.operating_result || v.wage_costs) && !v.currency)
      ctx.addIssue({ code: 'custom', path: ['currency'], params: { text: msg.needCurrency } });
    if (v.employees === null && !money && v.leaders === null) ctx.addIssue({ code: 'custom', path: ['employees'], params: { text: msg.needAFigure } });
    if (v.women_leaders !== null && (v.leaders === null || v.women_leaders > v.leaders))
      ctx.addIssue({ code: 'custom', path: ['women_leaders'], params: { text: msg.womenOverLeaders } });
    return {
      country: v.country,
      nationalId: v.national_id,
      observedOn: v.observed_on,
      employees: v.employees,
      turnoverMinor,
      operatingResultMinor,
      wageCostsMinor,
      currency: money ? (v.currency ?? null) : null,
      leaders: v.leaders,
      womenLeaders: v.leaders === null ? null : (v.women_leaders ?? 0),
    };
  });
export const firmFactsLabels = {
  country: msg.country,
  national_id: msg.nationalId,
  observed_on: msg.observedOn,
  employees: msg.employees,
  turnover: msg.turnover,
  operating_result: msg.operatingResult,
  wage_costs: msg.wageCosts,
  currency: msg.currency,
  leaders: msg.leaders,
  women_leaders: msg.womenLeaders,
};
export type FirmFactsInput = z.output<typeof firmFactsFormSchema>;
