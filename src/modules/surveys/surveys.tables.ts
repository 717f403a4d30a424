import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type Texts = Partial<Record<'nb' | 'sv' | 'fi' | 'en', string>>;
export type QuestionKind = 'single' | 'multiple' | 'scale' | 'text' | 'miss_local' | 'municipality' | 'map_point' | 'spend_outside' | 'group';
export type SurveyAudience = 'public' | 'members' | 'invited';
export type SurveyStatus = 'draft' | 'open' | 'closed';
export interface QuestionOption {
  value: string;
  label: Texts;
}
export type QuestionOptions = QuestionOption[] | { min: number; max: number };

export interface SurveysTable {
  id: Generated<number>;
  organisation_id: number;
  title: Json<Texts>;
  intro: ColumnType<Texts, string | undefined, string>;
  sections: ColumnType<Texts[], string | undefined, string>;
  audience: SurveyAudience;
  status: ColumnType<SurveyStatus, SurveyStatus | undefined, SurveyStatus>;
  opens_on: DateCol | null;
  closes_on: DateCol | null;
  time_zone: ColumnType<string, string | undefined, string>;
  public_token: string;
  min_group_size: ColumnType<number, number | undefined, number>;
  results_public: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyQuestionsTable {
  id: Generated<number>;
  survey_id: number;
  section: number;
  position: number;
  kind: QuestionKind;
  text: Json<Texts>;
  help: ColumnType<Texts, string | undefined, string>;
  options: ColumnType<QuestionOptions, string | undefined, string>;
  required: ColumnType<boolean, boolean | undefined, boolean>;
  show_if_question: number | null;
  show_if_values: string[] | null;
  created_at: Timestamp;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  received_on: ColumnType<string, string | undefined, string>;
  municipality_code: string | null;
  respondent_group: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  choices: string[] | null;
  text_value: string | null;
  number_value: ColumnType<string | null, number | string | null, number | string | null>;
  lat: number | null;
  lon: number | null;
  sector: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
}

export interface SurveyTalliesTable {
  survey_id: number;
  question_id: number;
  value: string;
  municipality: ColumnType<string, string | undefined, string>;
  grp: ColumnType<string, string | undefined, string>;
  sector: ColumnType<string, string | undefined, string>;
  n: ColumnType<string, number | string | undefined, number | string>;
  total: ColumnType<string, number | string | undefined, number | string>;
}

/** Responses per municipality and group, counted as they arrive (the results page's response count). */
export interface SurveyResponseCountsTable {
  survey_id: number;
  municipality: ColumnType<string, string | undefined, string>;
  grp: ColumnType<string, string | undefined, string>;
  n: ColumnType<string, number | string | undefined, number | string>;
}

export interface SurveyContactsTable {
  id: Generated<number>;
  survey_id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  consented_at: Timestamp;
}

export interface SurveyContactReadsTable {
  id: Generated<number>;
  survey_id: number;
  user_id: number;
  purpose: string;
  read_at: Timestamp;
}

export interface SurveyInvitationsTable {
  id: Generated<number>;
  survey_id: number;
  token_hash: string;
  email_hash: string;
  sent_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SurveySubmissionsTable {
  survey_id: number;
  address_hash: string;
  hour: ColumnType<Date, Date | string, Date | string>;
  n: ColumnType<number, number | undefined, number>;
}

export interface SurveysTables {
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  survey_tallies: SurveyTalliesTable;
  survey_response_counts: SurveyResponseCountsTable;
  survey_contacts: SurveyContactsTable;
  survey_contact_reads: SurveyContactReadsTable;
  survey_invitations: SurveyInvitationsTable;
  survey_submissions: SurveySubmissionsTable;
}
