import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ActivityKind, CaseStatus, ConsentScope, EntryKind, MeetingForm, OutcomeKind, ReferralResult } from './coaching.tables.js';

/** The only file with coaching's SQL; it names coaching's tables alone (other modules are asked through their services). */

/** Cases a person may list: those of their own organisations, and those of organisations sharing with them where the firm consented today. */
export interface Visibility {
  own: number[];
  partners: number[];
  today: string;
}

export function consentValid(eb: ExpressionBuilder<DB, 'coaching_cases'>, scope: ConsentScope, today: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('coaching_consents as k')
      .select(sql`1`.as('one'))
      .whereRef('k.firm_id', '=', 'coaching_cases.firm_id')
      .whereRef('k.organisation_id', '=', 'coaching_cases.organisation_id')
      .where('k.scope', '=', scope)
      .where('k.revoked_at', 'is', null)
      .where('k.given_on', '<=', today)
      .where((w) => w.or([w('k.valid_to', 'is', null), w('k.valid_to', '>=', today)])),
  );
}

const caseColumns = [
  'coaching_cases.id',
  'coaching_cases.organisation_id',
  'coaching_cases.firm_id',
  'coaching_cases.title',
  'coaching_cases.type',
  'coaching_cases.status',
  'coaching_cases.close_reason',
  sql<string>`coaching_cases.opened_on::text`.as('opened_on'),
  sql<string | null>`coaching_cases.closed_on::text`.as('closed_on'),
  sql<string | null>`coaching_cases.follow_up_on::text`.as('follow_up_on'),
  'coaching_cases.firm_country',
  'coaching_cases.municipality_code',
  'coaching_cases.nace_division',
  'coaching_cases.needs',
  'coaching_cases.last_contact_at',
  'coaching_cases.updated_at',
  'coaching_cases.is_demo',
] as const;

export type CaseRow = Awaited<ReturnType<typeof findCase>> & {};

export function findCase(db: Kysely<DB>, id: number) {
  return db.selectFrom('coaching_cases').select(caseColumns).where('id', '=', id).executeTakeFirst();
}

export async function lockCase(db: Kysely<DB>, id: number): Promise<void> {
  await db.selectFrom('coaching_cases').select('id').where('id', '=', id).forUpdate().execute();
}

