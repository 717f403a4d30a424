import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import { insertFirmsInBulk, type BulkFirm } from '../src/modules/registry/registry.service.js';
import { operatorFor } from '../src/modules/spend/spend.cli.js';
import { closeSpendStores, outsideByDivision, spendByBand, spendStore, topSuppliers, type AnalysisScope } from '../src/modules/spend/spend.engine.js';
import * as service from '../src/modules/spend/spend.service.js';
import { syntheticSuppliers, writeLedger } from './spend.ledger.js';

export interface SpendBenchFigures {
  backend: 'pglite' | 'postgres';
  lines: number;
  fileMb: number;
  /** Upload: store, hash, look at the file and check every line (nothing written yet). */
  checkSeconds: number;
  /** Import: DuckDB reads the CSV, writes the typed lines, suppliers are matched in PostgreSQL. */
  importSeconds: number;
  importLinesPerSecond: number;
  /** Upload and import together (what a person waits for from "upload" to results). */
  endToEndLinesPerSecond: number;
  peakRssMb: number;
  views: Record<string, { p50: number; p95: number; max: number }>;
  loadAverage: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

/** A ledger of `lines` invoice lines (cached in the temp dir by size) through the real upload and import. */
export async function runSpendBench(options: {
  lines: number;
  samples: number;
  databaseUrl?: string;
  log: (line: string) => void;
}): Promise<SpendBenchFigures[]> {
  const cache = join(tmpdir(), 'lokalkraft-bench-spend');
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `ledger-${options.lines}.csv`);
  const suppliers = syntheticSuppliers(3000);
  if (!existsSync(file)) {
    options.log(`writing a ${options.lines.toLocaleString('en-US')}-line ledger to ${file}`);
    await writeLedger(file, options.lines, suppliers);
  }
  const out: SpendBenchFigures[] = [];
  out.push(await benchOne('pglite', file, suppliers, options));
  if (options.databaseUrl) out.push(await benchOne('postgres', file, suppliers, options));
  return out;
}

