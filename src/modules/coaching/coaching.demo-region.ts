import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { localToUtc, zoneOfCountry } from '../../shared/i18n/zoned.js';
import type { DemoWorld } from '../demo/demo-world.types.js';
import { demoFirmPicker } from '../registry/registry.service.js';
import * as repo from './coaching.repository.js';
import type { ActivityKind, CaseStatus, MeetingForm, OutcomeKind } from './coaching.tables.js';

/**
 * The breadth of the coaching demo: a working year of cases across Region 10 (Sorsele, Arjeplog
 * and the region's other municipalities), Fjellregionen and East Lapland, so the coach's day, the
 * lists, the calendar and the firm pages are alive on first start. Everything is fictional and
 * marked (is_demo, "(demo)" in texts); the firms are the demo register's. Deterministic: the same
 * world every time (no randomness), dates relative to `now`. Idempotent through its marker case.
 */
export const regionMarker = '(demo) Region 10 – gemensam kartläggning';

type Org = keyof DemoWorld['orgs'];
type Person = keyof DemoWorld['people'];
type Lang = 'sv' | 'nb' | 'fi';

const teams: { org: Org; coaches: Person[]; lang: Lang; cases: number }[] = [
  { org: 'sorsele', coaches: ['coach-sorsele'], lang: 'sv', cases: 9 },
  { org: 'arjeplog', coaches: ['coach-arjeplog'], lang: 'sv', cases: 9 },
  { org: 'region10', coaches: ['coordinator-region10'], lang: 'sv', cases: 10 },
  { org: 'fjellregionen', coaches: ['coach-tynset', 'admin-fjellregionen'], lang: 'nb', cases: 12 },
  { org: 'kemijarvi', coaches: ['coach-kemijarvi'], lang: 'fi', cases: 7 },
  { org: 'east-lapland', coaches: ['admin-east-lapland'], lang: 'fi', cases: 9 },
];

/** What a case is about, per type, in the organisation's language. */
const topics: Record<string, Record<Lang, string[]>> = {
  start_up: {
    sv: ['Affärsplan för nystart', 'Från hobby till företag'],
    nb: ['Forretningsplan for oppstart', 'Fra hobby til bedrift'],
    fi: ['Liiketoimintasuunnitelma aloittavalle', 'Harrastuksesta yritykseksi'],
  },
  growth: {
    sv: ['Fler gästnätter året runt', 'Ny produktionslinje'],
    nb: ['Flere gjestedøgn hele året', 'Ny produksjonslinje'],
    fi: ['Lisää yöpymisiä ympäri vuoden', 'Uusi tuotantolinja'],
  },
  digital_shift: {
    sv: ['Webbshop och bokning på nätet', 'Digitala kassan och lagret'],
    nb: ['Nettbutikk og nettbooking', 'Digital kasse og lager'],
    fi: ['Verkkokauppa ja ajanvaraus', 'Digitaalinen kassa ja varasto'],
  },
  crisis: {
    sv: ['Likviditet efter en svag säsong', 'Omställning efter tappad kund'],
    nb: ['Likviditet etter en svak sesong', 'Omstilling etter tapt kunde'],
    fi: ['Maksuvalmius heikon kauden jälkeen', 'Sopeutuminen asiakkaan menetyksen jälkeen'],
  },
  generational_change: {
    sv: ['Ägarskifte till nästa generation', 'Försäljning till anställda'],
    nb: ['Eierskifte til neste generasjon', 'Salg til de ansatte'],
    fi: ['Omistajanvaihdos seuraavalle sukupolvelle', 'Myynti työntekijöille'],
  },
  export: {
    sv: ['Försäljning till Norge', 'Turister från Tyskland'],
    nb: ['Salg til Sverige', 'Turister fra Tyskland'],
    fi: ['Myynti Ruotsiin', 'Matkailijat Saksasta'],
  },
  financing: {
    sv: ['Finansiering av ny maskin', 'Investeringsstöd för lokal'],
    nb: ['Finansiering av ny maskin', 'Investeringstilskudd til lokaler'],
    fi: ['Uuden koneen rahoitus', 'Investointituki toimitiloihin'],
  },
  recruitment: {
    sv: ['Rekrytering inför säsongen', 'Kompetens för ny tjänst'],
    nb: ['Rekruttering før sesongen', 'Kompetanse til ny tjeneste'],
    fi: ['Rekrytointi ennen sesonkia', 'Osaamista uuteen palveluun'],
  },
};
const types = Object.keys(topics);
const needSets = [
  ['financing', 'premises'],
  ['marketing', 'digital'],
  ['skills', 'recruitment'],
  ['ownership', 'financing'],
  ['export', 'network'],
  ['digital'],
  ['sustainability', 'marketing'],
  ['network'],
];
const statusCycle: CaseStatus[] = ['active', 'open', 'active', 'waiting', 'active', 'closed', 'open', 'active', 'closed', 'waiting'];
const closeCycle = ['goal_reached', 'referred', 'goal_reached', 'firm_withdrew'];
const sectors = ['47', '56', '55', '10', '41', '43', '62', '01', '02', '16', '49', '96', '93', '79', '45', '31', '25', '68'];
/** The form of each meeting title below (first visit, budget review, follow-up, phone call, visit). */
const forms: MeetingForm[] = ['visit', 'video', 'visit', 'phone', 'visit'];

