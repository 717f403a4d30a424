import type { ColumnType, Generated } from 'kysely';
import type { StaffRole } from '../../shared/http/session-user.js';
import type { Locale } from '../../shared/i18n/i18n.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type FirmManagerStatus = 'pending' | 'approved' | 'rejected' | 'revoked';
export type TokenPurpose = 'reset_password' | 'verify_email';

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: ColumnType<string, string | undefined, string>;
  password_hash: string | null;
  email_verified_at: NullableTimestamp;
  is_network_admin: ColumnType<boolean, boolean | undefined, boolean>;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  erased_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface StaffRoleTable {
  user_id: number;
  organisation_id: number;
  role: StaffRole;
  created_at: Timestamp;
}

export interface FirmManagerTable {
  user_id: number;
  firm_id: number;
  status: ColumnType<FirmManagerStatus, FirmManagerStatus | undefined, FirmManagerStatus>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountTokenTable {
  token_hash: string;
  user_id: number;
  purpose: TokenPurpose;
  email: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface InvitationTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  organisation_id: number | null;
  organisation_name: string | null;
  role: StaffRole | null;
  grants_network_admin: ColumnType<boolean, boolean | undefined, boolean>;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  invited_by: number | null;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: number | null;
  created_at: Timestamp;
}

export interface FailedSignInTable {
  id: Generated<number>;
  email: string;
  ip: string;
  attempted_at: Timestamp;
}

export type MailRequestKind = 'reset_password' | 'sign_up' | 'verify_email';

export interface MailRequestTable {
  id: Generated<number>;
  kind: MailRequestKind;
  email: string;
  ip: string;
  requested_at: Timestamp;
}

export interface OidcIdentityTable {
  issuer: string;
  subject: string;
  user_id: number;
  email: string | null;
  created_at: Timestamp;
}

export interface OidcFlowTable {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: ColumnType<string, string | undefined, string>;
  expires_at: Timestamp;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

export interface AccountsTables {
  users: UserTable;
  sessions: SessionTable;
  staff_roles: StaffRoleTable;
  firm_managers: FirmManagerTable;
  account_tokens: AccountTokenTable;
  invitations: InvitationTable;
  failed_sign_ins: FailedSignInTable;
  mail_requests: MailRequestTable;
  oidc_identities: OidcIdentityTable;
  oidc_flows: OidcFlowTable;
  app_secrets: AppSecretTable;
}
