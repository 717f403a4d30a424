export const up = /* sql */ `
-- A copy of a case's coaches on its row (coaching_case_coaches stays the record), carried in the
-- covering indexes a coach's home page walks: "my open cases" and "my follow-ups" walk their
-- organisation's index in order and stop after 20 matches, instead of joining all of the
-- organisation's cases to the coach's (ADR 0012: 19 ms on PGlite at 200 000 cases).
alter table coaching_cases add column coach_ids bigint[] not null default '{}';
update coaching_cases c set coach_ids = x.ids
  from (select case_id, array_agg(user_id order by user_id) as ids from coaching_case_coaches group by case_id) x
  where x.case_id = c.id;
drop index coaching_cases_org_updated_idx;
drop index coaching_cases_org_follow_idx;
create index coaching_cases_org_updated_idx on coaching_cases (organisation_id, updated_at desc, id desc)
  include (status, firm_id, type, municipality_code, nace_division, needs, coach_ids);
create index coaching_cases_org_follow_idx on coaching_cases (organisation_id, follow_up_on asc nulls last, id desc)
  include (status, firm_id, type, municipality_code, nace_division, needs, coach_ids);
`;
