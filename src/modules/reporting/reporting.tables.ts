import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings. */
type DateCol = ColumnType<string, string, string>;
type Minor = ColumnType<string | number, number | bigint, number | bigint>;
type Json<T> = ColumnType<T, string, string>;

export type TaggedKind = 'case' | 'event' | 'course';

export interface ReportingProjectTable {
  id: Generated<number>;
  name: string;
  organisation_id: number;
  starts_on: DateCol;
  ends_on: DateCol;
  description: ColumnType<string, string | undefined, string>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ReportingProjectOrganisationTable {
  project_id: number;
  organisation_id: number;
}

export interface ReportingProjectFunderTable {
  project_id: number;
  template: string;
  funder_name: string;
  budget_minor: Minor;
  currency: string;
}

export interface ReportingProjectActivityTable {
  project_id: number;
  kind: TaggedKind;
  ref_id: number;
  tagged_by: number | null;
  tagged_at: Timestamp;
}

export interface ReportingFirmFactTable {
  id: Generated<number>;
  firm_id: number;
  observed_on: DateCol;
  employees: number | null;
  turnover_minor: ColumnType<string | number | null, number | bigint | null | undefined, number | bigint | null>;
  currency: string | null;
  /** Driftsresultat (may be negative) and lønnskostnader, minor units of `currency`: Siva's value creation is their sum. */
  operating_result_minor: ColumnType<string | number | null, number | bigint | null | undefined, number | bigint | null>;
  wage_costs_minor: ColumnType<string | number | null, number | bigint | null | undefined, number | bigint | null>;
  leaders: number | null;
  women_leaders: number | null;
  source: ColumnType<string, string | undefined, string>;
  recorded_by: number | null;
  created_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ReportingFrozenReportTable {
  id: Generated<number>;
  organisation_id: number | null;
  project_id: number | null;
  template: string;
  period_from: DateCol;
  period_to: DateCol;
  time_zone: string;
  result: Json<unknown>;
  data_version: string;
  frozen_by: number | null;
  frozen_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ReportingDrilldownReadTable {
  id: Generated<number>;
  reader_id: number;
  organisation_id: number | null;
  project_id: number | null;
  template: string;
  indicator: string;
  purpose: string;
  read_at: Timestamp;
}

export interface ReportingTables {
  reporting_projects: ReportingProjectTable;
  reporting_project_organisations: ReportingProjectOrganisationTable;
  reporting_project_funders: ReportingProjectFunderTable;
  reporting_project_activities: ReportingProjectActivityTable;
  reporting_firm_facts: ReportingFirmFactTable;
  reporting_frozen_reports: ReportingFrozenReportTable;
  reporting_drilldown_reads: ReportingDrilldownReadTable;
}
