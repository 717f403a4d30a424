import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { type FirmActivity, firmActivities, firmCountsByPlaceAndActivity } from '../registry/registry.service.js';
import { loadPlaceIndex, municipalitiesCovered, type PlaceIndex } from './procurement.places.js';
import { naceDelivers } from './procurement.reference.js';
import * as repo from './procurement.repository.js';

/**
 * Notices ↔ local firms. A firm matches a notice when the work is done where the firm is (its
 * municipality, its county, or anywhere in its country) AND the firm can deliver it: its NACE
 * activity delivers one of the notice's CPV codes (procurement.reference.ts), or it follows one of
 * the codes, or one of its keywords is in the notice. Every match carries its reasons.
 */
export type MatchReason =
  | { kind: 'activity'; nace: string; cpv: string }
  | { kind: 'cpv'; code: string; cpv: string }
  | { kind: 'keyword'; word: string }
  | { kind: 'municipality'; key: string; name: string }
  | { kind: 'county'; key: string; name: string }
  | { kind: 'country'; country: string };

export interface FirmContext {
  firm: FirmActivity;
  municipalityKey: string | null;
  countyKey: string | null;
  cpvCodes: string[];
  keywords: string[];
}

type NoticeLike = Pick<repo.NoticeRow, 'cpv_codes' | 'activity_divisions' | 'county_keys' | 'municipality_keys' | 'country_keys' | 'title' | 'description'>;

export function placeReason(n: NoticeLike, ctx: FirmContext, places: PlaceIndex): MatchReason | null {
  if (ctx.municipalityKey && n.municipality_keys.includes(ctx.municipalityKey))
    return { kind: 'municipality', key: ctx.municipalityKey, name: places.municipalityName.get(ctx.municipalityKey) ?? ctx.municipalityKey };
  if (ctx.countyKey && n.county_keys.includes(ctx.countyKey))
    return { kind: 'county', key: ctx.countyKey, name: places.countyName.get(ctx.countyKey) ?? ctx.countyKey };
  if (n.country_keys.includes(ctx.firm.country)) return { kind: 'country', country: ctx.firm.country };
  return null;
}

export function whatReasons(n: NoticeLike, ctx: FirmContext): MatchReason[] {
  const out: MatchReason[] = [];
  const div = ctx.firm.naceDivision;
  if (div && n.activity_divisions.includes(div)) {
    const cpv = n.cpv_codes.find((c) => naceDelivers(div, c));
    if (cpv) out.push({ kind: 'activity', nace: div, cpv });
  }
  for (const code of ctx.cpvCodes) {
    const cpv = n.cpv_codes.find((c) => c.startsWith(code));
    if (cpv) out.push({ kind: 'cpv', code, cpv });
  }
  const text = `${n.title} ${n.description ?? ''}`.toLocaleLowerCase();
  for (const word of ctx.keywords) if (word && text.includes(word.toLocaleLowerCase())) out.push({ kind: 'keyword', word });
  return out;
}

export function matchNotice(n: NoticeLike, ctx: FirmContext, places: PlaceIndex): MatchReason[] | null {
  const place = placeReason(n, ctx, places);
  if (!place) return null;
  const what = whatReasons(n, ctx);
  return what.length ? [...what, place] : null;
}

/** A firm's context: its activity and place (registry), its county (places), what it follows (this module). */
export async function firmContext(db: Kysely<DB>, firmId: number, places: PlaceIndex): Promise<FirmContext | null> {
  const [firm] = await firmActivities(db, { ids: [firmId], limit: 1 });
  if (!firm) return null;
  const interests = await repo.findInterests(db, firmId);
  const municipalityKey = firm.municipalityCode ? `${firm.country}:${firm.municipalityCode}` : null;
  return {
    firm,
    municipalityKey,
    countyKey: municipalityKey ? (places.countyOfMunicipality.get(municipalityKey) ?? null) : null,
    cpvCodes: interests?.cpv_codes ?? [],
    keywords: interests?.keywords ?? [],
  };
}

export interface NoticeMatch {
  notice: repo.NoticeRow;
  reasons: MatchReason[];
}

