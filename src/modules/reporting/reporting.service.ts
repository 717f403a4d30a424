import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { organisationIdsWithRole } from '../../shared/access/access.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import type { TimeZone } from '../../shared/i18n/format.js';
import { endOfLocalDay, localDateOf, startOfLocalDay, zoneOfCountry } from '../../shared/i18n/zoned.js';
import { coursesForTagging } from '../academy/academy.service.js';
import { casesForTagging } from '../coaching/coaching.service.js';
import { eventsForTagging } from '../events/events.service.js';
import { listAllOrganisations } from '../network/network.service.js';
import { findFirmByNationalId, firmReportFacts, firmSizeFacts, type FirmReportFacts } from '../registry/registry.service.js';
import { reportSources } from '../report-sources.js';
import { requireAccess, can, type ReportAccessScope } from './reporting.access.js';
import { needsOf, templateOf, type Template } from './reporting.catalogue.js';
import {
  compareResults,
  computeReport,
  dataVersion,
  sizeOn,
  type ComputeInput,
  type IndicatorChange,
  type Observation,
  type ReportResult,
} from './reporting.compute.js';
import { msg } from './reporting.messages.js';
import * as repo from './reporting.repository.js';
import { parseScopeRef, scopeKey, type FirmFactsInput, type ProjectInput, type ScopeRef } from './reporting.schemas.js';
import type { ActivityScope, ActivitySource, FirmFact } from './reporting.sources.js';
import type { TaggedKind } from './reporting.tables.js';

/** A report's subject: an organisation, or a project (its lead organisation first, then the participants). */
export interface ReportScope extends ReportAccessScope {
  ref: ScopeRef;
  key: string;
  name: string;
  timeZone: TimeZone;
  /** A project's own period (reports default to it when it is shorter than a half-year), else null. */
  projectPeriod: { from: string; to: string } | null;
  tagged: ActivityScope['tagged'];
  isDemo: boolean;
}

export interface Period {
  from: string;
  to: string;
}

const zoneOf = (country: string): TimeZone => zoneOfCountry[country as 'NO' | 'SE' | 'FI'] ?? 'Europe/Oslo';

