import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { envSchema } from '../../src/config/env.js';
import type { TestDatabase } from './test-db.js';

/** The real app on a test database, for `app.request()` route tests. */
export function createTestApp(database: TestDatabase, envOverrides: Record<string, string> = {}) {
  const env = envSchema.parse({ LOG_LEVEL: 'silent', ...envOverrides });
  return createApp({ db: database.db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
}
