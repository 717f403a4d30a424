import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/types.js';
import type { MembershipStatus, OrganisationTable } from './network.tables.js';

/** Dates leave the database as 'YYYY-MM-DD' text on both backends (pg and PGlite parse `date` differently). */
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** The row's period (`valid_from`, `valid_to`; open-ended when `valid_to` is null) contains the date. */
const validOn = (date: string, alias?: string) => {
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return sql<boolean>`${col('valid_from')} <= ${date} and (${col('valid_to')} is null or ${col('valid_to')} >= ${date})`;
};

// ---- organisations ---------------------------------------------------------------

export type OrganisationValues = Pick<Selectable<OrganisationTable>, 'name' | 'type' | 'country' | 'email' | 'phone' | 'website'>;

const organisationColumns = ['o.id', 'o.name', 'o.type', 'o.country', 'o.email', 'o.phone', 'o.website'] as const;

export function findOrganisation(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('organisations as o')
    .select([...organisationColumns, sql<boolean>`o.logo is not null`.as('has_logo')])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function listOrganisations(db: Kysely<DB>, ids?: number[]) {
  let q = db.selectFrom('organisations as o').select([...organisationColumns, sql<boolean>`o.logo is not null`.as('has_logo')]);
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('o.id', 'in', ids);
  }
  return q.orderBy('o.name').orderBy('o.id').execute();
}

/**
 * Takes the organisation's row lock until the transaction ends: its edits, staff changes and new
 * members queue one after the other, so each sees the previous one's result. NO KEY UPDATE, not
 * UPDATE: rows referring to the organisation (memberships, coverage) can still be inserted meanwhile.
 */
export async function lockOrganisation(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('id', '=', id).forNoKeyUpdate().executeTakeFirst()) !== undefined;
}

export async function insertOrganisation(db: Kysely<DB>, values: OrganisationValues): Promise<number> {
  const row = await db.insertInto('organisations').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateOrganisation(db: Kysely<DB>, id: number, values: OrganisationValues): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setOrganisationLogo(db: Kysely<DB>, id: number, logo: Uint8Array | null, contentType: string | null): Promise<void> {
  await db.updateTable('organisations').set({ logo, logo_content_type: contentType, updated_at: new Date() }).where('id', '=', id).execute();
}

export function findOrganisationLogo(db: Kysely<DB>, id: number) {
  return db.selectFrom('organisations').select(['logo', 'logo_content_type', 'updated_at']).where('id', '=', id).executeTakeFirst();
}

// ---- coverage ----------------------------------------------------------------------

const coverageSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('organisation_coverage as c')
    .select([
      'c.id',
      'c.organisation_id',
      'c.country',
      'c.municipality_code',
      day('c.valid_from').as('valid_from'),
      dayOrNull('c.valid_to').as('valid_to'),
      'c.status',
      'c.requested_by',
    ]);

export function listCoverage(db: Kysely<DB>, organisationId: number) {
  return coverageSelect(db).where('c.organisation_id', '=', organisationId).orderBy('c.valid_from').orderBy('c.id').execute();
}

export function listCoverageOn(db: Kysely<DB>, organisationId: number, date: string) {
  return coverageSelect(db)
    .where('c.organisation_id', '=', organisationId)
    .where('c.status', '=', 'approved')
    .where(validOn(date, 'c'))
    .orderBy('c.id')
    .execute();
}

export function findCoverage(db: Kysely<DB>, id: number) {
  return coverageSelect(db).where('c.id', '=', id).executeTakeFirst();
}

/** Coverage rows of one municipality whose period overlaps [from, to] (null = open-ended); callers add whose and which status. */
function coverageOfMunicipalityDuring(db: Kysely<DB>, country: string, code: string, from: string, to: string | null) {
  const q = db
    .selectFrom('organisation_coverage')
    .where('country', '=', country)
    .where('municipality_code', '=', code)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]));
  return to ? q.where('valid_from', '<=', to) : q;
}

/** Periods of the same municipality in the same organisation (approved or still pending) that overlap [from, to]. */
export function findOverlappingCoverage(
  db: Kysely<DB>,
  organisationId: number,
  country: string,
  code: string,
  from: string,
  to: string | null,
  exceptId?: number,
) {
  const q = coverageOfMunicipalityDuring(db, country, code, from, to)
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('status', '<>', 'rejected');
  return (exceptId ? q.where('id', '<>', exceptId) : q).execute();
}

