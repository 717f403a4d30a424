import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type EventKind = 'workshop' | 'webinar' | 'meetup' | 'fair' | 'course_day' | 'market';
export type EventAudience = 'members' | 'firms' | 'public';
export type EventStatus = 'draft' | 'published' | 'cancelled';
export type RegistrationStatus = 'confirmed' | 'waiting' | 'cancelled';
export interface EventQuestion {
  key: string;
  text: string;
  required: boolean;
}

export interface EventTable {
  id: Generated<number>;
  title: Json<Record<string, string>>;
  description: Json<Record<string, string>>;
  kind: EventKind;
  time_zone: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  address: string | null;
  country: string;
  municipality_code: string | null;
  latitude: number | null;
  longitude: number | null;
  online_url: string | null;
  capacity: number | null;
  signup_opens_at: NullableTimestamp;
  signup_closes_at: NullableTimestamp;
  audience: EventAudience;
  price_minor: ColumnType<number | null, number | null | undefined, number | null>;
  currency: string | null;
  questions: Json<EventQuestion[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<EventStatus, EventStatus | undefined, EventStatus>;
  duplicated_from: number | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventOrganiserTable {
  event_id: number;
  organisation_id: number;
  is_lead: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EventRegistrationTable {
  id: Generated<number>;
  event_id: number;
  status: RegistrationStatus;
  user_id: number | null;
  firm_id: number | null;
  name: string;
  email: string | null;
  national_id: string | null;
  locale: string;
  answers: Json<Record<string, string>>;
  token: string;
  walk_in: ColumnType<boolean, boolean | undefined, boolean>;
  checked_in_at: NullableTimestamp;
  no_show: ColumnType<boolean, boolean | undefined, boolean>;
  reminder_sent_at: NullableTimestamp;
  promoted_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface EventAttendanceTable {
  event_id: number;
  firm_id: number;
  registration_id: number;
  checked_in_at: Timestamp;
}

export interface EventMessageTable {
  id: Generated<number>;
  event_id: number;
  subject: string;
  body: string;
  sent_by: number | null;
  created_at: Timestamp;
}

export interface EventMailLogTable {
  registration_id: number;
  kind: string;
  ref: ColumnType<number, number | undefined, number>;
  sent_at: Timestamp;
}

export interface EventsTables {
  events: EventTable;
  event_organisers: EventOrganiserTable;
  event_registrations: EventRegistrationTable;
  event_attendance: EventAttendanceTable;
  event_messages: EventMessageTable;
  event_mail_log: EventMailLogTable;
}
