import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OpeningHours } from '../registry/registry.tables.js';
import { readyBy } from './storefront.ready.js';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes }));
const shop: OpeningHours = { weekly: [...weekdays('10:00', '17:00'), { day: 6, opens: '10:00', closes: '15:00' }] };
const iso = (d: Date | null) => d?.toISOString();

describe('ready by: the lead time counted inside opening hours, in the shop’s zone', () => {
  it('runs over closing time into the next opening (Friday 16:30 + 2 h → Saturday 11:30 in Oslo)', () => {
    // 2026-06-05 is a Friday; Oslo is UTC+2 in summer
    assert.equal(iso(readyBy(shop, 'NO', new Date('2026-06-05T14:30:00Z'), 120)), '2026-06-06T09:30:00.000Z');
  });

  it('skips a holiday given as an exception (Saturday closed → Monday 11:30)', () => {
    const withHoliday: OpeningHours = { ...shop, exceptions: [{ date: '2026-06-06', closed: true, note: 'Holiday' }] };
    assert.equal(iso(readyBy(withHoliday, 'NO', new Date('2026-06-05T14:30:00Z'), 120)), '2026-06-08T09:30:00.000Z');
  });

  it('uses shorter hours of an exception day (Christmas Eve 10–13)', () => {
    const christmas: OpeningHours = { ...shop, exceptions: [{ date: '2026-12-24', opens: '10:00', closes: '13:00' }] };
    // Thursday 24 Dec 12:00 Oslo (UTC+1) + 2 h: 1 h left that day, then Friday 25th at 11:00
    assert.equal(iso(readyBy(christmas, 'NO', new Date('2026-12-24T11:00:00Z'), 120)), '2026-12-25T10:00:00.000Z');
  });

  it('counts in each shop’s own zone: the same moment is opening time in Helsinki, before opening in Oslo', () => {
    const at = new Date('2026-01-13T08:00:00Z'); // 10:00 in Helsinki, 09:00 in Oslo
    assert.equal(iso(readyBy(shop, 'FI', at, 60)), '2026-01-13T09:00:00.000Z'); // 11:00 Helsinki
    assert.equal(iso(readyBy(shop, 'NO', at, 60)), '2026-01-13T10:00:00.000Z'); // 11:00 Oslo
    assert.equal(iso(readyBy({ ...shop, timeZone: 'Europe/Stockholm' }, 'FI', at, 60)), '2026-01-13T10:00:00.000Z', 'the hours’ own zone wins');
  });

  it('counts real time across the spring-forward night (00:00–06:00 on 29 March 2026 is five hours)', () => {
    const night: OpeningHours = { weekly: [{ day: 7, opens: '00:00', closes: '06:00' }] };
    const start = new Date('2026-03-28T23:00:00Z'); // 00:00 CET
    assert.equal(iso(readyBy(night, 'NO', start, 300)), '2026-03-29T04:00:00.000Z'); // 06:00 CEST
  });

  it('follows a span past midnight, and runs on the clock without hours', () => {
    const late: OpeningHours = { weekly: [{ day: 5, opens: '20:00', closes: '02:00' }] };
    assert.equal(iso(readyBy(late, 'NO', new Date('2026-06-05T23:00:00Z'), 60)), '2026-06-06T00:00:00.000Z'); // 01:00 → 02:00 Oslo
    assert.equal(iso(readyBy(null, 'NO', new Date('2026-06-05T23:00:00Z'), 90)), '2026-06-06T00:30:00.000Z');
  });

  it('says when a shop has no opening within the horizon', () => {
    const closed: OpeningHours = { weekly: [], exceptions: [{ date: '2026-06-05', closed: true }] };
    assert.equal(readyBy(closed, 'NO', new Date('2026-06-05T08:00:00Z'), 60), null);
  });
});
