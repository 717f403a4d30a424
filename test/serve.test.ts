import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/shared/paths.js';

/** Starts `lokalkraft serve` as `npm start` does, on a fresh data directory. */
function startServer(dataDir: string) {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'lokalkraft.mjs'), 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOKALKRAFT_DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        lines.push(line);
        const m = /"port":(\d+)/.exec(line);
        if (m && line.includes('listening')) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, exited, lines };
}

describe('lokalkraft serve (npm start)', () => {
  it('creates and migrates an empty embedded database, serves, and shuts down gracefully on SIGTERM', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lokalkraft-serve-'));
    try {
      const first = startServer(dataDir);
      const port = await first.port;
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', database: 'pglite' });
      const places = await fetch(`http://127.0.0.1:${port}/api/v1/places/municipalities?country=NO`);
      assert.equal(places.status, 200);
      assert.equal(((await places.json()) as unknown[]).length, 357);
      const firms = (await (await fetch(`http://127.0.0.1:${port}/api/v1/firms?q=bakeri&municipality=5025`)).json()) as {
        total: number;
        items: { name: string; is_demo: boolean }[];
      };
      assert.ok(firms.total > 0, 'the demo region has bakeries in Røros');
      assert.ok(firms.items.every((f) => f.is_demo));
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      // a new directory is migrated here, or starts from the migrated template `npm install` made
      assert.ok(first.lines.some((l) => l.includes('migration applied') || l.includes('started from the template')));

      // second start on the same directory: nothing to migrate, data still there
      const second = startServer(dataDir);
      await second.port;
      assert.ok(!second.lines.some((l) => l.includes('migration applied')));
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
