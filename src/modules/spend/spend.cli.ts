import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { loadEnv } from '../../config/env.js';
import type { CliCommand } from '../../shared/cli/contract.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { listAllOrganisations } from '../network/network.service.js';
import { closeSpendStores } from './spend.engine.js';
import { headerKey, isLedgerField, type LedgerField } from './spend.mapping.js';
import * as service from './spend.service.js';

/** The operator at the command line acts as an analyst of the organisation named with --org. */
export function operatorFor(organisationId: number): SessionUser {
  return {
    id: 0,
    email: 'operator@localhost',
    displayName: 'operator',
    isEmailVerified: true,
    isNetworkAdmin: false,
    roles: [{ organisationId, role: 'analyst' }],
    managedFirmIds: [],
    sessionId: 'cli',
  };
}

const optionsSchema = z.object({
  org: z.string().min(1).max(200),
  'without-bad': z.boolean().default(false),
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  map: z.array(z.string().regex(/^[a-z_]+=.+$/)).default([]),
});

const n = (x: number) => x.toLocaleString('en-US');

export const spendCommands: CliCommand[] = [
  {
    name: 'spend import',
    summary: 'Import purchase-ledger files (CSV/XLSX, plain or .gz) for an organisation: preview, mapping, import, supplier matching',
    usage:
      'lokalkraft spend import --org <id or exact name> FILE… [--map field=Header …] [--without-bad] [--dry-run] [--json]\n' +
      '  fields: supplier_id supplier_name amount_net amount_gross date account account_name category buyer supplier_country',
    options: {
      org: { type: 'string' },
      'without-bad': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      map: { type: 'string', multiple: true },
    },
    async run(ctx, parsed) {
      // Operator text (English, like the CLI's other output).
      if (!parsed.positionals.length) throw new AppError('validation', `give the files to import: ${this.usage}`);
      for (const f of parsed.positionals) if (!existsSync(f)) throw new AppError('validation', `no such file: ${f}`);
      const o = parseOrThrow(optionsSchema, parsed.values, 'options');
      const env = loadEnv();
      const database = await ctx.openDb();
      const say = (line: string) => (o.json ? process.stderr.write(`${line}\n`) : ctx.out(line));
      try {
        const db = database.db;
        const orgs = await listAllOrganisations(db);
        const org = orgs.find((x) => String(x.id) === o.org) ?? orgs.find((x) => x.name === o.org);
        if (!org) throw new AppError('validation', `no organisation "${o.org}" (give its id or exact name)`);
        const user = operatorFor(org.id);
        const t0 = performance.now();
        const uploadId = await service.createUpload(
          db,
          env.LOKALKRAFT_DATA_DIR,
          user,
          org.id,
          parsed.positionals.map((p) => ({ name: basename(p), path: p })),
        );
        let upload = await service.getUpload(db, user, org.id, uploadId);
        // --map field=Header: correct the guessed mapping (and remember it for the organisation).
        if (o.map.length) {
          for (const f of upload.files.filter((x) => x.staged && x.status === 'preview')) {
            const mapping: Partial<Record<LedgerField, number>> = { ...f.mapping };
            for (const m of o.map) {
              const [field, header] = [m.slice(0, m.indexOf('=')), m.slice(m.indexOf('=') + 1)];
              if (!isLedgerField(field)) throw new AppError('validation', `--map: unknown field "${field}"`);
              const column = f.staged!.headers.findIndex((h) => headerKey(h) === headerKey(header));
              if (column >= 0) mapping[field] = column;
            }
            await service.saveMapping(db, user, org.id, uploadId, f.id, mapping);
          }
          upload = await service.getUpload(db, user, org.id, uploadId);
        }
        for (const f of upload.files) {
          say(`${f.name}: ${f.status === 'duplicate' ? 'already imported — changes nothing' : f.status}`);
          if (f.staged)
            say(
              `  ${f.staged.format}${f.staged.compressed ? ' (gzip)' : ''}, ${f.staged.encoding}, delimiter ${JSON.stringify(f.staged.delimiter)}, ${f.staged.lineEnding}`,
            );
          for (const [field, column] of Object.entries(f.mapping))
            say(`  ${field.padEnd(16)} ← ${f.staged?.headers[column as number]} (${f.sources[field as LedgerField] ?? 'chosen'})`);
          for (const m of f.missing)
            say(`  MISSING: a column for ${m} (use --map ${m === 'amount' ? 'amount_net' : m === 'supplier' ? 'supplier_id' : m}=Header)`);
          if (f.check) {
            say(
              `  ${n(f.check.rows)} lines, ${n(f.check.badRows)} with problems, total ${(f.check.totalMinor / 100).toFixed(2)}, ${f.check.from} – ${f.check.to}`,
            );
            for (const p of f.check.problems.slice(0, 20)) say(`  line ${p.line}: ${p.column}${p.found !== null ? ` "${p.found}"` : ''}`);
          }
        }
        const checkSeconds = (performance.now() - t0) / 1000;
        if (o['dry-run']) {
          await service.discardUpload(db, env.LOKALKRAFT_DATA_DIR, user, org.id, uploadId);
          say(`dry run: nothing imported (checked in ${checkSeconds.toFixed(1)} s)`);
          return 0;
        }
        if (!upload.files.some((f) => f.status === 'preview')) {
          say('nothing to import');
          return 0;
        }
        const t1 = performance.now();
        const { done } = await service.importUpload(db, env.LOKALKRAFT_DATA_DIR, user, org.id, uploadId, {
          skipBad: o['without-bad'],
          onProgress: (p) => process.stderr.write(`  [${p.file}/${p.files}] ${p.stage}${p.lines !== undefined ? ` ${n(p.lines)} lines` : ''}\n`),
        });
        await done;
        const final = await service.getUpload(db, user, org.id, uploadId);
        const lines = final.files.reduce((a, f) => a + (f.lines ?? 0), 0);
        const seconds = (performance.now() - t1) / 1000;
        if (o.json)
          ctx.out(
            JSON.stringify({
              uploadId,
              status: final.status,
              lines,
              checkSeconds,
              importSeconds: seconds,
              files: final.files.map((f) => ({ name: f.name, status: f.status, lines: f.lines, skipped: f.skipped })),
            }),
          );
        else
          say(
            `imported ${n(lines)} lines in ${seconds.toFixed(1)} s (${n(Math.round(lines / Math.max(seconds, 0.001)))} lines/s; checking took ${checkSeconds.toFixed(1)} s) — upload #${uploadId}`,
          );
        return final.status === 'imported' ? 0 : 1;
      } finally {
        closeSpendStores();
        await database.close();
      }
    },
  },
];
