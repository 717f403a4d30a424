import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays, localDateOf, localToUtc, zoneOfCountry } from '../../shared/i18n/zoned.js';
import type { DemoOrg, DemoSeeder, DemoWorld } from '../demo/demo-world.types.js';
import * as repo from './events.repository.js';
import { newToken } from './events.service.js';
import type { EventKind } from './events.tables.js';

/**
 * The demo's events: in every municipality an organisation of the demo region covers, one past
 * event (with the story firms that are there checked in) and one coming one; and the story of
 * issue 12 — Fjellregionen næringshage's tendering workshop in Tynset with 20 places, 17 taken.
 * All marked is_demo and shown with "(demo)".
 */
const topics: { kind: EventKind; tags: string[]; title: Record<'NO' | 'SE' | 'FI', string> }[] = [
  { kind: 'workshop', tags: ['tendering'], title: { NO: 'Anbudsverksted', SE: 'Workshop om offentlig upphandling', FI: 'Julkisten hankintojen työpaja' } },
  {
    kind: 'course_day',
    tags: ['digital'],
    title: { NO: 'Kursdag: digital synlighet', SE: 'Kursdag: digital synlighet', FI: 'Kurssipäivä: digitaalinen näkyvyys' },
  },
  { kind: 'meetup', tags: ['marketing'], title: { NO: 'Frokostmøte for handelsstanden', SE: 'Frukostmöte för handlare', FI: 'Yrittäjien aamiaistapaaminen' } },
  { kind: 'market', tags: ['buy-local'], title: { NO: 'Lokalmarked', SE: 'Lokal marknad', FI: 'Paikallismarkkinat' } },
];
const langOf = { NO: 'nb', SE: 'sv', FI: 'fi' } as const;

function at(now: Date, country: 'NO' | 'SE' | 'FI', days: number, hour: number) {
  const zone = zoneOfCountry[country];
  const day = addDays(localDateOf(now, zone), days);
  return localToUtc(`${day}T${String(hour).padStart(2, '0')}:00`, zone);
}

async function insertDemoEvent(
  db: Kysely<DB>,
  org: DemoOrg,
  municipality: string,
  topic: (typeof topics)[number],
  now: Date,
  days: number,
  extra: Partial<repo.EventValues> = {},
) {
  const lang = langOf[org.country];
  return repo.insertEvent(
    db,
    {
      title: {
        [lang]: topic.title[org.country],
        en: `${topic.kind === 'workshop' ? 'Tendering workshop' : topic.kind === 'course_day' ? 'Course day: digital visibility' : topic.kind === 'meetup' ? 'Breakfast meeting for shops' : 'Local market'}`,
      },
      description: { [lang]: `${org.name}`, en: `${org.name}` },
      kind: topic.kind,
      time_zone: zoneOfCountry[org.country],
      starts_at: at(now, org.country, days, 9),
      ends_at: at(now, org.country, days, 12),
      address: 'Demo address 1',
      country: org.country,
      municipality_code: municipality,
      latitude: null,
      longitude: null,
      online_url: null,
      capacity: 30,
      signup_opens_at: null,
      signup_closes_at: null,
      audience: 'public',
      price_minor: null,
      currency: null,
      questions: [],
      tags: topic.tags,
      ...extra,
      status: 'published',
      is_demo: true,
      created_by: null,
    } as repo.EventValues & { status: 'published'; is_demo: true; created_by: null },
    [org.id],
  );
}

async function demoRegistration(db: Kysely<DB>, eventId: number, person: { name: string; email: string }, firmId: number | null, checkedIn: Date | null) {
  const id = await repo.insertRegistration(db, {
    event_id: eventId,
    status: 'confirmed',
    user_id: null,
    firm_id: firmId,
    name: person.name,
    email: person.email,
    national_id: null,
    locale: 'en',
    answers: {},
    token: newToken(),
    checked_in_at: checkedIn,
  });
  if (checkedIn && firmId !== null) await repo.recordAttendance(db, eventId, firmId, id);
  return id;
}

async function seed(db: Kysely<DB>, world: DemoWorld, now: Date): Promise<string | undefined> {
  if (await repo.hasDemoEvents(db)) return undefined;
  return db.transaction().execute(async (trx) => {
    let events = 0;
    const seen = new Set<string>();
    const orgs = Object.values(world.orgs);
    let i = 0;
    for (const org of orgs) {
      for (const municipality of org.municipalities) {
        const key = `${org.country}:${municipality}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const topic = topics[i++ % topics.length]!;
        const past = await insertDemoEvent(trx, org, municipality, topic, now, -20 - (i % 10));
        await insertDemoEvent(trx, org, municipality, topics[(i + 1) % topics.length]!, now, 12 + (i % 20));
        events += 2;
        // Story firms in this municipality attended the past event.
        for (const [firmKey, firm] of Object.entries(world.firms)) {
          if (firm.country !== org.country || firm.municipality !== municipality) continue;
          const owner = world.people[`owner-${firmKey}` as keyof DemoWorld['people']];
          await demoRegistration(
            trx,
            past,
            owner ?? { name: firm.name, email: `${firmKey}@demo.lokalkraft.example` },
            firm.firmId,
            at(now, org.country, -20 - (i % 10), 9),
          );
        }
      }
    }
    // Issue 12's story: the tendering workshop in Tynset, 20 places, 17 taken.
    const fjell = world.orgs.fjellregionen;
    const tynset = await insertDemoEvent(trx, fjell, '3427', topics[0]!, now, 10, {
      title: { nb: 'Anbudsverksted: slik vinner du offentlige kontrakter', en: 'Tendering workshop: winning public contracts' },
      description: {
        nb: 'Praktisk verksted om Doffin, kvalifikasjonskrav og tilbudsskriving. Ta med en konkurranse du vurderer.',
        en: 'A practical workshop on Doffin, qualification requirements and writing bids. Bring a tender you are considering.',
      },
      address: 'Tynset næringshage, Brugata 1',
      capacity: 20,
      questions: [
        { key: 'q1', text: 'Hvilken bransje er du i? / Which trade are you in?', required: true },
        { key: 'q2', text: 'Allergier? / Allergies?', required: false },
      ],
      tags: ['tendering', 'public procurement'],
    });
    for (let n = 1; n <= 17; n++)
      await demoRegistration(trx, tynset, { name: `Deltaker ${n} (demo)`, email: `tynset-${n}@demo.lokalkraft.example` }, null, null);
    events += 1;
    return `${events} events in ${seen.size} municipalities (Tynset tendering workshop: 17 of 20 places taken)`;
  });
}

export const eventsDemo: DemoSeeder = { name: 'events', seed };
