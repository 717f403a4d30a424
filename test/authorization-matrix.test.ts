import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testOrigin } from './support/auth.js';
import { createMatrixWorld, type MatrixWorld } from './support/matrix-world.js';
import { createTestApp } from './support/test-app.js';
import { backendsUnderTest, type TestDatabase } from './support/test-db.js';
import { matrix, roles, type MatrixEntry, type Outcome, type Role } from './authorization-matrix.js';

const key = (method: string, path: string) => `${method} ${path}`;

/** Every (method, path) Hono knows, once each (a route with a guard middleware is listed twice). */
function appRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  return [...new Set(app.routes.map((r) => key(r.method, r.path)))].sort();
}

function judge(outcome: Outcome, res: Response): string | undefined {
  const status = res.status;
  const location = res.headers.get('location') ?? '';
  const toSignIn = (status === 302 || status === 303) && location.startsWith('/sign-in');
  const passed = status < 500 && status !== 401 && status !== 403 && !toSignIn;
  const ok =
    typeof outcome === 'number'
      ? status === outcome
      : outcome === 'ok'
        ? passed && status !== 404
        : outcome === 'public'
          ? passed
          : outcome === 'signin'
            ? status === 401 || toSignIn
            : outcome === 'denied'
              ? status === 403
              : status === 404;
  return ok ? undefined : `expected ${outcome}, got ${status}${location ? ` → ${location}` : ''}`;
}

for (const backend of await backendsUnderTest()) {
  describe(`authorization matrix on ${backend}`, () => {
    let world: MatrixWorld;
    let app: MatrixWorld['app'];
    let database: TestDatabase;

    before(async () => {
      world = await createMatrixWorld(backend);
      ({ app, database } = world);
    });
    after(async () => world?.destroy());

    async function request(entry: MatrixEntry, role: Role): Promise<Response> {
      const values = { ...world.fx, ...(entry.prepare ? await world.prepare(entry.prepare) : {}) };
      const url = world.urlFor(entry, values);
      const method = entry.probe?.method ?? entry.method;
      const s = world.sessions[role];
      if (method === 'GET') return app.request(url, { headers: { cookie: s.cookie } });
      const isApi = url.startsWith('/api/');
      const headers: Record<string, string> = { cookie: s.cookie, origin: testOrigin, 'x-csrf-token': s.csrfToken };
      if (isApi) return app.request(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
      return app.request(url, {
        method,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: s.csrfToken }).toString(),
      });
    }

    it('has an entry for every route of the app', () => {
      const known = new Set(matrix.map((e) => key(e.method, e.path)));
      const missing = appRoutes(app).filter((r) => !known.has(r));
      assert.deepEqual(missing, [], `Routes without an entry in test/authorization-matrix.ts:\n  ${missing.join('\n  ')}`);
    });

    it('would fail for a route added without an entry', () => {
      const probe = createTestApp(database);
      probe.get('/surely-not-in-the-matrix', (c) => c.text('x'));
      const known = new Set(matrix.map((e) => key(e.method, e.path)));
      assert.deepEqual(
        appRoutes(probe).filter((r) => !known.has(r)),
        ['GET /surely-not-in-the-matrix'],
      );
    });

    it('answers every route as the matrix says, for every role', async () => {
      const present = new Set(appRoutes(app));
      const failures: string[] = [];
      let checked = 0;
      for (const entry of matrix) {
        if (entry.middleware || !present.has(key(entry.method, entry.path))) continue;
        assert.ok(entry.who, `${key(entry.method, entry.path)} needs 'who'`);
        for (const role of roles) {
          const res = await request(entry, role);
          await res.arrayBuffer();
          const problem = judge(entry.who[role], res);
          if (problem) failures.push(`${key(entry.method, entry.path)} as ${role}: ${problem}`);
          checked++;
          if (entry.endsSession) await world.signInAs(role);
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${checked} answers differ from the matrix`);
      assert.ok(checked > 300, `only ${checked} route × role pairs were checked`);
    });
  });
}
