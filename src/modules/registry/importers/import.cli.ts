import type { CliCommand, CliContext } from '../../../shared/cli/contract.js';
import { AppError, textIn } from '../../../shared/errors.js';
import { parseOrThrow } from '../../../shared/http/validate.js';
import { createProgress, type Progress } from '../../../shared/progress.js';
import { importOptionsSchema, type ImportSource, type ImportSummary } from './import.schemas.js';
import { importRegisterFiles, listImportRuns } from './import.service.js';
import { z } from 'zod';

const MAX_PRINTED_REJECTIONS = 20;

const importOptions = {
  'only-municipalities': { type: 'string' },
  'only-county': { type: 'string' },
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  'batch-size': { type: 'string' },
} as const;

const formats: Record<ImportSource, string> = {
  brreg: 'Enhetsregisteret bulk JSON (enheter and/or underenheter; plain or .gz)',
  prh: 'PRH YTJ v3 /companies responses (one or many; plain or .gz)',
  bolagsverket: 'Bolagsverket bulk file (;-separated UTF-8; plain or .gz)',
};

function importCommand(source: ImportSource): CliCommand {
  return {
    name: `import ${source}`,
    summary: `Import ${formats[source]}`,
    usage: `lokalkraft import ${source} <file…> [--only-municipalities 5025,5026] [--only-county 50] [--dry-run] [--strict] [--json] [--batch-size 5000]`,
    options: importOptions,
    async run(ctx, parsed) {
      // Text for the operator at the command line (English, as the CLI's other output), never shown on a page.
      if (!parsed.positionals.length) throw new AppError('validation', `give the file to import: ${this.usage}`);
      // Command-line options: the flag names are what the operator typed, so they stay as labels.
      const o = parseOrThrow(importOptionsSchema, parsed.values, 'options');
      const database = await ctx.openDb();
      try {
        let progress: Progress | undefined;
        const summary = await importRegisterFiles(
          database.db,
          source,
          parsed.positionals,
          { onlyMunicipalities: o['only-municipalities'], onlyCounty: o['only-county'], dryRun: o['dry-run'], strict: o.strict, batchSize: o['batch-size'] },
          {
            onProgress: o.json
              ? undefined
              : (e) => {
                  progress ??= createProgress(`import ${source}`, e.bytesTotal, process.stderr, { bytes: true });
                  progress.update(e.bytesDone, { records: e.counts.read });
                },
          },
        );
        progress?.stop();
        if (o.json) ctx.out(JSON.stringify(summary, null, 2));
        else printSummary(ctx, summary);
        return summary.status === 'succeeded' ? 0 : 1;
      } finally {
        await database.close();
      }
    },
  };
}

function printSummary(ctx: CliContext, s: ImportSummary) {
  const n = (x: number) => x.toLocaleString('en-US');
  for (const r of s.rejections.slice(0, MAX_PRINTED_REJECTIONS))
    process.stderr.write(`  rejected: ${r.file ? `${r.file}, ` : ''}record ${r.line}: ${r.field}: ${textIn(r.message, 'en', r.values)}\n`);
  if (s.rejected > MAX_PRINTED_REJECTIONS) process.stderr.write(`  … and ${n(s.rejected - MAX_PRINTED_REJECTIONS)} more rejected records\n`);
  const what = s.dryRun ? 'dry run (nothing written)' : `run #${s.runId}`;
  ctx.out(`${s.source} ${s.files.join(', ')}: ${s.status === 'succeeded' ? 'done' : 'FAILED'} — ${what}`);
  ctx.out(
    `  read ${n(s.read)} · created ${n(s.created)} · updated ${n(s.updated)} · unchanged ${n(s.unchanged)} · closed ${n(s.closed)} · ` +
      `rejected ${n(s.rejected)} · skipped by filter ${n(s.skipped)} · left out ${n(s.ignored)} · linked ${n(s.linked)}`,
  );
  ctx.out(
    `  ${s.seconds.toFixed(1)} s, ${n(s.recordsPerSecond)} records/s${s.directorySeconds ? ` (of which ${s.directorySeconds} s rebuilding the directory)` : ''}`,
  );
  if (s.error) ctx.out(`  error: ${s.error}`);
}

const runsCommand: CliCommand = {
  name: 'import runs',
  summary: 'List the last register imports',
  usage: 'lokalkraft import runs [--limit 20] [--json]',
  options: { limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, parsed) {
    const o = parseOrThrow(
      z.object({ limit: z.coerce.number().int().min(1).max(500).default(20), json: z.boolean().default(false) }),
      parsed.values,
      'options',
    );
    const database = await ctx.openDb();
    try {
      const runs = await listImportRuns(database.db, o.limit);
      if (o.json) return ctx.out(JSON.stringify(runs, null, 2));
      if (!runs.length) return ctx.out('No imports have been run yet.');
      ctx.out(['#', 'started (UTC)', 'source', 'status', 'read', 'created', 'updated', 'closed', 'rejected', 'skipped', 'left out', 'file'].join('\t'));
      for (const r of runs)
        ctx.out(
          [
            r.id,
            r.startedAt.slice(0, 19).replace('T', ' '),
            r.source,
            r.status,
            r.read,
            r.created,
            r.updated,
            r.closed,
            r.rejected,
            r.skipped,
            r.ignored,
            r.fileName,
          ].join('\t') + (r.error ? `\n\terror: ${r.error}` : ''),
        );
    } finally {
      await database.close();
    }
  },
};

export const importCommands: CliCommand[] = [importCommand('brreg'), importCommand('prh'), importCommand('bolagsverket'), runsCommand];
