import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { insertEvent, insertRegistration } from '../../src/modules/events/events.repository.js';
import { newToken } from '../../src/modules/events/events.service.js';

/** A published event of `organisationId` a week from now, with one sign-up (the matrix's and phone test's event). */
export async function insertMatrixEvent(db: Kysely<DB>, organisationId: number): Promise<{ eventId: number; registrationId: number }> {
  const start = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const eventId = await insertEvent(
    db,
    {
      title: { nb: 'Anbudsverksted', en: 'Tendering workshop' },
      description: { en: 'How to win public contracts.' },
      kind: 'workshop',
      time_zone: 'Europe/Oslo',
      starts_at: start,
      ends_at: new Date(start.getTime() + 3 * 3600 * 1000),
      address: 'Brugata 1',
      country: 'NO',
      municipality_code: '5025',
      latitude: null,
      longitude: null,
      online_url: null,
      capacity: 20,
      signup_opens_at: null,
      signup_closes_at: null,
      audience: 'public',
      price_minor: null,
      currency: null,
      questions: [{ key: 'q1', text: 'Trade?', required: false }],
      tags: ['tendering'],
      status: 'published',
      created_by: null,
    },
    [organisationId],
  );
  const registrationId = await insertRegistration(db, {
    event_id: eventId,
    status: 'confirmed',
    user_id: null,
    firm_id: null,
    name: 'Kari Nordmann',
    email: 'kari@example.no',
    national_id: null,
    locale: 'nb',
    answers: {},
    token: newToken(),
  });
  return { eventId, registrationId };
}
