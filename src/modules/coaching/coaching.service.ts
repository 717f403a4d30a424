import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { hasRoleIn, organisationIdsWithRole } from '../../shared/access/access.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { localToUtc, zoneOfCountry } from '../../shared/i18n/zoned.js';
import type { BlobStore } from '../../shared/files/blob-store.js';
import type { UploadSource } from '../../shared/files/checked-body.js';
import { deleteFilesOf, type FileDto, listFilesOf, storeFile } from '../../shared/files/files.service.js';
import { entryDocuments } from './coaching.files.js';
import { findUserNames, listStaffRolesOf } from '../accounts/accounts.staff.service.js';
import { listAllOrganisations, organisationsSharingWith } from '../network/network.service.js';
import { deMinimisCheck, estimateEur } from '../navigator/navigator.service.js';
import { findFirmByNationalId, firmSummaries, naceDivisionOf, publicFirmFacts } from '../registry/registry.service.js';
import { coachingAccess, coachRoles, type CaseScope } from './coaching.access.js';
import { msg } from './coaching.messages.js';
import * as repo from './coaching.repository.js';
import type { ActivityInput, CaseCreateInput, EntryInput, OutcomeInput, ReferralInput } from './coaching.schemas.js';
import type { ConsentScope, OutcomeKind, ReferralResult } from './coaching.tables.js';

const { requireAccess, can } = coachingAccess;
export { can };

/** Today's date (UTC) as 'YYYY-MM-DD'; consent and agreements are valid per day. */
export const today = () => new Date().toISOString().slice(0, 10);
const notFound = () => new AppError('not_found', errorMessages.notFound);
const zoneOf = (country: string) => zoneOfCountry[country as 'NO' | 'SE' | 'FI'] ?? 'Europe/Oslo';

// ---- who sees what ----------------------------------------------------------------------

/** Organisations a person coaches in, and the organisations sharing cases with those ('coaching' agreements valid today). */
export async function visibilityFor(db: Kysely<DB>, user: SessionUser, day = today()): Promise<repo.Visibility> {
  const own = organisationIdsWithRole(user, coachRoles);
  const partners = new Set<number>();
  for (const orgId of own) for (const p of await organisationsSharingWith(db, orgId, 'coaching', day)) if (!own.includes(p)) partners.add(p);
  return { own, partners: [...partners], today: day };
}

/** The scope of a case for this person: its organisation, and their organisations it is shared with today (agreement ∩ firm consent). */
export async function caseScopeFor(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  row: { organisation_id: number; firm_id: number },
  day = today(),
): Promise<CaseScope> {
  const organisationId = Number(row.organisation_id);
  const sharedWith: number[] = [];
  if (user) {
    const mine = organisationIdsWithRole(user, coachRoles).filter((id) => id !== organisationId);
    const candidates: number[] = [];
    for (const orgId of mine) if ((await organisationsSharingWith(db, orgId, 'coaching', day)).includes(organisationId)) candidates.push(orgId);
    if (candidates.length && (await repo.hasValidConsent(db, Number(row.firm_id), organisationId, 'case_sharing', day))) sharedWith.push(...candidates);
  }
  return { organisationId, sharedWith };
}

async function loadCase(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, action: 'coaching.case.read' | 'coaching.case.update') {
  requireAccess(user, 'coaching.home.read', undefined);
  const row = await repo.findCase(db, caseId);
  if (!row) throw notFound();
  const scope = await caseScopeFor(db, user, row);
  requireAccess(user, action, scope);
  return { row, scope };
}

/** A case's access check on its own, for routes that run it before reading the form. */
export async function requireCaseAccess(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, action: 'coaching.case.read' | 'coaching.case.update') {
  await loadCase(db, user, caseId, action);
}

// ---- names ------------------------------------------------------------------------------

export interface Names {
  firms: Map<number, { name: string; nationalId: string; municipalityCode: string | null; country: string }>;
  people: Map<number, string>;
  organisations: Map<number, { name: string; country: string; type: string }>;
}

export async function namesFor(db: Kysely<DB>, ids: { firms?: number[]; people?: number[] }): Promise<Names> {
  const firmIds = [...new Set(ids.firms ?? [])];
  const personIds = [...new Set((ids.people ?? []).filter((x) => x > 0))];
  const [firms, people, orgs] = await Promise.all([
    firmIds.length ? firmSummaries(db, firmIds) : new Map<number, never>(),
    personIds.length ? findUserNames(db, personIds) : [],
    listAllOrganisations(db),
  ]);
  return {
    firms: new Map([...firms].map(([id, f]) => [id, { name: f.name, nationalId: f.nationalId, municipalityCode: f.municipalityCode, country: f.country }])),
    people: new Map(people.map((p) => [Number(p.id), p.display_name || p.email])),
    organisations: new Map(orgs.map((o) => [o.id, { name: o.name, country: o.country, type: o.type }])),
  };
}

/** Coaches (and admins) of an organisation, for the coach and owner pickers. */
export async function coachesOfOrganisation(db: Kysely<DB>, organisationId: number) {
  const rows = await listStaffRolesOf(db, organisationId);
  const seen = new Map<number, string>();
  for (const r of rows) if (coachRoles.includes(r.role) && !r.erased_at) seen.set(Number(r.user_id), r.display_name || r.email);
  return [...seen].map(([id, name]) => ({ id, name }));
}

