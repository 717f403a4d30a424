export const up = /* sql */ `
-- Responses counted as they arrive, per municipality and group (like survey_tallies): the results page
-- reads a handful of rows instead of counting every response of the survey.
create table survey_response_counts (
  survey_id bigint not null references surveys(id) on delete cascade,
  municipality text not null default '',
  grp text not null default '',
  n bigint not null default 0,
  primary key (survey_id, municipality, grp)
);
insert into survey_response_counts (survey_id, municipality, grp, n)
select survey_id, coalesce(municipality_code, ''), coalesce(respondent_group, ''), count(*) from survey_responses group by 1, 2, 3;
`;
