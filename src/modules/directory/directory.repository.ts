// PROVISIONAL: replaced by the search branch
// A stand-in that reads the registry tables directly (no read model, ILIKE matching) so that
// the pages and the API can be built and tested before the real search engine lands.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { LocalizedNames } from '../places/places.tables.js';
import type { OpeningHours } from '../registry/registry.tables.js';

export interface ListingRow {
  id: number;
  kind: 'firm' | 'establishment';
  firm_id: number | null;
  country: 'NO' | 'SE' | 'FI';
  national_id: string;
  name: string;
  nace_code: string | null;
  nace_division: string | null;
  municipality_code: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  description: Record<string, string>;
  opening_hours: OpeningHours | null;
  language: string;
  is_demo: boolean;
  status: 'active' | 'closed';
  municipality_name: string | null;
  municipality_names: LocalizedNames | null;
  county_code: string | null;
  county_names: LocalizedNames | null;
  division_names: LocalizedNames | null;
  section: string | null;
  section_names: LocalizedNames | null;
}

/** Firm listing ids are even, establishment listing ids odd (the two tables have separate sequences). */
export const firmListingId = (firmId: number) => firmId * 2;
export const establishmentListingId = (establishmentId: number) => establishmentId * 2 + 1;

const listings = sql`
  (select 'firm' as kind, f.id * 2 as id, f.id as firm_id, f.country, f.national_id, f.name, f.nace_code, f.nace_division,
          f.municipality_code, f.street, f.postcode, f.city, f.lat, f.lon, f.description, f.opening_hours, f.language, f.is_demo, f.status,
          not exists (select 1 from establishments e where e.firm_id = f.id) as is_place
     from firms f
   union all
   select 'establishment', e.id * 2 + 1, e.firm_id, e.country, e.national_id, e.name, coalesce(e.nace_code, f.nace_code),
          coalesce(e.nace_division, f.nace_division), e.municipality_code, e.street, e.postcode, e.city, e.lat, e.lon,
          case when e.description = '{}'::jsonb then coalesce(f.description, '{}'::jsonb) else e.description end,
          coalesce(e.opening_hours, f.opening_hours),
          coalesce(f.language, case e.country when 'SE' then 'sv' when 'FI' then 'fi' else 'nb' end), e.is_demo, e.status, true
     from establishments e left join firms f on f.id = e.firm_id) l`;

const labelled = sql`
  select l.*, m.name as municipality_name, m.names as municipality_names, m.county_code, c.names as county_names,
         d.names as division_names, d.section, s.names as section_names
    from ${listings}
    left join municipalities m on m.country = l.country and m.code = l.municipality_code
    left join counties c on c.country = m.country and c.code = m.county_code
    left join nace_divisions d on d.code = l.nace_division
    left join nace_sections s on s.code = d.section`;

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Active places (establishments, or firms without any) whose text contains every word, ignoring case and diacritics. */
export async function findListings(db: Kysely<DB>, words: string[]): Promise<ListingRow[]> {
  const text = sql`lk_unaccent(lower(x.name || ' ' || coalesce(x.city, '') || ' ' || coalesce(x.municipality_name, '') || ' ' || x.description::text || ' ' ||
    coalesce((select string_agg(p.name || ' ' || coalesce(p.description, ''), ' ') from products p where p.firm_id = x.firm_id), '')))`;
  const conditions = words.map((w) => sql`${text} like '%' || lk_unaccent(lower(${escapeLike(w)})) || '%'`);
  const where = conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``;
  const result = await sql<ListingRow>`select x.* from (${labelled}) x where x.status = 'active' and x.is_place${where}`.execute(db);
  return result.rows;
}

export async function findListing(db: Kysely<DB>, id: number): Promise<ListingRow | undefined> {
  const result = await sql<ListingRow>`select x.* from (${labelled}) x where x.id = ${id}`.execute(db);
  return result.rows[0];
}

export function findFirm(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('firms')
    .select(['id', 'national_id', 'name', 'legal_form', 'employees', 'website', 'email', 'phone', sql<string | null>`registered_on::text`.as('registered_on'), 'language'])
    .where('id', '=', firmId)
    .executeTakeFirst();
}

export function findEstablishment(db: Kysely<DB>, establishmentId: number) {
  return db
    .selectFrom('establishments')
    .select(['id', 'firm_id', 'parent_national_id', 'employees', 'website', sql<string | null>`registered_on::text`.as('registered_on')])
    .where('id', '=', establishmentId)
    .executeTakeFirst();
}

export function listEstablishmentsOfFirm(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('establishments as e')
    .leftJoin('municipalities as m', (j) => j.onRef('m.country', '=', 'e.country').onRef('m.code', '=', 'e.municipality_code'))
    .select(['e.id', 'e.name', 'e.national_id', 'e.municipality_code', 'm.name as municipality_name', 'm.names as municipality_names'])
    .where('e.firm_id', '=', firmId)
    .where('e.status', '=', 'active')
    .orderBy('e.name')
    .execute();
}

/** The firm's own products and, for an establishment, those of that establishment. */
export function listProducts(db: Kysely<DB>, firmId: number, establishmentId: number | null) {
  return db
    .selectFrom('products')
    .select(['kind', 'name', 'description', 'price_minor', 'currency'])
    .where('firm_id', '=', firmId)
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb.or([eb('establishment_id', 'is', null), eb('establishment_id', '=', establishmentId)])))
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export function listNaceSections(db: Kysely<DB>) {
  return db.selectFrom('nace_sections').select(['code', 'names']).orderBy('code').execute();
}

export async function listMunicipalitiesWithListings(db: Kysely<DB>) {
  const result = await sql<{ country: string; code: string; name: string; names: LocalizedNames; county_code: string; county_names: LocalizedNames; lat: number | null; lon: number | null; count: number }>`
    select m.country, m.code, m.name, m.names, m.county_code, c.names as county_names, m.lat, m.lon, count(*)::int as count
      from ${listings}
      join municipalities m on m.country = l.country and m.code = l.municipality_code
      join counties c on c.country = m.country and c.code = m.county_code
     where l.status = 'active' and l.is_place
     group by m.country, m.code, m.name, m.names, m.county_code, c.names, m.lat, m.lon
     order by m.country, m.county_code, m.name`.execute(db);
  return result.rows;
}
