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

const backendOption = (value: unknown): 'pglite' | 'postgres' | undefined => {
  if (value === undefined) return undefined;
  if (value === 'pglite' || value === 'postgres') return value;
  throw new Error(`--backend must be pglite or postgres, got "${String(value)}"`);
};

export const benchCommands: CliCommand[] = [
  {
    name: 'bench search',
    summary: 'Benchmark the directory search on synthetic Nordic firms (generated once and reused)',
    usage:
      'lokalkraft bench search [--firms 1000000] [--products 1000000] [--queries 200] [--concurrency 32] [--http-requests 3000] [--http-seconds 30] [--rebuild] [--data-dir DIR] [--json]',
    options: {
      firms: { type: 'string' },
      products: { type: 'string' },
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
        products: values.products === undefined ? undefined : positive(values.products, 'products', 1_000_000),
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
    name: 'bench coaching',
    summary: "Coaching at scale: the coach's home, a filtered case list and the staff firm page (p50/p95; PGlite, and PostgreSQL when DATABASE_URL is set)",
    usage: 'lokalkraft bench coaching [--cases 200000] [--samples 100] [--only pglite|postgres] [--json] (ten timeline entries per case)',
    options: { cases: { type: 'string' }, samples: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runCoachingBench, formatCoachingBench } = await import('./coaching.bench.js');
      const json = Boolean(values.json);
      const figures = await runCoachingBench({
        cases: Math.min(positive(values.cases, 'cases', 200_000), 2_000_000),
        samples: Math.min(positive(values.samples, 'samples', 100), 10_000),
        only: values.only === undefined ? undefined : z.enum(['pglite', 'postgres']).parse(values.only),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatCoachingBench(figures));
    },
  },
  {
    name: 'bench reporting',
    summary:
      'A full funder report (ERDF, a ten-organisation project, one year) over 100 000 firms and 1 000 000 recorded activities, in a fresh process (PostgreSQL with DATABASE_URL, else PGlite)',
    usage: 'lokalkraft bench reporting [--firms 100000] [--activities 1000000] [--runs 3] [--json]',
    options: { firms: { type: 'string' }, activities: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runReportingBench, formatReportingBench } = await import('./reporting.bench.js');
      const json = Boolean(values.json);
      const figures = await runReportingBench({
        firms: Math.min(positive(values.firms, 'firms', 100_000), 5_000_000),
        activities: Math.min(positive(values.activities, 'activities', 1_000_000), 50_000_000),
        runs: Math.min(positive(values.runs, 'runs', 3), 100),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatReportingBench(figures));
    },
  },
  {
    name: 'bench navigator',
    summary: 'Match every support offer against synthetic firms, as the nightly notify-me run does (in memory)',
    usage: 'lokalkraft bench navigator [--firms 100000] [--batch 1000] [--catalogue-copies 1] [--json]',
    options: { firms: { type: 'string' }, batch: { type: 'string' }, 'catalogue-copies': { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const firms = Math.min(positive(values.firms, 'firms', 100_000), 2_000_000);
      const batch = Math.min(positive(values.batch, 'batch', 1000), firms);
      const catalogueCopies = Math.min(positive(values['catalogue-copies'], 'catalogue-copies', 1), 100);
      const { runNavigatorBench, formatNavigatorBench } = await import('./navigator.bench.js');
      const json = Boolean(values.json);
      const figures = await runNavigatorBench({ firms, batch, catalogueCopies, log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)) });
      ctx.out(json ? JSON.stringify(figures) : formatNavigatorBench(figures, batch));
    },
  },
  {
    name: 'bench events',
    summary: 'A sign-up rush on one event: sign-ups/s, latency under the row lock, mail jobs/s (PGlite; PostgreSQL too when DATABASE_URL is set)',
    usage: 'lokalkraft bench events [--sign-ups 300] [--capacity 200] [--concurrency 30] [--json]',
    options: { 'sign-ups': { type: 'string' }, capacity: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runEventsBench, formatEventsBench } = await import('./events.bench.js');
      const json = Boolean(values.json);
      const figures = await runEventsBench({
        signUps: Math.min(positive(values['sign-ups'], 'sign-ups', 300), 20_000),
        capacity: Math.min(positive(values.capacity, 'capacity', 200), 100_000),
        concurrency: Math.min(positive(values.concurrency, 'concurrency', 30), 256),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatEventsBench(figures));
    },
  },
  {
    name: 'bench academy',
    summary: 'Serve a lesson video to many concurrent range readers; print throughput and peak memory',
    usage: 'lokalkraft bench academy [--file-mb 100] [--readers 50] [--requests 10] [--range-mb 2] [--json] (PGlite and the disk store in a temp dir)',
    options: {
      'file-mb': { type: 'string' },
      readers: { type: 'string' },
      requests: { type: 'string' },
      'range-mb': { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(ctx, { values }) {
      const fileMb = positive(values['file-mb'], 'file-mb', 100);
      const rangeMb = positive(values['range-mb'], 'range-mb', 2);
      if (rangeMb > fileMb) throw new Error('--range-mb must not be larger than --file-mb');
      const options = {
        fileMb,
        readers: Math.min(positive(values.readers, 'readers', 50), 500),
        requestsPerReader: positive(values.requests, 'requests', 10),
        rangeMb,
      };
      const { runAcademyBench, formatAcademyBench } = await import('./academy.bench.js');
      const json = Boolean(values.json);
      const figures = await runAcademyBench({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
      ctx.out(json ? JSON.stringify(figures) : formatAcademyBench(figures));
    },
  },
  {
    name: 'bench spend',
    summary:
      'Local spend: a synthetic municipal ledger through upload, check, DuckDB import and every analysis view (PGlite; PostgreSQL too when DATABASE_URL is set)',
    usage: 'lokalkraft bench spend [--lines 5000000] [--samples 20] [--json]',
    options: { lines: { type: 'string' }, samples: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runSpendBench, formatSpendBench } = await import('./spend.bench.js');
      const json = Boolean(values.json);
      const results = await runSpendBench({
        lines: Math.min(positive(values.lines, 'lines', 5_000_000), 50_000_000),
        samples: Math.min(positive(values.samples, 'samples', 20), 1000),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      ctx.out(json ? JSON.stringify(results) : formatSpendBench(results));
    },
  },
  {
    name: 'bench procurement',
    summary: 'Import synthetic procurement notices (records/s, peak memory) and match the open ones against synthetic firms (seconds)',
    usage:
      'lokalkraft bench procurement [--notices 100000] [--open 10000] [--firms 1000000] [--json] (PGlite in a temp dir; PostgreSQL with DATABASE_URL — a scratch database)',
    options: { notices: { type: 'string' }, open: { type: 'string' }, firms: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runProcurementBench, formatProcurementBench } = await import('./procurement.bench.js');
      const json = Boolean(values.json);
      const notices = Math.min(positive(values.notices, 'notices', 100_000), 5_000_000);
      const figures = await runProcurementBench({
        notices,
        open: Math.min(positive(values.open, 'open', 10_000), notices),
        firms: Math.min(positive(values.firms, 'firms', 1_000_000), 10_000_000),
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatProcurementBench(figures));
    },
  },
  {
    name: 'bench giftcard',
    summary: 'Gift-card redemptions/s and latency under concurrent counters, with retries; checks that no money was lost or booked twice',
    usage:
      'lokalkraft bench giftcard [--counters 32] [--cards 200] [--seconds 10] [--retry-share 0.05] [--json] (PGlite in a temp dir; PostgreSQL too with DATABASE_URL, in a scratch database)',
    options: {
      counters: { type: 'string' },
      cards: { type: 'string' },
      seconds: { type: 'string' },
      'retry-share': { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(ctx, parsed) {
      const o = parseOrThrow(
        z.object({
          counters: z.coerce.number().int().min(1).max(256).default(32),
          cards: z.coerce.number().int().min(1).max(100_000).default(200),
          seconds: z.coerce.number().min(0.1).max(600).default(10),
          'retry-share': z.coerce.number().min(0).max(1).default(0.05),
          json: z.boolean().default(false),
        }),
        parsed.values,
        'options',
      );
      const { runGiftcardBench, formatGiftcardBench } = await import('./giftcard.bench.js');
      const figures = await runGiftcardBench({
        counters: o.counters,
        cards: o.cards,
        seconds: o.seconds,
        retryShare: o['retry-share'],
        databaseUrl: loadEnv().DATABASE_URL,
        log: (line) => (o.json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(o.json ? JSON.stringify(figures) : formatGiftcardBench(figures));
      return figures.every((f) => f.lost === 0 && f.duplicated === 0 && f.ledgerBalanced) ? 0 : 1;
    },
  },
  {
    name: 'bench surveys',
    summary: 'Benchmark needs-survey results on many answers (results page over HTTP, answering rate); PGlite, and PostgreSQL with DATABASE_URL',
    usage: 'lokalkraft bench surveys [--answers 1000000] [--requests 30] [--backend pglite|postgres] [--json]',
    options: { answers: { type: 'string' }, requests: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const { runSurveysBench, formatSurveysBench } = await import('./surveys.bench.js');
      const json = Boolean(values.json);
      const figures = await runSurveysBench({
        answers: positive(values.answers, 'answers', 1_000_000),
        requests: positive(values.requests, 'requests', 30),
        databaseUrl: loadEnv().DATABASE_URL,
        backend: backendOption(values.backend),
        log: (line) => (json ? process.stderr.write(`${line}\n`) : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatSurveysBench(figures));
    },
  },
];
