import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/types.js';
import type { DigestFrequency, GroupStatus, ProcurementNoticeTable } from './procurement.tables.js';

/** The only file with SQL on the procurement tables (procurement.tables.ts). */
export type NoticeRow = Selectable<ProcurementNoticeTable>;
export type NewNotice = Insertable<ProcurementNoticeTable>;

/**
 * Inserts notices, or updates the stored one with the same (source, key) when the incoming version
 * is the same or later (a re-import is harmless; an older version never overwrites a newer one).
 * One statement per batch; answers how many rows were new, updated or left alone.
 */
export async function upsertNotices(db: Kysely<DB>, rows: NewNotice[]): Promise<{ inserted: number; updated: number; unchanged: number }> {
  if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 };
  // A batch may carry two versions of one notice: keep the last (the latest version read).
  const byKey = new Map<string, NewNotice>();
  for (const r of rows) {
    const k = `${r.source}\u0000${r.notice_key}`;
    const prev = byKey.get(k);
    if (!prev || prev.version <= r.version) byKey.set(k, r);
  }
  const unique = [...byKey.values()];
  const result = await db
    .insertInto('procurement_notices')
    .values(unique)
    .onConflict((oc) =>
      oc
        .columns(['source', 'notice_key'])
        .doUpdateSet((eb) => {
          const cols = [
            'notice_number',
            'version',
            'kind',
            'notice_type',
            'procedure',
            'language',
            'title',
            'description',
            'buyer_name',
            'buyer_national_id',
            'buyer_country',
            'cpv_main',
            'cpv_codes',
            'cpv_divisions',
            'activity_divisions',
            'nuts',
            'places',
            'county_keys',
            'municipality_keys',
            'country_keys',
            'estimated_minor',
            'currency',
            'deadline',
            'published_at',
            'links',
            'lots',
            'awards',
            'award_total_minor',
            'is_demo',
          ] as const;
          const set: Record<string, unknown> = Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)]));
          set.updated_at = sql`now()`;
          set.local_firm_count = null;
          set.matched_at = null;
          return set as never;
        })
        .where(sql<boolean>`excluded.version >= procurement_notices.version`),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = result.filter((r) => r.inserted).length;
  const updated = result.length - inserted;
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}

