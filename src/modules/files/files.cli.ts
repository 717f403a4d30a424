import type { CliCommand } from '../../shared/cli/contract.js';
import { loadEnv } from '../../config/env.js';
import { fileStoreFor } from '../../shared/files/file-store.js';
import { sweepOrphanFiles } from '../../shared/files/files.service.js';

/** `lokalkraft files sweep` — removes stored bytes that no file row refers to any more. */
export const filesCommands: CliCommand[] = [
  {
    name: 'files sweep',
    summary: 'Remove stored file bytes without metadata (orphans) and leftovers of cut-off uploads',
    usage: 'lokalkraft files sweep [--older-than-minutes 60] [--dry-run] [--json]',
    options: { 'older-than-minutes': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    async run(ctx, { values }) {
      const raw = (values['older-than-minutes'] as string | undefined) ?? '60';
      if (!/^\d{1,7}$/.test(raw)) {
        process.stderr.write('lokalkraft files sweep: --older-than-minutes must be a whole number of minutes\n');
        return 2;
      }
      const store = fileStoreFor(loadEnv());
      const database = await ctx.openDb();
      try {
        const dryRun = values['dry-run'] === true;
        const report = await sweepOrphanFiles(database.db, store, { olderThan: new Date(Date.now() - Number(raw) * 60_000), dryRun });
        if (values.json) ctx.out(JSON.stringify({ store: store.kind, dryRun, ...report }));
        else
          ctx.out(
            `${report.scanned} stored file(s) scanned on ${store.kind}; ${report.orphans} orphan(s)${dryRun ? ' (dry run: nothing removed)' : `, ${report.removed} removed; ${report.staleUploads} cut-off upload(s) removed`}`,
          );
      } finally {
        await database.close();
      }
    },
  },
];
