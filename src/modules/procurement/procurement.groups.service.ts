import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { defineFileOwner } from '../../shared/files/file-owners.js';
import { mime } from '../../shared/files/file-uses.js';
import type { BlobStore } from '../../shared/files/blob-store.js';
import { type FileDto, listFilesOf, storeFile } from '../../shared/files/files.service.js';
import type { UploadSource } from '../../shared/files/checked-body.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { listFirmPeople, listStaffRolesOf } from '../accounts/accounts.staff.service.js';
import type { Mailer } from '../../shared/mail/mailer.js';
import { format } from '../../shared/i18n/i18n.js';
import { organisationsCovering } from '../network/network.service.js';
import { findFirmByNationalId, firmActivities, firmSummaries } from '../registry/registry.service.js';
import { type GroupScope, procurementAccess } from './procurement.access.js';
import { msg } from './procurement.messages.js';
import * as repo from './procurement.repository.js';
import type { GroupStatus } from './procurement.tables.js';

/**
 * Bidding groups: firms bidding together for a notice or one of its lots. The lead partner's people
 * invite firms (each firm's own people accept or decline), set roles and shares, keep a checklist
 * and the status, invite one coach, and record the outcome. The thread (messages and documents)
 * is read only by accepted members' people and the invited coach; to anyone else — the network
 * admin included — a group does not exist (404), except an invited firm's people, who see the
 * invitation. Changes that read and then write (shares, answers, status) lock the group row first.
 */
export const groupDocuments = defineFileOwner<GroupScope>({
  owner: 'procurement.group',
  use: { accepts: [mime.pdf, mime.docx, mime.xlsx, mime.odt, mime.ods, mime.png, mime.jpeg], maxBytes: 10 * 1024 * 1024 },
  scope: async (db, ownerId) => (/^\d{1,15}$/.test(ownerId) ? (await loadGroup(db, Number(ownerId)))?.scope : undefined),
  canRead: (u, s) => procurementAccess.can(u, 'procurement.group.read', s),
  canAttach: (u, s) => procurementAccess.can(u, 'procurement.group.post', s),
});

async function loadGroup(db: Kysely<DB>, groupId: number) {
  const group = await repo.findGroup(db, groupId);
  if (!group) return undefined;
  const members = await repo.listMembers(db, groupId);
  const scope: GroupScope = {
    leadFirmId: Number(group.lead_firm_id),
    acceptedFirmIds: members.filter((m) => m.state === 'accepted').map((m) => Number(m.firm_id)),
    invitedFirmIds: members.filter((m) => m.state === 'invited').map((m) => Number(m.firm_id)),
    coachUserId: group.coach_user_id === null ? null : Number(group.coach_user_id),
  };
  return { group, members, scope };
}

const notFound = () => new AppError('not_found', msg.groupNotFound);

/** The named check on a group, before a route reads its input (404 to those who may not know of it). */
export async function requireGroupAccess(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  groupId: number,
  action: 'procurement.group.read' | 'procurement.group.post' | 'procurement.group.manage',
) {
  await groupFor(db, user, groupId, action);
}

/** The group page or an invitation answer: members, the coach, or an invited firm's people; 404 to anyone else. */
export async function requireGroupVisible(db: Kysely<DB>, user: SessionUser | undefined, groupId: number) {
  if (!user) procurementAccess.requireAccess(user, 'procurement.group.read', {} as GroupScope);
  const loaded = await loadGroup(db, groupId);
  if (!loaded) throw notFound();
  const invited = loaded.scope.invitedFirmIds.some((firmId) => procurementAccess.can(user, 'procurement.group.respond', { ...loaded.scope, firmId }));
  if (!invited && !procurementAccess.can(user, 'procurement.group.read', loaded.scope)) throw notFound();
}

/** The group for someone who may act on it; others get 404 (anonymous: sign in), so a group's existence stays private. */
async function groupFor(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  groupId: number,
  action: 'procurement.group.read' | 'procurement.group.post' | 'procurement.group.manage',
) {
  if (!user) procurementAccess.requireAccess(user, action, {} as GroupScope);
  const loaded = await loadGroup(db, groupId);
  if (!loaded) throw notFound();
  if (!procurementAccess.can(user, 'procurement.group.read', loaded.scope) && !procurementAccess.can(user, 'procurement.group.manage', loaded.scope))
    throw notFound();
  procurementAccess.requireAccess(user, action, loaded.scope);
  return loaded;
}

