export const up = /* sql */ `
-- The registry's change log ("firms changed"), written in the same transaction as the registry
-- write it describes: one row per write (a whole import batch is one row). Listeners (the
-- directory) take rows and delete them in the transaction that applies them, so a change is
-- either still here or applied — a killed import or server cannot lose one.
create table registry_firm_changes (
  id bigint generated always as identity primary key,
  firm_ids bigint[] not null,
  recorded_at timestamptz not null default now()
);

-- Who runs an import, so that a run left 'running' by a process that died is marked failed on
-- the next start (same host and the process is gone, or no sign of life for an hour).
alter table import_runs add column host text;
alter table import_runs add column pid integer;
alter table import_runs add column heartbeat_at timestamptz;
`;