// ---- cases ------------------------------------------------------------------------------

export async function openCase(db: Kysely<DB>, user: SessionUser | undefined, input: CaseCreateInput): Promise<number> {
  const me = requireAccess(user, 'coaching.case.create', input.organisation_id);
  const org = (await listAllOrganisations(db)).find((o) => o.id === input.organisation_id);
  if (!org) throw notFound();
  let firmId = input.firm_id;
  if (!firmId) {
    const nationalId = (input.national_id ?? '').replace(/[\s-]/g, '');
    const found = nationalId ? await findFirmByNationalId(db, org.country, nationalId) : undefined;
    if (!found) throw new AppError('validation', msg.noSuchFirm, [{ field: 'national_id', label: msg.nationalId, message: msg.noSuchFirm }]);
    firmId = found.id;
  }
  const facts = await publicFirmFacts(db, firmId, null);
  if (!facts.firm) throw new AppError('validation', msg.noSuchFirm, [{ field: 'national_id', label: msg.nationalId, message: msg.noSuchFirm }]);
  const summary = (await firmSummaries(db, [firmId])).get(firmId);
  const coachIds = [me.id];
  if (input.coach_id && input.coach_id !== me.id) {
    const coaches = await coachesOfOrganisation(db, input.organisation_id);
    if (!coaches.some((c) => c.id === input.coach_id))
      throw new AppError('validation', msg.notACoach, [{ field: 'coach_id', label: msg.secondCoach, message: msg.notACoach }]);
    coachIds.push(input.coach_id);
  }
  return db.transaction().execute((trx) =>
    repo.insertCase(
      trx,
      {
        organisation_id: input.organisation_id,
        firm_id: firmId,
        title: input.title,
        type: input.type,
        opened_on: input.opened_on,
        follow_up_on: input.follow_up_on,
        firm_country: facts.firm!.country,
        municipality_code: summary?.municipalityCode ?? null,
        nace_division: naceDivisionOf(facts.firm!.nace_code),
        created_by: me.id,
      },
      coachIds,
      input.needs,
    ),
  );
}

export async function getCase(db: Kysely<DB>, user: SessionUser | undefined, caseId: number) {
  const { row, scope } = await loadCase(db, user, caseId, 'coaching.case.read');
  const me = user!;
  const [coaches, needsMap, entries, contacts, consents, referrals, outcomes] = await Promise.all([
    repo.coachesOf(db, [caseId]),
    repo.needsOf(db, [caseId]),
    repo.listEntries(db, caseId, 300),
    repo.listContacts(db, caseId),
    repo.listConsents(db, Number(row.firm_id), Number(row.organisation_id)),
    repo.referralsOfCase(db, caseId),
    repo.outcomesOfCase(db, caseId),
  ]);
  const canEdit = can(me, 'coaching.case.update', scope);
  const visibleEntries = entries.filter((e) => !e.is_private || e.author_id === me.id);
  const names = await namesFor(db, {
    firms: [Number(row.firm_id)],
    people: [...(coaches.get(caseId) ?? []), ...visibleEntries.flatMap((e) => [Number(e.author_id ?? 0), Number(e.task_owner_id ?? 0)])],
  });
  return {
    row,
    scope,
    canEdit,
    coachIds: coaches.get(caseId) ?? [],
    needs: needsMap.get(caseId) ?? [],
    entries: visibleEntries,
    // Contact people's personal data: the case's own organisation only (partners see the case, not the people).
    contacts: canEdit ? contacts : [],
    consents: canEdit ? consents : [],
    referrals,
    outcomes,
    names,
    zone: zoneOf(row.firm_country),
    orgCoaches: canEdit ? await coachesOfOrganisation(db, Number(row.organisation_id)) : [],
    // The firm's de minimis room (support navigator), shown beside the referral form.
    deMinimis: canEdit ? await deMinimisRoomOf(db, Number(row.firm_id)) : null,
  };
}

export async function changeCaseStatus(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  caseId: number,
  input: { status: 'open' | 'active' | 'waiting' | 'closed'; close_reason: string | null; follow_up_on: string | null },
) {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  // A case closes today, or on its opening day when that lies ahead (closed_on >= opened_on).
  const closeDay = [today(), row.opened_on].sort().at(-1)!;
  const closedOn = input.status === 'closed' ? (row.closed_on ?? closeDay) : null;
  await repo.setCaseStatus(db, caseId, {
    status: input.status,
    close_reason: input.status === 'closed' ? input.close_reason : null,
    closed_on: closedOn,
    follow_up_on: input.follow_up_on,
  });
}

export async function addCoachToCase(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, userId: number) {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  const coaches = await coachesOfOrganisation(db, Number(row.organisation_id));
  if (!coaches.some((c) => c.id === userId)) throw new AppError('validation', msg.notACoach, [{ field: 'user_id', label: msg.coach, message: msg.notACoach }]);
  await db.transaction().execute((trx) => repo.addCoach(trx, caseId, userId));
}

export interface CaseListItem {
  id: number;
  title: string;
  type: string;
  status: string;
  organisationId: number;
  firmId: number;
  firmName: string;
  nationalId: string;
  country: string;
  municipalityCode: string | null;
  sector: string | null;
  openedOn: string;
  closedOn: string | null;
  followUpOn: string | null;
  lastContactAt: Date | null;
  coaches: string[];
  needs: string[];
  isDemo: boolean;
}

