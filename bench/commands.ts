// The `lokalkraft bench …` commands. src/cli.ts loads this file only when the first argument is
// `bench` or help is shown (its one import from bench/); each command loads its benchmark only when run.
import { z } from 'zod';
import { loadEnv } from '../src/config/env.js';
import type { CliCommand } from '../src/shared/cli/contract.js';
import { parseOrThrow } from '../src/shared/http/validate.js';

const positive = (value: unknown, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${String(value)}"`);
  return n;
};

export const benchCommands: CliCommand[] = [
  {
    name: 'bench search',
    summary: 'Benchmark the directory search on synthetic Nordic firms (generated once and reused)',
    usage:
      'lokalkraft bench search [--firms 1000000] [--queries 200] [--concurrency 32] [--http-requests 3000] [--http-seconds 30] [--rebuild] [--data-dir DIR] [--json]',
    options: {
      firms: { type: 'string' },
      queries: { type: 'string' },
      concurrency: { type: 'string' },
      'http-requests': { type: 'string' },
      'http-seconds': { type: 'string' },
      rebuild: { type: 'boolean' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(ctx, { values }) {
      const { runSearchBench, formatBench } = await import('./directory.bench.js');
      const json = Boolean(values.json);
      const figures = await runSearchBench({
        firms: positive(values.firms, 'firms', 1_000_000),
        queries: positive(values.queries, 'queries', 200),
        concurrency: Math.min(positive(values.concurrency, 'concurrency', 32), 256),
        httpRequests: positive(values['http-requests'], 'http-requests', 3000),
        httpSeconds: positive(values['http-seconds'], 'http-seconds', 30),
        rebuild: Boolean(values.rebuild),
        dataDir: values['data-dir'] as string | undefined,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatBench(figures));
    },
  },
  {
    name: 'bench import',
    summary: 'Import a synthetic brreg-shaped gzip file; print records/s and peak memory',
    usage: 'lokalkraft bench import [--records 1000000] [--batch-size 5000] [--json] (PGlite in a temp dir; PostgreSQL with DATABASE_URL)',
    options: { records: { type: 'string' }, 'batch-size': { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, parsed) {
      const o = parseOrThrow(
        z.object({
          records: z.coerce.number().int().min(1).max(20_000_000).default(1_000_000),
          'batch-size': z.coerce.number().int().min(1).max(50_000).default(5000),
          json: z.boolean().default(false),
        }),
        parsed.values,
        'options',
      );
      const { runImportBenchmark } = await import('./import.bench.js');
      const result = await runImportBenchmark({
        records: o.records,
        batchSize: o['batch-size'],
        log: o.json ? () => undefined : (line) => process.stderr.write(`${line}\n`),
      });
      if (o.json) ctx.out(JSON.stringify(result, null, 2));
      else {
        ctx.out(`bench import: ${result.records.toLocaleString('en-US')} records into ${result.backend} in ${result.seconds.toFixed(1)} s`);
        ctx.out(
          `  ${result.recordsPerSecond.toLocaleString('en-US')} records/s overall · ${result.registryRecordsPerSecond.toLocaleString('en-US')} records/s into the registry + ${result.directorySeconds} s directory rebuild · peak RSS ${result.peakRssMb} MB (at start of import ${result.startRssMb} MB) · file ${result.fileMb} MB gzip`,
        );
      }
      return result.status === 'succeeded' ? 0 : 1;
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
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatJobsBench(figures));
    },
  },
  {
    name: 'bench blocking',
    summary: 'Latency of /healthz and cached directory pages while the database runs a 2-second query',
    usage: 'lokalkraft bench blocking [--seconds 2] [--json] (PGlite in a temp dir; PostgreSQL with DATABASE_URL)',
    options: { seconds: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const seconds = values.seconds === undefined ? 2 : Number(values.seconds);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60)
        throw new Error(`--seconds must be a number from 0 to 60, got "${String(values.seconds)}"`);
      const { runBlockingBench, formatBlocking } = await import('./blocking.bench.js');
      const json = Boolean(values.json);
      const figures = await runBlockingBench({
        databaseUrl: loadEnv().DATABASE_URL,
        querySeconds: seconds,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatBlocking(figures));
    },
  },
  {
    name: 'bench surveys',
    summary: 'Benchmark needs-survey results on many answers (results page over HTTP, answering rate); PGlite, and PostgreSQL with DATABASE_URL',
    usage: 'lokalkraft bench surveys [--answers 1000000] [--requests 30] [--json]',
    options: { answers: { type: 'string' }, requests: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runSurveysBench, formatSurveysBench } = await import('./surveys.bench.js');
      const json = Boolean(values.json);
      const figures = await runSurveysBench({
        answers: positive(values.answers, 'answers', 1_000_000),
        requests: positive(values.requests, 'requests', 30),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatSurveysBench(figures));
    },
  },
];
