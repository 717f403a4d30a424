export const up = /* sql */ `
-- Coaching lists at 200 000 cases (ADR 0012, second round). Every case list walks one
-- organisation's index in its sort order; the filters (status, type, place, sector, needs) and the
-- firm (for the consent check) are carried in the index, so a list decides which cases it shows
-- from the index alone (an index-only scan) and reads from the table only the rows it shows.

-- A copy of the case's needs (coaching_case_needs stays the record), like the copies of place and
-- sector: the need filter is answered from the index instead of one lookup per case.
alter table coaching_cases add column needs text[] not null default '{}';
update coaching_cases c set needs = n.needs
  from (select case_id, array_agg(need order by need) as needs from coaching_case_needs group by case_id) n
  where n.case_id = c.id;

drop index coaching_cases_org_idx;
drop index coaching_cases_org_updated_idx;
drop index coaching_cases_org_opened_idx;
drop index coaching_cases_follow_idx;
-- (organisation, municipality) misled the planner: an organisation usually covers one or two
-- municipalities, so it read all of the organisation's cases and sorted them.
drop index coaching_cases_place_idx;
create index coaching_cases_org_status_idx on coaching_cases (organisation_id, status, updated_at desc, id desc)
  include (firm_id, type, municipality_code, nace_division, needs);
create index coaching_cases_org_updated_idx on coaching_cases (organisation_id, updated_at desc, id desc)
  include (status, firm_id, type, municipality_code, nace_division, needs);
create index coaching_cases_org_opened_idx on coaching_cases (organisation_id, opened_on desc, id desc)
  include (status, firm_id, type, municipality_code, nace_division, needs);
create index coaching_cases_org_follow_idx on coaching_cases (organisation_id, follow_up_on asc nulls last, id desc)
  include (status, firm_id, type, municipality_code, nace_division, needs);
-- A partner's list checks the firm's consent per case: the valid-consent test from the index.
create index coaching_consents_org_idx on coaching_consents (organisation_id, scope, firm_id) include (given_on, valid_to) where revoked_at is null;
-- The organisation's statistics know that its cases lie in its own municipalities.
create statistics coaching_cases_org_place (dependencies) on organisation_id, municipality_code from coaching_cases;
`;