async function toListItems(
  db: Kysely<DB>,
  rows: NonNullable<Awaited<ReturnType<typeof repo.findCase>>>[],
  moreFirms: number[] = [],
): Promise<{ items: CaseListItem[]; names: Names }> {
  const ids = rows.map((r) => Number(r.id));
  // Needs come with the row (its copy, migration 0131): one query fewer per list.
  const coaches = ids.length ? await repo.coachesOf(db, ids) : new Map<number, number[]>();
  const names = await namesFor(db, { firms: [...rows.map((r) => Number(r.firm_id)), ...moreFirms], people: [...coaches.values()].flat() });
  const items = rows.map((r): CaseListItem => {
    const firm = names.firms.get(Number(r.firm_id));
    return {
      id: Number(r.id),
      title: r.title,
      type: r.type,
      status: r.status,
      organisationId: Number(r.organisation_id),
      firmId: Number(r.firm_id),
      firmName: firm?.name ?? '',
      nationalId: firm?.nationalId ?? '',
      country: r.firm_country,
      municipalityCode: r.municipality_code,
      sector: r.nace_division,
      openedOn: r.opened_on,
      closedOn: r.closed_on,
      followUpOn: r.follow_up_on,
      lastContactAt: r.last_contact_at,
      coaches: (coaches.get(Number(r.id)) ?? []).map((id) => names.people.get(id) ?? ''),
      needs: r.needs ?? [],
      isDemo: r.is_demo,
    };
  });
  return { items, names };
}

export const pageSize = 50;

export async function listCasesFor(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  q: {
    organisation?: number;
    municipality?: string;
    sector?: string;
    need?: string;
    coach?: number;
    status?: repo.CaseFilter['status'];
    type?: string;
    sort: repo.CaseFilter['sort'];
    page: number;
  },
  limit = pageSize,
): Promise<{ items: CaseListItem[]; names: Names; hasMore: boolean }> {
  const me = requireAccess(user, 'coaching.home.read', undefined);
  const v = await visibilityFor(db, me);
  const rows = await repo.listCases(db, v, {
    organisationId: q.organisation,
    municipality: q.municipality,
    sector: q.sector,
    need: q.need,
    coachId: q.coach,
    status: q.status,
    type: q.type,
    sort: q.sort,
    limit: limit + 1,
    offset: (q.page - 1) * limit,
  });
  const { items, names } = await toListItems(db, rows.slice(0, limit));
  return { items, names, hasMore: rows.length > limit };
}

export async function coachHome(db: Kysely<DB>, user: SessionUser | undefined, months: number, now = new Date()) {
  const me = requireAccess(user, 'coaching.home.read', undefined);
  const day = now.toISOString().slice(0, 10);
  const inAWeek = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const own = organisationIdsWithRole(me, coachRoles);
  const [open, tasks, follow, quiet, incoming] = await Promise.all([
    repo.myOpenCases(db, me.id, own, 20),
    repo.openTasksOf(db, me.id, inAWeek, 30),
    repo.followUpsDue(db, me.id, own, inAWeek, 20),
    repo.notContactedSince(db, own, cutoff, 20),
    repo.referralsOfOrganisations(db, own, 'in', 20),
  ]);
  // One lookup of coaches, needs and names for the three lists together.
  const unique = [...new Map([...open, ...follow, ...quiet].map((r) => [Number(r.id), r])).values()];
  const listed = await toListItems(db, unique, [...tasks.map((t) => Number(t.firm_id)), ...incoming.map((r) => Number(r.firm_id))]);
  const items = new Map(listed.items.map((i) => [i.id, i]));
  const pick = (rows: typeof open) => rows.map((r) => items.get(Number(r.id))!);
  const [openItems, followItems, quietItems] = [pick(open), pick(follow), pick(quiet)];
  const firmNames = listed.names;
  return {
    today: day,
    open: openItems,
    tasks: tasks.map((t) => ({ ...t, overdue: (t.task_due_on ?? '') < day, firmName: firmNames.firms.get(Number(t.firm_id))?.name ?? '' })),
    followUps: followItems,
    notContacted: quietItems,
    incoming: incoming.filter((r) => r.status === 'open' || r.status === 'accepted'),
    names: firmNames,
  };
}

// ---- timeline ---------------------------------------------------------------------------

export async function addEntry(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, input: EntryInput): Promise<number> {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  const me = user!;
  let meetingAt: Date | null = null;
  if (input.kind === 'meeting') meetingAt = localToUtc(input.meeting_at, zoneOf(row.firm_country));
  let owner: number | null = null;
  if (input.kind === 'task') {
    owner = input.task_owner_id ?? me.id;
    if (owner !== me.id && !(await coachesOfOrganisation(db, Number(row.organisation_id))).some((c) => c.id === owner))
      throw new AppError('validation', msg.notACoach, [{ field: 'task_owner_id', label: msg.owner, message: msg.notACoach }]);
  }
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertEntry(trx, {
      case_id: caseId,
      kind: input.kind,
      author_id: me.id,
      title: input.title,
      body: input.body,
      is_private: input.kind === 'note' ? input.is_private : false,
      meeting_at: meetingAt,
      duration_minutes: input.kind === 'meeting' ? input.duration_minutes : null,
      meeting_form: input.kind === 'meeting' ? input.meeting_form : null,
      participants: input.kind === 'meeting' || input.kind === 'email' ? input.participants : null,
      task_owner_id: owner,
      task_due_on: input.kind === 'task' ? input.task_due_on : null,
    });
    await repo.touchCase(trx, caseId, meetingAt && meetingAt <= new Date() ? meetingAt : undefined);
    return id;
  });
}