export function findNotice(db: Kysely<DB>, id: number) {
  return db.selectFrom('procurement_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findNoticeByKey(db: Kysely<DB>, source: 'eforms' | 'ocds', key: string) {
  return db.selectFrom('procurement_notices').selectAll().where('source', '=', source).where('notice_key', '=', key).executeTakeFirst();
}

/** Open: not a result notice, and the deadline is ahead (or, without one, published in the last half year). */
const openAt = (now: Date) =>
  sql<boolean>`(kind <> 'result' and (deadline > ${now} or (deadline is null and published_at > ${now}::timestamptz - interval '180 days')))`;

export interface NoticeFilter {
  cpvDivision?: string;
  county?: string;
  deadlineFrom?: Date;
  deadlineTo?: Date;
  status: 'open' | 'all';
  now: Date;
  limit: number;
  offset: number;
}

export async function listNotices(db: Kysely<DB>, f: NoticeFilter) {
  let q = db.selectFrom('procurement_notices');
  if (f.status === 'open') q = q.where(openAt(f.now));
  if (f.cpvDivision) q = q.where(sql<boolean>`cpv_divisions @> array[${f.cpvDivision}]::text[]`);
  if (f.county) q = q.where(sql<boolean>`(county_keys @> array[${f.county}]::text[] or country_keys @> array[${f.county.slice(0, 2)}]::text[])`);
  if (f.deadlineFrom) q = q.where('deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('deadline', '<=', f.deadlineTo);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy(sql`deadline asc nulls last`).orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open notices whose place includes one of these municipalities, counties or countries (a firm's or an area's). */
export function listOpenNoticesIn(db: Kysely<DB>, place: { municipalities: string[]; counties: string[]; countries: string[] }, now: Date, limit = 2000) {
  return db
    .selectFrom('procurement_notices')
    .selectAll()
    .where(openAt(now))
    .where(
      sql<boolean>`(municipality_keys && ${place.municipalities}::text[] or county_keys && ${place.counties}::text[] or country_keys && ${place.countries}::text[])`,
    )
    .orderBy(sql`deadline asc nulls last`)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Open notices (id, activity, place) in id order after `afterId`: the matching run's input. */
export function listOpenNoticeTargets(db: Kysely<DB>, now: Date, afterId: number, limit: number) {
  return db
    .selectFrom('procurement_notices')
    .select(['id', 'activity_divisions', 'county_keys', 'municipality_keys', 'country_keys'])
    .where(openAt(now))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Stores the matching run's counts, one statement per batch. */
export async function setLocalFirmCounts(db: Kysely<DB>, counts: { id: number; count: number }[]): Promise<void> {
  if (!counts.length) return;
  await sql`update procurement_notices n set local_firm_count = c.count, matched_at = now()
    from unnest(${counts.map((c) => c.id)}::bigint[], ${counts.map((c) => c.count)}::int[]) as c(id, count)
    where n.id = c.id`.execute(db);
}

export function listNoticesOfBuyer(db: Kysely<DB>, country: string, nationalId: string) {
  return db
    .selectFrom('procurement_notices')
    .selectAll()
    .where('buyer_country', '=', country)
    .where('buyer_national_id', '=', nationalId)
    .orderBy('published_at', 'desc')
    .limit(500)
    .execute();
}

export function listBuyers(db: Kysely<DB>) {
  return db
    .selectFrom('procurement_notices')
    .select(['buyer_country', 'buyer_national_id', sql<string>`max(buyer_name)`.as('name'), sql<number>`count(*)::int`.as('notices')])
    .where('buyer_national_id', 'is not', null)
    .groupBy(['buyer_country', 'buyer_national_id'])
    .orderBy(sql`max(buyer_name)`)
    .limit(500)
    .execute();
}

// ---- interests and digests -------------------------------------------------------------

export function findInterests(db: Kysely<DB>, firmId: number) {
  return db.selectFrom('procurement_interests').selectAll().where('firm_id', '=', firmId).executeTakeFirst();
}

export async function saveInterests(db: Kysely<DB>, firmId: number, v: { cpvCodes: string[]; keywords: string[]; digest: DigestFrequency }) {
  await db
    .insertInto('procurement_interests')
    .values({ firm_id: firmId, cpv_codes: v.cpvCodes, keywords: v.keywords, digest: v.digest })
    .onConflict((oc) => oc.column('firm_id').doUpdateSet({ cpv_codes: v.cpvCodes, keywords: v.keywords, digest: v.digest, updated_at: sql`now()` }))
    .execute();
}

/** Firms whose digest is due (daily: none in the last 20 hours; weekly: none in the last 6½ days). */
export function listDigestsDue(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom('procurement_interests')
    .selectAll()
    .where('digest', '<>', 'off')
    .where(
      sql<boolean>`(digest_sent_at is null or (digest = 'daily' and digest_sent_at < ${now}::timestamptz - interval '20 hours')
        or (digest = 'weekly' and digest_sent_at < ${now}::timestamptz - interval '156 hours'))`,
    )
    .orderBy('firm_id')
    .execute();
}

/** Locks the firm's interests row for one digest (a second runner waits, then sees it sent). */
export function lockInterests(trx: Kysely<DB>, firmId: number) {
  return trx.selectFrom('procurement_interests').selectAll().where('firm_id', '=', firmId).forUpdate().executeTakeFirst();
}

export async function sentNoticeIds(db: Kysely<DB>, firmId: number, noticeIds: number[]): Promise<Set<number>> {
  if (!noticeIds.length) return new Set();
  const rows = await db
    .selectFrom('procurement_digest_items')
    .select('notice_id')
    .where('firm_id', '=', firmId)
    .where('notice_id', '=', sql<number>`any(${noticeIds}::bigint[])`)
    .execute();
  return new Set(rows.map((r) => Number(r.notice_id)));
}

export async function recordDigest(trx: Kysely<DB>, firmId: number, noticeIds: number[], now: Date) {
  if (noticeIds.length)
    await trx
      .insertInto('procurement_digest_items')
      .values(noticeIds.map((id) => ({ firm_id: firmId, notice_id: id, sent_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  await trx.updateTable('procurement_interests').set({ digest_sent_at: now }).where('firm_id', '=', firmId).execute();
}

// ---- feeds -------------------------------------------------------------------------------

export function listFeeds(db: Kysely<DB>) {
  return db.selectFrom('procurement_feeds').selectAll().orderBy('id').execute();
}
export async function addFeed(db: Kysely<DB>, url: string, name: string) {
  const row = await db
    .insertInto('procurement_feeds')
    .values({ url, name })
    .onConflict((oc) => oc.column('url').doUpdateSet({ name }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
export async function recordFeedFetch(db: Kysely<DB>, id: number, status: string, error: string | null) {
  await db.updateTable('procurement_feeds').set({ last_fetched_at: sql`now()`, last_status: status, last_error: error }).where('id', '=', id).execute();
}

// ---- bidding groups ------------------------------------------------------------------------

export async function insertGroup(
  trx: Kysely<DB>,
  g: { noticeId: number; lotId: string | null; name: string; leadFirmId: number; createdBy: number; isDemo?: boolean },
): Promise<number> {
  const row = await trx
    .insertInto('procurement_groups')
    .values({ notice_id: g.noticeId, lot_id: g.lotId, name: g.name, lead_firm_id: g.leadFirmId, created_by: g.createdBy, is_demo: g.isDemo ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await trx
    .insertInto('procurement_group_members')
    .values({ group_id: id, firm_id: g.leadFirmId, role: 'lead', state: 'accepted', answered_at: sql`now()` as never, answered_by: g.createdBy })
    .execute();
  return id;
}

export function findGroup(db: Kysely<DB>, id: number) {
  return db.selectFrom('procurement_groups').selectAll().where('id', '=', id).executeTakeFirst();
}
export function lockGroup(trx: Kysely<DB>, id: number) {
  return trx.selectFrom('procurement_groups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export function listMembers(db: Kysely<DB>, groupId: number) {
  return db.selectFrom('procurement_group_members').selectAll().where('group_id', '=', groupId).orderBy('invited_at').orderBy('firm_id').execute();
}
export async function inviteMember(trx: Kysely<DB>, groupId: number, firmId: number, role: string, share: number | null) {
  await trx
    .insertInto('procurement_group_members')
    .values({ group_id: groupId, firm_id: firmId, role, share_percent: share })
    .onConflict((oc) =>
      oc
        .columns(['group_id', 'firm_id'])
        .doUpdateSet({ role, share_percent: share, state: 'invited', answered_at: null, answered_by: null, invited_at: sql`now()` as never }),
    )
    .execute();
}
export function lockMember(trx: Kysely<DB>, groupId: number, firmId: number) {
  return trx.selectFrom('procurement_group_members').selectAll().where('group_id', '=', groupId).where('firm_id', '=', firmId).forUpdate().executeTakeFirst();
}
export async function answerInvitation(trx: Kysely<DB>, groupId: number, firmId: number, state: 'accepted' | 'declined', userId: number) {
  await trx
    .updateTable('procurement_group_members')
    .set({ state, answered_at: sql`now()` as never, answered_by: userId })
    .where('group_id', '=', groupId)
    .where('firm_id', '=', firmId)
    .execute();
}
export async function updateGroup(
  trx: Kysely<DB>,
  id: number,
  v: Partial<{
    status: GroupStatus;
    coach_user_id: number | null;
    outcome_value_minor: number | null;
    outcome_currency: string | null;
    outcome_recorded_at: Date | null;
  }>,
) {
  await trx
    .updateTable('procurement_groups')
    .set({ ...v, updated_at: sql`now()` as never })
    .where('id', '=', id)
    .execute();
}
/** Groups a set of firms belong to (any state) or a coach is invited to. */
export function listGroupsFor(db: Kysely<DB>, firmIds: number[], coachUserId: number | null) {
  return db
    .selectFrom('procurement_groups as g')
    .innerJoin('procurement_notices as n', 'n.id', 'g.notice_id')
    .select([
      'g.id',
      'g.name',
      'g.status',
      'g.lot_id',
      'g.lead_firm_id',
      'g.notice_id',
      'g.coach_user_id',
      'n.title as notice_title',
      'n.deadline',
      'g.is_demo',
    ])
    .where((eb) =>
      eb.or([
        eb('g.id', 'in', eb.selectFrom('procurement_group_members').select('group_id').where('firm_id', '=', sql<number>`any(${firmIds}::bigint[])`)),
        ...(coachUserId !== null ? [eb('g.coach_user_id', '=', coachUserId)] : []),
      ]),
    )
    .orderBy('g.updated_at', 'desc')
    .limit(200)
    .execute();
}
export function listGroupsOfNotice(db: Kysely<DB>, noticeId: number) {
  return db
    .selectFrom('procurement_groups')
    .select(['id', 'name', 'status', 'lot_id', 'lead_firm_id'])
    .where('notice_id', '=', noticeId)
    .orderBy('id')
    .execute();
}
export async function insertMessage(trx: Kysely<DB>, m: { groupId: number; userId: number; authorName: string; body: string; fileId: string | null }) {
  await trx
    .insertInto('procurement_group_messages')
    .values({ group_id: m.groupId, author_user_id: m.userId, author_name: m.authorName, body: m.body, file_id: m.fileId })
    .execute();
}
export function listMessages(db: Kysely<DB>, groupId: number) {
  return db.selectFrom('procurement_group_messages').selectAll().where('group_id', '=', groupId).orderBy('id').limit(500).execute();
}
export async function insertChecklistItem(trx: Kysely<DB>, groupId: number, firmId: number, item: string) {
  await trx.insertInto('procurement_group_checklist').values({ group_id: groupId, firm_id: firmId, item }).execute();
}
export function listChecklist(db: Kysely<DB>, groupId: number) {
  return db.selectFrom('procurement_group_checklist').selectAll().where('group_id', '=', groupId).orderBy('id').execute();
}
export function findChecklistItem(db: Kysely<DB>, groupId: number, itemId: number) {
  return db.selectFrom('procurement_group_checklist').selectAll().where('group_id', '=', groupId).where('id', '=', itemId).executeTakeFirst();
}
export async function setChecklistDone(trx: Kysely<DB>, itemId: number, done: boolean, userId: number) {
  await trx
    .updateTable('procurement_group_checklist')
    .set({ done, done_at: done ? (sql`now()` as never) : null, done_by: done ? userId : null })
    .where('id', '=', itemId)
    .execute();
}

/** Outcomes for the reports: groups with a recorded outcome (won / lost), newest first. */
export function listOutcomes(db: Kysely<DB>, since: Date) {
  return db
    .selectFrom('procurement_groups as g')
    .innerJoin('procurement_notices as n', 'n.id', 'g.notice_id')
    .select(['g.id', 'g.name', 'g.status', 'g.lead_firm_id', 'g.outcome_value_minor', 'g.outcome_currency', 'g.outcome_recorded_at', 'n.title', 'n.buyer_name'])
    .where('g.status', 'in', ['won', 'lost'])
    .where('g.outcome_recorded_at', '>=', since)
    .orderBy('g.outcome_recorded_at', 'desc')
    .execute();
}
export function listAcceptedMemberFirms(db: Kysely<DB>, groupIds: number[]) {
  if (!groupIds.length) return Promise.resolve([]);
  return db
    .selectFrom('procurement_group_members')
    .select(['group_id', 'firm_id', 'share_percent'])
    .where('group_id', '=', sql<number>`any(${groupIds}::bigint[])`)
    .where('state', '=', 'accepted')
    .execute();
}
export function countNotices(db: Kysely<DB>) {
  return db
    .selectFrom('procurement_notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}
export function hasDemoNotices(db: Kysely<DB>) {
  return db.selectFrom('procurement_notices').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
}

/**
 * Funder reporting: the accepted members of the groups these people coach that were formed in
 * [from, to) or whose "won" was recorded in it, with the local days (in the zone) of both.
 */
export function groupMembersForReporting(db: Kysely<DB>, q: { coachUserIds: number[]; from: Date; to: Date; timeZone: string }) {
  if (!q.coachUserIds.length) return Promise.resolve([]);
  const formedIn = sql<boolean>`(g.created_at >= ${q.from} and g.created_at < ${q.to})`;
  const wonIn = sql<boolean>`(g.status = 'won' and g.outcome_recorded_at >= ${q.from} and g.outcome_recorded_at < ${q.to})`;
  return db
    .selectFrom('procurement_groups as g')
    .innerJoin('procurement_group_members as m', 'm.group_id', 'g.id')
    .select([
      'g.id as group_id',
      'g.status',
      'g.outcome_value_minor',
      'm.firm_id',
      'm.share_percent',
      sql<string>`(g.created_at at time zone ${q.timeZone})::date::text`.as('formed_on'),
      sql<string | null>`(g.outcome_recorded_at at time zone ${q.timeZone})::date::text`.as('outcome_on'),
      formedIn.as('formed_in'),
      wonIn.as('won_in'),
    ])
    .where('m.state', '=', 'accepted')
    .where('g.coach_user_id', '=', sql<number>`any(${q.coachUserIds.map(String)}::bigint[])`)
    .where(sql<boolean>`(${formedIn} or ${wonIn})`)
    .orderBy('m.firm_id')
    .orderBy('g.id')
    .execute();
}
