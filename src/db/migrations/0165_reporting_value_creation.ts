export const up = /* sql */ `
-- Siva's value creation (verdiskaping) = operating result (driftsresultat) + wage costs
-- (lønnskostnader): both kept beside a firm's other dated figures (ADR 0021, amended). The
-- operating result may be negative (a loss); wage costs may not.
alter table reporting_firm_facts add column operating_result_minor bigint;
alter table reporting_firm_facts add column wage_costs_minor bigint check (wage_costs_minor is null or wage_costs_minor >= 0);
`;
