// A tiny run of `lokalkraft bench giftcard` (PGlite only, a fraction of a second of redemptions):
// the benchmark works and its own ledger check finds nothing lost or booked twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { copyOfPgliteTemplate } from '../test/support/test-db.js';
import { runGiftcardBench } from './giftcard.bench.js';

describe('bench giftcard (smoke)', () => {
  it('redeems under concurrent counters with retries and the ledger agrees', async () => {
    const dir = await copyOfPgliteTemplate(); // migrated, reference data loaded
    const [f] = await runGiftcardBench({ counters: 4, cards: 3, seconds: 0.3, retryShare: 0.5, pgliteDir: dir, log: () => undefined }).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    assert.ok(f);
    assert.ok(f.redemptions > 0);
    assert.equal(f.lost, 0);
    assert.equal(f.duplicated, 0);
    assert.equal(f.ledgerBalanced, true);
  });
});