const meetingTitles: Record<Lang, string[]> = {
  sv: ['Första besök', 'Genomgång av kalkylen', 'Uppföljning', 'Avstämning per telefon', 'Besök i verksamheten'],
  nb: ['Første besøk', 'Gjennomgang av budsjettet', 'Oppfølging', 'Avklaring på telefon', 'Besøk i bedriften'],
  fi: ['Ensikäynti', 'Laskelmien läpikäynti', 'Seuranta', 'Puhelinpalaveri', 'Käynti yrityksessä'],
};
const taskTitles: Record<Lang, string[]> = {
  sv: ['Skicka mall för likviditetsbudget', 'Boka möte med banken', 'Kolla villkoren för investeringsstöd'],
  nb: ['Send mal for likviditetsbudsjett', 'Avtal møte med banken', 'Sjekk vilkårene for tilskudd'],
  fi: ['Lähetä kassabudjetin pohja', 'Sovi tapaaminen pankin kanssa', 'Tarkista investointituen ehdot'],
};
const noteText: Record<Lang, string> = {
  sv: 'Demo: påhittade anteckningar – ägaren vill växa men saknar tid för administration.',
  nb: 'Demo: oppdiktede notater – eieren vil vokse, men mangler tid til administrasjon.',
  fi: 'Demo: keksittyjä muistiinpanoja – omistaja haluaa kasvaa, mutta aika ei riitä hallintoon.',
};
const emailTitle: Record<Lang, string> = { sv: 'Underlag från företaget', nb: 'Underlag fra bedriften', fi: 'Aineisto yritykseltä' };

/** Where each country's coaches refer (national bodies not on the platform, by name). */
const bodies: Record<Lang, { name: string; purpose: string }[]> = {
  sv: [
    { name: 'Almi Företagspartner Nord', purpose: 'Lån för investering i utrustning (demo)' },
    { name: 'Tillväxtverket', purpose: 'Stöd till investering i glesbygd (demo)' },
    { name: 'Vinnova', purpose: 'Innovationscheck för ny tjänst (demo)' },
    { name: 'Sparbanken Nord (bank)', purpose: 'Rörelsekredit inför säsongen (demo)' },
  ],
  nb: [
    { name: 'Innovasjon Norge', purpose: 'Distriktsrettet investeringstilskudd (demo)' },
    { name: 'SIVA', purpose: 'Plass i inkubator (demo)' },
    { name: 'Sparebank 1 Østlandet (bank)', purpose: 'Driftskreditt før sesongen (demo)' },
  ],
  fi: [
    { name: 'ELY-keskus', purpose: 'Yrityksen kehittämisavustus (demo)' },
    { name: 'Finnvera', purpose: 'Takaus investointilainalle (demo)' },
    { name: 'Business Finland', purpose: 'Vientikartoitus (demo)' },
  ],
};
const currencyOf: Record<Lang, 'SEK' | 'NOK' | 'EUR'> = { sv: 'SEK', nb: 'NOK', fi: 'EUR' };

