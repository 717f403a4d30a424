import { endOfLocalDay, startOfLocalDay } from '../../shared/i18n/zoned.js';
import type { OfferRecord } from './navigator.offer-types.js';

/**
 * Eligibility: one offer against one firm's facts, dimension by dimension, each with its reason.
 * Pure (no database): the service resolves the firm's place first; the nightly notify run and the
 * benchmark call `matchAll` on compiled offers for many firms.
 *
 * Verdicts per dimension: `fits` (a coded rule holds), `rules_out` (a coded rule fails), `check`
 * (the provider states a condition only in words, or the firm's fact is missing), `unknown`
 * (the source says nothing about it — never guessed). An offer is `ruled_out` when any dimension
 * rules it out, `fits` when at least one coded rule holds and nothing needs checking, else `check`.
 */

export interface FirmFacts {
  country: 'NO' | 'SE' | 'FI';
  /** Current municipality code (the service resolves old codes). */
  municipality: string | null;
  county: string | null;
  /** NACE as the registers give it: '56.101', '5610', '56.10'. */
  nace: string | null;
  employees: number | null;
  /** Annual turnover in whole units of `turnoverCurrency`, and in EUR when a rate was found. */
  turnover: number | null;
  turnoverCurrency: string | null;
  turnoverEur: number | null;
  /** Whole years since registration. */
  ageYears: number | null;
}

export type Dimension = 'status' | 'deadline' | 'area' | 'sector' | 'size' | 'turnover' | 'age';
export type Verdict = 'fits' | 'rules_out' | 'check' | 'unknown';
export type ReasonCode =
  | 'noLongerOffered'
  | 'deadlinePassed'
  | 'notYetOpen'
  | 'deadlineOpen'
  | 'openAllYear'
  | 'deadlineWords'
  | 'deadlineUnknown'
  | 'areaOtherCountry'
  | 'areaMunicipality'
  | 'areaCounty'
  | 'areaCountry'
  | 'areaOutside'
  | 'areaWords'
  | 'areaFirmUnknown'
  | 'naceExcluded'
  | 'naceIncluded'
  | 'naceNotIncluded'
  | 'naceFirmUnknown'
  | 'sectorWordsIncluded'
  | 'sectorWordsExcluded'
  | 'sectorUnknown'
  | 'employeesWithin'
  | 'employeesAbove'
  | 'employeesBelow'
  | 'employeesFirmUnknown'
  | 'sizeWords'
  | 'sizeUnknown'
  | 'turnoverWithin'
  | 'turnoverAbove'
  | 'turnoverFirmUnknown'
  | 'ageWithin'
  | 'ageTooOld'
  | 'ageException'
  | 'ageTooYoung'
  | 'ageFirmUnknown'
  | 'ageWords'
  | 'ageUnknown';

export interface Reason {
  dimension: Dimension;
  verdict: Verdict;
  code: ReasonCode;
  values?: Record<string, string | number>;
}

export type MatchStatus = 'fits' | 'check' | 'ruled_out';

export interface MatchResult {
  status: MatchStatus;
  /** Higher ranks first among offers of the same status. */
  score: number;
  reasons: Reason[];
}

/** NACE Rev. 2 sections by their first and last division. */
const sections: [string, number, number][] = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

export function naceSectionOf(division: string): string | null {
  const n = Number(division);
  return sections.find(([, from, to]) => n >= from && n <= to)?.[0] ?? null;
}

/** '56.101' → '56101'; a section letter stays a letter. */
export const naceDigits = (code: string): string => (/^[A-Ua-u]$/.test(code.trim()) ? code.trim().toUpperCase() : code.replace(/\D/g, ''));

