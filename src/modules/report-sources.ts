import { reportingCompletions } from './academy/academy.service.js';
import { reportingActivity as coachingActivity } from './coaching/coaching.service.js';
import { reportingActivity as eventsActivity } from './events/events.service.js';
import { redeemedForReporting } from './giftcard/giftcard.service.js';
import { membersInPeriod } from './network/network.service.js';
import { storefrontActivity } from './storefront/storefront.service.js';
import type { ActivitySource, FirmFact } from './reporting/reporting.sources.js';

/**
 * Every module's activity for the funder reports, one line per module (like demo-seeds.ts): each
 * adapts the module's own service function to reporting's `ActivitySource`.
 */
export function reportSources(): ActivitySource[] {
  return [coachingSource, eventsSource, academySource, networkSource, giftcardSource, storefrontSource];
}

const coachingSource: ActivitySource = {
  name: 'coaching',
  async collect(db, s) {
    const a = await coachingActivity(db, {
      organisationIds: s.organisationIds,
      caseIds: s.tagged.case,
      from: s.from,
      to: s.to,
      fromDay: s.fromDay,
      toDay: s.toDay,
      timeZone: s.timeZone,
    });
    const facts: FirmFact[] = [
      ...a.meetings.map((m) => ({
        firmId: m.firmId,
        kind: 'coaching.case' as const,
        firstOn: m.firstOn,
        count: m.meetings,
        quantity: m.minutes,
        evidenced: true,
      })),
      ...a.outcomes.map((o) => ({
        firmId: o.firmId,
        kind: `coaching.outcome.${o.kind}` as const,
        firstOn: o.firstOn,
        count: o.count,
        quantity: o.quantity,
        evidenced: o.evidenced,
      })),
      ...a.referrals.map((r) => ({ firmId: r.firmId, kind: 'coaching.referral' as const, firstOn: r.firstOn, count: r.made, quantity: 0, evidenced: true })),
      ...a.referrals
        .filter((r) => r.withResult > 0)
        .map((r) => ({ firmId: r.firmId, kind: 'coaching.referral_result' as const, firstOn: r.firstOn, count: r.withResult, quantity: 0, evidenced: true })),
    ];
    return { facts };
  },
};

/** Genders as people give them (any of the four languages) → the report's four groups. */
const genderGroup = (g: string) =>
  ['woman', 'female', 'f', 'w', 'kvinne', 'kvinna', 'k', 'nainen', 'n'].includes(g)
    ? 'woman'
    : ['man', 'male', 'm', 'mann', 'mies'].includes(g)
      ? 'man'
      : g === ''
        ? 'unknown'
        : 'other';

const eventsSource: ActivitySource = {
  name: 'events',
  async collect(db, s) {
    const a = await eventsActivity(db, { organisationIds: s.organisationIds, eventIds: s.tagged.event, from: s.from, to: s.to, timeZone: s.timeZone });
    const totals: Record<string, number> = { 'events.held': a.held };
    for (const p of a.participants) {
      const key = `events.participants.${genderGroup(p.gender)}`;
      totals[key] = (totals[key] ?? 0) + p.count;
    }
    const facts = a.attendance.map((x) => ({
      firmId: x.firmId,
      kind: 'events.attended' as const,
      firstOn: x.firstOn,
      count: x.events,
      quantity: 0,
      evidenced: true,
    }));
    return { facts, totals };
  },
};

const academySource: ActivitySource = {
  name: 'academy',
  async collect(db, s) {
    const rows = await reportingCompletions(db, {
      organisationIds: s.organisationIds,
      courseIds: s.tagged.course,
      from: s.from,
      to: s.to,
      timeZone: s.timeZone,
    });
    const facts = rows.map((r) => ({
      firmId: r.firmId,
      kind: 'academy.completed' as const,
      firstOn: r.firstOn,
      count: r.courses,
      quantity: 0,
      evidenced: true,
    }));
    return { facts };
  },
};

const networkSource: ActivitySource = {
  name: 'network',
  async collect(db, s) {
    const rows = await membersInPeriod(db, s.organisationIds, s.fromDay, s.toDay);
    const facts = rows.map((r) => ({
      firmId: r.firmId,
      kind: 'network.member' as const,
      firstOn: r.validFrom > s.fromDay ? r.validFrom : s.fromDay,
      count: 1,
      quantity: 0,
      evidenced: true,
    }));
    return { facts };
  },
};

const giftcardSource: ActivitySource = {
  name: 'giftcard',
  async collect(db, s) {
    const rows = await redeemedForReporting(db, { organisationIds: s.organisationIds, from: s.from, to: s.to, timeZone: s.timeZone });
    const facts = rows.map((r) => ({
      firmId: r.firmId,
      kind: 'giftcard.redeemed' as const,
      firstOn: r.firstOn,
      count: r.redemptions,
      quantity: r.redeemedMinor,
      evidenced: true,
    }));
    return { facts };
  },
};

/** Click-and-collect pickups at the association's member shops (the storefront's activity per shop). */
const storefrontSource: ActivitySource = {
  name: 'storefront',
  async collect(db, s) {
    const perOrg = await Promise.all(s.organisationIds.map((orgId) => storefrontActivity(db, { orgId, from: s.from, to: s.to })));
    const facts = perOrg
      .flat()
      .filter((r) => r.pickedUp > 0)
      .map((r) => ({
        firmId: r.firmId,
        kind: 'storefront.pickup' as const,
        firstOn: s.fromDay,
        count: r.pickedUp,
        quantity: r.valuePickedUpMinor,
        evidenced: true,
      }));
    return { facts };
  },
};
