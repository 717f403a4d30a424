import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { localToUtc, zoneOfCountry } from '../../shared/i18n/zoned.js';
import type { DemoSeeder, DemoWorld } from '../demo/demo-world.types.js';
import { ensureDemoOrganisation } from '../network/network.demo.js';
import { findDemoFirmIn } from '../registry/registry.service.js';
import { seedCoachingRegion } from './coaching.demo-region.js';
import * as repo from './coaching.repository.js';

/**
 * Coaching's demo (clearly marked: is_demo on every row, "(demo)" on screen): cases, meetings,
 * notes, tasks, referrals, outcomes and joint activities across Region 10, Fjellregionen and
 * East Lapland, and three partner bodies to refer to. Idempotent: nothing is added when a demo
 * case exists. Dates are relative to `now`, so the coach's home page has something due today.
 */
const partnerBodies = [
  { name: 'Almi Nord (demo)', country: 'SE' as const },
  { name: 'Innovasjon Norge Innlandet (demo)', country: 'NO' as const },
  { name: 'Business Finland (demo)', country: 'FI' as const },
];

type Org = keyof DemoWorld['orgs'];
type Person = keyof DemoWorld['people'];

interface CaseSpec {
  org: Org;
  coach: Person;
  firm: { key: keyof DemoWorld['firms'] } | { country: 'NO' | 'SE' | 'FI'; municipality: string; nace: string[] };
  title: string;
  type: string;
  needs: string[];
  status: 'open' | 'active' | 'waiting' | 'closed';
  openedDaysAgo: number;
  lastMeetingDaysAgo: number;
  followUpInDays?: number;
  taskInDays?: number;
  shared?: boolean;
}

const cases: CaseSpec[] = [
  {
    org: 'sorsele',
    coach: 'coach-sorsele',
    firm: { key: 'cafe-sorsele' },
    title: 'Vinteröppet och catering',
    type: 'growth',
    needs: ['financing', 'marketing'],
    status: 'active',
    openedDaysAgo: 60,
    lastMeetingDaysAgo: 6,
    followUpInDays: 2,
    taskInDays: -1,
    shared: true,
  },
  {
    org: 'sorsele',
    coach: 'coach-sorsele',
    firm: { country: 'SE', municipality: '2422', nace: ['47', '55'] },
    title: 'Generationsskifte i butiken',
    type: 'generational_change',
    needs: ['ownership'],
    status: 'open',
    openedDaysAgo: 250,
    lastMeetingDaysAgo: 220,
  },
  {
    org: 'arjeplog',
    coach: 'coach-arjeplog',
    firm: { country: 'SE', municipality: '2506', nace: ['55', '79', '93'] },
    title: 'Biltestsäsongen – fler bäddar',
    type: 'growth',
    needs: ['premises', 'financing'],
    status: 'active',
    openedDaysAgo: 40,
    lastMeetingDaysAgo: 10,
    taskInDays: 3,
    shared: true,
  },
  {
    org: 'arjeplog',
    coach: 'coach-arjeplog',
    firm: { country: 'SE', municipality: '2506', nace: ['43', '41'] },
    title: 'Rekrytering av snickare',
    type: 'recruitment',
    needs: ['recruitment'],
    status: 'waiting',
    openedDaysAgo: 90,
    lastMeetingDaysAgo: 200,
  },
  {
    org: 'region10',
    coach: 'coordinator-region10',
    firm: { country: 'SE', municipality: '2481', nace: ['10', '47'] },
    title: 'Export av lokal mat till Norge',
    type: 'export',
    needs: ['export', 'network'],
    status: 'active',
    openedDaysAgo: 120,
    lastMeetingDaysAgo: 15,
    followUpInDays: 5,
  },
  {
    org: 'region10',
    coach: 'coordinator-region10',
    firm: { country: 'SE', municipality: '2421', nace: ['62', '73', '70'] },
    title: 'Digital närvaro och webbshop',
    type: 'digital_shift',
    needs: ['digital', 'marketing'],
    status: 'closed',
    openedDaysAgo: 300,
    lastMeetingDaysAgo: 150,
  },
  {
    org: 'fjellregionen',
    coach: 'coach-tynset',
    firm: { key: 'bakery-roros' },
    title: 'Nytt steinbakerovn og utvidelse',
    type: 'growth',
    needs: ['financing', 'premises'],
    status: 'active',
    openedDaysAgo: 150,
    lastMeetingDaysAgo: 20,
    taskInDays: 0,
  },
  {
    org: 'fjellregionen',
    coach: 'coach-tynset',
    firm: { key: 'wool-roros' },
    title: 'Nettbutikk for ullprodukter',
    type: 'digital_shift',
    needs: ['digital', 'export'],
    status: 'open',
    openedDaysAgo: 30,
    lastMeetingDaysAgo: 30,
    followUpInDays: 1,
  },
  {
    org: 'fjellregionen',
    coach: 'admin-fjellregionen',
    firm: { country: 'NO', municipality: '3427', nace: ['47', '56'] },
    title: 'Krisehjelp etter brann',
    type: 'crisis',
    needs: ['financing', 'premises'],
    status: 'waiting',
    openedDaysAgo: 70,
    lastMeetingDaysAgo: 25,
  },
  {
    org: 'fjellregionen',
    coach: 'coach-tynset',
    firm: { country: 'NO', municipality: '3430', nace: ['01', '10'] },
    title: 'Gårdsutsalg og reiseliv',
    type: 'start_up',
    needs: ['skills', 'marketing'],
    status: 'open',
    openedDaysAgo: 10,
    lastMeetingDaysAgo: 8,
  },
  {
    org: 'kemijarvi',
    coach: 'coach-kemijarvi',
    firm: { key: 'builder-kemijarvi' },
    title: 'Sukupolvenvaihdos rakennusliikkeessä',
    type: 'generational_change',
    needs: ['ownership', 'financing'],
    status: 'active',
    openedDaysAgo: 100,
    lastMeetingDaysAgo: 12,
    taskInDays: 4,
  },
  {
    org: 'east-lapland',
    coach: 'admin-east-lapland',
    firm: { key: 'bakery-salla' },
    title: 'Leipomon vientikokeilu Venäjän sijaan Norjaan',
    type: 'export',
    needs: ['export', 'network'],
    status: 'open',
    openedDaysAgo: 45,
    lastMeetingDaysAgo: 200,
  },
];

