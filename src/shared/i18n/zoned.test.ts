import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endOfLocalDay, isLocalDateTime, localDateOf, localToUtc, startOfLocalDay, utcToLocalInput } from './zoned.js';

describe('wall-clock times in a zone', () => {
  it('turns local times into moments across the three countries and DST', () => {
    assert.equal(localToUtc('2026-01-15T10:00', 'Europe/Oslo').toISOString(), '2026-01-15T09:00:00.000Z');
    assert.equal(localToUtc('2026-07-15T10:00', 'Europe/Stockholm').toISOString(), '2026-07-15T08:00:00.000Z');
    assert.equal(localToUtc('2026-07-15T10:00', 'Europe/Helsinki').toISOString(), '2026-07-15T07:00:00.000Z');
    // Spring forward in Oslo, 29 March 2026: 02:30 does not exist, it moves on to 03:30 CEST.
    assert.equal(localToUtc('2026-03-29T02:30', 'Europe/Oslo').toISOString(), '2026-03-29T01:30:00.000Z');
    // Autumn: 02:30 happens twice on 25 October 2026; the first (CEST) is taken.
    assert.equal(localToUtc('2026-10-25T02:30', 'Europe/Oslo').toISOString(), '2026-10-25T00:30:00.000Z');
  });
  it('shows moments back as the local input value and day', () => {
    assert.equal(utcToLocalInput('2026-03-29T01:30:00Z', 'Europe/Oslo'), '2026-03-29T03:30');
    assert.equal(localDateOf('2026-12-31T23:30:00Z', 'Europe/Helsinki'), '2027-01-01');
    assert.equal(localDateOf('2026-12-31T22:30:00Z', 'Europe/Oslo'), '2026-12-31');
  });
  it('knows a local day is 23 or 25 hours long on the DST nights', () => {
    const hours = (d: string) => (endOfLocalDay(d, 'Europe/Stockholm').getTime() - startOfLocalDay(d, 'Europe/Stockholm').getTime()) / 3_600_000;
    assert.equal(hours('2026-03-29'), 23);
    assert.equal(hours('2026-10-25'), 25);
    assert.equal(hours('2026-06-01'), 24);
  });
  it('refuses malformed or impossible local times', () => {
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01', 'tomorrow', '2026-01-01T25:00']) assert.equal(isLocalDateTime(bad), false, bad);
    assert.throws(() => localToUtc('2026-02-30T10:00', 'Europe/Oslo'), RangeError);
  });
});
