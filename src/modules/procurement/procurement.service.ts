import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { organisationIdsWithRole } from '../../shared/access/access.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { coverageOn, organisationsCovering, today } from '../network/network.service.js';
import { firmActivities, findFirmByNationalId, type FirmActivity, firmSummaries } from '../registry/registry.service.js';
import { procurementAccess } from './procurement.access.js';
import { firmContext, localFirmsFor, matchNotice, openMatchesForFirm } from './procurement.matching.js';
import { msg } from './procurement.messages.js';
import { loadPlaceIndex, type PlaceIndex } from './procurement.places.js';
import type { InterestsInput, NoticeListQuery, NoticeMatchDto } from './procurement.schemas.js';
import { toNoticeDto } from './procurement.schemas.js';
import * as repo from './procurement.repository.js';

/**
 * Use cases of the procurement module other than bidding groups (procurement.groups.service.ts):
 * the public list and notice page, a firm's matches and interests, a coach's area, a buyer's
 * local capacity and local share. Each opens with its named access check.
 */
let cachedPlaces: { at: number; index: PlaceIndex } | undefined;
/** The place index changes only with reference data; kept for a minute per process. */
export async function placeIndex(db: Kysely<DB>): Promise<PlaceIndex> {
  if (cachedPlaces && Date.now() - cachedPlaces.at < 60_000) return cachedPlaces.index;
  const index = await loadPlaceIndex(db);
  cachedPlaces = { at: Date.now(), index };
  return index;
}

const PAGE = 25;

export async function listPublicNotices(db: Kysely<DB>, q: NoticeListQuery, now = new Date()) {
  const endOf = (d: string) => new Date(`${d}T23:59:59Z`);
  const { rows, total } = await repo.listNotices(db, {
    cpvDivision: q.division,
    county: q.county,
    deadlineFrom: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    deadlineTo: q.to ? endOf(q.to) : undefined,
    status: q.status,
    now,
    limit: PAGE,
    offset: (q.page - 1) * PAGE,
  });
  return { notices: rows.map(toNoticeDto), total, page: q.page, pageSize: PAGE };
}

export async function getNotice(db: Kysely<DB>, id: number) {
  const row = await repo.findNotice(db, id);
  if (!row) throw new AppError('not_found', msg.noticeNotFound);
  return toNoticeDto(row);
}

// ---- a firm's tenders ------------------------------------------------------------------------

async function firmScope(db: Kysely<DB>, firmId: number) {
  const [firm] = await firmActivities(db, { ids: [firmId], limit: 1 });
  if (!firm) throw new AppError('not_found', msg.firmNotFound);
  const covering = firm.municipalityCode ? await organisationsCovering(db, firm.country, firm.municipalityCode) : [];
  return { firm, scope: { firmId, coveringOrganisationIds: covering } };
}

/** The named check on a firm's tenders, before a route reads its input. */
export async function requireFirmAccess(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  firmId: number,
  action: 'procurement.firm.read' | 'procurement.firm.interests',
) {
  if (!user) procurementAccess.requireAccess(user, action, { firmId, coveringOrganisationIds: [] });
  const { scope } = await firmScope(db, firmId);
  procurementAccess.requireAccess(user, action, scope);
}

export async function firmTenders(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, now = new Date()) {
  const { firm, scope } = await firmScope(db, firmId);
  procurementAccess.requireAccess(user, 'procurement.firm.read', scope);
  const places = await placeIndex(db);
  const ctx = (await firmContext(db, firmId, places))!;
  const matches = await openMatchesForFirm(db, ctx, places, now);
  const interests = await repo.findInterests(db, firmId);
  return {
    firm,
    matches: matches.map((m): NoticeMatchDto => ({ notice: toNoticeDto(m.notice), reasons: m.reasons })),
    interests: { cpvCodes: interests?.cpv_codes ?? [], keywords: interests?.keywords ?? [], digest: interests?.digest ?? 'weekly' },
    canEditInterests: procurementAccess.can(user, 'procurement.firm.interests', scope),
  };
}

export async function saveFirmInterests(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, input: InterestsInput) {
  const { scope } = await firmScope(db, firmId);
  procurementAccess.requireAccess(user, 'procurement.firm.interests', scope);
  await repo.saveInterests(db, firmId, { cpvCodes: input.cpv, keywords: input.keywords, digest: input.digest });
}

