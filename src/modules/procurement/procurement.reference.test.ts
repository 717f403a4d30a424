import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { moduleDataPath } from '../../shared/paths.js';
import { countiesOfNuts, cpvNaceTable, naceDivisionsForCpv, nutsTable } from './procurement.reference.js';

/** The reviewed reference data: every CPV division maps to NACE or is unmapped on purpose; NUTS 3 covers every county. */
describe('procurement reference data', () => {
  const cpv = JSON.parse(readFileSync(moduleDataPath('procurement', 'cpv-groups.json'), 'utf8')) as Record<string, { en: string; nb: string }>;
  const nace = JSON.parse(readFileSync(moduleDataPath('registry', 'nace.json'), 'utf8')) as { divisions: { code: string }[] | Record<string, unknown> };
  const naceDivisions = new Set(Array.isArray(nace.divisions) ? nace.divisions.map((d) => d.code) : Object.keys(nace.divisions));
  const table = cpvNaceTable();

  it('states its source', () => {
    assert.match(table.source, /CPV 2008/);
    assert.match(table.source, /NACE Rev\. 2/);
    assert.match(nutsTable().source, /NUTS 2021/);
  });

  it('every CPV division in the code list maps to NACE divisions, or is marked unmapped on purpose with a reason', () => {
    const divisions = [...new Set(Object.keys(cpv).map((c) => c.slice(0, 2)))].sort();
    assert.equal(divisions.length, 45);
    for (const d of divisions) {
      const row = table.divisions[d];
      assert.ok(row, `CPV division ${d} is missing from cpv-nace.json`);
      if (row.unmapped) {
        assert.equal(row.nace.length, 0, d);
        assert.match(row.note, /unmapped on purpose/, d);
      } else assert.ok(row.nace.length > 0, `CPV division ${d} maps nowhere and is not marked unmapped`);
    }
    assert.deepEqual(Object.keys(table.divisions).sort(), divisions, 'no row for a division that does not exist');
  });

  it('maps only to NACE divisions that exist, and refines groups of existing CPV codes', () => {
    for (const [key, row] of [...Object.entries(table.divisions), ...Object.entries(table.groups)])
      for (const n of row.nace) assert.ok(naceDivisions.has(n), `${key} → NACE ${n} is not a NACE Rev. 2 division`);
    for (const g of Object.keys(table.groups)) assert.ok(cpv[`${g}00000`], `group ${g} is not a CPV group`);
  });

  it('a group row refines its division (construction: site work → 43; buildings → 41, 42)', () => {
    assert.deepEqual(naceDivisionsForCpv('45000000'), ['41', '42', '43']);
    assert.deepEqual(naceDivisionsForCpv('45111000'), ['43']);
    assert.deepEqual(naceDivisionsForCpv('45214200'), ['41', '42']);
    assert.deepEqual(naceDivisionsForCpv('75100000'), []);
  });

  it('NUTS codes reach counties at every level; NUTS 2021 Norway reaches the 2024 counties', () => {
    assert.deepEqual(countiesOfNuts('FI1D7'), ['FI:19']);
    assert.deepEqual(countiesOfNuts('NO08').sort(), ['NO:03', 'NO:31', 'NO:32', 'NO:33']);
    assert.deepEqual(countiesOfNuts('NO074'), ['NO:55', 'NO:56']);
    assert.equal(countiesOfNuts('SE').length, 0);
    assert.equal(countiesOfNuts('SE33').length, 2);
  });
});