const activityPlans: Record<Lang, { title: string; kind: ActivityKind; hours: number }[]> = {
  sv: [
    { title: 'Frukostmöte: säsongen som kommer (demo)', kind: 'meeting', hours: 2 },
    { title: 'Workshop: sälj mer på nätet (demo)', kind: 'workshop', hours: 3 },
    { title: 'Företagsbesök i byarna (demo)', kind: 'visit', hours: 6 },
    { title: 'Kampanj: handla lokalt (demo)', kind: 'campaign', hours: 8 },
  ],
  nb: [
    { title: 'Frokostmøte for næringslivet (demo)', kind: 'meeting', hours: 2 },
    { title: 'Verksted: søknader til Innovasjon Norge (demo)', kind: 'workshop', hours: 3 },
    { title: 'Bedriftsbesøk i Holtålen og Os (demo)', kind: 'visit', hours: 6 },
    { title: 'Martnan – felles stand (demo)', kind: 'fair', hours: 8 },
  ],
  fi: [
    { title: 'Yrittäjäaamu (demo)', kind: 'meeting', hours: 2 },
    { title: 'Työpaja: julkiset hankinnat (demo)', kind: 'workshop', hours: 3 },
    { title: 'Yrityskäynnit Sallassa ja Sodankylässä (demo)', kind: 'visit', hours: 6 },
    { title: 'Osta paikallista -kampanja (demo)', kind: 'campaign', hours: 8 },
  ],
};