/**
 * Serialises coverage changes of one municipality until the transaction ends, so two
 * organisations adding it at the same moment cannot both see "nobody covers it" and both be
 * approved at once.
 */
export async function lockMunicipalityCoverage(db: Kysely<DB>, country: string, code: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`organisation_coverage:${country}-${code}`}))`.execute(db);
}

/** Other organisations whose APPROVED coverage of the municipality overlaps [from, to] (null = open-ended). */
export async function otherOrganisationsCoveringDuring(
  db: Kysely<DB>,
  exceptOrganisationId: number,
  country: string,
  code: string,
  from: string,
  to: string | null,
): Promise<number[]> {
  const rows = await coverageOfMunicipalityDuring(db, country, code, from, to)
    .select('organisation_id')
    .distinct()
    .where('organisation_id', '<>', exceptOrganisationId)
    .where('status', '=', 'approved')
    .execute();
  return rows.map((r) => Number(r.organisation_id));
}

/** True when the organisation's APPROVED coverage of the municipality overlaps [from, to]. */
export async function coversDuring(db: Kysely<DB>, organisationId: number, country: string, code: string, from: string, to: string | null): Promise<boolean> {
  const row = await coverageOfMunicipalityDuring(db, country, code, from, to)
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'approved')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Pending coverage periods with the asking organisation's name, oldest first (a queue, bounded). */
export function listPendingCoverage(db: Kysely<DB>, limit = 500) {
  return coverageSelect(db)
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['o.name as organisation_name', 'c.created_at'])
    .where('c.status', '=', 'pending')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** The period, locked until the transaction ends (two deciders at once: one wins, the other sees it decided). */
export function lockCoverage(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('organisation_coverage')
    .select([
      'id',
      'organisation_id',
      'country',
      'municipality_code',
      day('valid_from').as('valid_from'),
      dayOrNull('valid_to').as('valid_to'),
      'status',
      'requested_by',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function decideCoverage(db: Kysely<DB>, id: number, status: 'approved' | 'rejected', decidedBy: number): Promise<void> {
  await db.updateTable('organisation_coverage').set({ status, decided_by: decidedBy, decided_at: new Date() }).where('id', '=', id).execute();
}

export async function insertCoverage(
  db: Kysely<DB>,
  values: {
    organisation_id: number;
    country: string;
    municipality_code: string;
    valid_from: string;
    valid_to: string | null;
    status?: 'pending' | 'approved';
    requested_by?: number | null;
  },
): Promise<number> {
  const row = await db.insertInto('organisation_coverage').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function setCoverageEnd(db: Kysely<DB>, id: number, validTo: string): Promise<void> {
  await db.updateTable('organisation_coverage').set({ valid_to: validTo }).where('id', '=', id).execute();
}

export async function deleteCoverage(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('organisation_coverage').where('id', '=', id).execute();
}

/** Organisations whose coverage includes the municipality on the date. */
export async function organisationIdsCovering(db: Kysely<DB>, country: string, municipalityCode: string, date: string): Promise<number[]> {
  const rows = await db
    .selectFrom('organisation_coverage')
    .select('organisation_id')
    .distinct()
    .where('country', '=', country)
    .where('municipality_code', '=', municipalityCode)
    .where('status', '=', 'approved')
    .where(validOn(date))
    .execute();
  return rows.map((r) => Number(r.organisation_id));
}

// ---- memberships -------------------------------------------------------------------

export interface MembershipValues {
  tier: string;
  status: MembershipStatus;
  valid_from: string;
  valid_to: string | null;
  fee_minor: number | null;
  currency: string | null;
}

/* Member rows carry the firm's id only; the service adds the firm's name, number and place from the registry. */
const membershipSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('memberships as ms')
    .select([
      'ms.id',
      'ms.organisation_id',
      'ms.firm_id',
      'ms.tier',
      'ms.status',
      day('ms.valid_from').as('valid_from'),
      dayOrNull('ms.valid_to').as('valid_to'),
      'ms.fee_minor',
      'ms.currency',
    ]);

export type MembershipRow = Awaited<ReturnType<typeof findMembership>>;

export function findMembership(db: Kysely<DB>, id: number) {
  return membershipSelect(db).where('ms.id', '=', id).executeTakeFirst();
}

/** The membership, locked until the transaction ends (edits at once queue; each history version follows the one before). */
export function lockMembership(db: Kysely<DB>, id: number) {
  return membershipSelect(db).where('ms.id', '=', id).forUpdate('ms').executeTakeFirst();
}

export interface MembershipQuery {
  status?: MembershipStatus;
  tier?: string;
  on?: string;
}

/** An organisation's memberships by id (the service filters by the firm's place and sorts by name). */
export function listMemberships(db: Kysely<DB>, organisationId: number, filter: MembershipQuery) {
  let q = membershipSelect(db).where('ms.organisation_id', '=', organisationId);
  if (filter.status) q = q.where('ms.status', '=', filter.status);
  if (filter.tier) q = q.where('ms.tier', '=', filter.tier);
  if (filter.on) {
    q = q.where(validOn(filter.on, 'ms'));
  }
  return q.orderBy('ms.id').execute();
}

export async function listTiers(db: Kysely<DB>, organisationId: number): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('tier').distinct().where('organisation_id', '=', organisationId).orderBy('tier').execute();
  return rows.map((r) => r.tier);
}

export async function memberFirmIds(db: Kysely<DB>, organisationId: number): Promise<number[]> {
  const rows = await db.selectFrom('memberships').select('firm_id').distinct().where('organisation_id', '=', organisationId).execute();
  return rows.map((r) => Number(r.firm_id));
}

export function findOpenMembership(db: Kysely<DB>, organisationId: number, firmId: number) {
  return db
    .selectFrom('memberships')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('firm_id', '=', firmId)
    .where('status', '<>', 'ended')
    .executeTakeFirst();
}

export async function insertMembership(db: Kysely<DB>, values: MembershipValues & { organisation_id: number; firm_id: number }): Promise<number> {
  const row = await db.insertInto('memberships').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateMembership(db: Kysely<DB>, id: number, values: MembershipValues): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertMembershipVersion(db: Kysely<DB>, membershipId: number, values: MembershipValues, changedBy: number | null): Promise<void> {
  const last = await db
    .selectFrom('membership_history')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('membership_id', '=', membershipId)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('membership_history')
    .values({ membership_id: membershipId, version, ...values, changed_by: changedBy })
    .execute();
}

export function listMembershipVersions(db: Kysely<DB>, membershipId: number) {
  return db
    .selectFrom('membership_history')
    .select([
      'version',
      'tier',
      'status',
      day('valid_from').as('valid_from'),
      dayOrNull('valid_to').as('valid_to'),
      'fee_minor',
      'currency',
      'changed_by',
      'changed_at',
    ])
    .where('membership_id', '=', membershipId)
    .orderBy('version')
    .execute();
}

// ---- membership offers (firms outside the coverage consent first) ------------------

export async function insertMembershipRequest(
  db: Kysely<DB>,
  values: MembershipValues & { organisation_id: number; firm_id: number; requested_by: number },
): Promise<number> {
  const row = await db.insertInto('membership_requests').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findPendingMembershipRequest(db: Kysely<DB>, organisationId: number, firmId: number) {
  return db
    .selectFrom('membership_requests')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('firm_id', '=', firmId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}

const membershipRequestSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('membership_requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.organisation_id',
      'o.name as organisation_name',
      'r.firm_id',
      'r.tier',
      'r.status',
      day('r.valid_from').as('valid_from'),
      dayOrNull('r.valid_to').as('valid_to'),
      'r.fee_minor',
      'r.currency',
      'r.state',
      'r.requested_by',
      'r.created_at',
    ]);

export type MembershipRequestRow = NonNullable<Awaited<ReturnType<typeof lockMembershipRequest>>>;

/** Pending offers to the given firms (the firms a person manages). */
export function listPendingMembershipRequestsForFirms(db: Kysely<DB>, firmIds: number[]) {
  if (firmIds.length === 0) return Promise.resolve([]);
  return membershipRequestSelect(db).where('r.firm_id', 'in', firmIds).where('r.state', '=', 'pending').orderBy('r.created_at').execute();
}

/** Pending offers an organisation has made. */
export function listPendingMembershipRequestsOf(db: Kysely<DB>, organisationId: number) {
  return membershipRequestSelect(db).where('r.organisation_id', '=', organisationId).where('r.state', '=', 'pending').orderBy('r.created_at').execute();
}

export function lockMembershipRequest(db: Kysely<DB>, id: number) {
  return membershipRequestSelect(db).where('r.id', '=', id).forUpdate('r').executeTakeFirst();
}

export async function setMembershipRequestState(
  db: Kysely<DB>,
  id: number,
  state: 'accepted' | 'declined' | 'withdrawn',
  decidedBy: number,
  membershipId: number | null,
): Promise<void> {
  await db
    .updateTable('membership_requests')
    .set({ state, decided_by: decidedBy, decided_at: new Date(), membership_id: membershipId })
    .where('id', '=', id)
    .execute();
}

// ---- sharing agreements ------------------------------------------------------------

const sharingSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('sharing_agreements as s')
    .innerJoin('organisations as f', 'f.id', 's.from_organisation_id')
    .innerJoin('organisations as t', 't.id', 's.to_organisation_id')
    .select([
      's.id',
      's.from_organisation_id',
      'f.name as from_name',
      's.to_organisation_id',
      't.name as to_name',
      's.scope',
      day('s.valid_from').as('valid_from'),
      dayOrNull('s.valid_to').as('valid_to'),
      's.note',
    ]);

export function listSharingAgreements(db: Kysely<DB>, organisationId: number) {
  return sharingSelect(db)
    .where((eb) => eb.or([eb('s.from_organisation_id', '=', organisationId), eb('s.to_organisation_id', '=', organisationId)]))
    .orderBy('s.valid_from', 'desc')
    .orderBy('s.id')
    .execute();
}

export function findSharingAgreement(db: Kysely<DB>, id: number) {
  return sharingSelect(db).where('s.id', '=', id).executeTakeFirst();
}

/** The agreement, locked until the transaction ends. */
export function lockSharingAgreement(db: Kysely<DB>, id: number) {
  return sharingSelect(db).where('s.id', '=', id).forUpdate('s').executeTakeFirst();
}

export async function insertSharingAgreement(
  db: Kysely<DB>,
  values: { from_organisation_id: number; to_organisation_id: number; scope: string; valid_from: string; valid_to: string | null; note: string | null },
): Promise<number> {
  const row = await db.insertInto('sharing_agreements').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function setSharingAgreementEnd(db: Kysely<DB>, id: number, validTo: string): Promise<void> {
  await db.updateTable('sharing_agreements').set({ valid_to: validTo }).where('id', '=', id).execute();
}

/** Organisations that share `scope` with `organisationId` on the date (agreements from them to it). */
export async function organisationIdsSharingWith(db: Kysely<DB>, organisationId: number, scope: string, date: string): Promise<number[]> {
  const rows = await db
    .selectFrom('sharing_agreements')
    .select('from_organisation_id')
    .distinct()
    .where('to_organisation_id', '=', organisationId)
    .where('scope', '=', scope)
    .where(validOn(date))
    .execute();
  return rows.map((r) => Number(r.from_organisation_id));
}

/** Every membership a firm has or had, in any organisation (the staff firm page). */
export function membershipsOfFirm(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('memberships')
    .select(['id', 'organisation_id', 'tier', 'status', 'valid_from', 'valid_to'])
    .where('firm_id', '=', firmId)
    .orderBy('valid_from', 'desc')
    .limit(100)
    .execute();
}

/** The organisation with exactly this name (the demo world finds its organisations again by name). */
export async function findOrganisationIdByName(db: Kysely<DB>, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('organisations').select('id').where('name', '=', name).orderBy('id').limit(1).executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

/** Funder reporting: firms whose membership of these organisations overlaps [fromDay, toDay], from when. */
export function membershipsOverlapping(db: Kysely<DB>, organisationIds: number[], fromDay: string, toDay: string) {
  return db
    .selectFrom('memberships')
    .select(['firm_id', sql<string>`min(valid_from)::text`.as('valid_from'), sql<number>`count(*)::int`.as('n')])
    .where(sql<boolean>`organisation_id = any(${organisationIds.map(String)}::bigint[])`)
    .where('valid_from', '<=', toDay)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', fromDay)]))
    .where('status', '<>', 'paused')
    .groupBy('firm_id')
    .orderBy('firm_id')
    .execute();
}