async function benchOne(
  backend: 'pglite' | 'postgres',
  file: string,
  suppliers: ReturnType<typeof syntheticSuppliers>,
  options: { lines: number; samples: number; databaseUrl?: string; log: (line: string) => void },
): Promise<SpendBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-bench-spend-'));
  const database = await openDatabase(backend === 'pglite' ? { dataDir: join(dir, 'pg'), syncIntervalMs: 0 } : { databaseUrl: options.databaseUrl });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const db = database.db;
    options.log(`${backend}: migrating, reference data, ${suppliers.length} supplier firms`);
    await migrate(db);
    await loadReferenceData(db);
    const municipalities = ['320', '732', '742', '583', '614', '698', '091', '837', '564', '049'];
    const firms: BulkFirm[] = suppliers.map((s, i) => ({
      country: 'FI',
      national_id: s.id,
      name: s.name,
      legal_form: 'OY',
      nace_code: `${String(10 + (i % 86)).padStart(2, '0')}100`,
      nace_division: String(10 + (i % 86)).padStart(2, '0'),
      employees: 5,
      street: null,
      postcode: null,
      city: null,
      municipality_code: municipalities[i % municipalities.length]!,
      lat: null,
      lon: null,
      website: null,
      email: null,
      phone: null,
      status: 'active',
      closed_on: null,
      registered_on: null,
      language: 'fi',
      description: '{}',
      opening_hours: null,
      establishments: [],
      products: [],
    })) as unknown as BulkFirm[];
    const existing = await sql<{ n: number }>`select count(*)::int as n from firms where source = 'bench-spend'`.execute(db);
    if (!existing.rows[0]?.n)
      for (let i = 0; i < firms.length; i += 1000) await insertFirmsInBulk(db, firms.slice(i, i + 1000), { source: 'bench-spend', isDemo: false });
    const org = await sql<{
      id: number;
    }>`insert into organisations (name, type, country) values (${`Bench municipality ${Date.now()}`}, 'municipal_business_office', 'FI') returning id`.execute(
      db,
    );
    const orgId = Number(org.rows[0]!.id);
    await sql`insert into organisation_coverage (organisation_id, country, municipality_code, valid_from, status) values (${orgId}, 'FI', '320', '2020-01-01', 'approved'), (${orgId}, 'FI', '732', '2020-01-01', 'approved')`.execute(
      db,
    );
    const user = operatorFor(orgId);
    const dataDir = join(dir, 'data');
    options.log(`${backend}: upload (hash, look, check every line)`);
    let t = performance.now();
    const uploadId = await service.createUpload(db, dataDir, user, orgId, [{ name: 'ledger.csv', path: file }]);
    const checkSeconds = (performance.now() - t) / 1000;
    options.log(`${backend}: import`);
    t = performance.now();
    const { done } = await service.importUpload(db, dataDir, user, orgId, uploadId, {
      skipBad: false,
      onProgress: (p) => options.log(`${backend}:   ${((performance.now() - t) / 1000).toFixed(1)} s ${p.stage}`),
    });
    await done;
    const importSeconds = (performance.now() - t) / 1000;
    const upload = await service.getUpload(db, user, orgId, uploadId);
    const lines = upload.files.reduce((a, f) => a + (f.lines ?? 0), 0);
    if (lines !== options.lines) throw new Error(`imported ${lines} lines, expected ${options.lines}`);
    options.log(`${backend}: ${options.samples} samples of each view`);
    const store = await spendStore(dataDir);
    const scope: AnalysisScope = { orgId, from: '2022-01-01', to: '2024-12-31', home: ['320'], region: ['320', '732'], country: 'FI' };
    const views: Record<string, () => Promise<unknown>> = {
      shares: () => spendByBand(store, scope, 'total'),
      'by-year': () => spendByBand(store, scope, 'year'),
      'by-quarter': () => spendByBand(store, scope, 'quarter'),
      'by-sector': () => spendByBand(store, scope, 'section'),
      'by-account': () => spendByBand(store, scope, 'account'),
      'by-category': () => spendByBand(store, scope, 'category'),
      'top-suppliers': () => topSuppliers(store, scope),
      'could-be-local': () => outsideByDivision(store, scope),
      'results-page (all of it)': () => service.getResults(db, dataDir, operatorFor(orgId), orgId, { from: scope.from, to: scope.to, home: '320' }, 'en'),
    };
    const figures: SpendBenchFigures['views'] = {};
    for (const [name, run] of Object.entries(views)) {
      await run();
      const times: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        const a = performance.now();
        await run();
        times.push(performance.now() - a);
      }
      figures[name] = { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.round(Math.max(...times)) };
    }
    return {
      backend,
      lines,
      fileMb: Math.round(statSync(file).size / 1e5) / 10,
      checkSeconds: Math.round(checkSeconds * 10) / 10,
      importSeconds: Math.round(importSeconds * 10) / 10,
      importLinesPerSecond: Math.round(lines / importSeconds),
      endToEndLinesPerSecond: Math.round(lines / (importSeconds + checkSeconds)),
      peakRssMb: Math.round(peak / 1e6),
      views: figures,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    clearInterval(sampler);
    closeSpendStores();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSpendBench(results: SpendBenchFigures[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`bench spend on ${r.backend}: ${n(r.lines)} lines (${r.fileMb} MB CSV), load average ${r.loadAverage}`);
    lines.push(`  upload + check every line: ${r.checkSeconds} s · import (DuckDB read_csv → lines, supplier matching): ${r.importSeconds} s`);
    lines.push(`  import rate ${n(r.importLinesPerSecond)} lines/s · upload-to-results ${n(r.endToEndLinesPerSecond)} lines/s · peak RSS ${r.peakRssMb} MB`);
    for (const [name, v] of Object.entries(r.views))
      lines.push(`  ${name.padEnd(26)} p50 ${String(v.p50).padStart(7)} ms · p95 ${String(v.p95).padStart(7)} ms · max ${v.max} ms`);
  }
  return lines.join('\n');
}