export async function completeTask(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, entryId: number) {
  await loadCase(db, user, caseId, 'coaching.case.update');
  if (!(await repo.findEntry(db, caseId, entryId))) throw notFound();
  await repo.completeTask(db, caseId, entryId);
}

// ---- documents ----------------------------------------------------------------------------

/**
 * Attaches a document to a case's timeline: the entry and its file in one transaction (the file is
 * checked by its bytes — type and size — while it is written; a refused file leaves no entry, and
 * the blob of a rolled-back one is left to `lokalkraft files sweep`). The form's file is already
 * read by the CSRF check (page forms are capped), so the transaction only waits for the disk.
 */
export async function attachDocument(
  db: Kysely<DB>,
  store: BlobStore,
  user: SessionUser | undefined,
  caseId: number,
  input: { title: string | null; body: string },
  file: { name: string; body: UploadSource; size?: number } | undefined,
): Promise<number> {
  await loadCase(db, user, caseId, 'coaching.case.update');
  if (!file) throw new AppError('validation', msg.fileRequired, [{ field: 'file', label: msg.file, message: msg.fileRequired }]);
  const me = user!;
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertEntry(trx, {
      case_id: caseId,
      kind: 'document',
      author_id: me.id,
      title: (input.title ?? file.name.split(/[/\\]/).pop() ?? '').slice(0, 200) || '–',
      body: input.body,
      ...repo.plainEntry,
    });
    const stored = await storeFile(trx, store, {
      owner: entryDocuments.owner,
      ownerId: id,
      use: entryDocuments.use,
      name: file.name,
      body: file.body,
      declaredSize: file.size,
      createdBy: me.id,
      field: 'file',
      label: msg.file,
    });
    await repo.setEntryFile(trx, id, stored.id);
    await repo.touchCase(trx, caseId);
    return id;
  });
}

/**
 * A document's file for download: checked like a note (a partner reads it only while sharing holds)
 * and the read logged — once per opening, not for each further byte range a PDF viewer asks for
 * (`logRead` false; the check still runs on every request).
 */
export async function openDocument(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, entryId: number, logRead = true): Promise<FileDto> {
  const { row, scope } = await loadCase(db, user, caseId, 'coaching.case.read');
  const entry = await repo.findEntry(db, caseId, entryId);
  if (entry?.kind !== 'document') throw notFound();
  requireAccess(user, 'coaching.note.read', { ...scope, authorId: entry.author_id === null ? null : Number(entry.author_id), isPrivate: entry.is_private });
  const file = entry.file_id ? (await listFilesOf(db, entryDocuments.owner, entryId)).find((f) => f.id === entry.file_id) : undefined;
  if (!file) throw new AppError('not_found', msg.documentErased);
  if (logRead)
    await repo.logNoteRead(db, {
      entry_id: entryId,
      case_id: caseId,
      organisation_id: Number(row.organisation_id),
      reader_id: user!.id,
      role: readingRole(user!, scope),
    });
  return file;
}

/** The file of a document entry, for the entry's page (no read is logged by looking at its name). */
export async function documentFileOf(db: Kysely<DB>, entry: { id: number; kind: string; file_id: string | null }): Promise<FileDto | undefined> {
  if (entry.kind !== 'document' || !entry.file_id) return undefined;
  return (await listFilesOf(db, entryDocuments.owner, Number(entry.id))).find((f) => f.id === entry.file_id);
}

/**
 * Erases a document's file (personal data in a letter, a scan of an ID…): the file row goes in the
 * same transaction as the entry's mark, the bytes right after; the entry stays, marked erased.
 */
export async function eraseDocument(db: Kysely<DB>, store: BlobStore, user: SessionUser | undefined, caseId: number, entryId: number): Promise<void> {
  await loadCase(db, user, caseId, 'coaching.case.update');
  const entry = await repo.findEntry(db, caseId, entryId);
  if (entry?.kind !== 'document') throw notFound();
  const removal = await db.transaction().execute(async (trx) => {
    await repo.markEntryFileErased(trx, caseId, entryId);
    return deleteFilesOf(trx, entryDocuments.owner, entryId);
  });
  await removal.removeBlobs(store);
}

/** The role a person reads a case's notes under (own organisation's role, or 'partner_…' through a sharing agreement). */
function readingRole(user: SessionUser, scope: CaseScope): string {
  const own = user.roles.find((r) => r.organisationId === scope.organisationId && coachRoles.includes(r.role));
  if (own) return own.role;
  const partner = user.roles.find((r) => scope.sharedWith.includes(r.organisationId) && coachRoles.includes(r.role));
  return `partner_${partner?.role ?? 'coach'}`;
}

