import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { CliCommand } from '../../shared/cli/contract.js';
import { AppError } from '../../shared/errors.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { createProgress, type Progress } from '../../shared/progress.js';
import { importNoticeSource, type ImportSummary } from './procurement.import.js';
import { fetchAllFeeds } from './procurement.jobs.js';
import { runMatching } from './procurement.matching.js';
import { NoticeFormatError } from './procurement.notice.js';
import { placeIndex } from './procurement.service.js';
import * as repo from './procurement.repository.js';

// Text for the operator at the command line (English, as the CLI's other output), never shown on a page.

async function* countingChunks(path: string, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    done += chunk.length;
    onBytes(done);
    yield chunk;
  }
}

const importCommand: CliCommand = {
  name: 'procurement import',
  summary: 'Import procurement notices: eForms UBL 2.3 XML (Doffin, Hilma, TED) or OCDS 1.1 releases / release packages (JSON)',
  usage: 'lokalkraft procurement import <file…> [--json] [--no-match]',
  options: { json: { type: 'boolean' }, 'no-match': { type: 'boolean' } },
  async run(ctx, parsed) {
    if (!parsed.positionals.length) throw new AppError('validation', `give the files to import: ${this.usage}`);
    const o = parseOrThrow(z.object({ json: z.boolean().default(false), 'no-match': z.boolean().default(false) }), parsed.values, 'options');
    const database = await ctx.openDb();
    const summaries: (ImportSummary & { seconds: number; error?: string })[] = [];
    try {
      const places = await placeIndex(database.db);
      for (const path of parsed.positionals) {
        const started = performance.now();
        let size = 0;
        try {
          size = statSync(path).size;
        } catch {
          summaries.push({
            file: basename(path),
            notices: 0,
            inserted: 0,
            updated: 0,
            unchanged: 0,
            seconds: 0,
            error: `${basename(path)}: does not exist or cannot be read`,
          });
          continue;
        }
        let progress: Progress | undefined;
        let bytes = 0;
        try {
          const summary = await importNoticeSource(
            database.db,
            basename(path),
            countingChunks(path, (b) => (bytes = b)),
            {
              places,
              onProgress: o.json
                ? undefined
                : (notices) => {
                    progress ??= createProgress(`import ${basename(path)}`, size, process.stderr, { bytes: true });
                    progress.update(bytes, { records: notices });
                  },
            },
          );
          progress?.stop();
          summaries.push({ ...summary, seconds: (performance.now() - started) / 1000 });
        } catch (err) {
          progress?.stop();
          if (!(err instanceof NoticeFormatError)) throw err;
          summaries.push({
            file: basename(path),
            notices: 0,
            inserted: 0,
            updated: 0,
            unchanged: 0,
            seconds: (performance.now() - started) / 1000,
            error: err.message,
          });
        }
      }
      const matched = o['no-match'] || summaries.every((s) => s.error) ? null : await runMatching(database.db, new Date(), { places });
      if (o.json) ctx.out(JSON.stringify({ files: summaries, matching: matched }, null, 2));
      else {
        for (const s of summaries)
          ctx.out(
            s.error
              ? `${s.file}: FAILED (nothing kept) — ${s.error}`
              : `${s.file}: ${s.notices} notices · ${s.inserted} new · ${s.updated} updated · ${s.unchanged} unchanged · ${s.seconds.toFixed(1)} s`,
          );
        if (matched) ctx.out(`matched ${matched.notices} open notices against ${matched.firms} firms in ${matched.seconds.toFixed(1)} s`);
      }
      return summaries.some((s) => s.error) ? 1 : 0;
    } finally {
      await database.close();
    }
  },
};

const feedAddCommand: CliCommand = {
  name: 'procurement feed add',
  summary: 'Add (or rename) a notice feed fetched hourly by the procurement.feeds job',
  usage: 'lokalkraft procurement feed add <url> --name <name>',
  options: { name: { type: 'string' } },
  async run(ctx, parsed) {
    const o = parseOrThrow(
      z.object({
        url: z
          .string()
          .url()
          .refine((u) => /^https?:\/\//.test(u)),
        name: z.string().trim().min(1).max(200),
      }),
      { url: parsed.positionals[0], name: parsed.values.name ?? parsed.positionals[0] },
      'options',
    );
    const database = await ctx.openDb();
    try {
      const id = await repo.addFeed(database.db, o.url, o.name);
      ctx.out(`feed #${id}: ${o.url}`);
    } finally {
      await database.close();
    }
  },
};

const feedsCommand: CliCommand = {
  name: 'procurement feeds',
  summary: 'List the notice feeds, or fetch them all now (--fetch)',
  usage: 'lokalkraft procurement feeds [--fetch] [--json]',
  options: { fetch: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(ctx, parsed) {
    const database = await ctx.openDb();
    try {
      if (parsed.values.fetch) {
        const r = await fetchAllFeeds(database.db);
        for (const f of r.failures) process.stderr.write(`  failed: ${f}\n`);
      }
      const feeds = await repo.listFeeds(database.db);
      if (parsed.values.json) return ctx.out(JSON.stringify(feeds, null, 2));
      if (!feeds.length) return ctx.out('No feeds. Add one with `lokalkraft procurement feed add <url> --name <name>`.');
      for (const f of feeds)
        ctx.out(
          `#${f.id}\t${f.name}\t${f.url}\t${f.last_fetched_at ? new Date(f.last_fetched_at).toISOString() : 'never'}\t${f.last_status ?? ''}${f.last_error ? `\t${f.last_error}` : ''}`,
        );
    } finally {
      await database.close();
    }
  },
};

const matchCommand: CliCommand = {
  name: 'procurement match',
  summary: 'Count the local firms that could deliver each open notice (what the nightly job does)',
  usage: 'lokalkraft procurement match [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, parsed) {
    const database = await ctx.openDb();
    try {
      const r = await runMatching(database.db, new Date(), { places: await placeIndex(database.db) });
      ctx.out(parsed.values.json ? JSON.stringify(r) : `matched ${r.notices} open notices against ${r.firms} firms in ${r.seconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  },
};

export const procurementCommands: CliCommand[] = [importCommand, feedAddCommand, feedsCommand, matchCommand];
