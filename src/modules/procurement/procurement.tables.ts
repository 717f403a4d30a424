import type { ColumnType, Generated } from 'kysely';
import type { NoticeKind, ParsedAward, ParsedLot } from './procurement.notice.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T> = ColumnType<T, T | string | undefined, T | string>;

export type GroupStatus = 'forming' | 'bidding' | 'submitted' | 'won' | 'lost' | 'withdrawn';
export type MemberState = 'invited' | 'accepted' | 'declined';
export type DigestFrequency = 'off' | 'daily' | 'weekly';

export interface ProcurementNoticeTable {
  id: Generated<number>;
  source: 'eforms' | 'ocds';
  notice_key: string;
  notice_number: string;
  version: string;
  kind: NoticeKind;
  notice_type: string;
  procedure: string | null;
  language: string | null;
  title: string;
  description: string | null;
  buyer_name: string | null;
  buyer_national_id: string | null;
  buyer_country: string | null;
  cpv_main: string | null;
  cpv_codes: TextArray;
  cpv_divisions: TextArray;
  activity_divisions: TextArray;
  nuts: TextArray;
  places: TextArray;
  county_keys: TextArray;
  municipality_keys: TextArray;
  country_keys: TextArray;
  estimated_minor: number | null;
  currency: string | null;
  deadline: NullableTimestamp;
  published_at: NullableTimestamp;
  links: TextArray;
  lots: Json<ParsedLot[]>;
  awards: Json<ParsedAward[]>;
  award_total_minor: number | null;
  local_firm_count: number | null;
  matched_at: NullableTimestamp;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  imported_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProcurementTables {
  procurement_notices: ProcurementNoticeTable;
  procurement_feeds: {
    id: Generated<number>;
    url: string;
    name: string;
    last_fetched_at: NullableTimestamp;
    last_status: string | null;
    last_error: string | null;
    created_at: Timestamp;
  };
  procurement_interests: {
    firm_id: number;
    cpv_codes: TextArray;
    keywords: TextArray;
    digest: ColumnType<DigestFrequency, DigestFrequency | undefined, DigestFrequency>;
    digest_sent_at: NullableTimestamp;
    updated_at: Timestamp;
  };
  procurement_digest_items: { firm_id: number; notice_id: number; sent_at: Timestamp };
  procurement_groups: {
    id: Generated<number>;
    notice_id: number;
    lot_id: string | null;
    name: string;
    lead_firm_id: number;
    status: ColumnType<GroupStatus, GroupStatus | undefined, GroupStatus>;
    coach_user_id: number | null;
    outcome_value_minor: number | null;
    outcome_currency: string | null;
    outcome_recorded_at: NullableTimestamp;
    is_demo: ColumnType<boolean, boolean | undefined, boolean>;
    created_by: number | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  procurement_group_members: {
    group_id: number;
    firm_id: number;
    role: ColumnType<string, string | undefined, string>;
    share_percent: number | null;
    state: ColumnType<MemberState, MemberState | undefined, MemberState>;
    invited_at: Timestamp;
    answered_at: NullableTimestamp;
    answered_by: number | null;
  };
  procurement_group_messages: {
    id: Generated<number>;
    group_id: number;
    author_user_id: number | null;
    author_name: string;
    body: string;
    file_id: string | null;
    created_at: Timestamp;
  };
  procurement_group_checklist: {
    id: Generated<number>;
    group_id: number;
    firm_id: number;
    item: string;
    done: ColumnType<boolean, boolean | undefined, boolean>;
    done_at: NullableTimestamp;
    done_by: number | null;
  };
}