export async function createGroup(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  noticeId: number,
  input: { firm: number; lot: string | null; name: string },
): Promise<number> {
  const who = procurementAccess.requireAccess(user, 'procurement.group.create', input.firm);
  const notice = await repo.findNotice(db, noticeId);
  if (!notice) throw new AppError('not_found', msg.noticeNotFound);
  if (input.lot && !notice.lots.some((l) => l.id === input.lot))
    throw new AppError('validation', msg.lotNotFound, [{ field: 'lot', message: msg.lotNotFound }]);
  return db.transaction().execute((trx) => repo.insertGroup(trx, { noticeId, lotId: input.lot, name: input.name, leadFirmId: input.firm, createdBy: who.id }));
}

export interface GroupPage {
  mode: 'full' | 'invitation';
  group: {
    id: number;
    name: string;
    status: GroupStatus;
    lotId: string | null;
    noticeId: number;
    isDemo: boolean;
    outcomeMinor: number | null;
    outcomeCurrency: string | null;
  };
  notice: { id: number; title: string; lots: { id: string; title: string | null }[]; currency: string | null };
  lead: { id: number; name: string };
  members: { firmId: number; name: string; nationalId: string; role: string; share: number | null; state: string }[];
  messages: { id: number; author: string; body: string; at: string; file: FileDto | null }[];
  checklist: { id: number; firmId: number; firmName: string; item: string; done: boolean }[];
  coach: { id: number; name: string } | null;
  coachCandidates: { id: number; name: string }[];
  invitedFirmIds: number[];
  canManage: boolean;
  canPost: boolean;
}

/** The group page: everything for members and the coach; only the invitation for an invited firm's people. */
export async function getGroupPage(db: Kysely<DB>, user: SessionUser | undefined, groupId: number): Promise<GroupPage> {
  if (!user) procurementAccess.requireAccess(user, 'procurement.group.read', {} as GroupScope);
  const loaded = await loadGroup(db, groupId);
  if (!loaded) throw notFound();
  const { group, members, scope } = loaded;
  const full = procurementAccess.can(user, 'procurement.group.read', scope);
  const invitedHere = scope.invitedFirmIds.filter((firmId) => procurementAccess.can(user, 'procurement.group.respond', { ...scope, firmId }));
  if (!full && !invitedHere.length) throw notFound();
  const notice = (await repo.findNotice(db, Number(group.notice_id)))!;
  const names = await firmSummaries(
    db,
    members.map((m) => Number(m.firm_id)),
  );
  const lead = names.get(Number(group.lead_firm_id));
  const page: GroupPage = {
    mode: full ? 'full' : 'invitation',
    group: {
      id: Number(group.id),
      name: group.name,
      status: group.status,
      lotId: group.lot_id,
      noticeId: Number(group.notice_id),
      isDemo: group.is_demo,
      outcomeMinor: group.outcome_value_minor === null ? null : Number(group.outcome_value_minor),
      outcomeCurrency: group.outcome_currency,
    },
    notice: { id: Number(notice.id), title: notice.title, lots: notice.lots.map((l) => ({ id: l.id, title: l.title })), currency: notice.currency },
    lead: { id: Number(group.lead_firm_id), name: lead?.name ?? '' },
    members: [],
    messages: [],
    checklist: [],
    coach: null,
    coachCandidates: [],
    invitedFirmIds: invitedHere,
    canManage: procurementAccess.can(user, 'procurement.group.manage', scope),
    canPost: procurementAccess.can(user, 'procurement.group.post', scope),
  };
  if (!full) return page;
  page.members = members.map((m) => ({
    firmId: Number(m.firm_id),
    name: names.get(Number(m.firm_id))?.name ?? '',
    nationalId: names.get(Number(m.firm_id))?.nationalId ?? '',
    role: m.role,
    share: m.share_percent,
    state: m.state,
  }));
  const [messages, files, checklist] = await Promise.all([
    repo.listMessages(db, groupId),
    listFilesOf(db, groupDocuments.owner, groupId),
    repo.listChecklist(db, groupId),
  ]);
  const fileById = new Map(files.map((f) => [f.id, f]));
  page.messages = messages.map((m) => ({
    id: Number(m.id),
    author: m.author_name,
    body: m.body,
    at: new Date(m.created_at).toISOString(),
    file: m.file_id ? (fileById.get(m.file_id) ?? null) : null,
  }));
  page.checklist = checklist.map((c) => ({
    id: Number(c.id),
    firmId: Number(c.firm_id),
    firmName: names.get(Number(c.firm_id))?.name ?? '',
    item: c.item,
    done: c.done,
  }));
  const candidates = await coachCandidates(db, Number(group.lead_firm_id));
  page.coachCandidates = page.canManage ? candidates : [];
  if (scope.coachUserId !== null) {
    const known = candidates.find((c) => c.id === scope.coachUserId);
    page.coach = { id: scope.coachUserId, name: known?.name ?? (user!.id === scope.coachUserId ? user!.displayName || user!.email : `#${scope.coachUserId}`) };
  }
  return page;
}

