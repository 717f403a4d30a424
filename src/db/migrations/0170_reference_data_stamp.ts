export const up = /* sql */ `
-- What reference data (places, NACE, the navigator's catalogue) this database last loaded: a digest of
-- the data files and the applied migrations. A start whose digest matches skips the reload (~0.3 s of
-- upserts on the embedded database at every start; a data directory made from the install-time
-- template already holds it).
create table reference_data_stamp (
  id int primary key default 1 check (id = 1),
  digest text not null,
  loaded_at timestamptz not null default now()
);
`;