/** One timeline entry with its text; every read is logged (who, when, which, role) in the same transaction. */
export async function readEntry(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, entryId: number) {
  const { row, scope } = await loadCase(db, user, caseId, 'coaching.case.read');
  const entry = await repo.findEntry(db, caseId, entryId);
  if (!entry) throw notFound();
  requireAccess(user, 'coaching.note.read', { ...scope, authorId: entry.author_id === null ? null : Number(entry.author_id), isPrivate: entry.is_private });
  const me = user!;
  await repo.logNoteRead(db, {
    entry_id: entryId,
    case_id: caseId,
    organisation_id: Number(row.organisation_id),
    reader_id: me.id,
    role: readingRole(me, scope),
  });
  const reads = await repo.readsOfNote(db, entryId);
  const names = await namesFor(db, {
    firms: [Number(row.firm_id)],
    people: [...reads.map((r) => Number(r.reader_id)), Number(entry.author_id ?? 0), Number(entry.task_owner_id ?? 0)],
  });
  const file = await documentFileOf(db, { id: Number(entry.id), kind: entry.kind, file_id: entry.file_id });
  return { row, entry, file, reads, names, zone: zoneOf(row.firm_country), canEdit: can(me, 'coaching.case.update', scope) };
}

export async function noteReadLog(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, beforeId?: number) {
  requireAccess(user, 'coaching.note-log.read', organisationId);
  const rows = await repo.readsInOrganisation(db, organisationId, beforeId, 100);
  const names = await namesFor(db, { people: rows.map((r) => Number(r.reader_id)) });
  return { rows, names };
}

// ---- contacts and consent ---------------------------------------------------------------

export async function addContact(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  caseId: number,
  input: { name: string; role: string | null; email: string | null; phone: string | null },
): Promise<number> {
  await loadCase(db, user, caseId, 'coaching.case.update');
  const { name, role, email, phone } = input;
  return repo.insertContact(db, { case_id: caseId, user_id: null, name, role, email, phone, consent_given_on: today(), consent_note: null });
}

export async function eraseContact(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, contactId: number) {
  await loadCase(db, user, caseId, 'coaching.case.update');
  if (!(await repo.listContacts(db, caseId)).some((c) => Number(c.id) === contactId)) throw notFound();
  await repo.eraseContact(db, caseId, contactId);
}

export async function recordConsent(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  caseId: number,
  input: { scope: ConsentScope; given_by: string; given_on: string; valid_to: string | null },
) {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  return repo.insertConsent(db, { firm_id: Number(row.firm_id), organisation_id: Number(row.organisation_id), ...input, recorded_by: user!.id });
}

export async function revokeConsent(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, consentId: number) {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  const ok = await repo.revokeConsent(db, Number(row.firm_id), Number(row.organisation_id), consentId, user!.id);
  if (!ok && !(await repo.listConsents(db, Number(row.firm_id), Number(row.organisation_id))).some((k) => Number(k.id) === consentId)) throw notFound();
}

// ---- outcomes ---------------------------------------------------------------------------

export async function recordOutcome(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, input: OutcomeInput): Promise<void> {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  const added = await repo.insertOutcome(db, {
    firm_id: Number(row.firm_id),
    organisation_id: Number(row.organisation_id),
    case_id: caseId,
    referral_id: null,
    kind: input.kind,
    occurred_on: input.occurred_on,
    evidence: input.evidence,
    programme: input.programme,
    quantity: input.quantity,
    amount_minor: input.amount,
    currency: input.currency,
    recorded_by: user!.id,
  });
  if (!added) throw new AppError('conflict', msg.outcomeExists);
}

export interface OutcomeDto {
  id: number;
  firmId: number;
  organisationId: number;
  caseId: number | null;
  referralId: number | null;
  kind: OutcomeKind;
  occurredOn: string;
  evidence: string;
  programme: string;
  quantity: number | null;
  amountMinor: number | null;
  currency: string | null;
  isDemo: boolean;
}

/**
 * Outcomes recorded by these organisations between two dates (inclusive), for the funders'
 * reports. A firm's outcome is stored once however many cases it has (one row per firm, kind,
 * day and programme), so counting distinct `firmId` counts firms once.
 */
export async function listOutcomes(db: Kysely<DB>, q: { organisationIds: number[]; from: string; to: string }): Promise<OutcomeDto[]> {
  const rows = await repo.outcomesBetween(db, q.organisationIds, q.from, q.to);
  return rows.map((r) => ({
    id: Number(r.id),
    firmId: Number(r.firm_id),
    organisationId: Number(r.organisation_id),
    caseId: r.case_id === null ? null : Number(r.case_id),
    referralId: r.referral_id === null ? null : Number(r.referral_id),
    kind: r.kind,
    occurredOn: r.occurred_on,
    evidence: r.evidence,
    programme: r.programme,
    quantity: r.quantity,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency,
    isDemo: r.is_demo,
  }));
}

// ---- referrals --------------------------------------------------------------------------

