import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { completeNationalId, formatNationalId, normalizeNationalId } from './national-id.js';

const samples = 'test/fixtures/registry';

describe('national firm numbers', () => {
  it('accepts every organisasjonsnummer in the Brønnøysund sample, and their parents', () => {
    const rows = JSON.parse(readFileSync(`${samples}/brreg_underenheter_sample.json`, 'utf8')) as { organisasjonsnummer: string; overordnetEnhet?: string }[];
    assert.ok(rows.length >= 40);
    for (const r of rows) {
      assert.deepEqual(normalizeNationalId('NO', r.organisasjonsnummer), { ok: true, value: r.organisasjonsnummer });
      if (r.overordnetEnhet) assert.equal(normalizeNationalId('NO', r.overordnetEnhet).ok, true, r.overordnetEnhet);
    }
  });

  it('rejects an organisasjonsnummer with one digit changed, naming the problem', () => {
    const r = normalizeNationalId('NO', '811553353');
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /check digit/);
    assert.equal(normalizeNationalId('NO', '81155335').ok, false);
    assert.deepEqual(normalizeNationalId('NO', '811 553 352'), { ok: true, value: '811553352' });
  });

  it('accepts every Y-tunnus in the PRH sample and rejects altered ones', () => {
    const data = JSON.parse(readFileSync(`${samples}/prh_ytj_v3_companies_sample.json`, 'utf8')) as { companies: { businessId: { value: string } }[] };
    for (const c of data.companies) {
      const id = c.businessId.value;
      assert.deepEqual(normalizeNationalId('FI', id), { ok: true, value: id });
      const last = Number(id.at(-1));
      assert.equal(normalizeNationalId('FI', id.slice(0, -1) + ((last + 1) % 10)).ok, false, id);
    }
  });

  it('checks Swedish organisationsnummer with Luhn, in 10- and 12-digit forms', () => {
    // Volvo AB, IKEA of Sweden? public numbers: 556012-5790 (AB Volvo), 202100-5489 (Skatteverket)
    for (const good of ['556012-5790', '5560125790', '202100-5489', '16556012-5790']) assert.equal(normalizeNationalId('SE', good).ok, true, good);
    for (const bad of ['556012-5791', '55601257', 'abc']) assert.equal(normalizeNationalId('SE', bad).ok, false, bad);
    assert.equal(formatNationalId('SE', '5560125790'), '556012-5790');
  });

  it('completes bodies into valid numbers for synthetic data', () => {
    for (const country of ['NO', 'SE', 'FI'] as const) {
      let made = 0;
      for (let i = 1000; i < 1100; i++) {
        const id = completeNationalId(country, i * 7919);
        if (!id) continue;
        made++;
        assert.equal(normalizeNationalId(country, id).ok, true, `${country} ${id}`);
      }
      assert.ok(made > 80);
    }
  });
});
