export const up = /* sql */ `
-- Coaching (issue 10, second round). Documents on the timeline point at the file store's files,
-- whose ids are uuids (ADR 0009); the first migration's bigint column was never written.
alter table coaching_entries drop column file_id;
alter table coaching_entries add column file_id uuid;
-- The file store owner is the entry ('coaching.entry', ADR 0009): the entry and its file are
-- written in one transaction. A document whose file was erased keeps its entry (the timeline
-- still reads), without the file.
alter table coaching_entries add column file_erased_at timestamptz;

-- A referral for funding: the amount sought and what the support navigator's de minimis check
-- said when the coach referred (room left in EUR minor units, null when unknown), so the warning
-- the coach saw stays on record.
alter table coaching_referrals add column funding_amount_minor bigint check (funding_amount_minor is null or funding_amount_minor > 0);
alter table coaching_referrals add column funding_currency text check (funding_currency is null or funding_currency in ('NOK', 'SEK', 'EUR'));
alter table coaching_referrals add column de_minimis_room_eur_minor bigint;
alter table coaching_referrals add column over_ceiling_confirmed boolean not null default false;
alter table coaching_referrals add constraint coaching_referrals_funding_currency check ((funding_amount_minor is null) = (funding_currency is null));
`;