export async function referFirm(db: Kysely<DB>, user: SessionUser | undefined, caseId: number, input: ReferralInput): Promise<number> {
  const { row } = await loadCase(db, user, caseId, 'coaching.case.update');
  if (input.to_organisation_id !== null && !(await listAllOrganisations(db)).some((o) => o.id === input.to_organisation_id))
    throw new AppError('validation', msg.receiverRequired, [{ field: 'to_organisation_id', label: msg.toOrganisation, message: msg.receiverRequired }]);
  // Only what the firm consented to share travels with a referral.
  if (input.shared_info !== '' && !(await repo.hasValidConsent(db, Number(row.firm_id), Number(row.organisation_id), 'referral', today())))
    throw new AppError('validation', msg.noReferralConsent, [{ field: 'shared_info', label: msg.sharedInfo, message: msg.noReferralConsent }]);
  // Referring for funding: nobody is referred past the de minimis ceiling unawares (the navigator's ledger decides).
  let room: number | null = null;
  if (input.funding_amount !== null && input.funding_currency !== null) {
    const check = await fundingCheck(db, Number(row.firm_id), input.funding_amount, input.funding_currency);
    room = check.room;
    if (check.wouldExceed && !input.over_ceiling_ok) {
      const values = { amount: formatEur(check.amountEur ?? 0), room: formatEur(check.room ?? 0) };
      throw new AppError('validation', msg.overCeiling, [{ field: 'funding_amount', label: msg.fundingAmount, message: msg.overCeiling, values }], values);
    }
  }
  return repo.insertReferral(db, {
    case_id: caseId,
    firm_id: Number(row.firm_id),
    from_organisation_id: Number(row.organisation_id),
    to_organisation_id: input.to_organisation_id,
    to_body: input.to_organisation_id === null ? input.to_body : null,
    purpose: input.purpose,
    shared_info: input.shared_info,
    funding_amount_minor: input.funding_amount,
    funding_currency: input.funding_currency,
    de_minimis_room_eur_minor: room,
    over_ceiling_confirmed: input.funding_amount !== null && input.over_ceiling_ok,
    created_by: user!.id,
  });
}

/** EUR minor units as "EUR 12 345.67" in messages (the same in every language: the code names the currency). */
const formatEur = (minor: number) => `EUR ${String(Math.round(minor / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}`;

/**
 * The firm's de minimis position for a referral for funding (support navigator's ledger): the room
 * left today and whether the amount sought — in EUR at the latest ECB rate — would pass it. Unknown
 * (null) when a rate is missing; never guessed.
 */
export async function fundingCheck(db: Kysely<DB>, firmId: number, amountMinor: number, currency: string) {
  const day = today();
  const eur = await estimateEur(db, amountMinor, currency, day);
  const check = await deMinimisCheck(db, firmId, eur.eurMinor ?? 0, day);
  return { room: check.room, amountEur: eur.eurMinor, wouldExceed: eur.eurMinor === null ? null : check.wouldExceed, detail: check.detail };
}

/** The firm's de minimis room today, for the referral form (null when the navigator knows no ceiling). */
export async function deMinimisRoomOf(db: Kysely<DB>, firmId: number) {
  return (await deMinimisCheck(db, firmId, 0, today())).detail;
}

export async function listReferralsFor(db: Kysely<DB>, user: SessionUser | undefined) {
  const me = requireAccess(user, 'coaching.home.read', undefined);
  const own = organisationIdsWithRole(me, coachRoles);
  const [incoming, outgoing] = await Promise.all([repo.referralsOfOrganisations(db, own, 'in', 200), repo.referralsOfOrganisations(db, own, 'out', 200)]);
  const names = await namesFor(db, { firms: [...incoming, ...outgoing].map((r) => Number(r.firm_id)) });
  return { incoming, outgoing, names, me };
}

/** Runs a referral's access check before its form is read (a refused person gets 403 whatever they sent). */
export async function requireReferralAccess(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  referralId: number,
  action: 'coaching.referral.decide' | 'coaching.referral.report',
) {
  requireAccess(user, 'coaching.home.read', undefined);
  const r = await repo.findReferral(db, referralId);
  if (!r) throw notFound();
  requireAccess(user, action, {
    fromOrganisationId: Number(r.from_organisation_id),
    toOrganisationId: r.to_organisation_id === null ? null : Number(r.to_organisation_id),
  });
}

/** The receiving organisation accepts or declines (once; the row is locked while deciding). */
export async function decideReferral(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  referralId: number,
  input: { decision: 'accept' | 'decline'; reason: string | null },
) {
  requireAccess(user, 'coaching.home.read', undefined);
  await db.transaction().execute(async (trx) => {
    const r = await repo.lockReferral(trx, referralId);
    if (!r) throw notFound();
    requireAccess(user, 'coaching.referral.decide', {
      fromOrganisationId: Number(r.from_organisation_id),
      toOrganisationId: r.to_organisation_id === null ? null : Number(r.to_organisation_id),
    });
    if (r.status !== 'open') throw new AppError('conflict', msg.alreadyDecided);
    await repo.decideReferral(trx, referralId, {
      status: input.decision === 'accept' ? 'accepted' : 'declined',
      decision_reason: input.reason,
      decided_by: user!.id,
    });
  });
}

/**
 * The result of a referral, reported by the receiving organisation (on the platform) or the
 * referring coach; funding becomes an outcome of the case (counted once per firm).
 */
export async function reportReferralResult(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  referralId: number,
  input: { result: ReferralResult; result_note: string | null; occurred_on: string; programme: string; amount: number | null; currency: string | null },
) {
  requireAccess(user, 'coaching.home.read', undefined);
  await db.transaction().execute(async (trx) => {
    const r = await repo.lockReferral(trx, referralId);
    if (!r) throw notFound();
    requireAccess(user, 'coaching.referral.report', {
      fromOrganisationId: Number(r.from_organisation_id),
      toOrganisationId: r.to_organisation_id === null ? null : Number(r.to_organisation_id),
    });
    if (r.status === 'done') throw new AppError('conflict', msg.alreadyDone);
    if (r.status === 'declined') throw new AppError('conflict', msg.alreadyDecided);
    await repo.reportReferral(trx, referralId, { result: input.result, result_note: input.result_note });
    if (input.result === 'funding')
      await repo.insertOutcome(trx, {
        firm_id: Number(r.firm_id),
        organisation_id: Number(r.from_organisation_id),
        case_id: Number(r.case_id),
        referral_id: referralId,
        kind: 'funding',
        occurred_on: input.occurred_on,
        evidence: input.result_note ?? '',
        programme: input.programme || (r.to_body ?? ''),
        quantity: null,
        amount_minor: input.amount,
        currency: input.currency,
        recorded_by: user!.id,
      });
  });
}

