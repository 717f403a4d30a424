import { z } from 'zod';
import type { CliCommand } from '../../shared/cli/contract.js';
import { createProgress, type Progress } from '../../shared/progress.js';
import { seedModuleDemos } from '../demo-seeds.js';
import { countDemoFirms, seedDemo } from '../registry/demo/demo.service.js';

const firmsOption = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(5_000_000, 'must be at most 5 000 000');

export const demoCommands: CliCommand[] = [
  {
    name: 'seed demo',
    summary: "Seed the demo region (the standard set and each module's demo, once), or add N more demo firms with --firms N",
    usage: 'lokalkraft seed demo [--firms N]',
    options: { firms: { type: 'string' } },
    async run(ctx, { values }) {
      let firms: number | undefined;
      if (values.firms !== undefined) {
        const parsed = firmsOption.safeParse(values.firms);
        if (!parsed.success) {
          process.stderr.write(`lokalkraft seed demo: --firms ${parsed.error.issues[0].message} (got "${String(values.firms)}")\n`);
          return 2;
        }
        firms = parsed.data;
      }
      const database = await ctx.openDb();
      let progress: Progress | undefined;
      try {
        if (firms !== undefined && firms >= 2000) progress = createProgress('demo firms', firms);
        const result = await seedDemo(database.db, { firms, onProgress: (done) => progress?.update(done) });
        progress?.stop();
        if (firms === undefined) await seedModuleDemos(database.db, { log: (msg) => ctx.out(msg) });
        const total = await countDemoFirms(database.db);
        if (firms === undefined && result.firms === 0)
          ctx.out(`the standard demo set is already in place (${total} demo firms in all); add more with --firms N`);
        else
          ctx.out(
            `${firms === undefined ? 'seeded the standard demo set:' : 'added'} ${result.firms} demo firms, ${result.establishments} establishments, ${result.products} products/services in ${result.seconds} s (${total} demo firms in all)`,
          );
      } finally {
        await database.close();
      }
    },
  },
];
