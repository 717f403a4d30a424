import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { createFirm } from './factories.js';

const always = { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })) };
const never = { weekly: [] };

export const xssName = '<script>alert(1)</script>';

/** A small directory in the demo region: enough for search, facets, near, open now and firm pages. */
export async function seedDirectory(db: Kysely<DB>) {
  const bakery = await createFirm(db, {
    name: 'Rørosbakeriet',
    municipality_code: '5025',
    nace_code: '10.710',
    street: 'Kjerkgata 12',
    postcode: '7374',
    city: 'Røros',
    lat: 62.5747,
    lon: 11.3842,
    employees: 7,
    website: 'www.rorosbakeriet.example',
    email: 'post@rorosbakeriet.example',
    phone: '+47 72 41 00 00',
    registered_on: '2011-03-15',
    description: { nb: 'Bakeri i Bergstaden med surdeigsbrød og kanelboller.', en: 'Bakery in the mining town with sourdough bread and cinnamon buns.' },
    opening_hours: { ...always, exceptions: [{ date: '2099-12-24', closed: true, note: 'Julaften' }] },
    is_demo: true,
    products: [
      { name: 'Surdeigsbrød', price_minor: 6900, currency: 'NOK' },
      { kind: 'service', name: 'Kakebestilling' },
    ],
  });
  await createFirm(db, {
    name: 'Røros Sport',
    municipality_code: '5025',
    nace_code: '47.640',
    lat: 62.5755,
    lon: 11.3866,
    opening_hours: never,
    description: { nb: 'Sportsbutikk.' },
  });
  await createFirm(db, {
    name: 'Holtålen Rør',
    municipality_code: '5026',
    nace_code: '43.220',
    lat: 62.842,
    lon: 11.301,
    description: { nb: 'Rørleggerfirma i Holtålen.' },
  });
  const chain = await createFirm(db, {
    name: 'Fjellkraft AS',
    municipality_code: '3427',
    nace_code: '35.110',
    lat: 62.276,
    lon: 10.782,
    description: { nb: 'Kraftselskap i Fjellregionen.' },
    establishments: [
      { name: 'Fjellkraft Tynset', municipality_code: '3427', lat: 62.276, lon: 10.782, nace_code: '35.110' },
      { name: 'Fjellkraft Os', municipality_code: '3430', lat: 62.496, lon: 11.223, nace_code: '35.110' },
    ],
  });
  await createFirm(db, {
    country: 'FI',
    name: 'Kemijärven Leipomo',
    municipality_code: '320',
    nace_code: '10710',
    lat: 66.713,
    lon: 27.431,
    description: { fi: 'Leipomo Kemijärven keskustassa. Ruisleipää joka päivä.' },
    opening_hours: always,
  });
  await createFirm(db, {
    country: 'FI',
    name: 'Savukosken Sauna',
    municipality_code: '742',
    nace_code: '96040',
    lat: 67.293,
    lon: 28.158,
    description: { fi: 'Savusauna Savukoskella.' },
  });
  await createFirm(db, {
    country: 'SE',
    name: 'Lycksele Bageri',
    municipality_code: '2481',
    nace_code: '10710',
    lat: 64.595,
    lon: 18.674,
    description: { sv: 'Bageri i Lycksele.' },
  });
  await createFirm(db, {
    name: xssName,
    municipality_code: '5025',
    nace_code: '47.190',
    lat: 62.57,
    lon: 11.38,
    description: { nb: '</script><script>alert(2)</script> <img src=x onerror=alert(3)>' },
    products: [{ name: '<b>bold</b>' }],
  });
  return { bakery, chain };
}