export async function getReferral(db: Kysely<DB>, user: SessionUser | undefined, referralId: number) {
  requireAccess(user, 'coaching.home.read', undefined);
  const r = await repo.findReferral(db, referralId);
  if (!r) throw notFound();
  const scope = { fromOrganisationId: Number(r.from_organisation_id), toOrganisationId: r.to_organisation_id === null ? null : Number(r.to_organisation_id) };
  requireAccess(user, 'coaching.referral.report', scope);
  const names = await namesFor(db, { firms: [Number(r.firm_id)], people: [Number(r.created_by ?? 0)] });
  return { r, names, canDecide: can(user, 'coaching.referral.decide', scope) };
}

// ---- staff firm page --------------------------------------------------------------------

// The firm page draws four coaching sections from one record: computed once per request (the
// session user object lives for one request) and firm.
const recordCache = new WeakMap<SessionUser, Map<number, ReturnType<typeof loadFirmCoachingRecord>>>();

/** What the coaching module shows of a firm on its staff page: cases (no notes), referrals, outcomes, activities. */
export function firmCoachingRecord(db: Kysely<DB>, user: SessionUser | undefined, firmId: number) {
  if (!user) return Promise.resolve(null);
  let perUser = recordCache.get(user);
  if (!perUser) recordCache.set(user, (perUser = new Map()));
  let record = perUser.get(firmId);
  if (!record) perUser.set(firmId, (record = loadFirmCoachingRecord(db, user, firmId)));
  return record;
}

async function loadFirmCoachingRecord(db: Kysely<DB>, user: SessionUser, firmId: number) {
  const isFirmPerson = user.managedFirmIds.includes(firmId);
  const v = await visibilityFor(db, user);
  const allCases = await repo.casesOfFirm(db, firmId);
  const visibleOrgs = new Set(v.own);
  const partnerOk = new Map<number, boolean>();
  for (const c of allCases) {
    const org = Number(c.organisation_id);
    if (v.partners.includes(org) && !partnerOk.has(org)) partnerOk.set(org, await repo.hasValidConsent(db, firmId, org, 'case_sharing', v.today));
  }
  const seesCase = (org: number) => isFirmPerson || visibleOrgs.has(org) || partnerOk.get(org) === true;
  if (!isFirmPerson && v.own.length === 0) return null;
  const cases = allCases.filter((c) => seesCase(Number(c.organisation_id)));
  const [referrals, outcomes, activities] = await Promise.all([
    repo.referralsOfFirm(db, firmId),
    repo.outcomesOfFirm(db, firmId),
    repo.activitiesTargetingFirm(db, firmId),
  ]);
  return {
    organisations: (await namesFor(db, {})).organisations,
    cases,
    referrals: referrals.filter(
      (r) => seesCase(Number(r.from_organisation_id)) || (r.to_organisation_id !== null && visibleOrgs.has(Number(r.to_organisation_id))),
    ),
    outcomes: outcomes.filter((o) => seesCase(Number(o.organisation_id))),
    activities: activities.filter((a) => isFirmPerson || visibleOrgs.has(Number(a.organisation_id)) || v.partners.includes(Number(a.organisation_id))),
    isFirmPerson,
  };
}

// ---- joint calendar ---------------------------------------------------------------------

/** Organisations whose activities a person sees: their own and those sharing with them ('coaching'). */
export async function calendarOrganisations(db: Kysely<DB>, user: SessionUser): Promise<number[]> {
  const v = await visibilityFor(db, user);
  return [...v.own, ...v.partners];
}

export async function listActivities(db: Kysely<DB>, user: SessionUser | undefined, from: Date, to: Date) {
  const me = requireAccess(user, 'coaching.home.read', undefined);
  const orgIds = await calendarOrganisations(db, me);
  const rows = await repo.activitiesBetween(db, orgIds, from, to);
  const names = await namesFor(db, { firms: rows.flatMap((r) => r.firm_ids.map(Number)), people: rows.map((r) => Number(r.responsible_id ?? 0)) });
  return { rows, names, orgIds };
}