const dayOf = (now: Date, offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const blankEntry = { ...repo.plainEntry, is_demo: true } as const;

/** Seeds the region's breadth once (returns a summary), or nothing when its marker case exists. */
export async function seedCoachingRegion(db: Kysely<DB>, world: DemoWorld, now: Date, excludeFirmIds: number[]): Promise<string | undefined> {
  if (await repo.hasDemoCaseTitled(db, regionMarker)) return undefined;
  return db.transaction().execute(async (trx) => {
    const used = [...excludeFirmIds];
    const pickers = new Map<string, Awaited<ReturnType<typeof demoFirmPicker>>>();
    let cases = 0;
    let entries = 0;
    let referrals = 0;
    let outcomes = 0;
    let activities = 0;
    let n = 0;
    for (const [t, team] of teams.entries()) {
      const org = world.orgs[team.org];
      const places = org.municipalities.length ? org.municipalities : [];
      for (let k = 0; k < team.cases; k++, n++) {
        const municipality = places[k % places.length];
        if (!municipality) break;
        const pick = pickers.get(org.country) ?? pickers.set(org.country, await demoFirmPicker(trx, org.country)).get(org.country)!;
        let firm: ReturnType<typeof pick>;
        for (let s = 0; s < sectors.length && !firm; s++) firm = pick(municipality, [sectors[(n + s) % sectors.length]!], used);
        // A municipality with few demo firms: any firm of the organisation's area.
        for (let p = 0; p < places.length && !firm; p++) firm = pick(places[p]!, sectors, used);
        if (!firm) continue;
        used.push(firm.firmId);
        const coachKey = team.coaches[k % team.coaches.length]!;
        const coachId = world.people[coachKey].id;
        const type = types[n % types.length]!;
        const status = statusCycle[n % statusCycle.length]!;
        const openedAgo = 20 + ((n * 37) % 380);
        const title = k === 0 && team.org === 'region10' ? regionMarker : `${topics[type]![team.lang][n % 2]} (demo)`;
        const zone = zoneOfCountry[org.country];
        const caseId = await repo.insertCase(
          trx,
          {
            organisation_id: org.id,
            firm_id: firm.firmId,
            title,
            type,
            opened_on: dayOf(now, -openedAgo),
            follow_up_on: null,
            firm_country: org.country,
            municipality_code: municipality,
            nace_division: sectors[n % sectors.length]!,
            created_by: coachId,
            is_demo: true,
          },
          [coachId, ...(n % 5 === 0 && team.coaches.length > 1 ? [world.people[team.coaches[(k + 1) % team.coaches.length]!].id] : [])],
          needSets[n % needSets.length]!,
        );
        cases += 1;
        // Meetings from the opening day on, every few weeks; the last one between 3 and 300 days ago
        // (some firms wait for a contact: the home page's "not contacted" list).
        const meetings = 2 + (n % 4);
        const lastAgo = Math.min(openedAgo - 1, 3 + ((n * 53) % 300));
        for (let m = 0; m < meetings; m++) {
          const ago = Math.round(openedAgo - ((openedAgo - lastAgo) * m) / Math.max(1, meetings - 1));
          const meetingAt = localToUtc(`${dayOf(now, -ago)}T${String(9 + ((n + m) % 6)).padStart(2, '0')}:${m % 2 ? '30' : '00'}`, zone);
          const which = m === 0 ? 0 : 1 + ((m + n) % (meetingTitles[team.lang].length - 1));
          await repo.insertEntry(trx, {
            ...blankEntry,
            case_id: caseId,
            kind: 'meeting',
            author_id: coachId,
            title: `${meetingTitles[team.lang][which]} (demo)`,
            body: noteText[team.lang],
            meeting_at: meetingAt,
            duration_minutes: [45, 60, 90, 30][(n + m) % 4]!,
            meeting_form: forms[which]!,
            participants: team.lang === 'fi' ? 'Omistaja (demo)' : team.lang === 'nb' ? 'Daglig leder (demo)' : 'Ägaren (demo)',
            created_at: meetingAt,
          });
          await repo.touchCase(trx, caseId, meetingAt);
          entries += 1;
        }
        await repo.insertEntry(trx, {
          ...blankEntry,
          case_id: caseId,
          kind: 'email',
          author_id: coachId,
          title: `${emailTitle[team.lang]} (demo)`,
          body: noteText[team.lang],
          participants: 'owner@example.invalid (demo)',
          created_at: new Date(now.getTime() - (lastAgo + 1) * 86_400_000),
        });
        await repo.insertEntry(trx, {
          ...blankEntry,
          case_id: caseId,
          kind: 'note',
          author_id: coachId,
          title: team.lang === 'fi' ? 'Tilannekuva (demo)' : team.lang === 'nb' ? 'Situasjonen (demo)' : 'Läget (demo)',
          body: noteText[team.lang],
          is_private: n % 7 === 0,
          created_at: new Date(now.getTime() - lastAgo * 86_400_000),
        });
        entries += 2;
        if (status !== 'closed') {
          // Tasks: some overdue, some due this week, some later; one in four already done.
          const due = [-3, 2, 6, 14, -10, 1][n % 6]!;
          const taskId = await repo.insertEntry(trx, {
            ...blankEntry,
            case_id: caseId,
            kind: 'task',
            author_id: coachId,
            title: `${taskTitles[team.lang][n % 3]} (demo)`,
            body: '',
            task_owner_id: coachId,
            task_due_on: dayOf(now, due),
            created_at: new Date(now.getTime() - lastAgo * 86_400_000),
          });
          if (n % 4 === 3) await repo.completeTask(trx, caseId, taskId);
          entries += 1;
        }
        await repo.setCaseStatus(trx, caseId, {
          status,
          close_reason: status === 'closed' ? closeCycle[n % closeCycle.length]! : null,
          closed_on: status === 'closed' ? dayOf(now, -Math.max(0, lastAgo - 1)) : null,
          follow_up_on: status === 'closed' ? null : n % 3 === 0 ? dayOf(now, [0, 3, 5, -2][n % 4]!) : n % 3 === 1 ? dayOf(now, 30 + n) : null,
        });
        await repo.insertContact(trx, {
          case_id: caseId,
          user_id: null,
          name: team.lang === 'fi' ? 'Demo Omistaja' : team.lang === 'nb' ? 'Demo Eier' : 'Demo Ägare',
          role: team.lang === 'fi' ? 'Toimitusjohtaja' : team.lang === 'nb' ? 'Daglig leder' : 'Vd',
          email: null,
          phone: null,
          consent_given_on: dayOf(now, -openedAgo),
          consent_note: 'Demo',
        });
        // Sorsele and Arjeplog share cases (their agreement) where the firm agreed: half of them.
        if ((team.org === 'sorsele' || team.org === 'arjeplog') && n % 2 === 0)
          for (const scope of ['case_sharing', 'referral'] as const)
            await repo.insertConsent(trx, {
              firm_id: firm.firmId,
              organisation_id: org.id,
              scope,
              given_on: dayOf(now, -openedAgo),
              valid_to: dayOf(now, 365),
              given_by: 'Demo Ägare',
              recorded_by: coachId,
            });
        // A referral in every other case: open ones of various ages, some accepted, some done.
        if (n % 2 === 1) {
          const body = bodies[team.lang][n % bodies[team.lang].length]!;
          const ago = Math.min(openedAgo - 1, 5 + ((n * 17) % 120));
          const referralId = await repo.insertReferral(trx, {
            case_id: caseId,
            firm_id: firm.firmId,
            from_organisation_id: org.id,
            to_organisation_id: null,
            to_body: body.name,
            purpose: body.purpose,
            shared_info: '',
            funding_amount_minor: n % 3 === 0 ? (150_000 + n * 10_000) * 100 : null,
            funding_currency: n % 3 === 0 ? currencyOf[team.lang] : null,
            created_by: coachId,
            is_demo: true,
            created_at: new Date(now.getTime() - ago * 86_400_000),
          });
          referrals += 1;
          if (n % 5 === 1) {
            await repo.reportReferral(trx, referralId, { result: 'funding', result_note: 'Beslut mottaget (demo)' });
            const added = await repo.insertOutcome(trx, {
              firm_id: firm.firmId,
              organisation_id: org.id,
              case_id: caseId,
              referral_id: referralId,
              kind: 'funding',
              occurred_on: dayOf(now, -Math.max(1, ago - 20)),
              evidence: 'Beslut (demo)',
              programme: body.name,
              quantity: null,
              amount_minor: (120_000 + n * 5_000) * 100,
              currency: currencyOf[team.lang],
              recorded_by: coachId,
              is_demo: true,
            });
            if (added) outcomes += 1;
          } else if (n % 5 === 3) await repo.reportReferral(trx, referralId, { result: 'advice', result_note: 'Rådgivning genomförd (demo)' });
        }
        // Outcomes where the work has shown: jobs, products, markets, turnover.
        const kinds: OutcomeKind[] = ['jobs_created', 'new_product', 'jobs_kept', 'new_market', 'turnover_change'];
        if (status === 'closed' || n % 3 === 2) {
          const kind = kinds[n % kinds.length]!;
          const added = await repo.insertOutcome(trx, {
            firm_id: firm.firmId,
            organisation_id: org.id,
            case_id: caseId,
            referral_id: null,
            kind,
            occurred_on: dayOf(now, -Math.max(1, lastAgo - 2)),
            evidence: 'Demo: uppgift från företaget',
            programme: '',
            quantity: kind === 'jobs_created' || kind === 'jobs_kept' ? 1 + (n % 3) : null,
            amount_minor: kind === 'turnover_change' ? (200_000 + n * 10_000) * 100 : null,
            currency: kind === 'turnover_change' ? currencyOf[team.lang] : null,
            recorded_by: coachId,
            is_demo: true,
          });
          if (added) outcomes += 1;
        }
      }
      // The joint calendar: a few activities a month, behind and ahead.
      const plans = activityPlans[team.lang];
      for (let a = 0; a < plans.length; a++) {
        const plan = plans[a]!;
        const inDays = [-20, 4, 11, 25, 40, 60][(a + t) % 6]! + t;
        const startsAt = localToUtc(`${dayOf(now, inDays)}T${a % 2 ? '13:00' : '08:30'}`, zoneOfCountry[org.country]);
        await repo.insertActivity(trx, {
          organisation_id: org.id,
          title: plan.title,
          kind: plan.kind,
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + plan.hours * 3_600_000),
          responsible_id: world.people[team.coaches[0]!].id,
          description: 'Demo activity (fictional).',
          municipality_codes: places.slice(0, 3),
          firm_ids: used.slice(-2),
          created_by: world.people[team.coaches[0]!].id,
          is_demo: true,
        });
        activities += 1;
      }
    }
    return `${cases} more cases, ${entries} timeline entries, ${referrals} referrals, ${outcomes} outcomes, ${activities} activities across Region 10, Fjellregionen and East Lapland`;
  });
}
