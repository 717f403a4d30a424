import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import type { TestDatabase } from './test-db.js';
import { testEnv } from './test-env.js';

/**
 * The real app on a test database, for `app.request()` route tests. Tests read the mail they
 * cause from the outbox table, so the development outbox is on unless a test turns it off. Its data
 * directory is the test process's own (test-env.ts).
 */
export function createTestApp(database: TestDatabase, envOverrides: Record<string, string> = {}) {
  const env = testEnv({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: envOverrides.NODE_ENV === 'production' ? 'false' : 'true', ...envOverrides });
  return createApp({ db: database.db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
}
