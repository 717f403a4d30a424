import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { currentParams, hashPassword, needsRehash, paramsFromEnv, productionParams, verifyPassword } from './accounts.password.js';

describe('password hashing (scrypt)', () => {
  it('stores parameters and a per-user salt with each hash', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    assert.match(a, new RegExp(`^scrypt\\$ln=${currentParams.ln},r=8,p=1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    assert.notEqual(a, b, 'same password, different salts, different hashes');
    assert.notEqual(a.split('$')[2], b.split('$')[2]);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Blåbærsyltetøy på vaffel');
    assert.equal(await verifyPassword('Blåbærsyltetøy på vaffel', stored), true);
    assert.equal(await verifyPassword('blåbærsyltetøy på vaffel', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  it('treats a missing or malformed hash as no match', async () => {
    assert.equal(await verifyPassword('x', null), false);
    assert.equal(await verifyPassword('x', 'plaintext'), false);
    assert.equal(await verifyPassword('x', 'scrypt$ln=99,r=8,p=1$AAAA$BBBB'), false);
  });

  it('keeps old hashes valid and asks for a stronger one when the parameters were raised', async () => {
    const weak = await hashPassword('an older password', { ln: 14, r: 8, p: 1 });
    assert.equal(await verifyPassword('an older password', weak), true);
    assert.equal(needsRehash(weak, productionParams), true);
    assert.equal(needsRehash(await hashPassword('a newer password', productionParams), productionParams), false);
    assert.equal(needsRehash(await hashPassword('a newer password')), false);
  });

  it('takes a noticeable, bounded time at the production cost (memory-hard)', async () => {
    const stored = await hashPassword('timing check password', productionParams);
    assert.match(stored, /^scrypt\$ln=15,r=8,p=1\$/);
    const start = performance.now();
    await verifyPassword('timing check password', stored);
    const ms = performance.now() - start;
    assert.ok(ms > 5 && ms < 5000, `verify took ${ms.toFixed(1)} ms`);
  });

  it('lowers the cost only for the test runner; production refuses the test setting', () => {
    assert.deepEqual(paramsFromEnv({}), { ln: 15, r: 8, p: 1 });
    assert.deepEqual(paramsFromEnv({ NODE_ENV: 'production' }), productionParams);
    assert.deepEqual(paramsFromEnv({ NODE_ENV: 'test', PASSWORD_HASH_TEST_LN: '10' }), { ln: 10, r: 8, p: 1 });
    assert.throws(() => paramsFromEnv({ NODE_ENV: 'production', PASSWORD_HASH_TEST_LN: '10' }), /only for the test runner/);
    assert.throws(() => paramsFromEnv({ PASSWORD_HASH_TEST_LN: '10' }), /only for the test runner/, 'development refuses it too');
    assert.throws(() => paramsFromEnv({ NODE_ENV: 'test', PASSWORD_HASH_TEST_LN: '4' }), /from 10 to 15/);
    assert.throws(() => paramsFromEnv({ NODE_ENV: 'test', PASSWORD_HASH_TEST_LN: '16' }), /from 10 to 15/);
  });
});