/** Coaches (and admins) of the organisations covering the lead partner's municipality. */
async function coachCandidates(db: Kysely<DB>, leadFirmId: number) {
  const [lead] = await firmActivities(db, { ids: [leadFirmId], limit: 1 });
  if (!lead?.municipalityCode) return [];
  const orgs = await organisationsCovering(db, lead.country, lead.municipalityCode);
  const staff = (await Promise.all(orgs.map((id) => listStaffRolesOf(db, id)))).flat();
  const byId = new Map<number, string>();
  for (const s of staff) if ((s.role === 'coach' || s.role === 'org_admin') && !s.erased_at) byId.set(Number(s.user_id), s.display_name || s.email);
  return [...byId.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

const closed: GroupStatus[] = ['won', 'lost', 'withdrawn'];

export async function inviteFirm(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  groupId: number,
  input: { national_id: string; role: string; share: number | null },
  notify?: { mailer: Mailer; baseUrl: string },
) {
  const { group } = await groupFor(db, user, groupId, 'procurement.group.manage');
  const [lead] = await firmActivities(db, { ids: [Number(group.lead_firm_id)], limit: 1 });
  const firm = await findFirmByNationalId(db, lead?.country ?? 'NO', input.national_id);
  if (!firm) throw new AppError('validation', msg.firmNotFound, [{ field: 'national_id', message: msg.firmNotFound }]);
  await db.transaction().execute(async (trx) => {
    const locked = await repo.lockGroup(trx, groupId);
    if (!locked || closed.includes(locked.status)) throw new AppError('conflict', msg.groupClosed);
    const members = await repo.listMembers(trx, groupId);
    const existing = members.find((m) => Number(m.firm_id) === firm.id);
    if (existing && existing.state !== 'declined') throw new AppError('conflict', msg.alreadyMember, [{ field: 'national_id', message: msg.alreadyMember }]);
    const shares = members.filter((m) => m.state !== 'declined').reduce((s, m) => s + (m.share_percent ?? 0), 0);
    if (shares + (input.share ?? 0) > 100) throw new AppError('validation', msg.sharesOver, [{ field: 'share', message: msg.sharesOver }]);
    // A firm that declined may be invited again: its row goes back to 'invited'.
    await repo.inviteMember(trx, groupId, firm.id, input.role, input.share);
    // The invited firm's people hear of it by e-mail (queued in the same transaction), in the firm's country's language.
    if (notify) {
      const locale = ({ NO: 'nb', SE: 'sv', FI: 'fi' } as const)[firm.country as 'NO'] ?? 'en';
      const leadName = (await firmSummaries(trx, [Number(group.lead_firm_id)])).get(Number(group.lead_firm_id))?.name ?? '';
      const text = `${format(msg.invitedTo[locale], { firm: firm.name, group: group.name, lead: leadName })}\n\n${notify.baseUrl}/tenders/groups/${groupId}`;
      for (const p of await listFirmPeople(trx, firm.id))
        if (p.status === 'approved' && p.email) await notify.mailer.send({ to: p.email, subject: `${msg.group[locale]}: ${group.name}`, text }, trx);
    }
  });
  return firm;
}

export async function answerInvitation(db: Kysely<DB>, user: SessionUser | undefined, groupId: number, firmId: number, accept: boolean) {
  if (!user) procurementAccess.requireAccess(user, 'procurement.group.respond', {} as never);
  const loaded = await loadGroup(db, groupId);
  if (!loaded) throw notFound();
  const scope = { ...loaded.scope, firmId };
  if (!procurementAccess.can(user, 'procurement.group.respond', scope)) {
    if (procurementAccess.can(user, 'procurement.group.read', loaded.scope)) throw new AppError('conflict', msg.notInvited);
    throw notFound();
  }
  await db.transaction().execute(async (trx) => {
    await repo.lockGroup(trx, groupId);
    const member = await repo.lockMember(trx, groupId, firmId);
    if (member?.state !== 'invited') throw new AppError('conflict', msg.notInvited);
    await repo.answerInvitation(trx, groupId, firmId, accept ? 'accepted' : 'declined', user!.id);
  });
}

export async function postMessage(
  db: Kysely<DB>,
  store: BlobStore,
  user: SessionUser | undefined,
  groupId: number,
  input: { body: string },
  file?: { name: string; body: UploadSource },
) {
  await groupFor(db, user, groupId, 'procurement.group.post');
  const stored = file
    ? await storeFile(db, store, {
        owner: groupDocuments.owner,
        ownerId: groupId,
        use: groupDocuments.use,
        name: file.name,
        body: file.body,
        createdBy: user!.id,
        field: 'file',
      })
    : null;
  await db
    .transaction()
    .execute((trx) =>
      repo.insertMessage(trx, { groupId, userId: user!.id, authorName: user!.displayName || user!.email, body: input.body, fileId: stored?.id ?? null }),
    );
}

export async function addChecklistItem(db: Kysely<DB>, user: SessionUser | undefined, groupId: number, input: { firm: number; item: string }) {
  const { scope } = await groupFor(db, user, groupId, 'procurement.group.manage');
  if (![...scope.acceptedFirmIds, ...scope.invitedFirmIds].includes(input.firm))
    throw new AppError('validation', msg.notMemberFirm, [{ field: 'firm', message: msg.notMemberFirm }]);
  await db.transaction().execute((trx) => repo.insertChecklistItem(trx, groupId, input.firm, input.item));
}

/** A member ticks its own items; the lead partner any item. */
export async function setChecklistDone(db: Kysely<DB>, user: SessionUser | undefined, groupId: number, itemId: number, done: boolean) {
  const { scope } = await groupFor(db, user, groupId, 'procurement.group.post');
  const item = await repo.findChecklistItem(db, groupId, itemId);
  if (!item) throw notFound();
  const mayTick = procurementAccess.can(user, 'procurement.group.manage', scope) || user!.managedFirmIds.includes(Number(item.firm_id));
  if (!mayTick) procurementAccess.requireAccess(user, 'procurement.group.manage', scope);
  await db.transaction().execute((trx) => repo.setChecklistDone(trx, itemId, done, user!.id));
}

export async function setGroupStatus(db: Kysely<DB>, user: SessionUser | undefined, groupId: number, input: { status: GroupStatus; value: number | null }) {
  const { group } = await groupFor(db, user, groupId, 'procurement.group.manage');
  const notice = await repo.findNotice(db, Number(group.notice_id));
  await db.transaction().execute(async (trx) => {
    await repo.lockGroup(trx, groupId);
    const outcome = input.status === 'won' || input.status === 'lost';
    await repo.updateGroup(trx, groupId, {
      status: input.status,
      outcome_value_minor: input.status === 'won' ? input.value : null,
      outcome_currency: input.status === 'won' && input.value !== null ? (notice?.currency ?? null) : null,
      outcome_recorded_at: outcome ? new Date() : null,
    });
  });
}

export async function inviteCoach(db: Kysely<DB>, user: SessionUser | undefined, groupId: number, coachId: number) {
  const { group } = await groupFor(db, user, groupId, 'procurement.group.manage');
  const candidates = await coachCandidates(db, Number(group.lead_firm_id));
  if (!candidates.some((c) => c.id === coachId)) throw new AppError('validation', msg.notACoach, [{ field: 'coach', message: msg.notACoach }]);
  await db.transaction().execute((trx) => repo.updateGroup(trx, groupId, { coach_user_id: coachId }));
}

/** The groups of the firms a person manages, and those they are the invited coach of. */
export async function groupsOf(db: Kysely<DB>, user: SessionUser | undefined, firmIds?: number[]) {
  if (!user) return [];
  const ids = (firmIds ?? user.managedFirmIds).filter((id) => user.managedFirmIds.includes(id));
  const rows = await repo.listGroupsFor(db, ids, user.id);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    status: r.status,
    lotId: r.lot_id,
    noticeId: Number(r.notice_id),
    noticeTitle: r.notice_title,
    deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
    isDemo: r.is_demo,
  }));
}

