import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { syncListings } from '../../src/modules/directory/directory.sync.js';
import { searchListings } from '../../src/modules/directory/directory.service.js';
import { searchQuerySchema } from '../../src/modules/directory/directory.schemas.js';
import { luhnValid } from '../../src/modules/registry/national-id.js';
import { naceDivisionOf } from '../../src/modules/registry/registry.service.js';
import type { OpeningHours } from '../../src/modules/registry/registry.tables.js';

type Country = 'NO' | 'SE' | 'FI';

let serial = 0;

/** A national number with a correct check digit, different on each call (deterministic per process). */
export function nationalIdFor(country: Country): string {
  for (;;) {
    serial += 1;
    const seed = String(1000000 + ((serial * 7919) % 8999999)).slice(-7);
    if (country === 'NO') {
      const body = `9${seed}`;
      const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(body[i]), 0);
      const check = sum % 11 === 0 ? 0 : 11 - (sum % 11);
      if (check !== 10) return `${body}${check}`;
    } else if (country === 'SE') {
      const body = `55${seed}`;
      for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
    } else {
      const rest = [7, 9, 10, 5, 8, 4, 2].reduce((acc, w, i) => acc + w * Number(seed[i]), 0) % 11;
      if (rest !== 1) return `${seed}-${rest === 0 ? 0 : 11 - rest}`;
    }
  }
}

export interface ProductInput {
  kind?: 'product' | 'service';
  name: string;
  description?: string;
  price_minor?: number;
  currency?: 'NOK' | 'SEK' | 'EUR';
}

export interface PlaceInput {
  name: string;
  national_id?: string;
  municipality_code?: string;
  nace_code?: string;
  street?: string;
  postcode?: string;
  city?: string;
  lat?: number;
  lon?: number;
  description?: Record<string, string>;
  opening_hours?: OpeningHours;
  employees?: number;
  website?: string;
}

export interface FirmInput extends PlaceInput {
  country?: Country;
  legal_form?: string;
  email?: string;
  phone?: string;
  language?: 'nb' | 'sv' | 'fi' | 'en';
  registered_on?: string;
  status?: 'active' | 'closed';
  is_demo?: boolean;
  products?: ProductInput[];
  establishments?: PlaceInput[];
}

const defaultLanguage: Record<Country, 'nb' | 'sv' | 'fi'> = { NO: 'nb', SE: 'sv', FI: 'fi' };

/**
 * Inserts a firm (and its establishments and products) into the registry tables, then brings the
 * directory's listings up to date, as a registry writer does.
 */
export async function createFirm(db: Kysely<DB>, input: FirmInput): Promise<{ firmId: number; nationalId: string; establishmentIds: number[] }> {
  const country = input.country ?? 'NO';
  const nationalId = input.national_id ?? nationalIdFor(country);
  const place = (p: PlaceInput) => ({
    name: p.name,
    nace_code: p.nace_code ?? null,
    nace_division: naceDivisionOf(p.nace_code),
    employees: p.employees ?? null,
    street: p.street ?? null,
    postcode: p.postcode ?? null,
    city: p.city ?? null,
    municipality_code: p.municipality_code ?? null,
    lat: p.lat ?? null,
    lon: p.lon ?? null,
    website: p.website ?? null,
    description: JSON.stringify(p.description ?? {}),
    opening_hours: p.opening_hours ? JSON.stringify(p.opening_hours) : null,
  });
  const firm = await db
    .insertInto('firms')
    .values({
      ...place(input),
      country,
      national_id: nationalId,
      legal_form: input.legal_form ?? 'AS',
      email: input.email ?? null,
      phone: input.phone ?? null,
      language: input.language ?? defaultLanguage[country],
      registered_on: input.registered_on ?? null,
      status: input.status ?? 'active',
      is_demo: input.is_demo ?? false,
      postal_street: null,
      postal_postcode: null,
      postal_city: null,
      closed_on: null,
      source: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const establishmentIds: number[] = [];
  for (const e of input.establishments ?? []) {
    const row = await db
      .insertInto('establishments')
      .values({
        ...place(e),
        firm_id: firm.id,
        country,
        national_id: e.national_id ?? nationalIdFor(country),
        parent_national_id: nationalId,
        is_demo: input.is_demo ?? false,
        closed_on: null,
        registered_on: null,
        source: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    establishmentIds.push(Number(row.id));
  }
  for (const p of input.products ?? []) {
    await db
      .insertInto('products')
      .values({
        firm_id: firm.id,
        establishment_id: null,
        kind: p.kind ?? 'product',
        name: p.name,
        description: p.description ?? null,
        price_minor: p.price_minor ?? null,
        currency: p.currency ?? null,
        language: input.language ?? defaultLanguage[country],
      })
      .execute();
  }
  await syncListings(db, { firmIds: [Number(firm.id)] });
  return { firmId: Number(firm.id), nationalId, establishmentIds };
}

/** The directory id of the listing with exactly this name (found through the search itself). */
export async function listingIdByName(db: Kysely<DB>, name: string, query: Record<string, string> = { q: name }): Promise<number> {
  const result = await searchListings(db, searchQuerySchema.parse({ per_page: '100', ...query }), 'en');
  const hit = result.items.find((i) => i.name === name);
  if (!hit) throw new Error(`no listing named ${JSON.stringify(name)} (got ${result.items.map((i) => i.name).join(', ')})`);
  return hit.id;
}
