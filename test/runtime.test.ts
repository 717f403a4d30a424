import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lockFileName } from '../src/db/data-dir-lock.js';
import { projectRoot } from '../src/shared/paths.js';
import { copyOfPgliteTemplate } from './support/test-db.js';

const cli = join(projectRoot, 'bin', 'lokalkraft.mjs');
const envFor = (dataDir: string) => ({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOKALKRAFT_DATA_DIR: dataDir,
  LOG_LEVEL: 'info',
  DATABASE_URL: '',
  LOKALKRAFT_DEMO: 'false',
});

/** Resolves once the server logs that it listens; rejects if it exits first. */
function untilListening(child: ChildProcessWithoutNullStreams): Promise<void> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 90_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      lines.push(chunk);
      if (chunk.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`)));
  });
}

function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: envFor(dataDir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (condition()) return true;
  return condition();
}

describe('one process per embedded database; npm start stops on SIGTERM', () => {
  it('refuses `users create` while the server runs, stops the server via npm on SIGTERM, and survives a kill -9', { timeout: 240_000 }, async () => {
    const dataDir = await copyOfPgliteTemplate();
    try {
      // npm start → sh → node: the server, not npm, holds the lock
      const npm = spawn('npm', ['start', '--silent'], { cwd: projectRoot, env: envFor(dataDir) });
      await untilListening(npm);
      const serverPid = (JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number }).pid;
      assert.notEqual(serverPid, npm.pid);
      assert.ok(isRunning(serverPid));

      const refused = await run(['users', 'create', '--email', 'kari@example.no'], dataDir);
      assert.equal(refused.code, 1);
      assert.equal(refused.stdout, '', 'nothing claims to be created');
      assert.match(refused.stderr, new RegExp(`in use by process ${serverPid}`));
      assert.match(refused.stderr, /stop the server first/);

      const npmExited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      npm.kill('SIGTERM');
      assert.equal(await npmExited, 0);
      assert.ok(await until(() => !isRunning(serverPid), 15_000), `the server (pid ${serverPid}) stopped with npm`);
      assert.ok(!existsSync(join(dataDir, lockFileName)), 'a clean stop leaves no lock');

      const created = await run(['users', 'create', '--email', 'kari@example.no'], dataDir);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /^created kari@example\.no/);

      // kill -9 leaves the lock behind; the next process sees its owner is gone and takes over
      const server = spawn(process.execPath, [cli, 'serve'], { env: envFor(dataDir) });
      await untilListening(server);
      const killed = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGKILL');
      await killed;
      assert.ok(existsSync(join(dataDir, lockFileName)), 'the stale lock is still there');
      const again = await run(['users', 'create', '--email', 'kari@example.no'], dataDir);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /kari@example\.no exists already/, 'the person created earlier is still there');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
