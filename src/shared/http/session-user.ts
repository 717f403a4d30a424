// Who is signed in, as plain types with no imports: the table types (accounts.tables.ts, read by
// db/types.ts) and the request context (context.ts) both need them, and a leaf file keeps either
// from reaching the other through it.

/** Roles a person holds in an organisation. A person can work for several organisations. */
export type StaffRole = 'org_admin' | 'coach' | 'editor' | 'analyst';

/**
 * The signed-in person as every route sees it (`c.var.user`), loaded from the session by the
 * accounts module's middleware. Undefined for anonymous visitors.
 */
export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  isEmailVerified: boolean;
  isNetworkAdmin: boolean;
  /** Staff roles per organisation. */
  roles: { organisationId: number; role: StaffRole }[];
  /** Firms this person may manage (approved firm managers). */
  managedFirmIds: number[];
  sessionId: string;
}
