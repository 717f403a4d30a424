import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import type { StaffRole } from '../../src/shared/http/auth.js';
import { createUser as createAccount, grantStaffRole, setFirmManagerStatus } from '../../src/modules/accounts/accounts.service.js';

/**
 * Route tests as any role:
 *   const coach = await createUser(db, { email: 'c@x.no', roles: [{ organisationId: 1, role: 'coach' }] });
 *   const session = await signIn(app, coach.email, coach.password);
 *   await app.request('/account', { headers: session.headers() });
 *   await postForm(app, '/some/form', { field: 'v' }, session);   // CSRF token + Origin included
 */
export const defaultPassword = 'correct horse battery staple';
export const testOrigin = 'http://localhost';

export interface TestUser {
  id: number;
  email: string;
  password: string;
}

export async function createUser(
  db: Kysely<DB>,
  input: {
    email: string;
    password?: string;
    displayName?: string;
    isNetworkAdmin?: boolean;
    isEmailVerified?: boolean;
    roles?: { organisationId: number; role: StaffRole }[];
    managedFirmIds?: number[];
  },
): Promise<TestUser> {
  const password = input.password ?? defaultPassword;
  const id = await createAccount(db, {
    email: input.email,
    password,
    displayName: input.displayName ?? input.email.split('@')[0],
    isNetworkAdmin: input.isNetworkAdmin ?? false,
    isEmailVerified: input.isEmailVerified ?? true,
  });
  for (const r of input.roles ?? []) await grantStaffRole(db, id, r.organisationId, r.role);
  for (const firmId of input.managedFirmIds ?? []) await setFirmManagerStatus(db, id, firmId, 'approved');
  return { id, email: input.email.trim().toLowerCase(), password };
}

interface RequestApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export interface SignedIn {
  /** "lk_session=…" for the Cookie header. */
  cookie: string;
  csrfToken: string;
  /** Headers for a request as this person (Cookie, plus Origin and the CSRF header for unsafe methods). */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/** Cookie pairs ("name=value") from a response's Set-Cookie headers. */
export function cookiesFrom(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c.endsWith('='));
}

function session(cookie: string, csrfToken: string): SignedIn {
  return {
    cookie,
    csrfToken,
    headers: (extra = {}) => ({ cookie, origin: testOrigin, 'x-csrf-token': csrfToken, ...extra }),
  };
}

/** Signs in through the JSON API (same rules as the form) and returns the session cookie and CSRF token. */
export async function signIn(app: RequestApp, email: string, password: string = defaultPassword): Promise<SignedIn> {
  const res = await app.request('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: testOrigin },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 201) throw new Error(`signIn(${email}) failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = cookiesFrom(res).find((c) => /^(__Host-)?lk_session=/.test(c));
  if (!cookie) throw new Error('signIn: no session cookie');
  return session(cookie, csrfToken);
}

/** An anonymous visitor's double-submit CSRF cookie and token, as the sign-in page hands them out. */
export async function anonymous(app: RequestApp): Promise<SignedIn> {
  const res = await app.request('/sign-in');
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = cookiesFrom(res).find((c) => /^(__Host-)?lk_csrf=/.test(c));
  if (!token || !cookie) throw new Error('anonymous: no CSRF token on /sign-in');
  return session(cookie, token);
}

/** Posts an HTML form (urlencoded) the way a browser on this site would: Origin, cookies and the _csrf field. */
export function postForm(
  app: RequestApp,
  path: string,
  fields: Record<string, string>,
  as: SignedIn,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { cookie: as.cookie, origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders },
      body: new URLSearchParams({ _csrf: as.csrfToken, ...fields }).toString(),
    }),
  );
}