/** The most specific of `rules` covering the firm's code (a section letter is the least specific), or undefined. */
function naceHit(firmDigits: string, firmSection: string | null, rules: string[]): string | undefined {
  let best: string | undefined;
  let bestLength = -1;
  for (const rule of rules) {
    const r = naceDigits(rule);
    const length = /^[A-U]$/.test(r) ? 0 : r.length;
    const hit = length === 0 ? r === firmSection : r.length >= 2 && firmDigits.startsWith(r);
    if (hit && length > bestLength) {
      best = rule;
      bestLength = length;
    }
  }
  return best;
}

/** An offer prepared once for many matches (the nightly run, the benchmark). */
export interface CompiledOffer {
  record: OfferRecord;
  countries: Set<string>;
  counties: Set<string>;
  municipalities: Set<string>;
  /** The first moment after the last day in the provider's zone (UTC ms), or null. */
  closesAt: number | null;
  opensAt: number | null;
}

export const providerZone = (country: string): string =>
  country === 'NO' ? 'Europe/Oslo' : country === 'SE' ? 'Europe/Stockholm' : country === 'FI' ? 'Europe/Helsinki' : 'Europe/Brussels';

export function compileOffer(record: OfferRecord): CompiledOffer {
  const m = record.match;
  const zone = providerZone(record.country);
  return {
    record,
    countries: new Set(m.area?.countries ?? []),
    counties: new Set(m.area?.counties ?? []),
    municipalities: new Set(m.area?.municipalities ?? []),
    closesAt: m.deadline_date ? endOfLocalDay(m.deadline_date, zone).getTime() : null,
    opensAt: m.opens_date ? startOfLocalDay(m.opens_date, zone).getTime() : null,
  };
}

