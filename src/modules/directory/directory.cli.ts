import type { CliCommand } from '../../shared/cli/contract.js';

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
      const r = await catchUpDirectory(database.db, {
        rebuild,
        onProgress: (done, total) => (progress ??= createProgress('rebuild directory (firms)', total, process.stderr)).update(done),
      });
      progress?.stop();
      ctx.out(`directory ${r.rebuilt ? 'rebuilt' : `caught up: ${r.firms} changed firms applied`} in ${r.seconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  },
});

export const directoryCommands: CliCommand[] = [catchUpCommand(false), catchUpCommand(true)];
