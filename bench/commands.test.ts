// The bench commands live outside src/ and reach the CLI through one lazy import in src/cli.ts:
// run through the real launcher, they are listed, found, and refuse bad options before any work.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/shared/paths.js';

const lokalkraft = (...args: string[]) =>
  spawnSync(process.execPath, [join(projectRoot, 'bin', 'lokalkraft.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  });

describe('lokalkraft bench …', () => {
  it('help lists the four bench commands next to the module commands', () => {
    const r = lokalkraft('--help');
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['bench search', 'bench import', 'bench jobs', 'bench blocking', 'bench events', 'import brreg', 'jobs run'])
      assert.match(r.stdout, new RegExp(`lokalkraft ${name} `), name);
  });

  it('a bench command is found and checks its options before it starts', () => {
    const blocking = lokalkraft('bench', 'blocking', '--seconds', '0');
    assert.equal(blocking.status, 1);
    assert.match(blocking.stderr, /--seconds must be a number from 0 to 60/);
    const jobs = lokalkraft('bench', 'jobs', '--jobs', 'many');
    assert.equal(jobs.status, 1);
    assert.match(jobs.stderr, /--jobs must be a positive whole number/);
    const academy = lokalkraft('bench', 'academy', '--readers', 'many');
    assert.equal(academy.status, 1);
    assert.match(academy.stderr, /--readers must be a positive whole number/);
    const help = lokalkraft('bench', 'import', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: lokalkraft bench import/);
  });

  it('an unknown bench command is refused with the command list', () => {
    const r = lokalkraft('bench', 'nothing');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command "bench nothing"/);
    assert.match(r.stdout, /lokalkraft bench search /);
  });
});