export function matchOffer(offer: CompiledOffer, firm: FirmFacts, now: Date): MatchResult {
  const r = offer.record;
  const m = r.match;
  const reasons: Reason[] = [];
  const at = now.getTime();
  let score = 0;

  // Another country's offer: that alone rules it out (the nightly run meets this for most pairs, so it returns early).
  if (r.country !== 'EU' && r.country !== firm.country)
    return { status: 'ruled_out', score: 0, reasons: [{ dimension: 'area', verdict: 'rules_out', code: 'areaOtherCountry', values: { country: r.country } }] };

  // ---- still offered, and open on this day in the provider's zone ----
  if (m.no_longer_offered) reasons.push({ dimension: 'status', verdict: 'rules_out', code: 'noLongerOffered', values: { status: r.status_as_seen ?? '' } });
  if (offer.closesAt !== null && at >= offer.closesAt)
    reasons.push({ dimension: 'deadline', verdict: 'rules_out', code: 'deadlinePassed', values: { date: m.deadline_date ?? '' } });
  else if (offer.opensAt !== null && at < offer.opensAt)
    reasons.push({ dimension: 'deadline', verdict: 'check', code: 'notYetOpen', values: { date: m.opens_date ?? '' } });
  else if (offer.closesAt !== null) {
    reasons.push({ dimension: 'deadline', verdict: 'fits', code: 'deadlineOpen', values: { date: m.deadline_date ?? '' } });
    score += 1;
  } else if (m.open_all_year) reasons.push({ dimension: 'deadline', verdict: 'fits', code: 'openAllYear' });
  else if (r.deadline) reasons.push({ dimension: 'deadline', verdict: 'check', code: 'deadlineWords', values: { text: r.deadline } });
  else reasons.push({ dimension: 'deadline', verdict: 'unknown', code: 'deadlineUnknown' });

  // ---- where ----
  if (m.area === null) reasons.push({ dimension: 'area', verdict: 'check', code: 'areaWords', values: { text: r.areas.join('; ') } });
  else {
    const muni = firm.municipality ? `${firm.country}:${firm.municipality}` : null;
    const county = firm.county ? `${firm.country}:${firm.county}` : null;
    if (muni && offer.municipalities.has(muni)) {
      reasons.push({ dimension: 'area', verdict: 'fits', code: 'areaMunicipality', values: { code: firm.municipality ?? '' } });
      score += 30;
    } else if (county && offer.counties.has(county)) {
      reasons.push({ dimension: 'area', verdict: 'fits', code: 'areaCounty', values: { code: firm.county ?? '' } });
      score += 20;
    } else if (offer.countries.has(firm.country)) {
      reasons.push({ dimension: 'area', verdict: 'fits', code: 'areaCountry', values: { country: firm.country } });
      score += 10;
    } else if (!muni && (offer.municipalities.size > 0 || offer.counties.size > 0) && offer.countries.size === 0 && sameCountry(offer, firm.country))
      reasons.push({ dimension: 'area', verdict: 'check', code: 'areaFirmUnknown' });
    else reasons.push({ dimension: 'area', verdict: 'rules_out', code: 'areaOutside', values: { text: r.areas.join('; ') } });
  }

  // ---- sector ----
  if (m.nace_included.length || m.nace_excluded.length) {
    if (!firm.nace) reasons.push({ dimension: 'sector', verdict: 'check', code: 'naceFirmUnknown' });
    else {
      const digits = naceDigits(firm.nace);
      const section = digits.length >= 2 ? naceSectionOf(digits.slice(0, 2)) : null;
      const excluded = naceHit(digits, section, m.nace_excluded);
      const included = m.nace_included.length ? naceHit(digits, section, m.nace_included) : undefined;
      if (excluded !== undefined) reasons.push({ dimension: 'sector', verdict: 'rules_out', code: 'naceExcluded', values: { code: excluded } });
      else if (m.nace_included.length && included === undefined)
        reasons.push({ dimension: 'sector', verdict: 'rules_out', code: 'naceNotIncluded', values: { codes: m.nace_included.join(', ') } });
      else {
        reasons.push({ dimension: 'sector', verdict: 'fits', code: 'naceIncluded', values: { code: included ?? firm.nace } });
        score += 5;
      }
    }
  }
  if (r.sectors_included) reasons.push({ dimension: 'sector', verdict: 'check', code: 'sectorWordsIncluded', values: { text: r.sectors_included } });
  if (r.sectors_excluded) reasons.push({ dimension: 'sector', verdict: 'check', code: 'sectorWordsExcluded', values: { text: r.sectors_excluded } });
  if (!m.nace_included.length && !m.nace_excluded.length && !r.sectors_included && !r.sectors_excluded)
    reasons.push({ dimension: 'sector', verdict: 'unknown', code: 'sectorUnknown' });

  // ---- size: employees (bounds inclusive), turnover ----
  const size = r.size_bounds;
  const hasEmployeeBound = size?.employees_min !== undefined || size?.employees_max !== undefined;
  if (hasEmployeeBound) {
    if (firm.employees === null) reasons.push({ dimension: 'size', verdict: 'check', code: 'employeesFirmUnknown' });
    else if (size?.employees_max !== undefined && firm.employees > size.employees_max)
      reasons.push({ dimension: 'size', verdict: 'rules_out', code: 'employeesAbove', values: { max: size.employees_max, n: firm.employees } });
    else if (size?.employees_min !== undefined && firm.employees < size.employees_min)
      reasons.push({ dimension: 'size', verdict: 'rules_out', code: 'employeesBelow', values: { min: size.employees_min, n: firm.employees } });
    else {
      reasons.push({
        dimension: 'size',
        verdict: 'fits',
        code: 'employeesWithin',
        values: { n: firm.employees, min: size?.employees_min ?? 0, max: size?.employees_max ?? '∞' },
      });
      score += 3;
    }
  }
  const turnoverBound =
    size?.turnover_or_balance_max_eur !== undefined
      ? { max: size.turnover_or_balance_max_eur, currency: 'EUR' }
      : size?.turnover_or_balance_max_sek !== undefined
        ? { max: size.turnover_or_balance_max_sek, currency: 'SEK' }
        : null;
  if (turnoverBound) {
    const firmValue = firm.turnoverCurrency === turnoverBound.currency ? firm.turnover : turnoverBound.currency === 'EUR' ? firm.turnoverEur : null;
    if (firmValue === null) reasons.push({ dimension: 'turnover', verdict: 'check', code: 'turnoverFirmUnknown', values: turnoverBound });
    else if (firmValue > turnoverBound.max) reasons.push({ dimension: 'turnover', verdict: 'rules_out', code: 'turnoverAbove', values: turnoverBound });
    else reasons.push({ dimension: 'turnover', verdict: 'fits', code: 'turnoverWithin', values: turnoverBound });
  }
  if (size?.text)
    reasons.push({ dimension: 'size', verdict: hasEmployeeBound || turnoverBound ? 'unknown' : 'check', code: 'sizeWords', values: { text: size.text } });
  if (!size) reasons.push({ dimension: 'size', verdict: 'unknown', code: 'sizeUnknown' });

  // ---- age (whole years since registration) ----
  const age = r.age_bounds;
  if (age && (age.max_years !== undefined || age.min_years !== undefined)) {
    const years = firm.ageYears;
    const withinMax = (limit: number, inclusive: boolean) => (years === null ? false : inclusive ? years <= limit : years < limit);
    if (years === null) reasons.push({ dimension: 'age', verdict: 'check', code: 'ageFirmUnknown' });
    else if (age.min_years !== undefined && years < age.min_years)
      reasons.push({ dimension: 'age', verdict: 'rules_out', code: 'ageTooYoung', values: { min: age.min_years, n: years } });
    else if (age.max_years !== undefined && !withinMax(age.max_years, m.age_max_inclusive)) {
      if (age.exception_max_years !== undefined && withinMax(age.exception_max_years, false))
        reasons.push({
          dimension: 'age',
          verdict: 'check',
          code: 'ageException',
          values: { max: age.max_years, exception: age.exception_max_years, n: years },
        });
      else reasons.push({ dimension: 'age', verdict: 'rules_out', code: 'ageTooOld', values: { max: age.max_years, n: years } });
    } else {
      reasons.push({ dimension: 'age', verdict: 'fits', code: 'ageWithin', values: { n: years } });
      score += 3;
    }
  } else if (age?.text) reasons.push({ dimension: 'age', verdict: 'check', code: 'ageWords', values: { text: age.text } });
  else reasons.push({ dimension: 'age', verdict: 'unknown', code: 'ageUnknown' });

  const ruledOut = reasons.some((x) => x.verdict === 'rules_out');
  const needsCheck = reasons.some((x) => x.verdict === 'check');
  const anyFit = reasons.some((x) => x.verdict === 'fits' && x.dimension !== 'deadline');
  const status: MatchStatus = ruledOut ? 'ruled_out' : anyFit && !needsCheck ? 'fits' : 'check';
  // Fewer open questions rank higher; a verified entry above an unverified one.
  score -= reasons.filter((x) => x.verdict === 'check').length * 2;
  if (r.verified) score += 1;
  return { status, score, reasons };
}

function sameCountry(offer: CompiledOffer, country: string): boolean {
  return [...offer.municipalities, ...offer.counties].some((code) => code.startsWith(`${country}:`));
}

const statusRank: Record<MatchStatus, number> = { fits: 0, check: 1, ruled_out: 2 };

/** Every offer for one firm, ranked: fitting first, then those to check, then the ruled-out ones; by score within. */
export function rankOffers(offers: CompiledOffer[], firm: FirmFacts, now: Date): { offer: CompiledOffer; result: MatchResult }[] {
  return offers
    .map((offer) => ({ offer, result: matchOffer(offer, firm, now) }))
    .sort(
      (a, b) =>
        statusRank[a.result.status] - statusRank[b.result.status] ||
        b.result.score - a.result.score ||
        (a.offer.record.name < b.offer.record.name ? -1 : a.offer.record.name > b.offer.record.name ? 1 : 0),
    );
}
