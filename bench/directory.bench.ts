import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadEnv } from '../src/config/env.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import type { DB } from '../src/db/types.js';
import type { AppEnv } from '../src/shared/http/context.js';
import { parseOrThrow } from '../src/shared/http/validate.js';
import { createProgress } from '../src/shared/progress.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import { searchLabels, searchQuerySchema } from '../src/modules/directory/directory.schemas.js';
import { searchListings } from '../src/modules/directory/directory.service.js';
import { setSearchCacheEnabled } from '../src/modules/directory/directory.cache.js';
import { syncListings } from '../src/modules/directory/directory.sync.js';
import { ensureSyntheticFirms } from './synthetic.js';
import type { LoadResult, LoadSpec } from './directory.bench-client.js';

/**
 * `lokalkraft bench search`: synthetic Nordic firms (generated once, reused), the listings synced,
 * a fixed query mix timed per kind through the search service, then GET /api/v1/firms under
 * concurrent connections on loopback. A benchmark prints figures; it never fails on a time.
 */

type Raw = Record<string, string>;
const at = {
  roros: '62.575,11.384',
  trondheim: '63.43,10.395',
  oslo: '59.913,10.746',
  stockholm: '59.329,18.069',
  umea: '63.828,20.26',
  helsinki: '60.17,24.935',
  kemijarvi: '66.713,27.431',
  bergen: '60.393,5.324',
};

/** What people type into a buy-local directory, in the three countries' languages, and what they click. */
export const queryMix: Record<string, Raw[]> = {
  plain_words: [
    'bakeri',
    'frisør',
    'rørlegger',
    'kafé',
    'pizza',
    'blomster',
    'regnskap',
    'hotell',
    'bygg',
    'elektriker',
    'leipomo',
    'kampaamo',
    'ravintola',
    'bageri',
    'frisör',
    'snickeri',
    'sähkö',
    'redovisning',
    'tannlege',
    'sykkel',
    'roros',
    'kemijärvi',
  ].map((q) => ({ q })),
  two_words_municipality: [
    { q: 'økologisk bakeri', municipality: '5025' },
    { q: 'kaffe vafler', municipality: '5001' },
    { q: 'pizza lunsj', municipality: '0301' },
    { q: 'rørlegger baderom', municipality: '4601' },
    { q: 'bageri kanelbullar', municipality: '0180' },
    { q: 'frisör klippning', municipality: '2480' },
    { q: 'ravintola lounas', municipality: '091' },
    { q: 'leipomo pulla', municipality: '320' },
    { q: 'hotell frukost', municipality: '2380' },
    { q: 'bilverksted dekkskift', municipality: '3427' },
    { q: 'kukkakauppa ruusut', municipality: '837' },
    { q: 'sykkel ski', municipality: '5501' },
  ],
  typo: [
    'bakri',
    'rørleger',
    'frisörr',
    'elektrikr',
    'ravintla',
    'regnskp',
    'blomstr',
    'kampamo',
    'leipmo',
    'pizzza',
    'snikeri',
    'kafee',
    'rørleger røros',
    'bakri oslo',
  ].map((q) => ({ q })),
  facets_filters: [
    {},
    { sector: 'G' },
    { county: '50', country: 'NO' },
    { municipality: '0301' },
    { country: 'FI', sector: 'I' },
    { municipality: '5025', sector: '47' },
    { county: '24', country: 'SE', sector: 'F' },
    { municipality: '320' },
    { sector: '56', page: '3' },
    { open_now: 'true', municipality: '5001' },
  ],
  near: [
    { near: at.trondheim, q: 'kafe' },
    { near: at.stockholm, radius_km: '5' },
    { near: at.roros },
    { near: at.kemijarvi, q: 'leipomo' },
    { near: at.oslo, radius_km: '2', sector: 'I' },
    { near: at.umea, q: 'frisör', radius_km: '20' },
    { near: at.helsinki, sector: '47' },
    { near: at.bergen, q: 'rørlegger', radius_km: '10' },
  ],
};

