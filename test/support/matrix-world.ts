import { roles, type MatrixEntry, type MatrixFixture, type Role } from '../authorization-matrix.js';
import { anonymous, signIn, testOrigin, type SignedIn } from './auth.js';
import { buildMatrixWorld, matrixEmails, matrixUrl } from './matrix-fixture.js';
import { createTestApp } from './test-app.js';
import { createTestDatabase, type Backend } from './test-db.js';

/**
 * The matrix world (matrix-fixture.ts) on a fresh test database, served by a test app, with one
 * signed-in session per role. Used by the matrix test, the input fuzz test and the robustness tests.
 */
export async function createMatrixWorld(backend: Backend) {
  const database = await createTestDatabase(backend);
  const app = createTestApp(database);
  const { fx, prepare } = await buildMatrixWorld(database.db);
  const sessions = {} as Record<Role, SignedIn>;

  async function signInAs(role: Role) {
    sessions[role] = role === 'anonymous' ? await anonymous(app) : await signIn(app, matrixEmails[role]);
  }
  for (const role of roles) await signInAs(role);

  /** The entry's path with its parameters filled from the fixture. */
  const urlFor = (entry: MatrixEntry, values: MatrixFixture = fx): string => matrixUrl(entry, values);

  /** Headers of a state-changing request as `role` (cookie, Origin, CSRF). */
  const writeHeaders = (role: Role): Record<string, string> => ({
    cookie: sessions[role].cookie,
    origin: testOrigin,
    'x-csrf-token': sessions[role].csrfToken,
  });

  return { database, app, fx, sessions, prepare, signInAs, urlFor, writeHeaders, destroy: () => database.destroy() };
}

export type MatrixWorld = Awaited<ReturnType<typeof createMatrixWorld>>;
