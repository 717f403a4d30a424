import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/types.js';
import type { Env } from '../../config/env.js';
import type { Locale } from '../i18n/i18n.js';
import type { SessionUser } from './session-user.js';

/** What every request handler can reach through `c.var`. */
export interface AppVariables {
  locale: Locale;
  /** Per-request nonce for the strict CSP (inline scripts must carry it). */
  secureHeadersNonce?: string;
  requestId: string;
  /** Set by the accounts session middleware for signed-in people. */
  user?: SessionUser;
  /** Per-session CSRF token for forms (accounts module). */
  csrfToken?: string;
  /** The demo sign-in page is open to this request (accounts module; the header offers it to signed-out visitors). */
  demoSignIn?: boolean;
}

/** Process-wide dependencies, built once in main.ts and handed to each module's routes. */
export interface AppDeps {
  db: Kysely<DB>;
  dbKind: 'pglite' | 'postgres';
  env: Env;
  logger: Logger;
}

export type AppEnv = { Variables: AppVariables };
