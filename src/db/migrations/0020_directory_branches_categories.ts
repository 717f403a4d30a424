/**
 * Branch profiles, everyday categories and establishments without a known parent (issue 9, ADR 0011).
 *
 * - Establishments carry their own contact details and category override; firms a category override.
 * - Pictures may belong to one establishment (products already could).
 * - The registry's change log names establishments too: an establishment whose parent firm is not
 *   in the registry (yet) has no firm id to be recorded under.
 * - Listings: firm_id is null for such an establishment; each listing has an everyday category,
 *   filtered through its own index and counted in the facet tables.
 */
export const up = /* sql */ `
alter table firms add column category text;
alter table establishments add column category text, add column email text, add column phone text;

alter table firm_images add column establishment_id bigint references establishments(id) on delete cascade;
create index firm_images_establishment_idx on firm_images (establishment_id) where establishment_id is not null;

alter table registry_firm_changes add column establishment_ids bigint[] not null default '{}';

alter table directory_listings alter column firm_id drop not null;
alter table directory_listings add column category text;
create index directory_listings_category_idx on directory_listings (category, boost desc, sort_name, id);

alter table directory_facet_counts add column category text not null default '';
alter table directory_facet_counts drop constraint directory_facet_counts_pkey;
alter table directory_facet_counts add primary key (country, municipality_code, nace_division, category);
`;