/**
 * Outcomes of bidding groups since a date, for the reports (won value shared by the accepted
 * members' shares; members without a share split the rest evenly). Staff and the network admin.
 */
export async function groupOutcomes(db: Kysely<DB>, user: SessionUser | undefined, since: Date) {
  procurementAccess.requireAccess(user, 'procurement.outcome.read', undefined);
  const rows = await repo.listOutcomes(db, since);
  const members = await repo.listAcceptedMemberFirms(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => {
    const mine = members.filter((m) => Number(m.group_id) === Number(r.id));
    const value = r.outcome_value_minor === null ? null : Number(r.outcome_value_minor);
    // Members without a share split what the others' shares leave.
    const unset = mine.filter((m) => m.share_percent === null).length;
    const even = unset ? Math.max(0, 100 - mine.reduce((sum, m) => sum + (m.share_percent ?? 0), 0)) / unset : 0;
    return {
      groupId: Number(r.id),
      name: r.name,
      status: r.status as 'won' | 'lost',
      notice: r.title,
      buyer: r.buyer_name,
      valueMinor: value,
      currency: r.outcome_currency,
      recordedAt: r.outcome_recorded_at ? new Date(r.outcome_recorded_at).toISOString() : null,
      firms: mine.map((m) => ({
        firmId: Number(m.firm_id),
        shareMinor: value === null ? null : Math.round((value * (m.share_percent ?? even)) / 100),
      })),
    };
  });
}