/** Product names of the storefront's shops (issue 16): what `--products` adds and the `products` kind asks for. */
export const productWords = {
  nouns: [
    'ullsokker',
    'strikkelue',
    'ullpledd',
    'turbok',
    'skillingsboller',
    'lusekofte',
    'votter',
    'kokebok',
    'kaffekopp',
    'ullgenser',
    'villasukat',
    'yllesockor',
  ],
  adjectives: ['grå', 'svart', 'rød', 'barn', 'voksen', 'økologisk', 'håndlaget', 'norsk', 'lokal', 'klassisk'],
};
const productQueries: Raw[] = [
  { q: 'ullsokker' },
  { q: 'strikkelue' },
  { q: 'turbok' },
  { q: 'villasukat' },
  { q: 'ullsokkr' },
  { q: 'lusekofte', near: at.roros },
  { q: 'ullpledd', near: at.trondheim, radius_km: '20' },
  { q: 'kokebok', open_now: 'true' },
  { q: 'håndlaget votter', municipality: '5025' },
  { q: 'yllesockor', country: 'SE' },
];

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: r(q(0.5)),
    p95: r(q(0.95)),
    p99: r(q(0.99)),
    mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    max: r(s.at(-1) ?? 0),
  };
}

export interface BenchOptions {
  firms: number;
  queries: number;
  concurrency: number;
  httpRequests: number;
  httpSeconds: number;
  rebuild: boolean;
  /** Storefront products in the directory (--products): added to the synthetic firms until there are this many. */
  products?: number;
  dataDir?: string;
  log: (line: string) => void;
}

async function storefrontProductCount(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from products where origin = 'storefront'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Storefront products (origin 'storefront', as the storefront mirrors a shop's catalogue) spread
 * over the synthetic firms, set-based in chunks, until there are `target`; kept for later runs.
 */
async function ensureStorefrontProducts(db: Kysely<DB>, target: number, log: (line: string) => void) {
  let have = await storefrontProductCount(db);
  if (have >= target) return undefined;
  log(`adding ${target - have} storefront products to the synthetic firms (${have} already there; kept for later runs)…`);
  const t = performance.now();
  const span = await sql<{ lo: string; hi: string }>`select min(id)::text as lo, max(id)::text as hi from firms where source = 'synthetic'`.execute(db);
  const lo = Number(span.rows[0]?.lo ?? 0);
  const width = Number(span.rows[0]?.hi ?? 0) - lo + 1;
  const progress = createProgress('storefront products', target);
  let round = 0;
  while (have < target && width > 0 && round < 1000) {
    const n = Math.min(100_000, target - have);
    const seed = have + round * 7_919;
    await sql`insert into products (firm_id, kind, name, description, language, price_minor, currency, origin)
      select f.id, 'product',
        (${productWords.nouns}::text[])[1 + (g % ${productWords.nouns.length})] || ' ' || (${productWords.adjectives}::text[])[1 + ((g / 7) % ${productWords.adjectives.length})],
        null, coalesce(f.language, 'nb'), 4900 + (g * 37 % 200000), case f.country when 'SE' then 'SEK' when 'FI' then 'EUR' else 'NOK' end, 'storefront'
      from generate_series(${seed}::bigint, ${seed + n - 1}::bigint) g
      join firms f on f.id = ${lo}::bigint + ((g * 2654435761) % ${width}::bigint) and f.source = 'synthetic'`.execute(db);
    have = await storefrontProductCount(db);
    progress.update(Math.min(have, target));
    round++;
  }
  progress.stop();
  return { seconds: Math.round((performance.now() - t) / 100) / 10 };
}

async function countRows(db: Kysely<DB>) {
  const r = await sql<{
    firms: number;
    listings: number;
  }>`select (select count(*) from firms where source = 'synthetic')::int as firms, (select count(*) from directory_listings)::int as listings`.execute(db);
  return r.rows[0];
}

/** The database the benchmark runs on: DATABASE_URL, else PGlite in --data-dir / LOKALKRAFT_DATA_DIR / a reused temp dir. */
async function openBenchDatabase(options: BenchOptions): Promise<Database> {
  const env = loadEnv();
  const dataDir = options.dataDir ?? process.env.LOKALKRAFT_DATA_DIR ?? join(tmpdir(), 'lokalkraft-bench-search');
  const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 10 } : { dataDir });
  await migrate(database.db);
  await loadReferenceData(database.db);
  return database;
}

