// A tiny run of `bench navigator` (the real matcher on the real catalogue): it runs and its figures add up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNavigatorBench, runNavigatorBench } from './navigator.bench.js';

describe('bench navigator (smoke)', () => {
  it('matches every offer for every firm and reports the figures', async () => {
    const f = await runNavigatorBench({ firms: 300, batch: 100, catalogueCopies: 1, log: () => undefined });
    assert.equal(f.firms, 300);
    assert.equal(f.offers, 56);
    assert.equal(f.fitting.fits + f.fitting.check + f.fitting.ruledOut, 300 * 56);
    assert.ok(f.fitting.fits > 0 && f.fitting.ruledOut > 0);
    assert.match(formatNavigatorBench(f, 100), /300 firms × 56 offers matched and ranked with reasons in [\d.]+ s wall/);
  });
});
