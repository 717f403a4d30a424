import type { CliCommand } from '../../shared/cli/contract.js';

const positive = (value: unknown, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${String(value)}"`);
  return n;
};

const catchUpCommand = (rebuild: boolean): CliCommand => ({
  name: rebuild ? 'directory rebuild' : 'directory sync',
  summary: rebuild
    ? 'Rebuild the whole directory from the registry (repairs any listing out of step)'
    : 'Apply the registry changes the directory has not followed yet (what a stopped import or server left)',
  usage: rebuild ? 'lokalkraft directory rebuild' : 'lokalkraft directory sync',
  async run(ctx) {
    const { catchUpDirectory } = await import('./directory.sync-listener.js');
    const { createProgress } = await import('../../shared/progress.js');
    const database = await ctx.openDb();
    try {
      let progress: ReturnType<typeof createProgress> | undefined;
      const r = await catchUpDirectory(database.db, { rebuild, onProgress: (done, total) => (progress ??= createProgress('rebuild directory (firms)', total, process.stderr)).update(done) });
      progress?.stop();
      ctx.out(`directory ${r.rebuilt ? 'rebuilt' : `caught up: ${r.firms} changed firms applied`} in ${r.seconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  },
});

export const directoryCommands: CliCommand[] = [
  catchUpCommand(false),
  catchUpCommand(true),
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