export async function runSearchBench(options: BenchOptions) {
  const log = options.log;
  const database = await openBenchDatabase(options);
  const figures: Record<string, unknown> = {
    backend: database.kind,
    where: database.describe,
    cpus: cpus().length,
    load_before: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  try {
    const db = database.db;
    let counts = await countRows(db);
    if (counts.firms < options.firms) {
      log(`generating ${options.firms - counts.firms} synthetic firms (${counts.firms} already there; kept for later runs)…`);
      const progress = createProgress('generate firms', options.firms);
      const t = performance.now();
      await ensureSyntheticFirms(db, options.firms, { onProgress: (done) => progress.update(done) });
      progress.stop();
      figures.generate_s = Math.round((performance.now() - t) / 100) / 10;
    }
    if (options.products) {
      const added = await ensureStorefrontProducts(db, options.products, log);
      if (added) figures.generate_products_s = added.seconds;
      figures.storefront_products = await storefrontProductCount(db);
    }
    if (figures.generate_s !== undefined || figures.generate_products_s !== undefined || options.rebuild || counts.listings === 0) {
      log('rebuilding the directory listings…');
      let progress: ReturnType<typeof createProgress> | undefined;
      const t = performance.now();
      await syncListings(db, { onProgress: (done, total) => (progress ??= createProgress('sync listings (firms)', total)).update(done) });
      progress?.stop();
      figures.rebuild_s = Math.round((performance.now() - t) / 100) / 10;
    }
    counts = await countRows(db);
    Object.assign(figures, { firms: counts.firms, listings: counts.listings });
    log(`${counts.firms} synthetic firms, ${counts.listings} listings on ${database.kind} (${database.describe})`);

    // The engine is measured, not the result cache (which is on in the app, and measured below).
    setSearchCacheEnabled(false);
    // Warm-up: each query once (buffers, dictionaries), not timed.
    const all = Object.values(queryMix).flat();
    for (const raw of all) await searchListings(db, searchQuerySchema.parse(raw), 'nb');

    const perKind: Record<string, Percentiles & { estimated: number }> = {};
    const everything: number[] = [];
    const mix: Record<string, Raw[]> = options.products ? { ...queryMix, products: productQueries } : queryMix;
    for (const raw of mix.products ?? []) await searchListings(db, searchQuerySchema.parse(raw), 'nb');
    for (const [kind, list] of Object.entries(mix)) {
      const samples: number[] = [];
      let estimated = 0;
      for (let i = 0; i < options.queries; i++) {
        const query = searchQuerySchema.parse(list[i % list.length]);
        const t = performance.now();
        const r = await searchListings(db, query, 'nb');
        samples.push(performance.now() - t);
        if (r.estimated) estimated++;
      }
      perKind[kind] = { ...percentiles(samples), estimated };
      everything.push(...samples);
    }
    figures.search_ms = { ...perKind, all: percentiles(everything) };
    figures.http = await benchHttp(database, all, options);
    // With the result cache, as the app runs: steady state (each query asked once before timing).
    setSearchCacheEnabled(true);
    for (const raw of all) await searchListings(db, searchQuerySchema.parse(raw), 'en');
    figures.http_cached = await benchHttp(database, all, options);
  } finally {
    await database.close();
  }
  figures.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  figures.load_after = loadavg().map((x) => Math.round(x * 100) / 100);
  figures.targets = { search_p95_ms: database.kind === 'postgres' ? 25 : 40, http_p95_ms: 60 };
  return figures;
}

/** The real app (createApp); until the directory's API route exists, a minimal /api/v1/firms in front of it. */
function benchApp(database: Database) {
  const env = loadEnv({ ...process.env, LOG_LEVEL: 'silent' });
  const app = createApp({ db: database.db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
  const hasRoute = app.routes.some((r) => r.path.startsWith('/api/v1/firms'));
  if (hasRoute) return { fetch: app.fetch, realRoute: true };
  const front = new Hono<AppEnv>();
  front.get('/api/v1/firms', async (c) => {
    const query = parseOrThrow(searchQuerySchema, c.req.query(), { labels: searchLabels });
    return c.json(await searchListings(database.db, query, c.req.query('lang') === 'en' ? 'en' : 'nb'));
  });
  front.all('*', (c) => app.fetch(c.req.raw));
  return { fetch: front.fetch, realRoute: false };
}

async function benchHttp(database: Database, mix: Raw[], options: BenchOptions) {
  const { fetch: handler, realRoute } = benchApp(database);
  const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const port = (server.address() as AddressInfo).port;
  const urls = mix.map((raw) => `http://127.0.0.1:${port}/api/v1/firms?${new URLSearchParams(raw)}`);
  const spec: LoadSpec = { urls, concurrency: options.concurrency, requests: options.httpRequests, seconds: options.httpSeconds };
  let result: LoadResult;
  try {
    const worker = new Worker(new URL('./directory.bench-client.js', import.meta.url), { workerData: spec });
    result = await new Promise<LoadResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`load worker exited with ${code}`)));
    });
    await worker.terminate();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const { samples, errors, seconds } = result;
  return {
    route: realRoute ? 'app' : 'bench-minimal',
    concurrency: options.concurrency,
    requests: samples.length,
    errors,
    rps: Math.round(samples.length / seconds),
    ...percentiles(samples),
  };
}

