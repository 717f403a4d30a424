import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isOpenAt, localMoment } from './directory.hours.js';
import { jsonLdScriptText } from './directory.jsonld.js';
import { dayName, formatDate, pickDescription } from './directory.format.js';

const weekdays = { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '17:00' })) };

describe('opening hours', () => {
  it("reads the wall clock in the place's own time zone", () => {
    // 2024-06-03 is a Monday; 07:30 UTC is 09:30 in Oslo (CEST) and 10:30 in Helsinki (EEST).
    assert.deepEqual(localMoment(new Date('2024-06-03T07:30:00Z'), 'Europe/Oslo'), { date: '2024-06-03', day: 1, time: '09:30' });
    assert.equal(localMoment(new Date('2024-06-03T07:30:00Z'), 'Europe/Helsinki').time, '10:30');
    assert.equal(localMoment(new Date('2024-06-09T12:00:00Z'), 'Europe/Stockholm').day, 7);
  });

  it('is open within the weekly hours, local time', () => {
    assert.equal(isOpenAt(weekdays, 'NO', new Date('2024-06-03T07:30:00Z')), true); // 09:30 Oslo
    assert.equal(isOpenAt(weekdays, 'NO', new Date('2024-06-03T06:30:00Z')), false); // 08:30 Oslo
    assert.equal(isOpenAt(weekdays, 'FI', new Date('2024-06-03T14:30:00Z')), false); // 17:30 Helsinki
    assert.equal(isOpenAt(weekdays, 'SE', new Date('2024-06-08T10:00:00Z')), false); // Saturday
    assert.equal(isOpenAt(null, 'NO', new Date()), null, 'unknown hours are unknown, not closed');
  });

  it('handles hours past midnight and exceptions by date', () => {
    const bar = { weekly: [{ day: 5, opens: '20:00', closes: '02:00' }] };
    assert.equal(isOpenAt(bar, 'NO', new Date('2024-06-07T21:00:00Z')), true); // Friday 23:00
    assert.equal(isOpenAt(bar, 'NO', new Date('2024-06-07T23:30:00Z')), true); // Saturday 01:30
    assert.equal(isOpenAt(bar, 'NO', new Date('2024-06-08T01:30:00Z')), false); // Saturday 03:30
    assert.equal(isOpenAt(bar, 'NO', new Date('2024-06-06T23:30:00Z')), false); // Friday 01:30 (Thursday was closed)
    const holiday = {
      ...weekdays,
      exceptions: [
        { date: '2024-06-03', closed: true },
        { date: '2024-06-04', opens: '10:00', closes: '12:00' },
      ],
    };
    assert.equal(isOpenAt(holiday, 'NO', new Date('2024-06-03T07:30:00Z')), false);
    assert.equal(isOpenAt(holiday, 'NO', new Date('2024-06-04T07:30:00Z')), false); // 09:30, opens at 10
    assert.equal(isOpenAt(holiday, 'NO', new Date('2024-06-04T08:30:00Z')), true);
  });
});

describe('page formatting', () => {
  it("names days and dates in the reader's language", () => {
    assert.equal(dayName('nb', 1), 'Mandag');
    assert.equal(dayName('sv', 7), 'Söndag');
    assert.equal(dayName('fi', 3), 'Keskiviikko');
    assert.equal(dayName('en', 5), 'Friday');
    assert.equal(formatDate('nb', '2011-03-15'), '15. mars 2011');
    assert.equal(formatDate('en', '2011-03-15'), '15 March 2011');
  });

  it("picks the description in the reader's language, else the firm's country language", () => {
    assert.deepEqual(pickDescription({ nb: 'Hei', en: 'Hi' }, 'en', 'NO'), { lang: 'en', text: 'Hi' });
    assert.deepEqual(pickDescription({ fi: 'Hei', sv: 'Hej' }, 'nb', 'FI'), { lang: 'fi', text: 'Hei' });
    assert.equal(pickDescription({}, 'nb', 'NO'), null);
  });

  it('writes JSON-LD that no text can break out of', () => {
    const text = jsonLdScriptText({ name: '</script><script>alert(1)</script>', note: 'a & b <!--', line: '\u2028' });
    assert.ok(!/[<>&\u2028]/.test(text));
    assert.deepEqual(JSON.parse(text), { name: '</script><script>alert(1)</script>', note: 'a & b <!--', line: '\u2028' });
  });
});
