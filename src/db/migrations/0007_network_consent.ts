export const up = /* sql */ `
-- Coverage that overlaps another organisation's coverage (same municipality, overlapping
-- period) waits for the network admin or that organisation's admin. Until approved it has no
-- effect: every reader of coverage counts only approved rows. Existing rows stay approved.
alter table organisation_coverage add column status text not null default 'approved'
  check (status in ('pending', 'approved', 'rejected'));
alter table organisation_coverage add column requested_by bigint;
alter table organisation_coverage add column decided_by bigint;
alter table organisation_coverage add column decided_at timestamptz;
create index organisation_coverage_pending_idx on organisation_coverage (status) where status = 'pending';

-- An organisation asks a firm outside its coverage to become a member. The membership is
-- created only when an approved manager of the firm accepts; until then nothing is a member.
create table membership_requests (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisations(id) on delete cascade,
  firm_id bigint not null references firms(id) on delete cascade,
  tier text not null check (length(tier) between 1 and 60),
  status text not null check (status in ('active', 'paused', 'ended')),
  valid_from date not null,
  valid_to date,
  fee_minor bigint check (fee_minor >= 0),
  currency text check (currency in ('NOK', 'SEK', 'EUR')),
  state text not null default 'pending' check (state in ('pending', 'accepted', 'declined', 'withdrawn')),
  requested_by bigint not null,
  decided_by bigint,
  decided_at timestamptz,
  membership_id bigint references memberships(id) on delete set null,
  created_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from),
  check ((fee_minor is null) = (currency is null))
);
-- One open request per organisation and firm.
create unique index membership_requests_open_idx on membership_requests (organisation_id, firm_id) where state = 'pending';
create index membership_requests_firm_idx on membership_requests (firm_id) where state = 'pending';
`;