export function formatBench(f: Record<string, any>): string {
  const lines: string[] = [];
  lines.push(`search benchmark on ${f.backend} (${f.where}) — ${f.firms} synthetic firms, ${f.listings} listings`);
  if (f.generate_s !== undefined) lines.push(`  generated firms in ${f.generate_s} s`);
  if (f.storefront_products !== undefined)
    lines.push(
      `  ${f.storefront_products} storefront products in the directory${f.generate_products_s !== undefined ? ` (added in ${f.generate_products_s} s)` : ''}`,
    );
  if (f.rebuild_s !== undefined) lines.push(`  full listing rebuild in ${f.rebuild_s} s`);
  lines.push('', `  ${'query kind'.padEnd(24)} ${'n'.padStart(5)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}   (ms)`);
  for (const [kind, p] of Object.entries(f.search_ms as Record<string, Percentiles & { estimated?: number }>)) {
    const note = p.estimated ? `  ${p.estimated} with estimated counts` : '';
    lines.push(
      `  ${kind.padEnd(24)} ${String(p.n).padStart(5)} ${p.p50.toFixed(1).padStart(8)} ${p.p95.toFixed(1).padStart(8)} ${p.p99.toFixed(1).padStart(8)} ${p.max.toFixed(1).padStart(8)}${note}`,
    );
  }
  const h = f.http;
  lines.push(
    '',
    `  GET /api/v1/firms (${h.route === 'app' ? "the app's route" : 'minimal route in front of the app'}), ${h.concurrency} concurrent connections, the same query mix`,
  );
  for (const [label, x] of [
    ['http (no result cache)', f.http],
    ['http (result cache on)', f.http_cached],
  ] as const) {
    lines.push(
      `  ${label.padEnd(24)} ${String(x.n).padStart(5)} ${x.p50.toFixed(1).padStart(8)} ${x.p95.toFixed(1).padStart(8)} ${x.p99.toFixed(1).padStart(8)} ${x.max.toFixed(1).padStart(8)}   ${x.rps} req/s, ${x.errors} errors`,
    );
  }
  lines.push('', `  peak RSS of this process: ${f.peak_rss_mb} MB${f.backend === 'postgres' ? ' (the PostgreSQL server is not included)' : ''}`);
  lines.push(
    `  load average (1/5/15 min) before ${f.load_before.join(' ')}, after ${f.load_after.join(' ')} on ${f.cpus} CPUs: other work on the machine shows in these figures`,
  );
  lines.push(`  targets: search p95 ≤ ${f.targets.search_p95_ms} ms, HTTP p95 ≤ ${f.targets.http_p95_ms} ms`);
  return lines.join('\n');
}
