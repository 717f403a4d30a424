import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { TaggedKind } from './reporting.tables.js';

/** The only file with reporting's SQL; it names reporting's tables alone (other modules through their services). */

export function insertProject(
  db: Kysely<DB>,
  p: { name: string; organisationId: number; startsOn: string; endsOn: string; description: string; isDemo: boolean; createdBy: number | null },
) {
  return db
    .insertInto('reporting_projects')
    .values({
      name: p.name,
      organisation_id: p.organisationId,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      description: p.description,
      is_demo: p.isDemo,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function insertProjectOrganisations(db: Kysely<DB>, projectId: number, organisationIds: number[]) {
  if (!organisationIds.length) return Promise.resolve();
  return db
    .insertInto('reporting_project_organisations')
    .values(organisationIds.map((id) => ({ project_id: projectId, organisation_id: id })))
    .onConflict((oc) => oc.doNothing())
    .execute()
    .then(() => undefined);
}

export function insertFunders(db: Kysely<DB>, projectId: number, lines: { template: string; funderName: string; budgetMinor: number; currency: string }[]) {
  if (!lines.length) return Promise.resolve();
  return db
    .insertInto('reporting_project_funders')
    .values(lines.map((l) => ({ project_id: projectId, template: l.template, funder_name: l.funderName, budget_minor: l.budgetMinor, currency: l.currency })))
    .execute()
    .then(() => undefined);
}

const projectColumns = [
  'id',
  'name',
  'organisation_id',
  sql<string>`starts_on::text`.as('starts_on'),
  sql<string>`ends_on::text`.as('ends_on'),
  'description',
  'is_demo',
] as const;

export const findProject = (db: Kysely<DB>, id: number) => db.selectFrom('reporting_projects').select(projectColumns).where('id', '=', id).executeTakeFirst();

export const projectOrganisationIds = async (db: Kysely<DB>, id: number) =>
  (await db.selectFrom('reporting_project_organisations').select('organisation_id').where('project_id', '=', id).execute()).map((r) =>
    Number(r.organisation_id),
  );

export const projectFunders = (db: Kysely<DB>, id: number) =>
  db.selectFrom('reporting_project_funders').selectAll().where('project_id', '=', id).orderBy('template').execute();

export const projectActivities = (db: Kysely<DB>, id: number) =>
  db.selectFrom('reporting_project_activities').selectAll().where('project_id', '=', id).orderBy('kind').orderBy('ref_id').execute();

/** Projects that these organisations lead or take part in. */
export function projectsOf(db: Kysely<DB>, organisationIds: number[] | 'all') {
  let q = db
    .selectFrom('reporting_projects as p')
    .select(['p.id', 'p.name', 'p.organisation_id', sql<string>`p.starts_on::text`.as('starts_on'), sql<string>`p.ends_on::text`.as('ends_on')])
    .orderBy('p.starts_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(200);
  if (organisationIds !== 'all') {
    const ids = organisationIds.map(String);
    q = q.where((eb) =>
      eb.or([
        eb('p.organisation_id', '=', sql<number>`any(${ids}::bigint[])`),
        eb.exists(
          eb
            .selectFrom('reporting_project_organisations as o')
            .select(sql`1`.as('one'))
            .whereRef('o.project_id', '=', 'p.id')
            .where('o.organisation_id', '=', sql<number>`any(${ids}::bigint[])`),
        ),
      ]),
    );
  }
  return q.execute();
}

export function tagActivity(db: Kysely<DB>, t: { projectId: number; kind: TaggedKind; refId: number; taggedBy: number | null }) {
  return db
    .insertInto('reporting_project_activities')
    .values({ project_id: t.projectId, kind: t.kind, ref_id: t.refId, tagged_by: t.taggedBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Every recorded fact of these firms, oldest first (the size at the time of support is looked up in memory). */
export function firmFactsOf(db: Kysely<DB>, firmIds: number[]) {
  if (!firmIds.length) return Promise.resolve([]);
  return db
    .selectFrom('reporting_firm_facts')
    .select([
      'firm_id',
      sql<string>`observed_on::text`.as('observed_on'),
      'employees',
      'turnover_minor',
      'operating_result_minor',
      'wage_costs_minor',
      'leaders',
      'women_leaders',
    ])
    .where('firm_id', '=', sql<number>`any(${firmIds.map(String)}::bigint[])`)
    .orderBy('firm_id')
    .orderBy('observed_on')
    .orderBy('id')
    .execute();
}

/** One firm's facts on a day from one source: a second record the same day replaces the first (a correction). */
export function upsertFirmFact(
  db: Kysely<DB>,
  f: {
    firmId: number;
    observedOn: string;
    employees: number | null;
    turnoverMinor: number | null;
    operatingResultMinor?: number | null;
    wageCostsMinor?: number | null;
    currency: string | null;
    leaders: number | null;
    womenLeaders: number | null;
    source: string;
    recordedBy: number | null;
    isDemo?: boolean;
  },
) {
  return db
    .insertInto('reporting_firm_facts')
    .values({
      firm_id: f.firmId,
      observed_on: f.observedOn,
      employees: f.employees,
      turnover_minor: f.turnoverMinor,
      operating_result_minor: f.operatingResultMinor ?? null,
      wage_costs_minor: f.wageCostsMinor ?? null,
      currency: f.currency,
      leaders: f.leaders,
      women_leaders: f.womenLeaders,
      source: f.source,
      recorded_by: f.recordedBy,
      is_demo: f.isDemo ?? false,
    })
    .onConflict((oc) =>
      oc.columns(['firm_id', 'observed_on', 'source']).doUpdateSet((eb) => ({
        employees: eb.ref('excluded.employees'),
        turnover_minor: eb.ref('excluded.turnover_minor'),
        operating_result_minor: eb.ref('excluded.operating_result_minor'),
        wage_costs_minor: eb.ref('excluded.wage_costs_minor'),
        currency: eb.ref('excluded.currency'),
        leaders: eb.ref('excluded.leaders'),
        women_leaders: eb.ref('excluded.women_leaders'),
        recorded_by: eb.ref('excluded.recorded_by'),
      })),
    )
    .execute();
}

export function recentFirmFacts(db: Kysely<DB>, limit = 50) {
  return db
    .selectFrom('reporting_firm_facts')
    .select([
      'id',
      'firm_id',
      sql<string>`observed_on::text`.as('observed_on'),
      'employees',
      'turnover_minor',
      'operating_result_minor',
      'wage_costs_minor',
      'currency',
      'leaders',
      'women_leaders',
      'source',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function insertFrozen(
  db: Kysely<DB>,
  r: {
    organisationId: number | null;
    projectId: number | null;
    template: string;
    from: string;
    to: string;
    timeZone: string;
    result: unknown;
    dataVersion: string;
    frozenBy: number | null;
    isDemo?: boolean;
  },
) {
  return db
    .insertInto('reporting_frozen_reports')
    .values({
      organisation_id: r.organisationId,
      project_id: r.projectId,
      template: r.template,
      period_from: r.from,
      period_to: r.to,
      time_zone: r.timeZone,
      result: JSON.stringify(r.result),
      data_version: r.dataVersion,
      frozen_by: r.frozenBy,
      is_demo: r.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export const findFrozen = (db: Kysely<DB>, id: number) =>
  db
    .selectFrom('reporting_frozen_reports')
    .select([
      'id',
      'organisation_id',
      'project_id',
      'template',
      sql<string>`period_from::text`.as('period_from'),
      sql<string>`period_to::text`.as('period_to'),
      'time_zone',
      'result',
      'data_version',
      'frozen_by',
      'frozen_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();

/** Frozen reports of these organisations' own reports and of these projects, newest first. */
export function frozenList(db: Kysely<DB>, organisationIds: number[] | 'all', projectIds: number[]) {
  let q = db
    .selectFrom('reporting_frozen_reports')
    .select([
      'id',
      'organisation_id',
      'project_id',
      'template',
      sql<string>`period_from::text`.as('period_from'),
      sql<string>`period_to::text`.as('period_to'),
      'data_version',
      'frozen_at',
    ])
    .orderBy('id', 'desc')
    .limit(100);
  if (organisationIds !== 'all')
    q = q.where((eb) =>
      eb.or([
        eb('organisation_id', '=', sql<number>`any(${organisationIds.map(String)}::bigint[])`),
        eb('project_id', '=', sql<number>`any(${projectIds.map(String)}::bigint[])`),
      ]),
    );
  return q.execute();
}

export function logDrilldownRead(
  db: Kysely<DB>,
  r: { readerId: number; organisationId: number | null; projectId: number | null; template: string; indicator: string; purpose: string },
) {
  return db
    .insertInto('reporting_drilldown_reads')
    .values({
      reader_id: r.readerId,
      organisation_id: r.organisationId,
      project_id: r.projectId,
      template: r.template,
      indicator: r.indicator,
      purpose: r.purpose,
    })
    .execute();
}

export const drilldownReadsOf = (db: Kysely<DB>, readerId: number) =>
  db.selectFrom('reporting_drilldown_reads').selectAll().where('reader_id', '=', readerId).orderBy('id', 'desc').limit(100).execute();

export const hasDemoProject = async (db: Kysely<DB>) =>
  !!(await db.selectFrom('reporting_projects').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst());
