import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings. */
type DateCol = ColumnType<string, string, string>;
type Id = ColumnType<number, number, number>;

export type CaseStatus = 'open' | 'active' | 'waiting' | 'closed';
export type EntryKind = 'meeting' | 'note' | 'email' | 'task' | 'document';
export type MeetingForm = 'visit' | 'phone' | 'video';
export type ConsentScope = 'case_sharing' | 'referral';
export type ReferralStatus = 'open' | 'accepted' | 'declined' | 'done';
export type ReferralResult = 'funding' | 'advice' | 'no_result';
export type OutcomeKind = 'new_product' | 'new_market' | 'jobs_created' | 'jobs_kept' | 'turnover_change' | 'funding';
export type ActivityKind = 'visit' | 'workshop' | 'campaign' | 'fair' | 'meeting';

export interface CoachingCaseTable {
  id: Generated<number>;
  organisation_id: Id;
  firm_id: Id;
  title: string;
  type: string;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  close_reason: string | null;
  opened_on: DateCol;
  closed_on: DateCol | null;
  follow_up_on: DateCol | null;
  firm_country: string;
  municipality_code: string | null;
  nace_division: string | null;
  /** Copy of the case's needs (coaching_case_needs is the record), for the list's need filter. */
  needs: ColumnType<string[], string[] | undefined, string[]>;
  /** Copy of the case's coaches (coaching_case_coaches is the record), for the coach's home page. */
  coach_ids: ColumnType<number[], number[] | undefined, number[]>;
  last_contact_at: NullableTimestamp;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CoachingCaseCoachTable {
  case_id: Id;
  user_id: Id;
}

export interface CoachingCaseNeedTable {
  case_id: Id;
  need: string;
}

export interface CoachingContactTable {
  id: Generated<number>;
  case_id: Id;
  user_id: number | null;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  consent_given_on: DateCol | null;
  consent_note: string | null;
  erased_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CoachingConsentTable {
  id: Generated<number>;
  firm_id: Id;
  organisation_id: Id;
  scope: ConsentScope;
  given_on: DateCol;
  valid_to: DateCol | null;
  given_by: string;
  recorded_by: number | null;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
  created_at: Timestamp;
}

export interface CoachingEntryTable {
  id: Generated<number>;
  case_id: Id;
  kind: EntryKind;
  author_id: number | null;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  is_private: ColumnType<boolean, boolean | undefined, boolean>;
  meeting_at: NullableTimestamp;
  duration_minutes: number | null;
  meeting_form: MeetingForm | null;
  participants: string | null;
  task_owner_id: number | null;
  task_due_on: DateCol | null;
  task_done_at: NullableTimestamp;
  /** The file store's id (uuid) of a document entry; null once the file was erased. */
  file_id: string | null;
  file_erased_at: NullableTimestamp;
  created_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CoachingNoteReadTable {
  id: Generated<number>;
  entry_id: Id;
  case_id: Id;
  organisation_id: Id;
  reader_id: Id;
  role: string;
  read_at: Timestamp;
}

export interface CoachingReferralTable {
  id: Generated<number>;
  case_id: Id;
  firm_id: Id;
  from_organisation_id: Id;
  to_organisation_id: number | null;
  to_body: string | null;
  purpose: string;
  shared_info: ColumnType<string, string | undefined, string>;
  status: ColumnType<ReferralStatus, ReferralStatus | undefined, ReferralStatus>;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  result: ReferralResult | null;
  result_note: string | null;
  /** A referral for funding: the amount sought (minor units) and what the de minimis check said then. */
  funding_amount_minor: ColumnType<number | null, number | null | undefined, number | null>;
  funding_currency: ColumnType<string | null, string | null | undefined, string | null>;
  de_minimis_room_eur_minor: ColumnType<number | null, number | null | undefined, number | null>;
  over_ceiling_confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CoachingOutcomeTable {
  id: Generated<number>;
  firm_id: Id;
  organisation_id: Id;
  case_id: number | null;
  referral_id: number | null;
  kind: OutcomeKind;
  occurred_on: DateCol;
  evidence: ColumnType<string, string | undefined, string>;
  programme: ColumnType<string, string | undefined, string>;
  quantity: number | null;
  amount_minor: ColumnType<number | null, number | bigint | null | undefined, number | null>;
  currency: string | null;
  recorded_by: number | null;
  created_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CoachingActivityTable {
  id: Generated<number>;
  organisation_id: Id;
  title: string;
  kind: ActivityKind;
  starts_at: Timestamp;
  ends_at: Timestamp;
  responsible_id: number | null;
  description: ColumnType<string, string | undefined, string>;
  municipality_codes: ColumnType<string[], string[] | undefined, string[]>;
  firm_ids: ColumnType<number[], number[] | undefined, number[]>;
  created_by: number | null;
  created_at: Timestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CoachingFeedTable {
  id: Generated<number>;
  user_id: number | null;
  organisation_id: number | null;
  token_hash: string;
  created_by: number;
  created_at: Timestamp;
}

export interface CoachingTables {
  coaching_cases: CoachingCaseTable;
  coaching_case_coaches: CoachingCaseCoachTable;
  coaching_case_needs: CoachingCaseNeedTable;
  coaching_contacts: CoachingContactTable;
  coaching_consents: CoachingConsentTable;
  coaching_entries: CoachingEntryTable;
  coaching_note_reads: CoachingNoteReadTable;
  coaching_referrals: CoachingReferralTable;
  coaching_outcomes: CoachingOutcomeTable;
  coaching_activities: CoachingActivityTable;
  coaching_feeds: CoachingFeedTable;
}
