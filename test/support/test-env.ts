import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envSchema, type Env } from '../../src/config/env.js';

let dir: string | undefined;

/**
 * This test process's data directory (stored files, the spend store): its own, never the checkout's
 * ./data — a developer who ran `npm start` first has a DuckDB file there, and DuckDB lets one process
 * at a time open it, so two test files side by side would fail on its lock. Removed when the process ends.
 */
export function testDataDir(): string {
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), 'lokalkraft-test-data-'));
    dir = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return dir;
}

/** The environment of the test app and of fixtures that write to its stores. */
export const testEnv = (overrides: Record<string, string> = {}): Env => envSchema.parse({ LOKALKRAFT_DATA_DIR: testDataDir(), ...overrides });