export async function insertCase(
  db: Kysely<DB>,
  v: {
    organisation_id: number;
    firm_id: number;
    title: string;
    type: string;
    opened_on: string;
    follow_up_on: string | null;
    firm_country: string;
    municipality_code: string | null;
    nace_division: string | null;
    created_by: number;
    is_demo?: boolean;
  },
  coachIds: number[],
  needList: string[],
): Promise<number> {
  const ns = [...new Set(needList)].sort();
  const coaches = [...new Set(coachIds)].sort((a, b) => a - b);
  const row = await db
    .insertInto('coaching_cases')
    .values({ ...v, needs: sql`${ns}::text[]` as never, coach_ids: sql`${coaches}::bigint[]` as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  if (coaches.length)
    await db
      .insertInto('coaching_case_coaches')
      .values(coaches.map((user_id) => ({ case_id: id, user_id })))
      .execute();
  if (ns.length)
    await db
      .insertInto('coaching_case_needs')
      .values(ns.map((need) => ({ case_id: id, need })))
      .execute();
  return id;
}

/** Adds a coach to a case: the record and the row's copy (call inside a transaction). */
export async function addCoach(db: Kysely<DB>, caseId: number, userId: number): Promise<void> {
  await db
    .insertInto('coaching_case_coaches')
    .values({ case_id: caseId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .updateTable('coaching_cases')
    .set({ coach_ids: sql`array(select distinct u from unnest(coach_ids || ${userId}::bigint) u order by u)` as never })
    .where('id', '=', caseId)
    .execute();
}

export async function setCaseStatus(
  db: Kysely<DB>,
  id: number,
  v: { status: CaseStatus; close_reason: string | null; closed_on: string | null; follow_up_on: string | null },
) {
  await db
    .updateTable('coaching_cases')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function touchCase(db: Kysely<DB>, id: number, contactAt?: Date): Promise<void> {
  await db
    .updateTable('coaching_cases')
    .set((eb) => ({
      updated_at: new Date(),
      ...(contactAt ? { last_contact_at: sql<Date>`greatest(${eb.ref('last_contact_at')}, ${contactAt})` } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function coachesOf(db: Kysely<DB>, caseIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!caseIds.length) return out;
  const rows = await db.selectFrom('coaching_case_coaches').select(['case_id', 'user_id']).where('case_id', 'in', caseIds).execute();
  for (const r of rows) out.set(Number(r.case_id), [...(out.get(Number(r.case_id)) ?? []), Number(r.user_id)]);
  return out;
}

export async function needsOf(db: Kysely<DB>, caseIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!caseIds.length) return out;
  const rows = await db.selectFrom('coaching_case_needs').select(['case_id', 'need']).where('case_id', 'in', caseIds).orderBy('need').execute();
  for (const r of rows) out.set(Number(r.case_id), [...(out.get(Number(r.case_id)) ?? []), r.need]);
  return out;
}

export interface CaseFilter {
  organisationId?: number;
  municipality?: string;
  sector?: string;
  need?: string;
  coachId?: number;
  status?: CaseStatus | 'not_closed';
  type?: string;
  firmId?: number;
  sort: 'updated' | 'opened' | 'status' | 'follow_up';
  limit: number;
  offset: number;
}

type ListedCase = Awaited<ReturnType<typeof listCasesOfOrganisation>>[number];

const sortKeys: Record<CaseFilter['sort'], (r: ListedCase) => (string | number)[]> = {
  updated: (r) => [-new Date(r.updated_at).getTime(), -Number(r.id)],
  opened: (r) => [r.opened_on === null ? '' : invertDay(r.opened_on), -Number(r.id)],
  status: (r) => [r.status, -new Date(r.updated_at).getTime(), -Number(r.id)],
  follow_up: (r) => [r.follow_up_on ?? '9999-12-31', -Number(r.id)],
};
/** A day as a text that sorts the other way round (newest first in an ascending sort). */
const invertDay = (d: string) => d.replace(/\d/g, (c) => String(9 - Number(c)));
const compareKeys = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};

/**
 * One organisation's cases for a list: which cases (filters, order, limit) is decided on the
 * organisation's covering index alone (migration 0131: status, type, place, sector, needs and firm
 * ride in it), then only those rows are read from the table.
 */
function listCasesOfOrganisation(db: Kysely<DB>, orgId: number, needsConsent: boolean, today: string, f: CaseFilter, rows: number) {
  let ids = db.selectFrom('coaching_cases').select('coaching_cases.id').where('coaching_cases.organisation_id', '=', orgId);
  if (needsConsent) ids = ids.where((eb) => consentValid(eb, 'case_sharing', today));
  if (f.municipality) ids = ids.where('coaching_cases.municipality_code', '=', f.municipality);
  if (f.sector) ids = ids.where('coaching_cases.nace_division', '=', f.sector);
  if (f.type) ids = ids.where('coaching_cases.type', '=', f.type);
  if (f.firmId) ids = ids.where('coaching_cases.firm_id', '=', f.firmId);
  if (f.status === 'not_closed') ids = ids.where('coaching_cases.status', '<>', 'closed');
  else if (f.status) ids = ids.where('coaching_cases.status', '=', f.status);
  if (f.need) ids = ids.where(sql<SqlBool>`coaching_cases.needs @> array[${f.need}]::text[]`);
  if (f.coachId) {
    const coachId = f.coachId;
    ids = ids.where((eb) =>
      eb.exists(
        eb
          .selectFrom('coaching_case_coaches as cc')
          .select(sql`1`.as('one'))
          .whereRef('cc.case_id', '=', 'coaching_cases.id')
          .where('cc.user_id', '=', coachId),
      ),
    );
  }
  // The inner query names coaching_cases too; its references resolve to its own FROM (SQL scoping).
  const chosen = inListOrder(ids, f.sort).limit(rows);
  return inListOrder(db.selectFrom('coaching_cases').select(caseColumns).where('coaching_cases.id', 'in', chosen), f.sort).execute();
}

/** The list's sort order (the same columns as the organisation's covering indexes, id last). */
function inListOrder<O>(q: SelectQueryBuilder<DB, 'coaching_cases', O>, sort: CaseFilter['sort']): SelectQueryBuilder<DB, 'coaching_cases', O> {
  if (sort === 'opened') q = q.orderBy('coaching_cases.opened_on', 'desc');
  else if (sort === 'status') q = q.orderBy('coaching_cases.status').orderBy('coaching_cases.updated_at', 'desc');
  else if (sort === 'follow_up') q = q.orderBy(sql`coaching_cases.follow_up_on asc nulls last`);
  else q = q.orderBy('coaching_cases.updated_at', 'desc');
  return q.orderBy('coaching_cases.id', 'desc');
}

/**
 * Cases a person may list, filtered and sorted. One query per visible organisation (each walks
 * its organisation's index in the sort order and stops after offset + limit rows; a partner's
 * cases also need the firm's consent), merged here in the same order. A filter on the
 * organisation narrows to it.
 */
export async function listCases(db: Kysely<DB>, v: Visibility, f: CaseFilter): Promise<ListedCase[]> {
  const orgs = [...v.own.map((id) => ({ id, needsConsent: false })), ...v.partners.map((id) => ({ id, needsConsent: true }))].filter(
    (o) => !f.organisationId || o.id === f.organisationId,
  );
  const perOrg = await Promise.all(orgs.map((o) => listCasesOfOrganisation(db, o.id, o.needsConsent, v.today, f, f.offset + f.limit)));
  const key = sortKeys[f.sort];
  return perOrg
    .flat()
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => compareKeys(a.k, b.k))
    .slice(f.offset, f.offset + f.limit)
    .map((x) => x.r);
}

/**
 * A coach's open cases in their organisations, latest first. Per organisation, its covering index
 * is walked in order and the case row's copy of its coaches is tested there (`coach_ids`, migration
 * 0132): the walk stops after `limit` matches and only those rows are read; merged here. (First
 * version: all of a coach's ~1 000 cases by primary key, 15 ms on PostgreSQL; then a hash join of
 * the organisation's 7 000 open cases, 2 ms on PostgreSQL but 19 ms on PGlite.)
 */
export async function myOpenCases(db: Kysely<DB>, userId: number, organisationIds: number[], limit: number) {
  const perOrg = await Promise.all(
    organisationIds.map((orgId) =>
      db
        .selectFrom('coaching_cases')
        .select(caseColumns)
        .where(
          'coaching_cases.id',
          'in',
          db
            .selectFrom('coaching_cases')
            .select('coaching_cases.id')
            .where('coaching_cases.organisation_id', '=', orgId)
            .where('coaching_cases.status', '<>', 'closed')
            .where(sql<SqlBool>`coaching_cases.coach_ids @> array[${userId}]::bigint[]`)
            .orderBy('coaching_cases.updated_at', 'desc')
            .orderBy('coaching_cases.id', 'desc')
            .limit(limit),
        )
        .execute(),
    ),
  );
  const at = (r: { updated_at: Date }) => new Date(r.updated_at).getTime();
  return perOrg
    .flat()
    .sort((x, y) => at(y) - at(x) || Number(y.id) - Number(x.id))
    .slice(0, limit);
}

/** A coach's open cases with a follow-up due by `until`, soonest first (same shape as myOpenCases). */
export async function followUpsDue(db: Kysely<DB>, userId: number, organisationIds: number[], until: string, limit: number) {
  const perOrg = await Promise.all(
    organisationIds.map((orgId) =>
      db
        .selectFrom('coaching_cases')
        .select(caseColumns)
        .where(
          'coaching_cases.id',
          'in',
          db
            .selectFrom('coaching_cases')
            .select('coaching_cases.id')
            .where('coaching_cases.organisation_id', '=', orgId)
            .where('coaching_cases.status', '<>', 'closed')
            .where('coaching_cases.follow_up_on', '<=', until)
            .where(sql<SqlBool>`coaching_cases.coach_ids @> array[${userId}]::bigint[]`)
            .orderBy(sql`coaching_cases.follow_up_on asc nulls last`)
            .orderBy('coaching_cases.id', 'desc')
            .limit(limit),
        )
        .execute(),
    ),
  );
  return perOrg
    .flat()
    .sort((x, y) => (x.follow_up_on ?? '').localeCompare(y.follow_up_on ?? '') || Number(y.id) - Number(x.id))
    .slice(0, limit);
}

/**
 * Open cases of these organisations without a meeting since `before` (never contacted first, then
 * the oldest contact). One index-ordered query per organisation (index on organisation and
 * last contact, nulls first), merged here: each stops after `limit` rows.
 */
export async function notContactedSince(db: Kysely<DB>, organisationIds: number[], before: Date, limit: number) {
  const perOrg = await Promise.all(
    organisationIds.map((orgId) =>
      db
        .selectFrom('coaching_cases')
        .select(caseColumns)
        .where('coaching_cases.organisation_id', '=', orgId)
        .where('coaching_cases.status', '<>', 'closed')
        .where((eb) => eb.or([eb('coaching_cases.last_contact_at', 'is', null), eb('coaching_cases.last_contact_at', '<', before)]))
        .orderBy(sql`coaching_cases.last_contact_at asc nulls first`)
        .limit(limit)
        .execute(),
    ),
  );
  const at = (r: { last_contact_at: Date | null }) => (r.last_contact_at ? new Date(r.last_contact_at).getTime() : -Infinity);
  return perOrg
    .flat()
    .sort((a, b) => at(a) - at(b))
    .slice(0, limit);
}

export function openTasksOf(db: Kysely<DB>, userId: number, until: string, limit: number) {
  return db
    .selectFrom('coaching_entries as e')
    .innerJoin('coaching_cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'e.title', sql<string>`e.task_due_on::text`.as('task_due_on'), 'c.title as case_title', 'c.firm_id'])
    .where('e.kind', '=', 'task')
    .where('e.task_done_at', 'is', null)
    .where('e.task_owner_id', '=', userId)
    .where('e.task_due_on', '<=', until)
    .orderBy('e.task_due_on')
    .limit(limit)
    .execute();
}

// ---- timeline ---------------------------------------------------------------------------

export interface EntryValues {
  case_id: number;
  kind: EntryKind;
  author_id: number;
  title: string;
  body: string;
  is_private: boolean;
  meeting_at: Date | null;
  duration_minutes: number | null;
  meeting_form: MeetingForm | null;
  participants: string | null;
  task_owner_id: number | null;
  task_due_on: string | null;
  is_demo?: boolean;
  created_at?: Date;
}

/** An entry's meeting and task fields when it is neither (a note, an e-mail, a document); shared, not private. */
export const plainEntry = {
  is_private: false,
  meeting_at: null,
  duration_minutes: null,
  meeting_form: null,
  participants: null,
  task_owner_id: null,
  task_due_on: null,
} as const satisfies Partial<EntryValues>;

export async function insertEntry(db: Kysely<DB>, v: EntryValues): Promise<number> {
  const row = await db.insertInto('coaching_entries').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

const entryColumns = [
  'id',
  'case_id',
  'kind',
  'author_id',
  'title',
  'body',
  'is_private',
  'meeting_at',
  'duration_minutes',
  'meeting_form',
  'participants',
  'task_owner_id',
  sql<string | null>`task_due_on::text`.as('task_due_on'),
  'task_done_at',
  'file_id',
  'file_erased_at',
  'created_at',
  'is_demo',
] as const;

export function listEntries(db: Kysely<DB>, caseId: number, limit: number) {
  return db
    .selectFrom('coaching_entries')
    .select(entryColumns)
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function findEntryById(db: Kysely<DB>, entryId: number) {
  return db.selectFrom('coaching_entries').select(['id', 'case_id']).where('id', '=', entryId).executeTakeFirst();
}

/** A document entry gets its file's id once the file is stored (same transaction). */
export async function setEntryFile(db: Kysely<DB>, entryId: number, fileId: string): Promise<void> {
  await db.updateTable('coaching_entries').set({ file_id: fileId }).where('id', '=', entryId).execute();
}

/** Marks a document's file erased (the entry stays, without the file); false when it was already. */
export async function markEntryFileErased(db: Kysely<DB>, caseId: number, entryId: number): Promise<boolean> {
  const r = await db
    .updateTable('coaching_entries')
    .set({ file_id: null, file_erased_at: new Date() })
    .where('case_id', '=', caseId)
    .where('id', '=', entryId)
    .where('kind', '=', 'document')
    .where('file_id', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function findEntry(db: Kysely<DB>, caseId: number, entryId: number) {
  return db.selectFrom('coaching_entries').select(entryColumns).where('case_id', '=', caseId).where('id', '=', entryId).executeTakeFirst();
}

/** Marks a task done once (one statement: a second click changes nothing). */
export async function completeTask(db: Kysely<DB>, caseId: number, entryId: number): Promise<boolean> {
  const r = await db
    .updateTable('coaching_entries')
    .set({ task_done_at: new Date() })
    .where('case_id', '=', caseId)
    .where('id', '=', entryId)
    .where('kind', '=', 'task')
    .where('task_done_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function logNoteRead(db: Kysely<DB>, v: { entry_id: number; case_id: number; organisation_id: number; reader_id: number; role: string }) {
  await db.insertInto('coaching_note_reads').values(v).execute();
}

export function readsOfNote(db: Kysely<DB>, entryId: number, limit = 100) {
  return db
    .selectFrom('coaching_note_reads')
    .select(['reader_id', 'role', 'read_at'])
    .where('entry_id', '=', entryId)
    .orderBy('read_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function readsInOrganisation(db: Kysely<DB>, organisationId: number, beforeId: number | undefined, limit: number) {
  let q = db
    .selectFrom('coaching_note_reads as r')
    .innerJoin('coaching_entries as e', 'e.id', 'r.entry_id')
    .select(['r.id', 'r.entry_id', 'r.case_id', 'r.reader_id', 'r.role', 'r.read_at', 'e.title', 'e.kind'])
    .where('r.organisation_id', '=', organisationId);
  if (beforeId) q = q.where('r.id', '<', beforeId);
  return q.orderBy('r.id', 'desc').limit(limit).execute();
}

// ---- contacts and consent -------------------------------------------------------------

export function listContacts(db: Kysely<DB>, caseId: number) {
  return db
    .selectFrom('coaching_contacts')
    .select(['id', 'user_id', 'name', 'role', 'email', 'phone', sql<string | null>`consent_given_on::text`.as('consent_given_on'), 'consent_note', 'erased_at'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

export async function insertContact(
  db: Kysely<DB>,
  v: {
    case_id: number;
    user_id: number | null;
    name: string;
    role: string | null;
    email: string | null;
    phone: string | null;
    consent_given_on: string | null;
    consent_note: string | null;
  },
): Promise<number> {
  const r = await db.insertInto('coaching_contacts').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Blanks a contact's personal data (the row stays so the case still reads). */
export async function eraseContact(db: Kysely<DB>, caseId: number, contactId: number): Promise<boolean> {
  const r = await db
    .updateTable('coaching_contacts')
    .set({ name: '', role: null, email: null, phone: null, consent_note: null, user_id: null, erased_at: new Date() })
    .where('case_id', '=', caseId)
    .where('id', '=', contactId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function contactsOfUser(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('coaching_contacts')
    .select(['id', 'case_id', 'name', 'role', 'email', 'phone', sql<string | null>`consent_given_on::text`.as('consent_given_on'), 'created_at'])
    .where('user_id', '=', userId)
    .where('erased_at', 'is', null)
    .execute();
}

export async function eraseContactsOfUser(db: Kysely<DB>, userId: number): Promise<void> {
  await db
    .updateTable('coaching_contacts')
    .set({ name: '', role: null, email: null, phone: null, consent_note: null, user_id: null, erased_at: new Date() })
    .where('user_id', '=', userId)
    .execute();
}

export function entriesAuthoredBy(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('coaching_entries')
    .select(['id', 'case_id', 'kind', 'title', 'file_id', 'created_at'])
    .where('author_id', '=', userId)
    .orderBy('id')
    .limit(10_000)
    .execute();
}

export function notesReadBy(db: Kysely<DB>, userId: number) {
  return db.selectFrom('coaching_note_reads').select(['entry_id', 'role', 'read_at']).where('reader_id', '=', userId).orderBy('id').limit(10_000).execute();
}

export function listConsents(db: Kysely<DB>, firmId: number, organisationId: number) {
  return db
    .selectFrom('coaching_consents')
    .select(['id', 'scope', sql<string>`given_on::text`.as('given_on'), sql<string | null>`valid_to::text`.as('valid_to'), 'given_by', 'revoked_at'])
    .where('firm_id', '=', firmId)
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertConsent(
  db: Kysely<DB>,
  v: { firm_id: number; organisation_id: number; scope: ConsentScope; given_on: string; valid_to: string | null; given_by: string; recorded_by: number },
): Promise<number> {
  const r = await db.insertInto('coaching_consents').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function revokeConsent(db: Kysely<DB>, firmId: number, organisationId: number, consentId: number, by: number): Promise<boolean> {
  const r = await db
    .updateTable('coaching_consents')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', consentId)
    .where('firm_id', '=', firmId)
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function hasValidConsent(db: Kysely<DB>, firmId: number, organisationId: number, scope: ConsentScope, today: string): Promise<boolean> {
  const r = await db
    .selectFrom('coaching_consents as k')
    .select('id')
    .where('firm_id', '=', firmId)
    .where('organisation_id', '=', organisationId)
    .where('scope', '=', scope)
    .where('revoked_at', 'is', null)
    .where('given_on', '<=', today)
    .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>=', today)]))
    .executeTakeFirst();
  return !!r;
}

// ---- referrals and outcomes -----------------------------------------------------------

const referralColumns = [
  'id',
  'case_id',
  'firm_id',
  'from_organisation_id',
  'to_organisation_id',
  'to_body',
  'purpose',
  'shared_info',
  'status',
  'decision_reason',
  'decided_at',
  'result',
  'result_note',
  'funding_amount_minor',
  'funding_currency',
  'de_minimis_room_eur_minor',
  'over_ceiling_confirmed',
  'created_by',
  'created_at',
  'is_demo',
] as const;

export async function insertReferral(
  db: Kysely<DB>,
  v: {
    case_id: number;
    firm_id: number;
    from_organisation_id: number;
    to_organisation_id: number | null;
    to_body: string | null;
    purpose: string;
    shared_info: string;
    funding_amount_minor?: number | null;
    funding_currency?: string | null;
    de_minimis_room_eur_minor?: number | null;
    over_ceiling_confirmed?: boolean;
    created_by: number;
    is_demo?: boolean;
    created_at?: Date;
  },
): Promise<number> {
  const r = await db.insertInto('coaching_referrals').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export function findReferral(db: Kysely<DB>, id: number) {
  return db.selectFrom('coaching_referrals').select(referralColumns).where('id', '=', id).executeTakeFirst();
}

export async function lockReferral(db: Kysely<DB>, id: number) {
  return db.selectFrom('coaching_referrals').select(referralColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function referralsOfCase(db: Kysely<DB>, caseId: number) {
  return db.selectFrom('coaching_referrals').select(referralColumns).where('case_id', '=', caseId).orderBy('id', 'desc').execute();
}

export function referralsOfFirm(db: Kysely<DB>, firmId: number) {
  return db.selectFrom('coaching_referrals').select(referralColumns).where('firm_id', '=', firmId).orderBy('id', 'desc').limit(100).execute();
}

export function referralsOfOrganisations(db: Kysely<DB>, organisationIds: number[], direction: 'in' | 'out', limit: number) {
  if (!organisationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('coaching_referrals')
    .select(referralColumns)
    .where(direction === 'in' ? 'to_organisation_id' : 'from_organisation_id', 'in', organisationIds)
    .orderBy(sql`case when status in ('open', 'accepted') then 0 else 1 end`)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export async function decideReferral(db: Kysely<DB>, id: number, v: { status: 'accepted' | 'declined'; decision_reason: string | null; decided_by: number }) {
  await db
    .updateTable('coaching_referrals')
    .set({ ...v, decided_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function reportReferral(db: Kysely<DB>, id: number, v: { result: ReferralResult; result_note: string | null }) {
  await db
    .updateTable('coaching_referrals')
    .set({ ...v, status: 'done' })
    .where('id', '=', id)
    .execute();
}

export interface OutcomeValues {
  firm_id: number;
  organisation_id: number;
  case_id: number | null;
  referral_id: number | null;
  kind: OutcomeKind;
  occurred_on: string;
  evidence: string;
  programme: string;
  quantity: number | null;
  amount_minor: number | null;
  currency: string | null;
  recorded_by: number;
  is_demo?: boolean;
}

/** Records an outcome once per firm (kind, day, programme); false when the firm already has it. */
export async function insertOutcome(db: Kysely<DB>, v: OutcomeValues): Promise<boolean> {
  const r = await db
    .insertInto('coaching_outcomes')
    .values(v)
    .onConflict((oc) => oc.columns(['firm_id', 'kind', 'occurred_on', 'programme']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

const outcomeColumns = [
  'id',
  'firm_id',
  'organisation_id',
  'case_id',
  'referral_id',
  'kind',
  sql<string>`occurred_on::text`.as('occurred_on'),
  'evidence',
  'programme',
  'quantity',
  'amount_minor',
  'currency',
  'is_demo',
] as const;

export function outcomesOfFirm(db: Kysely<DB>, firmId: number) {
  return db.selectFrom('coaching_outcomes').select(outcomeColumns).where('firm_id', '=', firmId).orderBy('occurred_on', 'desc').limit(200).execute();
}

export function outcomesOfCase(db: Kysely<DB>, caseId: number) {
  return db.selectFrom('coaching_outcomes').select(outcomeColumns).where('case_id', '=', caseId).orderBy('occurred_on', 'desc').execute();
}

export function outcomesBetween(db: Kysely<DB>, organisationIds: number[], from: string, to: string) {
  if (!organisationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('coaching_outcomes')
    .select(outcomeColumns)
    .where('organisation_id', 'in', organisationIds)
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
}

export function casesOfFirm(db: Kysely<DB>, firmId: number) {
  return db.selectFrom('coaching_cases').select(caseColumns).where('firm_id', '=', firmId).orderBy('opened_on', 'desc').limit(100).execute();
}

// ---- activities and feeds -------------------------------------------------------------

export async function insertActivity(
  db: Kysely<DB>,
  v: {
    organisation_id: number;
    title: string;
    kind: ActivityKind;
    starts_at: Date;
    ends_at: Date;
    responsible_id: number | null;
    description: string;
    municipality_codes: string[];
    firm_ids: number[];
    created_by: number;
    is_demo?: boolean;
  },
): Promise<number> {
  const r = await db
    .insertInto('coaching_activities')
    .values({ ...v, municipality_codes: sql`${v.municipality_codes}::text[]` as never, firm_ids: sql`${v.firm_ids}::bigint[]` as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

const activityColumns = [
  'id',
  'organisation_id',
  'title',
  'kind',
  'starts_at',
  'ends_at',
  'responsible_id',
  'description',
  'municipality_codes',
  'firm_ids',
  'is_demo',
] as const;

export function activitiesBetween(db: Kysely<DB>, organisationIds: number[], from: Date, to: Date, limit = 500) {
  if (!organisationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('coaching_activities')
    .select(activityColumns)
    .where('organisation_id', 'in', organisationIds)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

export function activitiesOfPerson(db: Kysely<DB>, userId: number, from: Date, limit = 500) {
  return db
    .selectFrom('coaching_activities')
    .select(activityColumns)
    .where('responsible_id', '=', userId)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

export function activitiesTargetingFirm(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('coaching_activities')
    .select(activityColumns)
    .where(sql<SqlBool>`firm_ids @> array[${firmId}]::bigint[]`)
    .orderBy('starts_at', 'desc')
    .limit(50)
    .execute();
}

export function meetingsOfAuthor(db: Kysely<DB>, userId: number, from: Date, limit = 500) {
  return db
    .selectFrom('coaching_entries')
    .select(['id', 'case_id', 'title', 'meeting_at', 'duration_minutes', 'meeting_form'])
    .where('author_id', '=', userId)
    .where('kind', '=', 'meeting')
    .where('meeting_at', '>=', from)
    .orderBy('meeting_at')
    .limit(limit)
    .execute();
}

/** Replaces the feed of a person or an organisation with a new token hash (one statement each way). */
export async function replaceFeed(db: Kysely<DB>, owner: { userId: number } | { organisationId: number }, tokenHash: string, by: number): Promise<void> {
  if ('userId' in owner) await db.deleteFrom('coaching_feeds').where('user_id', '=', owner.userId).execute();
  else await db.deleteFrom('coaching_feeds').where('organisation_id', '=', owner.organisationId).execute();
  await db
    .insertInto('coaching_feeds')
    .values({
      user_id: 'userId' in owner ? owner.userId : null,
      organisation_id: 'organisationId' in owner ? owner.organisationId : null,
      token_hash: tokenHash,
      created_by: by,
    })
    .execute();
}

export function findFeed(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom('coaching_feeds').select(['id', 'user_id', 'organisation_id', 'created_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function feedsOf(db: Kysely<DB>, userId: number, organisationIds: number[]) {
  return db
    .selectFrom('coaching_feeds')
    .select(['id', 'user_id', 'organisation_id', 'created_at'])
    .where((eb) => eb.or([eb('user_id', '=', userId), ...(organisationIds.length ? [eb('organisation_id', 'in', organisationIds)] : [])]))
    .execute();
}

/** Vacuum and analyse the tables the lists read (not in a transaction: VACUUM refuses one). */
export async function maintainTables(db: Kysely<DB>): Promise<void> {
  for (const table of ['coaching_cases', 'coaching_case_coaches', 'coaching_consents', 'coaching_entries', 'coaching_referrals'] as const)
    await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
}

export async function hasDemoCaseTitled(db: Kysely<DB>, title: string): Promise<boolean> {
  return !!(await db.selectFrom('coaching_cases').select('id').where('is_demo', '=', true).where('title', '=', title).limit(1).executeTakeFirst());
}

export async function demoFirmIds(db: Kysely<DB>): Promise<number[]> {
  return (await db.selectFrom('coaching_cases').select('firm_id').where('is_demo', '=', true).execute()).map((r) => Number(r.firm_id));
}

export async function hasDemoCases(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('coaching_cases').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst());
}

// ---- funder reporting (read by the reporting module through coaching.service.reportingActivity) ----

/** Cases of these organisations, or these cases, as one SQL condition (`c` = coaching_cases). */
const reportedCase = (organisationIds: number[], caseIds: number[]) =>
  sql<SqlBool>`(c.organisation_id = any(${organisationIds.map(String)}::bigint[]) or c.id = any(${caseIds.map(String)}::bigint[]))`;

/** Per firm: meetings held in [from, to) in its cases (count, minutes, first meeting). */
export function meetingsPerFirm(db: Kysely<DB>, q: { organisationIds: number[]; caseIds: number[]; from: Date; to: Date; timeZone: string }) {
  return db
    .selectFrom('coaching_entries as e')
    .innerJoin('coaching_cases as c', 'c.id', 'e.case_id')
    .select([
      'c.firm_id',
      sql<number>`count(*)::int`.as('meetings'),
      sql<number>`coalesce(sum(e.duration_minutes), 0)::int`.as('minutes'),
      sql<string>`(min(e.meeting_at) at time zone ${q.timeZone})::date::text`.as('first_on'),
    ])
    .where('e.kind', '=', 'meeting')
    .where('e.meeting_at', '>=', q.from)
    .where('e.meeting_at', '<', q.to)
    .where(reportedCase(q.organisationIds, q.caseIds))
    .groupBy('c.firm_id')
    .orderBy('c.firm_id')
    .execute();
}

/** Per firm and kind: outcomes that occurred on these days (inclusive). */
export function outcomesPerFirm(db: Kysely<DB>, q: { organisationIds: number[]; caseIds: number[]; fromDay: string; toDay: string }) {
  return db
    .selectFrom('coaching_outcomes as o')
    .select([
      'o.firm_id',
      'o.kind',
      sql<number>`count(*)::int`.as('n'),
      sql<string>`coalesce(sum(coalesce(o.quantity::bigint, o.amount_minor, 0)), 0)::text`.as('quantity'),
      sql<string>`min(o.occurred_on)::text`.as('first_on'),
      sql<boolean>`bool_and(length(trim(o.evidence)) > 0)`.as('evidenced'),
    ])
    .where('o.occurred_on', '>=', q.fromDay)
    .where('o.occurred_on', '<=', q.toDay)
    .where((eb) =>
      eb.or([
        eb('o.organisation_id', '=', sql<number>`any(${q.organisationIds.map(String)}::bigint[])`),
        eb('o.case_id', '=', sql<number>`any(${q.caseIds.map(String)}::bigint[])`),
      ]),
    )
    .groupBy(['o.firm_id', 'o.kind'])
    .orderBy('o.firm_id')
    .orderBy('o.kind')
    .execute();
}

/** Per firm: referrals made in [from, to) from these organisations (or cases), and how many came back with a result. */
export function referralsPerFirm(db: Kysely<DB>, q: { organisationIds: number[]; caseIds: number[]; from: Date; to: Date; timeZone: string }) {
  return db
    .selectFrom('coaching_referrals as r')
    .select([
      'r.firm_id',
      sql<number>`count(*)::int`.as('made'),
      sql<number>`count(*) filter (where r.result in ('funding', 'advice'))::int`.as('with_result'),
      sql<string>`(min(r.created_at) at time zone ${q.timeZone})::date::text`.as('first_on'),
    ])
    .where('r.created_at', '>=', q.from)
    .where('r.created_at', '<', q.to)
    .where((eb) =>
      eb.or([
        eb('r.from_organisation_id', '=', sql<number>`any(${q.organisationIds.map(String)}::bigint[])`),
        eb('r.case_id', '=', sql<number>`any(${q.caseIds.map(String)}::bigint[])`),
      ]),
    )
    .groupBy('r.firm_id')
    .orderBy('r.firm_id')
    .execute();
}

/** Cases by id with their organisation and firm (to tag them to a project). */
export function casesByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('coaching_cases').select(['id', 'organisation_id', 'firm_id', 'title', 'opened_on']).where('id', 'in', ids).execute();
}
