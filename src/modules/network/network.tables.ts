import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings; see the date type parser in db/client.ts. */
type DateCol = ColumnType<string, string, string>;

export type OrganisationType =
  | 'business_garden'
  | 'city_centre_partnership'
  | 'municipal_business_office'
  | 'inter_municipal_project'
  | 'retail_association'
  | 'funder'
  | 'partner_body';

export type MembershipStatus = 'active' | 'paused' | 'ended';

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  type: OrganisationType;
  country: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  logo: Uint8Array | null;
  logo_content_type: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationCoverageTable {
  id: Generated<number>;
  organisation_id: number;
  country: string;
  municipality_code: string;
  valid_from: DateCol;
  valid_to: DateCol | null;
  /** Overlap with another organisation's coverage waits for a decision; only 'approved' counts. */
  status: ColumnType<CoverageStatus, CoverageStatus | undefined, CoverageStatus>;
  requested_by: number | null;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export type CoverageStatus = 'pending' | 'approved' | 'rejected';
export type MembershipRequestState = 'pending' | 'accepted' | 'declined' | 'withdrawn';

/** A membership offered to a firm outside the organisation's coverage; the firm's manager accepts or declines. */
export interface MembershipRequestTable {
  id: Generated<number>;
  organisation_id: number;
  firm_id: number;
  tier: string;
  status: MembershipStatus;
  valid_from: DateCol;
  valid_to: DateCol | null;
  fee_minor: number | null;
  currency: string | null;
  state: ColumnType<MembershipRequestState, MembershipRequestState | undefined, MembershipRequestState>;
  requested_by: number;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  membership_id: number | null;
  created_at: Timestamp;
}

export interface MembershipTable {
  id: Generated<number>;
  organisation_id: number;
  firm_id: number;
  tier: string;
  status: MembershipStatus;
  valid_from: DateCol;
  valid_to: DateCol | null;
  fee_minor: number | null;
  currency: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipHistoryTable {
  id: Generated<number>;
  membership_id: number;
  version: number;
  tier: string;
  status: MembershipStatus;
  valid_from: DateCol;
  valid_to: DateCol | null;
  fee_minor: number | null;
  currency: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface SharingAgreementTable {
  id: Generated<number>;
  from_organisation_id: number;
  to_organisation_id: number;
  scope: string;
  valid_from: DateCol;
  valid_to: DateCol | null;
  note: string | null;
  created_at: Timestamp;
}

export interface NetworkTables {
  organisations: OrganisationTable;
  organisation_coverage: OrganisationCoverageTable;
  memberships: MembershipTable;
  membership_history: MembershipHistoryTable;
  membership_requests: MembershipRequestTable;
  sharing_agreements: SharingAgreementTable;
}
