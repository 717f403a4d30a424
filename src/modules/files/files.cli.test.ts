import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { createTestDatabase, backendsUnderTest } from '../../../test/support/test-db.js';
import { DiskBlobStore } from '../../shared/files/blob-store.js';
import { fileUses } from '../../shared/files/file-uses.js';
import { storeFile } from '../../shared/files/files.service.js';
import { projectRoot } from '../../shared/paths.js';

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [join(projectRoot, 'bin', 'lokalkraft.mjs'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

for (const backend of await backendsUnderTest()) {
  describe(`lokalkraft files sweep on ${backend}`, () => {
    it('removes orphan bytes older than the grace period and keeps files that have a row', async () => {
      const database = await createTestDatabase(backend);
      // Production layout: the blobs in LOKALKRAFT_DATA_DIR/files (on PGlite the same directory as the database).
      const dataDir = backend === 'pglite' ? database.describe : mkdtempSync(join(tmpdir(), 'lokalkraft-sweep-'));
      const store = new DiskBlobStore(join(dataDir, 'files'));
      try {
        const kept = await storeFile(database.db, store, {
          owner: 'test.sweep',
          ownerId: 1,
          use: fileUses.document,
          name: 'kept.pdf',
          body: Buffer.from('%PDF-1.7\nkept'),
          createdBy: null,
        });
        const orphan = randomUUID();
        await store.put(orphan, Readable.from([Buffer.from('%PDF-1.7\norphan')]));
        const old = new Date(Date.now() - 3 * 3600_000);
        for (const id of [kept.id, orphan]) utimesSync(store.pathOf(id), old, old);
        if (backend === 'pglite') await database.close(); // PGlite is one process's: the CLI opens it next

        const env =
          backend === 'pglite' ? { LOKALKRAFT_DATA_DIR: dataDir, DATABASE_URL: '' } : { LOKALKRAFT_DATA_DIR: dataDir, DATABASE_URL: database.describe };
        const refused = cli(['files', 'sweep', '--older-than-minutes', 'soon'], env);
        assert.equal(refused.status, 2, refused.stderr);
        assert.match(refused.stderr, /--older-than-minutes must be a whole number/);

        const run = cli(['files', 'sweep', '--json', '--older-than-minutes', '60'], env);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { store: string; scanned: number; orphans: number; removed: number };
        assert.deepEqual(
          { store: report.store, scanned: report.scanned, orphans: report.orphans, removed: report.removed },
          { store: 'disk', scanned: 2, orphans: 1, removed: 1 },
        );
        assert.ok(!existsSync(store.pathOf(orphan)), 'the orphan is gone');
        assert.ok(existsSync(store.pathOf(kept.id)), 'a file with a row stays');
      } finally {
        if (backend === 'postgres') await database.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
