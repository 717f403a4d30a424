import { pino } from 'pino';
import type { CliCommand } from '../../shared/cli/contract.js';
import { loadEnv } from '../../config/env.js';
import { JobRunner } from '../../shared/jobs/jobs.js';
import { allJobs } from './jobs.registry.js';

const positive = (value: unknown, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${String(value)}"`);
  return n;
};

export const jobsCommands: CliCommand[] = [
  {
    name: 'jobs run',
    summary: 'Run the background jobs that are due now (all queues or one), then exit',
    usage: 'lokalkraft jobs run [--queue mail.send] [--max 1000]',
    options: { queue: { type: 'string' }, max: { type: 'string' } },
    async run(ctx, { values }) {
      const env = loadEnv();
      const database = await ctx.openDb();
      try {
        const runner = new JobRunner(database.db, pino({ level: env.LOG_LEVEL }, process.stderr), allJobs(env));
        await runner.prepare();
        const ran = await runner.runPending(values.queue as string | undefined, positive(values.max, 'max', 1000));
        ctx.out(`${ran} job(s) ran`);
      } finally {
        await database.close();
      }
    },
  },
  {
    name: 'bench jobs',
    summary: 'Benchmark the job queue: enqueue rate, run rate and commit-to-start latency (PGlite; PostgreSQL too when DATABASE_URL is set)',
    usage: 'lokalkraft bench jobs [--jobs 500] [--samples 40] [--poll-ms 250] [--json]',
    options: { jobs: { type: 'string' }, samples: { type: 'string' }, 'poll-ms': { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runJobsBench, formatJobsBench } = await import('./jobs.bench.js');
      const json = Boolean(values.json);
      const figures = await runJobsBench({
        jobs: Math.min(positive(values.jobs, 'jobs', 500), 20_000),
        samples: Math.min(positive(values.samples, 'samples', 40), 1000),
        pollMs: positive(values['poll-ms'], 'poll-ms', 250),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (json ? process.stderr.write(line + '\n') : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatJobsBench(figures));
    },
  },
];
