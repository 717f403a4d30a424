// `lokalkraft bench giftcard` through the real launcher (the bench/commands.test.ts pattern): it is
// listed, found, and refuses bad options before any work. Its ledger checks are the ledger's own
// (checkLedger), which src/modules/giftcard/giftcard.ledger.test.ts exercises on both backends.
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

describe('lokalkraft bench giftcard', () => {
  it('is listed and checks its options before it starts', () => {
    const help = lokalkraft('bench', 'giftcard', '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: lokalkraft bench giftcard/);
    const bad = lokalkraft('bench', 'giftcard', '--counters', '0');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /counters/);
  });
});
