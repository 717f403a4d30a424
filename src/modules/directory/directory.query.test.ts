import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  boundingBox,
  chooseCorrections,
  editDistance,
  localClock,
  parseNear,
  queryWords,
  rollUpFacets,
  tsqueryText,
  unaccentWord,
  type FacetCell,
} from './directory.query.js';

describe('directory query helpers', () => {
  it('splits a query into words, dropping legal forms unless they are all there is', () => {
    assert.deepEqual(queryWords('  Røros Rørlegger AS '), ['røros', 'rørlegger']);
    assert.deepEqual(queryWords('Parturi-Kampaamo, Kemijärvi!'), ['parturi', 'kampaamo', 'kemijärvi']);
    assert.deepEqual(queryWords('AS'), ['as']);
    assert.deepEqual(queryWords('bakeri bakeri'), ['bakeri']);
    assert.equal(queryWords('a b c d e f g h i j k').length, 8);
    assert.deepEqual(queryWords(undefined), []);
  });

  it('quotes lexemes for tsquery input', () => {
    assert.equal(tsqueryText([['bakeri'], ['roros', 'røro']]), "('bakeri') & ('roros' | 'røro')");
    assert.equal(tsqueryText([["o'neil"]]), "('o''neil')");
    assert.equal(tsqueryText([['a\\b']]), "('a\\\\b')");
  });

  it('reads the local clock of each time zone, summer time included', () => {
    // Wednesday 12 March 2025 15:30 UTC
    assert.deepEqual(localClock(new Date('2025-03-12T15:30:00Z'), 'Europe/Oslo'), { minuteOfWeek: 2 * 1440 + 16 * 60 + 30, date: '2025-03-12' });
    assert.deepEqual(localClock(new Date('2025-03-12T15:30:00Z'), 'Europe/Helsinki'), { minuteOfWeek: 2 * 1440 + 17 * 60 + 30, date: '2025-03-12' });
    // Sunday 30 March 2025 after the switch to summer time (01:00 UTC): 03:30 in Stockholm
    assert.equal(localClock(new Date('2025-03-30T01:30:00Z'), 'Europe/Stockholm').minuteOfWeek, 6 * 1440 + 3 * 60 + 30);
    // Sunday 23:30 UTC is Monday 01:30 in Helsinki (winter)
    assert.deepEqual(localClock(new Date('2025-01-05T23:30:00Z'), 'Europe/Helsinki'), { minuteOfWeek: 90, date: '2025-01-06' });
  });

  it('parses near and builds a box around the radius', () => {
    assert.deepEqual(parseNear('62.575,11.384'), { lat: 62.575, lon: 11.384 });
    assert.equal(parseNear('95,10'), undefined);
    const box = boundingBox({ lat: 60, lon: 10 }, 10);
    assert.ok(Math.abs(box.maxLat - 60 - 0.0899) < 0.001);
    assert.ok(Math.abs(box.maxLon - 10 - 0.1799) < 0.001, 'a degree of longitude is half as long at 60°N');
  });

  it('rolls up facet cells, each facet leaving out its own filter', () => {
    const cells: FacetCell[] = [
      { country: 'NO', county: '50', municipality: '5025', section: 'C', sectorOk: true, category: '', n: 3 },
      { country: 'NO', county: '50', municipality: '5025', section: 'G', sectorOk: false, category: '', n: 5 },
      { country: 'NO', county: '50', municipality: '5026', section: 'C', sectorOk: true, category: '', n: 2 },
      { country: 'NO', county: '03', municipality: '0301', section: 'C', sectorOk: true, category: '', n: 7 },
    ];
    const r = rollUpFacets(cells, { municipality: '5025', sector: 'C' });
    assert.equal(r.total, 3);
    assert.deepEqual(
      [...r.municipality],
      [
        ['NO:5025', 3],
        ['NO:5026', 2],
        ['NO:0301', 7],
      ],
    );
    assert.deepEqual([...r.county], [['NO:50', 3]]);
    assert.deepEqual(
      [...r.section],
      [
        ['C', 3],
        ['G', 5],
      ],
    );
  });

  it('corrects a typo only to words a few edits away', () => {
    assert.equal(editDistance('bakri', 'bakeri'), 1);
    assert.equal(editDistance('bakeir', 'bakeri'), 1, 'a transposition is one edit');
    assert.equal(unaccentWord('Rørlegger Kemijärvi Æra'), 'rorlegger kemijarvi aera');
    const candidates = [
      { lexeme: 'bakk', similarity: 0.5, docCount: 900 },
      { lexeme: 'bakeri', similarity: 0.44, docCount: 4000 },
      { lexeme: 'baker', similarity: 0.4, docCount: 100 },
    ];
    assert.deepEqual(chooseCorrections('bakri', candidates), ['bakeri'], 'bakk and baker are two edits away');
    assert.deepEqual(
      chooseCorrections('rørleger', [
        { lexeme: 'rorlegger', similarity: 0.7, docCount: 5 },
        { lexeme: 'roros', similarity: 0.3, docCount: 9 },
      ]),
      ['rorlegger'],
    );
    assert.deepEqual(chooseCorrections('xqzvy', candidates), []);
  });
});
