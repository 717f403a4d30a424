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
        const runner = new JobRunner(database.db, pino({ level: env.LOG_LEVEL }, process.stderr), allJobs(env, database.db));
        await runner.prepare();
        const ran = await runner.runPending(values.queue as string | undefined, positive(values.max, 'max', 1000));
        ctx.out(`${ran} job(s) ran`);
      } finally {
        await database.close();
      }
    },
  },
];