/** The half-year (1 January–30 June or 1 July–31 December) a moment falls in, in the zone. */
export function halfYearOf(now: Date, zone: string): Period {
  const day = localDateOf(now, zone);
  const y = day.slice(0, 4);
  return Number(day.slice(5, 7)) <= 6 ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` };
}

export async function resolveScope(db: Kysely<DB>, ref: ScopeRef | string): Promise<ReportScope> {
  const r = typeof ref === 'string' ? parseScopeRef(ref) : ref;
  if (!r) throw new AppError('not_found', msg.unknownReport);
  const orgs = await listAllOrganisations(db);
  if (r.kind === 'org') {
    const org = orgs.find((o) => o.id === r.id);
    if (!org) throw new AppError('not_found', msg.unknownReport);
    return {
      ref: r,
      key: scopeKey(r),
      name: org.name,
      timeZone: zoneOf(org.country),
      leadOrganisationId: org.id,
      organisationIds: [org.id],
      projectPeriod: null,
      tagged: { case: [], event: [], course: [] },
      isDemo: org.name.includes('(demo)'),
    };
  }
  const p = await repo.findProject(db, r.id);
  if (!p) throw new AppError('not_found', msg.unknownReport);
  const lead = orgs.find((o) => o.id === Number(p.organisation_id));
  const participants = await repo.projectOrganisationIds(db, r.id);
  const tags = await repo.projectActivities(db, r.id);
  const ids = (k: TaggedKind) => tags.filter((t) => t.kind === k).map((t) => Number(t.ref_id));
  return {
    ref: r,
    key: scopeKey(r),
    name: p.name,
    timeZone: zoneOf(lead?.country ?? 'NO'),
    leadOrganisationId: Number(p.organisation_id),
    organisationIds: [...new Set([Number(p.organisation_id), ...participants])],
    projectPeriod: { from: String(p.starts_on).slice(0, 10), to: String(p.ends_on).slice(0, 10) },
    tagged: { case: ids('case'), event: ids('event'), course: ids('course') },
    isDemo: p.is_demo,
  };
}

function templateOrThrow(key: string): Template {
  const t = templateOf(key);
  if (!t) throw new AppError('not_found', msg.unknownTemplate);
  return t;
}

/** The period asked for, else the current half-year in the scope's zone. */
export const periodOr = (scope: ReportScope, asked: { from?: string; to?: string }, now = new Date()): Period => {
  const half = halfYearOf(now, scope.timeZone);
  return { from: asked.from ?? half.from, to: asked.to ?? half.to };
};

/** The sources a template reads: those giving a fact kind or a total (or its parts, `events.participants.woman`) it needs. */
export function sourcesFor(template: Template, sources: ActivitySource[] = reportSources()): ActivitySource[] {
  const needs = needsOf(template);
  return sources.filter(
    (s) =>
      (s.gives.facts ?? []).some((f) => needs.facts.has(f)) ||
      (s.gives.totals ?? []).some((t) => [...needs.totals].some((n) => t === n || t.startsWith(`${n}.`))),
  );
}

/**
 * Reads the sources the template needs for the scope and period, and what is known of the firms'
 * sizes: the input of the pure computation. Period edges are the organisation's local midnights
 * (src/shared/i18n/zoned.ts). `dataDir` is the data directory (the local-spend store is there).
 */
export async function gatherInput(db: Kysely<DB>, dataDir: string, scope: ReportScope, template: Template, period: Period): Promise<ComputeInput> {
  const activity: ActivityScope = {
    organisationIds: scope.organisationIds,
    fromDay: period.from,
    toDay: period.to,
    from: startOfLocalDay(period.from, scope.timeZone),
    to: endOfLocalDay(period.to, scope.timeZone),
    timeZone: scope.timeZone,
    tagged: scope.tagged,
  };
  const results = await Promise.all(sourcesFor(template).map((s) => s.collect({ db, dataDir }, activity)));
  const facts: FirmFact[] = results.flatMap((r) => r.facts);
  const totals: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.totals ?? {})) totals[k] = (totals[k] ?? 0) + v;
  const firmIds = [...new Set(facts.map((f) => f.firmId))];
  const [observationRows, registry] = await Promise.all([repo.firmFactsOf(db, firmIds), firmSizeFacts(db, firmIds)]);
  const observations = new Map<number, Observation[]>();
  for (const o of observationRows) {
    const id = Number(o.firm_id);
    const list = observations.get(id) ?? [];
    list.push({
      observedOn: o.observed_on,
      employees: o.employees,
      turnoverMinor: o.turnover_minor === null ? null : Number(o.turnover_minor),
      operatingResultMinor: o.operating_result_minor === null ? null : Number(o.operating_result_minor),
      wageCostsMinor: o.wage_costs_minor === null ? null : Number(o.wage_costs_minor),
      leaders: o.leaders,
      womenLeaders: o.women_leaders,
    });
    observations.set(id, list);
  }
  return {
    template,
    fromDay: period.from,
    toDay: period.to,
    facts,
    totals,
    observations,
    registry,
  };
}

/** Computes a report without access checks (the bench and the service's own callers after theirs). */
export async function computeFor(db: Kysely<DB>, dataDir: string, scope: ReportScope, templateKey: string, period: Period) {
  const template = templateOrThrow(templateKey);
  const input = await gatherInput(db, dataDir, scope, template, period);
  return {
    template,
    result: computeReport(input),
    input,
    /** The digest of everything read (computed when asked: freezing, exports, reruns). */
    get version() {
      return dataVersion(input);
    },
  };
}

export interface ReportView {
  scope: ReportScope;
  template: Template;
  period: Period;
  result: ReportResult;
  version: string;
  canFirms: boolean;
  canFreeze: boolean;
}

/** A report's figures (no firm named): staff of the scope's organisations and the network admin. */
export async function viewReport(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  scopeRef: string,
  templateKey: string,
  asked: { from?: string; to?: string },
): Promise<ReportView> {
  const scope = await resolveScope(db, scopeRef);
  const u = requireAccess(user, 'reporting.report.read', scope);
  const period = periodOr(scope, asked);
  const computed = await computeFor(db, dataDir, scope, templateKey, period);
  return {
    scope,
    template: computed.template,
    period,
    result: computed.result,
    // The data version is read by the exports only (freezing computes its own).
    get version() {
      return computed.version;
    },
    canFirms: can(u, 'reporting.firms.read', scope),
    canFreeze: can(u, 'reporting.report.freeze', scope),
  };
}

export interface FirmRow extends FirmReportFacts {
  size: string;
  sizeFromToday: boolean;
  firstOn: string | null;
}

/**
 * The firms behind one figure (or one part of its split): the lead organisation's admins and
 * coaches only, with a stated purpose; the read is logged (who, which report and indicator, why)
 * before the list is returned.
 */
export async function firmsBehind(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  scopeRef: string,
  templateKey: string,
  asked: { from?: string; to?: string },
  q: { indicator?: string | null; split?: string | null; purpose: string },
) {
  const scope = await resolveScope(db, scopeRef);
  const u = requireAccess(user, 'reporting.firms.read', scope);
  const period = periodOr(scope, asked);
  const { template, result, input } = await computeFor(db, dataDir, scope, templateKey, period);
  const indicator = result.indicators.find((i) => i.key === (q.indicator ?? template.indicators[0]?.key));
  if (!indicator) throw new AppError('not_found', msg.unknownIndicator);
  const part = q.split ? indicator.split?.find((s) => s.key === q.split) : undefined;
  const ids = part?.firmIds ?? indicator.firmIds;
  await repo.logDrilldownRead(db, {
    readerId: u.id,
    organisationId: scope.ref.kind === 'org' ? scope.ref.id : null,
    projectId: scope.ref.kind === 'project' ? scope.ref.id : null,
    template: template.key,
    indicator: indicator.key + (part ? `:${part.key}` : ''),
    purpose: q.purpose,
  });
  const facts = await firmReportFacts(db, ids);
  const first = new Map<number, string>();
  for (const f of input.facts) {
    const seen = first.get(f.firmId);
    if (seen === undefined || f.firstOn < seen) first.set(f.firmId, f.firstOn);
  }
  const rows: FirmRow[] = ids.flatMap((id) => {
    const f = facts.get(id);
    if (!f) return [];
    const day = first.get(id) ?? period.to;
    const s = sizeOn(id, day, input.observations, input.registry);
    return [{ ...f, size: s.size, sizeFromToday: s.fromToday, firstOn: first.get(id) ?? null }];
  });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return { scope, template, period, indicator, part: part?.key ?? null, rows };
}

/** Before the firms behind a figure are shown: may this person see them at all (the purpose is asked next)? */
export async function requireFirmsAccess(db: Kysely<DB>, user: SessionUser | undefined, scopeRef: string, templateKey: string) {
  const scope = await resolveScope(db, scopeRef);
  requireAccess(user, 'reporting.firms.read', scope);
  return { scope, template: templateOrThrow(templateKey) };
}

/** Names of the firms a report's "what is missing" lists (the same people who may drill down). */
export async function missingFirmNames(db: Kysely<DB>, user: SessionUser | undefined, scope: ReportScope, ids: number[]) {
  requireAccess(user, 'reporting.firms.read', scope);
  return firmReportFacts(db, ids.slice(0, 500));
}

/** Freezes a report: its figures and the data version it was computed from. */
export async function freezeReport(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  scopeRef: string,
  templateKey: string,
  asked: { from?: string; to?: string },
): Promise<number> {
  const scope = await resolveScope(db, scopeRef);
  const u = requireAccess(user, 'reporting.report.freeze', scope);
  const period = periodOr(scope, asked);
  const { template, result, version } = await computeFor(db, dataDir, scope, templateKey, period);
  const row = await repo.insertFrozen(db, {
    organisationId: scope.ref.kind === 'org' ? scope.ref.id : null,
    projectId: scope.ref.kind === 'project' ? scope.ref.id : null,
    template: template.key,
    from: period.from,
    to: period.to,
    timeZone: scope.timeZone,
    result,
    dataVersion: version,
    frozenBy: u.id,
    isDemo: scope.isDemo,
  });
  return Number(row.id);
}

export interface FrozenView {
  id: number;
  scope: ReportScope;
  template: Template;
  period: Period;
  frozenAt: Date;
  frozen: ReportResult;
  frozenVersion: string;
  rerun: ReportResult;
  rerunVersion: string;
  changes: IndicatorChange[];
}

/** A frozen report and a rerun on today's data, with the differences. */
export async function viewFrozen(db: Kysely<DB>, dataDir: string, user: SessionUser | undefined, id: number): Promise<FrozenView> {
  const row = await repo.findFrozen(db, id);
  if (!row) throw new AppError('not_found', msg.unknownReport);
  const ref: ScopeRef = row.project_id !== null ? { kind: 'project', id: Number(row.project_id) } : { kind: 'org', id: Number(row.organisation_id) };
  const scope = await resolveScope(db, ref);
  requireAccess(user, 'reporting.report.read', scope);
  const period = { from: row.period_from, to: row.period_to };
  const frozen = (typeof row.result === 'string' ? JSON.parse(row.result) : row.result) as ReportResult;
  const rerun = await computeFor(db, dataDir, { ...scope, timeZone: row.time_zone as TimeZone }, row.template, period);
  const { template, result } = rerun;
  const version = rerun.version;
  return {
    id: Number(row.id),
    scope,
    template,
    period,
    frozenAt: new Date(row.frozen_at),
    frozen,
    frozenVersion: row.data_version,
    rerun: result,
    rerunVersion: version,
    changes: version === row.data_version ? [] : compareResults(frozen, result),
  };
}

/** The reports page: the organisations whose reports the person may read, their projects and frozen reports. */
export async function reportsHome(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = requireAccess(user, 'reporting.report.list', undefined);
  const all = await listAllOrganisations(db);
  const mine = u.isNetworkAdmin ? all : all.filter((o) => organisationIdsWithRole(u).includes(o.id));
  const ids = u.isNetworkAdmin ? 'all' : mine.map((o) => o.id);
  const projects = await repo.projectsOf(db, ids);
  const frozen = await repo.frozenList(
    db,
    ids,
    projects.map((p) => Number(p.id)),
  );
  const orgName = new Map(all.map((o) => [o.id, o.name]));
  return {
    organisations: mine.map((o) => ({ id: o.id, name: o.name, scope: `org-${o.id}` })),
    projects: projects.map((p) => ({
      id: Number(p.id),
      name: p.name,
      lead: orgName.get(Number(p.organisation_id)) ?? '',
      startsOn: String(p.starts_on).slice(0, 10),
      endsOn: String(p.ends_on).slice(0, 10),
    })),
    frozen: frozen.map((f) => ({
      id: Number(f.id),
      template: f.template,
      from: f.period_from,
      to: f.period_to,
      version: f.data_version,
      frozenAt: new Date(f.frozen_at),
      subject:
        f.project_id !== null ? (projects.find((p) => Number(p.id) === Number(f.project_id))?.name ?? '') : (orgName.get(Number(f.organisation_id)) ?? ''),
    })),
    canCreateProject: can(u, 'reporting.project.create', undefined),
    canRecordFacts: can(u, 'reporting.facts.record', undefined),
  };
}

/** Organisations a person may lead a project for (the form's choices). */
export async function projectChoices(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = requireAccess(user, 'reporting.project.create', undefined);
  const all = await listAllOrganisations(db);
  return {
    leads: all.filter((o) => can(u, 'reporting.project.create', o.id)).map((o) => ({ id: o.id, name: o.name })),
    all: all.map((o) => ({ id: o.id, name: o.name })),
  };
}

export async function createProject(db: Kysely<DB>, user: SessionUser | undefined, input: ProjectInput, isDemo = false): Promise<number> {
  const u = requireAccess(user, 'reporting.project.create', input.organisation);
  const known = new Set((await listAllOrganisations(db)).map((o) => o.id));
  if (!known.has(input.organisation))
    throw new AppError('validation', msg.unknownOrganisation, [{ field: 'organisation', label: msg.leadOrganisation, message: msg.unknownOrganisation }]);
  if (input.organisations.some((id) => !known.has(id)))
    throw new AppError('validation', msg.unknownOrganisation, [{ field: 'organisations', label: msg.organisations, message: msg.unknownOrganisation }]);
  return db.transaction().execute(async (trx) => {
    const { id } = await repo.insertProject(trx, {
      name: input.name,
      organisationId: input.organisation,
      startsOn: input.starts_on,
      endsOn: input.ends_on,
      description: input.description,
      isDemo,
      createdBy: u.id,
    });
    await repo.insertProjectOrganisations(trx, Number(id), [...new Set([input.organisation, ...input.organisations])]);
    await repo.insertFunders(trx, Number(id), input.funders);
    return Number(id);
  });
}

export async function getProject(db: Kysely<DB>, user: SessionUser | undefined, id: number) {
  const scope = await resolveScope(db, { kind: 'project', id });
  const u = requireAccess(user, 'reporting.report.read', scope);
  const [funders, tags, orgs] = await Promise.all([repo.projectFunders(db, id), repo.projectActivities(db, id), listAllOrganisations(db)]);
  const [cases, events, courses] = await Promise.all([
    can(u, 'reporting.firms.read', scope) ? casesForTagging(db, scope.tagged.case) : Promise.resolve([]),
    eventsForTagging(db, scope.tagged.event),
    coursesForTagging(db, scope.tagged.course),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const label = (kind: TaggedKind, refId: number) =>
    kind === 'case'
      ? (cases.find((c) => c.id === refId)?.title ?? `#${refId}`)
      : kind === 'event'
        ? (events.find((e) => e.id === refId)?.title ?? `#${refId}`)
        : (courses.find((c) => c.id === refId)?.title ?? `#${refId}`);
  return {
    scope,
    lead: orgName.get(scope.leadOrganisationId) ?? '',
    organisations: scope.organisationIds.map((oid) => ({ id: oid, name: orgName.get(oid) ?? `#${oid}` })),
    funders: funders.map((f) => ({ template: f.template, funderName: f.funder_name, budgetMinor: Number(f.budget_minor), currency: f.currency })),
    tags: tags.map((t) => ({ kind: t.kind, refId: Number(t.ref_id), label: label(t.kind, Number(t.ref_id)) })),
    canManage: can(u, 'reporting.project.manage', scope),
  };
}