/** The firms a person manages (for "tenders for my firms"). */
export async function myFirms(db: Kysely<DB>, user: SessionUser | undefined) {
  if (!user) throw new AppError('unauthorized', msg.firmNotFound);
  const summaries = await firmSummaries(db, user.managedFirmIds);
  return [...summaries.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---- a coach's area --------------------------------------------------------------------------

export async function areaTenders(db: Kysely<DB>, user: SessionUser | undefined, now = new Date()) {
  const who = procurementAccess.requireAccess(user, 'procurement.area.read', undefined);
  const orgIds = organisationIdsWithRole(who, ['org_admin', 'coach', 'analyst']);
  const coverage = (await Promise.all(orgIds.map((id) => coverageOn(db, id, today())))).flat();
  const municipalities = [...new Set(coverage.map((c) => `${c.country}:${c.municipalityCode}`))];
  const places = await placeIndex(db);
  const counties = [...new Set(municipalities.map((m) => places.countyOfMunicipality.get(m)).filter((c): c is string => !!c))];
  const countries = [...new Set(municipalities.map((m) => m.slice(0, 2)))];
  if (!municipalities.length)
    return {
      municipalities: 0,
      notices: [] as { notice: ReturnType<typeof toNoticeDto>; firms: (FirmActivity & { reasons: ReturnType<typeof matchNotice> })[] }[],
    };
  const notices = await repo.listOpenNoticesIn(db, { municipalities, counties, countries }, now, 200);
  const within = new Set(municipalities);
  const out = [];
  for (const n of notices) {
    const firms = await localFirmsFor(db, n, places, { limit: 50, within });
    out.push({
      notice: toNoticeDto(n),
      firms: firms.map((f) => {
        const muni = `${f.country}:${f.municipalityCode}`;
        return {
          ...f,
          reasons: matchNotice(
            n,
            { firm: f, municipalityKey: muni, countyKey: places.countyOfMunicipality.get(muni) ?? null, cpvCodes: [], keywords: [] },
            places,
          ),
        };
      }),
    });
  }
  return { municipalities: municipalities.length, notices: out };
}

// ---- buyers -----------------------------------------------------------------------------------

export async function listBuyers(db: Kysely<DB>, user: SessionUser | undefined) {
  procurementAccess.requireAccess(user, 'procurement.buyer.read', undefined);
  const rows = await repo.listBuyers(db);
  return rows.map((r) => ({ country: r.buyer_country ?? '', nationalId: r.buyer_national_id ?? '', name: r.name, notices: Number(r.notices) }));
}

/**
 * A buyer's view: for each planned or open notice, the local firms that could deliver it, counted
 * by municipality; from its award notices, the share of awarded value won by firms registered in
 * the county (or counties) where the work is done.
 */
export async function buyerView(db: Kysely<DB>, user: SessionUser | undefined, country: string, nationalId: string, now = new Date()) {
  procurementAccess.requireAccess(user, 'procurement.buyer.read', undefined);
  const rows = await repo.listNoticesOfBuyer(db, country, nationalId);
  if (!rows.length) throw new AppError('not_found', msg.noticeNotFound);
  const places = await placeIndex(db);
  const isOpen = (r: repo.NoticeRow) =>
    r.kind !== 'result' &&
    (r.deadline ? new Date(r.deadline) > now : !!r.published_at && now.getTime() - new Date(r.published_at).getTime() < 180 * 86_400_000);
  const capacity = [];
  for (const r of rows.filter(isOpen).slice(0, 30)) {
    const firms = await localFirmsFor(db, r, places, { limit: 5000 });
    const counts = new Map<string, number>();
    for (const f of firms) {
      const key = `${f.country}:${f.municipalityCode}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    capacity.push({
      notice: toNoticeDto(r),
      total: firms.length,
      byMunicipality: [...counts.entries()]
        .map(([key, n]) => ({ key, name: places.municipalityName.get(key) ?? key, firms: n }))
        .sort((a, b) => b.firms - a.firms || a.name.localeCompare(b.name)),
    });
  }
  // Local share of awarded value: winners found in the registry, located in the work's county.
  let total = 0;
  let local = 0;
  let currency: string | null = null;
  const awarded = [];
  for (const r of rows.filter((x) => x.kind === 'result')) {
    for (const a of r.awards) {
      if (a.valueMinor === null) continue;
      currency ??= a.currency;
      if (a.currency && currency && a.currency !== currency) continue;
      total += a.valueMinor;
      const winner = a.winnerNationalId ? await findFirmByNationalId(db, country, a.winnerNationalId) : undefined;
      const muni = winner?.municipalityCode ? `${winner.country}:${winner.municipalityCode}` : null;
      const county = muni ? places.countyOfMunicipality.get(muni) : undefined;
      const workCounties = new Set([...r.county_keys, ...r.municipality_keys.map((m) => places.countyOfMunicipality.get(m) ?? '')]);
      const isLocal = !!county && (workCounties.has(county) || (workCounties.size === 0 && r.country_keys.includes(winner!.country)));
      if (isLocal) local += a.valueMinor;
      awarded.push({ noticeId: Number(r.id), title: r.title, winner: a.winnerName, valueMinor: a.valueMinor, currency: a.currency, isLocal });
    }
  }
  return {
    buyer: { country, nationalId, name: rows[0]!.buyer_name },
    capacity,
    share: { totalMinor: total, localMinor: local, currency, percent: total ? Math.round((local / total) * 1000) / 10 : null },
    awarded,
  };
}
