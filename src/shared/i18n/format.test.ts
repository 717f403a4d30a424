import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount, formatDate, formatDateTime, formatMoney, formatNumber, timeZoneFor } from './format.js';

// Intl separates groups with a no-break space (U+00A0 or U+202F); compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

const memberships = {
  one: { nb: '{count} medlemskap', sv: '{count} medlemskap', fi: '{count} jäsenyys', en: '{count} membership' },
  other: { nb: '{count} medlemskap', sv: '{count} medlemskap', fi: '{count} jäsenyyttä', en: '{count} memberships' },
};

describe('format helpers', () => {
  it('shows money from minor units by locale, never through floats', () => {
    assert.equal(plain(formatMoney(150000, 'NOK', 'nb')), '1 500,00 kr');
    assert.equal(plain(formatMoney(150000, 'SEK', 'sv')), '1 500,00 kr');
    assert.equal(plain(formatMoney(150000, 'EUR', 'fi')), '1 500,00 €');
    assert.equal(plain(formatMoney(150000, 'NOK', 'en')), 'NOK 1,500.00');
    assert.equal(plain(formatMoney(-150050, 'NOK', 'nb')), '-1 500,50 kr');
    assert.equal(plain(formatMoney(-5, 'EUR', 'fi')), '-0,05 €');
    // 90 071 992 547 409,91: beyond what a float divided by 100 keeps exact.
    assert.equal(plain(formatMoney(9007199254740991, 'EUR', 'en')), '€90,071,992,547,409.91');
    assert.equal(plain(formatMoney(1234, null, 'nb')), '12,34');
    assert.equal(formatMoney(null, 'NOK', 'nb'), '');
  });

  it('shows numbers with the language’s separators', () => {
    assert.equal(plain(formatNumber(1234567, 'nb')), '1 234 567');
    assert.equal(plain(formatNumber(1234567, 'sv')), '1 234 567');
    assert.equal(plain(formatNumber(1234567, 'fi')), '1 234 567');
    assert.equal(formatNumber(1234567, 'en'), '1,234,567');
  });

  it('uses plural rules in all four languages', () => {
    assert.equal(formatCount(1, 'en', memberships), '1 membership');
    assert.equal(formatCount(2, 'en', memberships), '2 memberships');
    assert.equal(formatCount(0, 'en', memberships), '0 memberships');
    assert.equal(formatCount(1, 'fi', memberships), '1 jäsenyys');
    assert.equal(formatCount(2, 'fi', memberships), '2 jäsenyyttä');
    assert.equal(formatCount(1, 'nb', memberships), '1 medlemskap');
    assert.equal(formatCount(1, 'sv', memberships), '1 medlemskap');
    assert.equal(plain(formatCount(1500, 'sv', memberships)), '1 500 medlemskap');
  });

  it('shows a UTC moment in the viewer’s zone across the DST change', () => {
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST in Oslo and Stockholm, 03:00 → 04:00 in Helsinki.
    assert.match(plain(formatDateTime('2026-03-29T00:30:00Z', 'nb')), /29\.03\.2026.*01:30/);
    assert.match(plain(formatDateTime('2026-03-29T01:30:00Z', 'nb')), /29\.03\.2026.*03:30/);
    assert.match(plain(formatDateTime('2026-03-29T01:30:00Z', 'sv')), /2026-03-29.*03:30/);
    assert.match(plain(formatDateTime('2026-03-29T01:30:00Z', 'fi')), /29\.3\.2026.*4\.30|29\.03\.2026.*04[.:]30/);
    assert.match(plain(formatDateTime('2026-03-29T01:30:00Z', 'en')), /29\/03\/2026.*03:30 CEST/);
    assert.match(plain(formatDateTime('2026-01-15T12:00:00Z', 'en')), /13:00 CET/);
  });

  it('takes the zone from the organisation’s country before the language', () => {
    assert.equal(timeZoneFor('en', 'FI'), 'Europe/Helsinki');
    assert.equal(timeZoneFor('nb', 'SE'), 'Europe/Stockholm');
    assert.equal(timeZoneFor('fi'), 'Europe/Helsinki');
    assert.match(formatDateTime('2026-03-29T01:30:00Z', 'en', timeZoneFor('en', 'FI')), /04:30/);
  });

  it('shows a calendar date as that day, and a late-evening UTC moment as the next local day', () => {
    assert.equal(formatDate('2026-03-29', 'nb'), '29.03.2026');
    assert.equal(formatDate('2026-03-29', 'sv'), '2026-03-29');
    assert.equal(formatDate('2026-03-29', 'en'), '29/03/2026');
    assert.equal(formatDate('2026-12-31T23:30:00Z', 'nb'), '01.01.2027');
  });
});