export async function requireProjectManager(db: Kysely<DB>, user: SessionUser | undefined, projectId: number) {
  const scope = await resolveScope(db, { kind: 'project', id: projectId });
  return requireAccess(user, 'reporting.project.manage', scope);
}

/** Tags a case, event or course to a project; the activity must exist (its module says so). */
export async function tagToProject(db: Kysely<DB>, user: SessionUser | undefined, projectId: number, input: { kind: TaggedKind; ref: number }) {
  const scope = await resolveScope(db, { kind: 'project', id: projectId });
  const u = requireAccess(user, 'reporting.project.manage', scope);
  const found =
    input.kind === 'case'
      ? (await casesForTagging(db, [input.ref])).length
      : input.kind === 'event'
        ? (await eventsForTagging(db, [input.ref])).length
        : (await coursesForTagging(db, [input.ref])).length;
  if (!found) throw new AppError('validation', msg.unknownActivity, [{ field: 'ref', label: msg.refId, message: msg.unknownActivity }]);
  await repo.tagActivity(db, { projectId, kind: input.kind, refId: input.ref, taggedBy: u.id });
}

/** Records a firm's employees, turnover and leaders on a day (a second record the same day corrects the first). */
export async function recordFirmFacts(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  input: FirmFactsInput,
  options: { source?: string; isDemo?: boolean } = {},
) {
  const u = requireAccess(user, 'reporting.facts.record', undefined);
  const firm = await findFirmByNationalId(db, input.country, input.nationalId);
  if (!firm) throw new AppError('validation', msg.unknownFirm, [{ field: 'national_id', label: msg.nationalId, message: msg.unknownFirm }]);
  await repo.upsertFirmFact(db, {
    firmId: firm.id,
    observedOn: input.observedOn,
    employees: input.employees,
    turnoverMinor: input.turnoverMinor,
    operatingResultMinor: input.operatingResultMinor,
    wageCostsMinor: input.wageCostsMinor,
    currency: input.currency,
    leaders: input.leaders,
    womenLeaders: input.womenLeaders,
    source: options.source ?? 'staff',
    recordedBy: u.id,
    isDemo: options.isDemo,
  });
  return firm;
}

export async function recentFirmFacts(db: Kysely<DB>, user: SessionUser | undefined) {
  requireAccess(user, 'reporting.facts.record', undefined);
  const rows = await repo.recentFirmFacts(db);
  const firms = await firmReportFacts(
    db,
    rows.map((r) => Number(r.firm_id)),
  );
  return rows.map((r) => ({
    firm: firms.get(Number(r.firm_id)),
    observedOn: r.observed_on,
    employees: r.employees,
    turnoverMinor: r.turnover_minor === null ? null : Number(r.turnover_minor),
    operatingResultMinor: r.operating_result_minor === null ? null : Number(r.operating_result_minor),
    wageCostsMinor: r.wage_costs_minor === null ? null : Number(r.wage_costs_minor),
    currency: r.currency,
    leaders: r.leaders,
    womenLeaders: r.women_leaders,
  }));
}