const day = (now: Date, offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

async function seed(db: Kysely<DB>, world: DemoWorld, now: Date): Promise<string | undefined> {
  const stories = await seedStories(db, world, now);
  // The region's breadth: also added to a database whose stories were seeded by an earlier version.
  const region = await seedCoachingRegion(db, world, now, await repo.demoFirmIds(db));
  return [stories, region].filter(Boolean).join('; ') || undefined;
}

/** The stories the tests and the README tell (the Sorsele café, the Røros bakery …). */
async function seedStories(db: Kysely<DB>, world: DemoWorld, now: Date): Promise<string | undefined> {
  if (await repo.hasDemoCases(db)) return undefined;
  return db.transaction().execute(async (trx) => {
    const partners = [];
    for (const p of partnerBodies)
      partners.push(await ensureDemoOrganisation(trx, { name: p.name, type: 'partner_body', country: p.country, municipalities: [] }));
    const [almi, innovasjon, businessFinland] = partners as [number, number, number];
    let caseCount = 0;
    let entryCount = 0;
    const used: number[] = [];
    const caseIds: Record<string, number> = {};
    for (const spec of cases) {
      const firm =
        'key' in spec.firm
          ? { firmId: world.firms[spec.firm.key].firmId, country: world.firms[spec.firm.key].country, municipality: world.firms[spec.firm.key].municipality }
          : await (async (f) => {
              const found = await findDemoFirmIn(trx, f.country, f.municipality, f.nace, used);
              return found ? { firmId: found.firmId, country: f.country, municipality: f.municipality } : undefined;
            })(spec.firm);
      if (!firm) continue;
      used.push(firm.firmId);
      const orgId = world.orgs[spec.org].id;
      const coachId = world.people[spec.coach].id;
      const zone = zoneOfCountry[firm.country];
      const caseId = await repo.insertCase(
        trx,
        {
          organisation_id: orgId,
          firm_id: firm.firmId,
          title: spec.title,
          type: spec.type,
          opened_on: day(now, -spec.openedDaysAgo),
          follow_up_on: spec.followUpInDays === undefined ? null : day(now, spec.followUpInDays),
          firm_country: firm.country,
          municipality_code: firm.municipality,
          nace_division: null,
          created_by: coachId,
          is_demo: true,
        },
        [coachId],
        spec.needs,
      );
      caseIds[spec.title] = caseId;
      caseCount += 1;
      if (spec.status !== 'open')
        await repo.setCaseStatus(trx, caseId, {
          status: spec.status,
          close_reason: spec.status === 'closed' ? 'goal_reached' : null,
          closed_on: spec.status === 'closed' ? day(now, -spec.lastMeetingDaysAgo + 1) : null,
          follow_up_on: spec.followUpInDays === undefined ? null : day(now, spec.followUpInDays),
        });
      for (const ago of [spec.openedDaysAgo, spec.lastMeetingDaysAgo]) {
        const meetingAt = localToUtc(`${day(now, -ago)}T10:00`, zone);
        await repo.insertEntry(trx, {
          case_id: caseId,
          kind: 'meeting',
          author_id: coachId,
          title: ago === spec.openedDaysAgo ? 'Första besök / First visit' : 'Uppföljning / Follow-up',
          body: 'Demo: fictional meeting notes.',
          is_private: false,
          meeting_at: meetingAt,
          duration_minutes: 60,
          meeting_form: ago === spec.openedDaysAgo ? 'visit' : 'video',
          participants: 'Owner (demo)',
          task_owner_id: null,
          task_due_on: null,
          is_demo: true,
          created_at: meetingAt,
        });
        await repo.touchCase(trx, caseId, meetingAt);
        entryCount += 1;
      }
      await repo.insertEntry(trx, {
        case_id: caseId,
        kind: 'note',
        author_id: coachId,
        title: 'Läget / Situation',
        body: 'Demo: the firm is doing fine; cash flow is tight in spring (fictional).',
        ...repo.plainEntry,
        is_demo: true,
      });
      entryCount += 1;
      if (spec.taskInDays !== undefined) {
        await repo.insertEntry(trx, {
          case_id: caseId,
          kind: 'task',
          author_id: coachId,
          title: 'Skicka underlag / Send the documents',
          body: '',
          is_private: false,
          meeting_at: null,
          duration_minutes: null,
          meeting_form: null,
          participants: null,
          task_owner_id: coachId,
          task_due_on: day(now, spec.taskInDays),
          is_demo: true,
        });
        entryCount += 1;
      }
      await repo.insertContact(trx, {
        case_id: caseId,
        user_id: null,
        name: 'Demo Owner',
        role: 'Owner',
        email: null,
        phone: null,
        consent_given_on: day(now, -spec.openedDaysAgo),
        consent_note: 'Demo',
      });
      if (spec.shared)
        for (const scope of ['case_sharing', 'referral'] as const)
          await repo.insertConsent(trx, {
            firm_id: firm.firmId,
            organisation_id: orgId,
            scope,
            given_on: day(now, -spec.openedDaysAgo),
            valid_to: day(now, 365),
            given_by: 'Demo Owner',
            recorded_by: coachId,
          });
    }
    // Referrals: the café to Almi (open), the Røros bakery to Innovasjon Norge (funding obtained), the Kemijärvi builder to ELY-keskus (not on the platform).
    let referralCount = 0;
    const refer = async (title: string, org: Org, coach: Person, to: number | null, toBody: string | null, purpose: string, daysAgo: number) => {
      const caseId = caseIds[title];
      if (!caseId) return undefined;
      const row = await repo.findCase(trx, caseId);
      referralCount += 1;
      return repo.insertReferral(trx, {
        case_id: caseId,
        firm_id: Number(row!.firm_id),
        from_organisation_id: world.orgs[org].id,
        to_organisation_id: to,
        to_body: toBody,
        purpose,
        shared_info: to === almi ? 'Omsättning och investeringsbehov (demo)' : '',
        created_by: world.people[coach].id,
        is_demo: true,
        created_at: new Date(now.getTime() - daysAgo * 86_400_000),
      });
    };
    await refer('Vinteröppet och catering', 'sorsele', 'coach-sorsele', almi, null, 'Lån till köksutrustning för catering (demo)', 9);
    const funded = await refer(
      'Nytt steinbakerovn og utvidelse',
      'fjellregionen',
      'coach-tynset',
      innovasjon,
      null,
      'Tilskudd til investering i ny ovn (demo)',
      80,
    );
    await refer('Sukupolvenvaihdos rakennusliikkeessä', 'kemijarvi', 'coach-kemijarvi', null, 'ELY-keskus', 'Omistajanvaihdoksen neuvonta (demo)', 20);
    await refer('Leipomon vientikokeilu Venäjän sijaan Norjaan', 'east-lapland', 'admin-east-lapland', businessFinland, null, 'Vientikartoitus (demo)', 30);
    if (funded) {
      await repo.decideReferral(trx, funded, { status: 'accepted', decision_reason: null, decided_by: world.people['coach-tynset'].id });
      await repo.reportReferral(trx, funded, { result: 'funding', result_note: 'Tilsagn mottatt (demo)' });
      const r = await repo.findReferral(trx, funded);
      await repo.insertOutcome(trx, {
        firm_id: Number(r!.firm_id),
        organisation_id: world.orgs.fjellregionen.id,
        case_id: Number(r!.case_id),
        referral_id: funded,
        kind: 'funding',
        occurred_on: day(now, -30),
        evidence: 'Tilsagnsbrev (demo)',
        programme: 'Innovasjon Norge – distriktsrettede tilskudd (demo)',
        quantity: null,
        amount_minor: 35_000_000,
        currency: 'NOK',
        recorded_by: world.people['coach-tynset'].id,
        is_demo: true,
      });
      await repo.insertOutcome(trx, {
        firm_id: Number(r!.firm_id),
        organisation_id: world.orgs.fjellregionen.id,
        case_id: Number(r!.case_id),
        referral_id: null,
        kind: 'jobs_created',
        occurred_on: day(now, -10),
        evidence: 'Ansettelseskontrakt (demo)',
        programme: '',
        quantity: 2,
        amount_minor: null,
        currency: null,
        recorded_by: world.people['coach-tynset'].id,
        is_demo: true,
      });
    }
    // Joint activities of the agreements' partners.
    const plan = async (
      org: Org,
      who: Person,
      title: string,
      kind: 'visit' | 'workshop' | 'campaign' | 'fair' | 'meeting',
      inDays: number,
      hours: number,
      municipalities: string[],
      firmIds: number[],
    ) => {
      const zone = zoneOfCountry[world.orgs[org].country];
      const startsAt = localToUtc(`${day(now, inDays)}T09:00`, zone);
      await repo.insertActivity(trx, {
        organisation_id: world.orgs[org].id,
        title,
        kind,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + hours * 3_600_000),
        responsible_id: world.people[who].id,
        description: 'Demo activity (fictional).',
        municipality_codes: municipalities,
        firm_ids: firmIds,
        created_by: world.people[who].id,
        is_demo: true,
      });
    };
    await plan('region10', 'coordinator-region10', 'Region 10: gemensam workshop om finansiering', 'workshop', 3, 4, ['2422', '2506', '2481'], []);
    await plan('sorsele', 'coach-sorsele', 'Företagsbesök längs Blå vägen', 'visit', 1, 6, ['2422'], [world.firms['cafe-sorsele'].firmId]);
    await plan('arjeplog', 'coach-arjeplog', 'Vintertestmässan – monter', 'fair', 12, 8, ['2506'], []);
    await plan(
      'fjellregionen',
      'coach-tynset',
      'Handelskampanje «Kjøp lokalt» Røros',
      'campaign',
      5,
      3,
      ['5025'],
      [world.firms['bakery-roros'].firmId, world.firms['bookshop-roros'].firmId],
    );
    await plan(
      'east-lapland',
      'admin-east-lapland',
      'Osta paikallista -kampanjan aloitus',
      'campaign',
      7,
      2,
      ['320', '732'],
      [world.firms['bakery-salla'].firmId],
    );
    await plan('kemijarvi', 'coach-kemijarvi', 'Yrityskäynnit Kemijärvellä', 'visit', -2, 5, ['320'], [world.firms['builder-kemijarvi'].firmId]);
    return `${caseCount} cases, ${entryCount} timeline entries, ${referralCount} referrals, 6 activities, 3 partner bodies`;
  });
}

export const coachingDemo: DemoSeeder = { name: 'coaching', seed };
