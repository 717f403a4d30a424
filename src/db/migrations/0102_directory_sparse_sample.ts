export const up = /* sql */ `
-- A sparser 1-in-64 sample of the word index (by the same hash of the id as the 1-in-8 sample of
-- migration 0002): the facets of a word that matches tens of thousands of listings (a product every
-- shop sells) are counted on it and scaled, reading ~1/64 of the matches' pages instead of ~1/8.
create index directory_listings_tsv_sample64_idx on directory_listings using gin (tsv) with (fastupdate = off) where (hashint8(id) & 63) = 0;
`;
