import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from './support/test-db.js';
import { createTestApp } from './support/test-app.js';
import { loadEnv } from '../src/config/env.js';
import { localeFromAcceptLanguage } from '../src/shared/i18n/i18n.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const env = loadEnv({});
    assert.equal(env.PORT, 3000);
    assert.equal(env.LOKALKRAFT_DATA_DIR, './data');
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.LOG_LEVEL, 'info');
  });

  it('names the variable that is wrong', () => {
    assert.throws(() => loadEnv({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadEnv({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(() => loadEnv({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  });

  it('picks the language from Accept-Language, Norwegian variants included', () => {
    assert.equal(localeFromAcceptLanguage('nn-NO,nn;q=0.9,en;q=0.5'), 'nb');
    assert.equal(localeFromAcceptLanguage('de-DE, sv;q=0.8, fi;q=0.9'), 'fi');
    assert.equal(localeFromAcceptLanguage('de-DE'), undefined);
  });
});

for (const backend of await backendsUnderTest()) {
  describe(`operations endpoints on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
    });
    after(async () => database?.destroy());

    it('answers /healthz and /readyz with the database kind', async () => {
      assert.equal((await app.request('/healthz')).status, 200);
      const ready = await app.request('/readyz');
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', database: backend });
    });

    it('reports not ready once shutting down', async () => {
      const other = createTestApp(database);
      other.markShuttingDown();
      assert.equal((await other.request('/readyz')).status, 503);
    });

    it('exposes Prometheus metrics including request durations', async () => {
      await app.request('/healthz');
      const res = await app.request('/metrics');
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.match(text, /lokalkraft_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"/);
      assert.match(text, /process_resident_memory_bytes/);
    });

    it('sends security headers with a strict CSP', async () => {
      const res = await app.request('/healthz');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self' 'nonce-/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    });

    it('gives JSON 404 under /api and a localised page elsewhere', async () => {
      const api = await app.request('/api/v1/nothing-here');
      assert.equal(api.status, 404);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
      const page = await app.request('/nothing-here?lang=sv');
      assert.equal(page.status, 404);
      const html = await page.text();
      assert.match(html, /<html lang="sv"/);
      assert.match(html, /Sidan hittades inte/);
    });
  });
}