/** The open notices matching one firm, soonest deadline first, each with its reasons. */
export async function openMatchesForFirm(db: Kysely<DB>, ctx: FirmContext, places: PlaceIndex, now: Date): Promise<NoticeMatch[]> {
  const candidates = await repo.listOpenNoticesIn(
    db,
    { municipalities: ctx.municipalityKey ? [ctx.municipalityKey] : [], counties: ctx.countyKey ? [ctx.countyKey] : [], countries: [ctx.firm.country] },
    now,
  );
  const out: NoticeMatch[] = [];
  for (const notice of candidates) {
    const reasons = matchNotice(notice, ctx, places);
    if (reasons) out.push({ notice, reasons });
  }
  return out;
}

/** Local firms that could deliver a notice (activity and place), at most `limit`, with their municipality. */
export async function localFirmsFor(
  db: Kysely<DB>,
  notice: Pick<repo.NoticeRow, 'activity_divisions' | 'county_keys' | 'municipality_keys' | 'country_keys'>,
  places: PlaceIndex,
  options: { limit: number; within?: Set<string> },
): Promise<FirmActivity[]> {
  if (!notice.activity_divisions.length) return [];
  let covered = municipalitiesCovered({ countyKeys: notice.county_keys, municipalityKeys: notice.municipality_keys, countryKeys: notice.country_keys }, places);
  if (options.within) covered = covered.filter((k) => options.within!.has(k));
  if (!covered.length) return [];
  return firmActivities(db, {
    municipalities: covered.map((k) => ({ country: k.slice(0, 2), code: k.slice(3) })),
    naceDivisions: notice.activity_divisions,
    limit: options.limit,
  });
}

/**
 * The matching run: every open notice gets its count of local firms that could deliver it. The
 * registry counts its firms by (municipality, NACE division) in one grouped scan; the counts are
 * rolled up to counties and countries, and each notice adds up the counts of its places — no
 * per-notice query, so 10 000 notices against a million firms is one scan of each table.
 */
export async function runMatching(
  db: Kysely<DB>,
  now: Date,
  options: { places?: PlaceIndex; onProgress?: (phase: 'firms' | 'notices', n: number) => void } = {},
): Promise<{ firms: number; notices: number; seconds: number; firmSeconds: number }> {
  const started = performance.now();
  const places = options.places ?? (await loadPlaceIndex(db));
  const byMunicipality = new Map<string, Map<string, number>>();
  const byCounty = new Map<string, Map<string, number>>();
  const byCountry = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, key: string, div: string, n: number) => {
    let inner = m.get(key);
    if (!inner) m.set(key, (inner = new Map()));
    inner.set(div, (inner.get(div) ?? 0) + n);
  };
  let firms = 0;
  // The registry counts its firms by (municipality, NACE division) in one grouped scan.
  for (const c of await firmCountsByPlaceAndActivity(db)) {
    const muni = `${c.country}:${c.municipalityCode}`;
    bump(byMunicipality, muni, c.naceDivision, c.firms);
    const county = places.countyOfMunicipality.get(muni);
    if (county) bump(byCounty, county, c.naceDivision, c.firms);
    bump(byCountry, c.country, c.naceDivision, c.firms);
    firms += c.firms;
  }
  options.onProgress?.('firms', firms);
  const firmSeconds = (performance.now() - started) / 1000;
  const sum = (m: Map<string, Map<string, number>>, key: string, divs: string[]) => {
    const inner = m.get(key);
    return inner ? divs.reduce((s, d) => s + (inner.get(d) ?? 0), 0) : 0;
  };
  let notices = 0;
  for (let after = 0; ; ) {
    const page = await repo.listOpenNoticeTargets(db, now, after, 5000);
    if (!page.length) break;
    const counts = page.map((n) => {
      const countries = new Set(n.country_keys);
      const counties = new Set(n.county_keys.filter((c) => !countries.has(c.slice(0, 2))));
      let count = 0;
      for (const c of countries) count += sum(byCountry, c, n.activity_divisions);
      for (const c of counties) count += sum(byCounty, c, n.activity_divisions);
      for (const m of n.municipality_keys) {
        const county = places.countyOfMunicipality.get(m);
        if (!countries.has(m.slice(0, 2)) && !(county && counties.has(county))) count += sum(byMunicipality, m, n.activity_divisions);
      }
      return { id: Number(n.id), count };
    });
    await repo.setLocalFirmCounts(db, counts);
    notices += page.length;
    after = Number(page.at(-1)!.id);
    options.onProgress?.('notices', notices);
  }
  return { firms, notices, seconds: (performance.now() - started) / 1000, firmSeconds };
}