const submittedOrAfter: GroupStatus[] = ['submitted', 'won', 'lost'];

export interface GroupsForReporting {
  /** Groups formed in the period that got as far as a bid (submitted, won or lost), and groups whose "won" was recorded in it. */
  groups: { formed: number; submitted: number; won: number };
  /** Per accepted member firm, ordered by firm: how many of those groups, and the first local day of each. */
  firms: {
    firmId: number;
    formed: number;
    formedOn: string | null;
    submitted: number;
    submittedOn: string | null;
    won: number;
    wonOn: string | null;
    /** The firm's share of the won value (its share per cent, or an even part of what the shares leave), minor units. */
    wonShareMinor: number;
  }[];
}

/**
 * Funder reporting (ADR 0021): bidding groups an organisation supported — those that invited one
 * of its coaches or admins as their coach (groups are private to their members and that coach, so
 * an organisation counts only the groups it was let into). Groups formed in [from, to) and, of
 * those, the ones that submitted (the status has no date of its own: submitted, won or lost now);
 * groups whose "won" was recorded in [from, to). Accepted members only. No access check: reporting
 * checks who may read its figures and who may see the firms behind them.
 */
export async function biddingGroupsForReporting(
  db: Kysely<DB>,
  q: { organisationIds: number[]; from: Date; to: Date; timeZone: string },
): Promise<GroupsForReporting> {
  const staff = (await Promise.all([...new Set(q.organisationIds)].map((id) => listStaffRolesOf(db, id)))).flat();
  const coachUserIds = [...new Set(staff.filter((s) => (s.role === 'coach' || s.role === 'org_admin') && !s.erased_at).map((s) => Number(s.user_id)))];
  const rows = await repo.groupMembersForReporting(db, { coachUserIds, from: q.from, to: q.to, timeZone: q.timeZone });
  const formed = new Set<number>();
  const submitted = new Set<number>();
  const won = new Set<number>();
  const byGroup = new Map<number, typeof rows>();
  for (const r of rows) {
    const id = Number(r.group_id);
    byGroup.set(id, [...(byGroup.get(id) ?? []), r]);
  }
  const firms = new Map<number, GroupsForReporting['firms'][number]>();
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
  for (const r of rows) {
    const groupId = Number(r.group_id);
    const firmId = Number(r.firm_id);
    const f = firms.get(firmId) ?? { firmId, formed: 0, formedOn: null, submitted: 0, submittedOn: null, won: 0, wonOn: null, wonShareMinor: 0 };
    if (r.formed_in) {
      formed.add(groupId);
      f.formed += 1;
      f.formedOn = earliest(f.formedOn, r.formed_on);
      if (submittedOrAfter.includes(r.status)) {
        submitted.add(groupId);
        f.submitted += 1;
        f.submittedOn = earliest(f.submittedOn, r.formed_on);
      }
    }
    if (r.won_in) {
      won.add(groupId);
      f.won += 1;
      f.wonOn = earliest(f.wonOn, r.outcome_on);
      const members = byGroup.get(groupId) ?? [];
      const unset = members.filter((m) => m.share_percent === null).length;
      const even = unset ? Math.max(0, 100 - members.reduce((s, m) => s + (m.share_percent ?? 0), 0)) / unset : 0;
      f.wonShareMinor += r.outcome_value_minor === null ? 0 : Math.round((Number(r.outcome_value_minor) * (r.share_percent ?? even)) / 100);
    }
    firms.set(firmId, f);
  }
  return {
    groups: { formed: formed.size, submitted: submitted.size, won: won.size },
    firms: [...firms.values()].sort((a, b) => a.firmId - b.firmId),
  };
}
