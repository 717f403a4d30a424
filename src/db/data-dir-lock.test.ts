import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir, lockFileName } from './data-dir-lock.js';

function scratch() {
  return mkdtempSync(join(tmpdir(), 'lokalkraft-lock-'));
}
const owner = (pid: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ pid, host: hostname(), startTicks: null, command: 'serve', since: '2026-12-01T00:00:00.000Z', ...extra });

describe('data directory lock', () => {
  it('refuses a second holder in the same process, and frees the directory on release', () => {
    const dir = scratch();
    try {
      const lock = lockDataDir(dir);
      assert.throws(() => lockDataDir(dir), DataDirLockedError);
      lock.release();
      assert.ok(!existsSync(join(dir, lockFileName)));
      lockDataDir(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses while the owner runs, naming its pid and saying what to do', async () => {
    const dir = scratch();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, lockFileName), owner(sleeper.pid!));
      assert.throws(
        () => lockDataDir(dir),
        (err: Error) =>
          err instanceof DataDirLockedError &&
          err.message.includes(`process ${sleeper.pid}`) &&
          /stop the server/.test(err.message) &&
          /DATABASE_URL/.test(err.message),
      );
    } finally {
      sleeper.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a stale lock whose owner is dead, or whose pid now belongs to another process', () => {
    const dir = scratch();
    try {
      const dead = spawnSync('true').pid!; // has exited: its pid is free
      writeFileSync(join(dir, lockFileName), owner(dead));
      const lock = lockDataDir(dir);
      assert.equal(JSON.parse(readFileSync(join(dir, lockFileName), 'utf8')).pid, process.pid);
      lock.release();

      // pid reused: alive, but it started at another moment than the lock's owner (Linux /proc)
      if (existsSync('/proc/self/stat')) {
        writeFileSync(join(dir, lockFileName), owner(process.ppid, { startTicks: 1 }));
        lockDataDir(dir).release();
      }
      // our own pid from an earlier life (e.g. pid 1 after a container restart)
      writeFileSync(join(dir, lockFileName), owner(process.pid));
      lockDataDir(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the lock to exactly one of many processes racing for it', async () => {
    const dir = scratch();
    try {
      const script = `import('${new URL('./data-dir-lock.js', import.meta.url).href}').then(({ lockDataDir }) => { try { lockDataDir(process.argv[1]); console.log('got'); setTimeout(() => {}, 1500); } catch { console.log('refused'); } })`;
      const results = await Promise.all(
        Array.from(
          { length: 6 },
          () =>
            new Promise<string>((resolve) => {
              const child = spawn(process.execPath, ['-e', script, dir]);
              let out = '';
              child.stdout.on('data', (d) => (out += d));
              child.on('exit', () => resolve(out.trim()));
            }),
        ),
      );
      assert.equal(results.filter((r) => r === 'got').length, 1, results.join(','));
      assert.ok(!existsSync(join(dir, lockFileName)), 'the winner removed its lock on exit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
