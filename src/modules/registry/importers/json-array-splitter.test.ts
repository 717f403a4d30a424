import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonArraySplitter, JsonSplitError, RecordTooLarge } from './json-array-splitter.js';

function splitInChunks(text: string, size: number): unknown[] {
  const bytes = Buffer.from(text, 'utf8');
  const s = new JsonArraySplitter();
  const out: unknown[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...s.push(bytes.subarray(i, i + size)));
  s.end();
  return out;
}

describe('JSON array splitter', () => {
  const tricky = [
    { navn: 'Quote " inside', adresse: ['Back\\slash \\\\', 'ends with backslash \\'], nested: { a: [1, [2, { b: '}]' }]] } },
    'a plain string with , and ] and }',
    12.5e3,
    null,
    true,
    [],
    {},
    { unicode: 'Røros – Ráisa 😀 Ĺ', escape: '\u2028\t\n"\\' },
  ];
  const text = `\uFEFF[ ${tricky.map((v) => JSON.stringify(v)).join(' ,\n ')} ]\n`;

  it('gives exactly what JSON.parse gives, however the input is cut into chunks', () => {
    const expected = JSON.parse(text.slice(1));
    for (const size of [1, 2, 3, 5, 7, 13, 64, 1 << 20]) assert.deepEqual(splitInChunks(text, size), expected, `chunk size ${size}`);
  });

  it('handles an empty array and reports where a broken file goes wrong', () => {
    assert.deepEqual(splitInChunks(' [ ] ', 2), []);
    const cases: [string, RegExp, number, boolean][] = [
      ['', /contains no JSON/, 0, false],
      ['{"a":1}', /an object, not an array/, 0, false],
      ['[{"a":1},{"b":', /ends inside record 2 \(after record 1\).*truncated/, 1, true],
      ['[{"a":1} {"b":2}]', /expected "," or "\]" after record 1/, 1, false],
      ['[{"a":1},,{"b":2}]', /where record 2 should begin/, 1, false],
      ['[{"a":1},{"b":tru}]', /record 2 is not valid JSON/, 1, false],
      ['[1,2] x', /after the end of the array/, 2, false],
    ];
    for (const [input, message, before, truncated] of cases) {
      assert.throws(
        () => splitInChunks(input, 3),
        (err: unknown) => err instanceof JsonSplitError && message.test(err.message) && err.elementsBefore === before && err.truncated === truncated,
        input,
      );
    }
  });
});

describe('NumberSet', () => {
  it('finds duplicates among millions of national numbers, also above 2^32', async () => {
    const { NumberSet } = await import('./number-set.js');
    const set = new NumberSet(4);
    const numbers = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? 9_999_999_999 - i * 7919 : 811_553_352 + i * 13));
    for (const n of numbers) assert.equal(set.add(n), true);
    assert.equal(set.size, numbers.length);
    for (const n of numbers) assert.equal(set.add(n), false);
    assert.equal(set.has(0), false);
    assert.equal(set.has(numbers[12345]), true);
  });
});

describe('JSON array splitter: records over the limit', () => {
  it('hands on a RecordTooLarge in place of a big element, keeps none of its bytes, and goes on with the next', () => {
    const s = new JsonArraySplitter(1000);
    const big = JSON.stringify({ navn: 'x'.repeat(50_000), tricky: 'a "}]" inside' });
    const bytes = Buffer.from(`[{"n":1}, ${big}, {"n":3}, ${JSON.stringify('y'.repeat(2000))}]`);
    const out: unknown[] = [];
    let kept = 0;
    for (let i = 0; i < bytes.length; i += 700) {
      out.push(...s.push(bytes.subarray(i, i + 700)));
      kept = Math.max(
        kept,
        (s as unknown as { parts: Buffer[] }).parts.reduce((n, p) => n + p.length, 0),
      );
    }
    s.end();
    assert.deepEqual(out[0], { n: 1 });
    assert.ok(out[1] instanceof RecordTooLarge);
    assert.equal((out[1] as RecordTooLarge).bytes, Buffer.byteLength(big));
    assert.deepEqual(out[2], { n: 3 });
    assert.ok(out[3] instanceof RecordTooLarge, 'a big scalar element too');
    assert.ok(kept <= 1000 + 700, `at most the limit and one chunk held at any time (held ${kept})`);
  });
});