export async function planActivity(db: Kysely<DB>, user: SessionUser | undefined, input: ActivityInput): Promise<number> {
  const me = requireAccess(user, 'coaching.activity.create', input.organisation_id);
  const org = (await listAllOrganisations(db)).find((o) => o.id === input.organisation_id);
  if (!org) throw notFound();
  const zone = zoneOf(org.country);
  const startsAt = localToUtc(input.starts_at, zone);
  const endsAt = localToUtc(input.ends_at, zone);
  if (endsAt <= startsAt) throw new AppError('validation', msg.endsBeforeStart, [{ field: 'ends_at', label: msg.endsAt, message: msg.endsBeforeStart }]);
  if (
    input.responsible_id !== null &&
    input.responsible_id !== me.id &&
    !(await coachesOfOrganisation(db, input.organisation_id)).some((c) => c.id === input.responsible_id)
  )
    throw new AppError('validation', msg.notACoach, [{ field: 'responsible_id', label: msg.responsible, message: msg.notACoach }]);
  const firmIds: number[] = [];
  const unknown: string[] = [];
  for (const raw of (input.firms ?? '')
    .split(/[,;\n]/)
    .map((s) => s.replace(/[\s-]/g, ''))
    .filter(Boolean)
    .slice(0, 50)) {
    const f = await findFirmByNationalId(db, org.country, raw);
    if (f) firmIds.push(f.id);
    else unknown.push(raw);
  }
  if (unknown.length)
    throw new AppError('validation', msg.noSuchFirm, [
      { field: 'firms', label: msg.targetFirms, message: msg.unknownFirms, values: { list: unknown.join(', ') } },
    ]);
  return repo.insertActivity(db, {
    organisation_id: input.organisation_id,
    title: input.title,
    kind: input.kind,
    starts_at: startsAt,
    ends_at: endsAt,
    responsible_id: input.responsible_id ?? me.id,
    description: input.description,
    municipality_codes: input.municipalities,
    firm_ids: firmIds,
    created_by: me.id,
  });
}

// ---- iCalendar feeds ---------------------------------------------------------------------

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new secret feed URL token for the person or one of their organisations; the old one stops working. */
export async function renewFeed(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number | null): Promise<string> {
  const me = organisationId === null ? requireAccess(user, 'coaching.home.read', undefined) : requireAccess(user, 'coaching.feed.organisation', organisationId);
  const token = randomBytes(24).toString('base64url');
  await db.transaction().execute((trx) => repo.replaceFeed(trx, organisationId === null ? { userId: me.id } : { organisationId }, hashToken(token), me.id));
  return token;
}

export async function feedsOverview(db: Kysely<DB>, user: SessionUser | undefined) {
  const me = requireAccess(user, 'coaching.home.read', undefined);
  const adminOf = organisationIdsWithRole(me, ['org_admin']);
  const feeds = await repo.feedsOf(db, me.id, adminOf);
  const names = await namesFor(db, {});
  return { me, adminOf, feeds, names };
}

/** What a secret feed URL serves (no session: the token is the key). Unknown tokens are 404. */
export async function feedContent(db: Kysely<DB>, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw notFound();
  const feed = await repo.findFeed(db, hashToken(token));
  if (!feed) throw notFound();
  const from = new Date(now.getTime() - 366 * 86_400_000);
  const to = new Date(now.getTime() + 400 * 86_400_000);
  if (feed.organisation_id !== null) {
    const activities = await repo.activitiesBetween(db, [Number(feed.organisation_id)], from, to);
    return { kind: 'organisation' as const, ownerId: Number(feed.organisation_id), activities, meetings: [] };
  }
  const userId = Number(feed.user_id);
  const [activities, meetings] = await Promise.all([repo.activitiesOfPerson(db, userId, from), repo.meetingsOfAuthor(db, userId, from)]);
  return { kind: 'person' as const, ownerId: userId, activities, meetings };
}

export const isCoachIn = (user: SessionUser, orgId: number) => hasRoleIn(user, orgId, coachRoles);

// ---- funder reporting ---------------------------------------------------------------------

/** What the reporting module counts of coaching for a period (src/modules/report-sources.ts adapts it). */
export interface CoachingReportActivity {
  meetings: { firmId: number; meetings: number; minutes: number; firstOn: string }[];
  outcomes: { firmId: number; kind: OutcomeKind; count: number; quantity: number; firstOn: string; evidenced: boolean }[];
  referrals: { firmId: number; made: number; withResult: number; firstOn: string }[];
}

/**
 * Coaching's records for a funder report (first days in the report's zone): per firm, the meetings in its cases, the outcomes (stored
 * once per firm) and the referrals, of these organisations or of these cases (tagged to a project).
 * No person's data: firm ids and counts only. The caller (reporting) has checked its own access.
 */
export async function reportingActivity(
  db: Kysely<DB>,
  q: { organisationIds: number[]; caseIds: number[]; from: Date; to: Date; fromDay: string; toDay: string; timeZone: string },
): Promise<CoachingReportActivity> {
  const [meetings, outcomes, referrals] = await Promise.all([repo.meetingsPerFirm(db, q), repo.outcomesPerFirm(db, q), repo.referralsPerFirm(db, q)]);
  return {
    meetings: meetings.map((r) => ({ firmId: Number(r.firm_id), meetings: r.meetings, minutes: r.minutes, firstOn: r.first_on })),
    outcomes: outcomes.map((r) => ({
      firmId: Number(r.firm_id),
      kind: r.kind,
      count: r.n,
      quantity: Number(r.quantity),
      firstOn: r.first_on,
      evidenced: r.evidenced,
    })),
    referrals: referrals.map((r) => ({ firmId: Number(r.firm_id), made: r.made, withResult: r.with_result, firstOn: r.first_on })),
  };
}

/** Cases by id (organisation, firm, title), for tagging them to a project. */
export async function casesForTagging(db: Kysely<DB>, ids: number[]) {
  const rows = await repo.casesByIds(db, ids);
  return rows.map((r) => ({ id: Number(r.id), organisationId: Number(r.organisation_id), firmId: Number(r.firm_id), title: r.title, openedOn: r.opened_on }));
}
