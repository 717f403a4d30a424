import type { CliCommand } from '../../cli.js';

const positive = (value: unknown, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${String(value)}"`);
  return n;
};

export const directoryCommands: CliCommand[] = [
  {
    name: 'bench search',
    summary: 'Benchmark the directory search on synthetic Nordic firms (generated once and reused)',
    usage: 'lokalkraft bench search [--firms 1000000] [--queries 200] [--concurrency 32] [--http-requests 3000] [--http-seconds 30] [--rebuild] [--data-dir DIR] [--json]',
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
        log: (line) => (json ? process.stderr.write(line + '\n') : ctx.out(line)),
      });
      ctx.out(json ? JSON.stringify(figures) : formatBench(figures));
    },
  },
];
