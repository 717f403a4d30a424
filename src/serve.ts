// `lokalkraft serve` (what `npm start` runs), entered before the rest of the CLI is loaded: the
// embedded database starts on its own thread (PGlite's WebAssembly start, ~1 s) while this thread
// loads the application's modules (~1.5 s), instead of one after the other.
import { loadEnv } from './config/env.js';
import { openDatabase } from './db/client.js';

export async function serve(): Promise<void> {
  const env = loadEnv();
  const opening = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.LOKALKRAFT_DATA_DIR });
  // Its failure (e.g. the data directory is held by another process) is reported where it is awaited.
  opening.catch(() => undefined);
  const { startServer } = await import('./main.js');
  await startServer(env, opening);
}
