import { reportingCompletions } from './academy/academy.service.js';
import { reportingActivity as coachingActivity } from './coaching/coaching.service.js';
import { reportingActivity as eventsActivity } from './events/events.service.js';
import { redeemedForReporting } from './giftcard/giftcard.service.js';
import { membersInPeriod } from './network/network.service.js';
import { biddingGroupsForReporting } from './procurement/procurement.groups.service.js';
import { localSpendForReporting } from './spend/spend.service.js';
import { storefrontActivity } from './storefront/storefront.service.js';
import type { ActivitySource, FirmFact } from './reporting/reporting.sources.js';

/**
 * Every module's activity for the funder reports, one line per module (like demo-seeds.ts): each
 * adapts the module's own service function to reporting's `ActivitySource`.
 */
export function reportSources(): ActivitySource[] {
  return [coachingSource, eventsSource, academySource, networkSource, giftcardSource, storefrontSource, spendSource, procurementSource];
}

const coachingSource: ActivitySource = {
  name: 'coaching',
  gives: {
    facts: [
      'coaching.case',
      'coaching.referral',
      'coaching.referral_result',
      'coaching.outcome.new_product',
      'coaching.outcome.new_market',
      'coaching.outcome.jobs_created',
      'coaching.outcome.jobs_kept',
      'coaching.outcome.turnover_change',
      'coaching.outcome.funding',
    ],
  },
  async collect({ db }, s) {
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
  gives: { facts: ['events.attended'], totals: ['events.held', 'events.participants'] },
  async collect({ db }, s) {
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
  gives: { facts: ['academy.completed'] },
  async collect({ db }, s) {
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
  gives: { facts: ['network.member'] },
  async collect({ db }, s) {
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
  gives: { facts: ['giftcard.redeemed'] },
  async collect({ db }, s) {
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
  gives: { facts: ['storefront.pickup'] },
  async collect({ db }, s) {
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

/** The local share of the organisations' own purchases (their ledgers in the spend module's DuckDB store, under the data directory). */
const spendSource: ActivitySource = {
  name: 'spend',
  gives: { totals: ['spend.local_minor', 'spend.total_minor'] },
  async collect({ db, dataDir }, s) {
    const rows = await localSpendForReporting(db, dataDir, { organisationIds: s.organisationIds, fromDay: s.fromDay, toDay: s.toDay });
    if (!rows.length) return { facts: [] };
    return {
      facts: [],
      totals: {
        'spend.local_minor': rows.reduce((a, r) => a + r.localMinor, 0),
        'spend.total_minor': rows.reduce((a, r) => a + r.totalMinor, 0),
      },
    };
  },
};

/** Bidding groups the organisations' coaches were invited to: their member firms, groups that submitted, groups that won. */
const procurementSource: ActivitySource = {
  name: 'procurement',
  gives: {
    facts: ['procurement.member', 'procurement.submitted', 'procurement.won'],
    totals: ['procurement.groups.submitted', 'procurement.groups.won'],
  },
  async collect({ db }, s) {
    const r = await biddingGroupsForReporting(db, { organisationIds: s.organisationIds, from: s.from, to: s.to, timeZone: s.timeZone });
    const facts: FirmFact[] = [];
    for (const f of r.firms) {
      if (f.formed && f.formedOn)
        facts.push({ firmId: f.firmId, kind: 'procurement.member', firstOn: f.formedOn, count: f.formed, quantity: 0, evidenced: true });
      if (f.submitted && f.submittedOn)
        facts.push({ firmId: f.firmId, kind: 'procurement.submitted', firstOn: f.submittedOn, count: f.submitted, quantity: 0, evidenced: true });
      if (f.won && f.wonOn)
        facts.push({ firmId: f.firmId, kind: 'procurement.won', firstOn: f.wonOn, count: f.won, quantity: f.wonShareMinor, evidenced: true });
    }
    return { facts, totals: { 'procurement.groups.submitted': r.groups.submitted, 'procurement.groups.won': r.groups.won } };
  },
};
