import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import * as procurementRepo from '../../src/modules/procurement/procurement.repository.js';
import * as storefrontRepo from '../../src/modules/storefront/storefront.repository.js';
import { product } from './storefront-fixtures.js';

/**
 * Activity straight into the modules' tables, the way their services leave it, for the reporting
 * tests (the reports read it back through the modules' services).
 */
let seq = 0;

export async function insertCase(db: Kysely<DB>, orgId: number, firmId: number, meetings: { at: string; minutes?: number }[], openedOn = '2026-01-10') {
  const c = await db
    .insertInto('coaching_cases')
    .values({ organisation_id: orgId, firm_id: firmId, title: 'Case', type: 'growth', status: 'active', opened_on: openedOn, firm_country: 'SE' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of meetings)
    await db
      .insertInto('coaching_entries')
      .values({ case_id: Number(c.id), kind: 'meeting', title: 'Meeting', meeting_at: m.at, meeting_form: 'visit', duration_minutes: m.minutes ?? 60 })
      .execute();
  return Number(c.id);
}

export async function addMeeting(db: Kysely<DB>, caseId: number, at: string, minutes = 60) {
  await db
    .insertInto('coaching_entries')
    .values({ case_id: caseId, kind: 'meeting', title: 'Meeting', meeting_at: at, meeting_form: 'video', duration_minutes: minutes })
    .execute();
}

export async function insertOutcome(
  db: Kysely<DB>,
  o: {
    orgId: number;
    firmId: number;
    kind: 'new_product' | 'new_market' | 'jobs_created' | 'funding';
    on: string;
    quantity?: number;
    evidence?: string;
    caseId?: number;
  },
) {
  await db
    .insertInto('coaching_outcomes')
    .values({
      organisation_id: o.orgId,
      firm_id: o.firmId,
      case_id: o.caseId ?? null,
      kind: o.kind,
      occurred_on: o.on,
      quantity: o.quantity ?? null,
      evidence: o.evidence ?? '',
    })
    .execute();
}

export async function insertEvent(db: Kysely<DB>, orgId: number, startsAt: string, attendees: { firmId: number; gender?: string }[]) {
  const e = await db
    .insertInto('events')
    .values({
      title: JSON.stringify({ sv: 'Workshop', en: 'Workshop' }),
      description: JSON.stringify({}),
      kind: 'workshop',
      time_zone: 'Europe/Stockholm',
      starts_at: startsAt,
      ends_at: new Date(new Date(startsAt).getTime() + 2 * 3600_000).toISOString(),
      country: 'SE',
      audience: 'public',
      questions: JSON.stringify([]),
      status: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eventId = Number(e.id);
  await db.insertInto('event_organisers').values({ event_id: eventId, organisation_id: orgId, is_lead: true }).execute();
  for (const a of attendees) {
    seq += 1;
    const r = await db
      .insertInto('event_registrations')
      .values({
        event_id: eventId,
        status: 'confirmed',
        firm_id: a.firmId,
        name: 'Participant',
        locale: 'sv',
        answers: JSON.stringify(a.gender ? { gender: a.gender } : {}),
        token: `tok-${process.pid}-${seq}-${'x'.repeat(20)}`,
        checked_in_at: startsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('event_attendance')
      .values({ event_id: eventId, firm_id: a.firmId, registration_id: Number(r.id), checked_in_at: startsAt })
      .execute();
  }
  return eventId;
}

export async function insertCompletion(db: Kysely<DB>, orgId: number, userId: number, firmId: number, completedAt: string) {
  const course = await db
    .insertInto('academy_courses')
    .values({
      author_organisation_id: orgId,
      topic: 'instagram',
      level: 'beginner',
      languages: JSON.stringify(['sv']),
      title: JSON.stringify({ sv: 'Kurs' }),
      summary: '{}',
      published_version: 1,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('academy_enrolments')
    .values({
      course_id: Number(course.id),
      user_id: userId,
      firm_id: firmId,
      organisation_id: orgId,
      enrolled_at: completedAt,
      completed_at: completedAt,
      completed_version: 1,
    })
    .execute();
  return Number(course.id);
}

/** A storefront shop of `firmId` in `orgId`'s storefront with one reservation made at `at` and collected (value in minor units). */
export async function insertCollectedReservation(db: Kysely<DB>, orgId: number, firmId: number, at: string, totalMinor: number): Promise<number> {
  const existing = await db.selectFrom('storefront_shops').select('id').where('firm_id', '=', firmId).where('establishment_id', 'is', null).executeTakeFirst();
  const shopId = existing
    ? Number(existing.id)
    : await storefrontRepo.insertShop(db, { organisationId: orgId, firmId, establishmentId: null, name: `Shop ${firmId}`, notifyEmail: null });
  const productId = await storefrontRepo.upsertProduct(db, shopId, product('R1', 'Ullsokker'));
  const [variant] = await storefrontRepo.listVariants(db, [productId]);
  const reservationId = await storefrontRepo.insertReservation(
    db,
    {
      shopId,
      token: `report-reservation-${shopId}-${Date.parse(at)}`,
      basketToken: `report-basket-${shopId}-${Date.parse(at)}`,
      name: 'Kund',
      email: 'kund@example.se',
      phone: null,
      locale: 'sv',
      readyBy: new Date(at),
      expiresAt: new Date(Date.parse(at) + 7 * 86_400_000),
      totalMinor,
      currency: 'SEK',
    },
    [{ productId, variantId: Number(variant!.id), name: 'Ullsokker', variantLabel: '', quantity: 1, unitPriceMinor: totalMinor }],
  );
  await sql`update storefront_reservations set status = 'collected', created_at = ${at}, collected_at = ${at}, closed_at = ${at} where id = ${reservationId}`.execute(
    db,
  );
  return reservationId;
}

/**
 * A bidding group on `noticeId`, led by the first member, with its members' answers, its coach, its
 * status and the moments it was formed and its outcome recorded (as the procurement module leaves them).
 */
export async function insertBiddingGroup(
  db: Kysely<DB>,
  g: {
    noticeId: number;
    createdBy: number;
    coachUserId: number | null;
    members: { firmId: number; state: 'accepted' | 'invited' | 'declined'; share?: number }[];
    status: 'forming' | 'bidding' | 'submitted' | 'won' | 'lost' | 'withdrawn';
    createdAt: string;
    outcomeAt?: string;
    valueMinor?: number;
  },
): Promise<number> {
  const [lead, ...others] = g.members;
  const groupId = await db
    .transaction()
    .execute((trx) =>
      procurementRepo.insertGroup(trx, { noticeId: g.noticeId, lotId: null, name: `Group ${++seq}`, leadFirmId: lead!.firmId, createdBy: g.createdBy }),
    );
  for (const m of others) {
    await procurementRepo.inviteMember(db, groupId, m.firmId, 'partner', m.share ?? null);
    if (m.state !== 'invited') await procurementRepo.answerInvitation(db, groupId, m.firmId, m.state, g.createdBy);
  }
  await db
    .updateTable('procurement_groups')
    .set({
      coach_user_id: g.coachUserId,
      status: g.status,
      created_at: g.createdAt,
      outcome_recorded_at: g.outcomeAt ?? null,
      outcome_value_minor: g.valueMinor ?? null,
      outcome_currency: g.valueMinor === undefined ? null : 'SEK',
    })
    .where('id', '=', groupId)
    .execute();
  return groupId;
}
