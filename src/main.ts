import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadEnv, mailDestination, publicBaseUrl, type Env } from './config/env.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrator.js';
import { getLogger } from './shared/logger.js';
import { loadReferenceData } from './modules/reference-data.js';
import { seedDemoIfEmpty } from './modules/registry/demo/demo.service.js';
import { seedModuleDemos } from './modules/demo-seeds.js';
import { finishInterruptedWork, registerListeners } from './modules/listeners.js';
import { allJobs } from './modules/jobs/jobs.registry.js';
import { JobRunner } from './shared/jobs/jobs.js';

/** env → db → migrate → reference data → interrupted work (dead import runs, directory catch-up) → demo (first start only) → jobs → serve; graceful on SIGTERM/SIGINT. */
export async function startServer(env: Env = loadEnv(), opening?: Promise<Database>) {
  const logger = getLogger(env.LOG_LEVEL);
  const database = await (opening ?? openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.LOKALKRAFT_DATA_DIR }));
  if (database.startedFromTemplate) logger.info({ where: database.describe }, 'new data directory started from the template made at install');
  logger.info({ database: database.kind, where: database.describe }, 'database opened');
  const migrated = await migrate(database.db, (name) => logger.info({ migration: name }, 'migration applied'));
  logger.info({ applied: migrated.applied.length }, 'migrations done');
  await loadReferenceData(database.db);
  registerListeners();
  await finishInterruptedWork(database.db, (msg) => logger.info(msg));
  if (env.LOKALKRAFT_DEMO) {
    await seedDemoIfEmpty(database.db, { log: (msg) => logger.info(msg) });
    await seedModuleDemos(database.db, { log: (msg) => logger.info(msg) });
  }

  // The job runner shares the database (on PGlite its one connection, through Kysely); it runs jobs after their transaction commits.
  const jobs = new JobRunner(database.db, logger, allJobs(env, database.db));
  await jobs.start();

  const app = createApp({ db: database.db, dbKind: database.kind, env, logger });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info({ port: info.port }, `Lokalkraft listening on http://localhost:${info.port}`);
    // Say plainly where mail (with its sign-in links) goes and which origin those links carry.
    logger.info({ mail: env.SMTP_URL ? 'smtp' : env.LOKALKRAFT_DEV_OUTBOX ? 'outbox' : 'none' }, `e-mail goes to ${mailDestination(env)}`);
    logger.info({ publicBaseUrl: publicBaseUrl(env) }, `links in e-mail start with ${publicBaseUrl(env)}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.markShuttingDown();
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      // No new job is claimed; a running one finishes (one cut short by the force timer is retried after its lease).
      await jobs.stop().catch((err) => logger.error({ err }, 'job runner did not stop cleanly'));
      await database.close();
      clearTimeout(force);
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return { app, server, database, jobs };
}
