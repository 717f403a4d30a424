import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonArraySplitter, JsonSplitError } from './json-array-splitter.js';

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
