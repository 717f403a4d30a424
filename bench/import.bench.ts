import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { createGzip } from 'node:zlib';
import { loadEnv } from '../src/config/env.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { AppError } from '../src/shared/errors.js';
import { moduleDataPath, projectRoot } from '../src/shared/paths.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import { completeNationalId } from '../src/modules/registry/national-id.js';
import { countFirmsForBench, emptyRegisterForBench } from '../src/modules/registry/importers/import.repository.js';
import { importRegisterFiles } from '../src/modules/registry/importers/import.service.js';

export interface BenchResult {
  backend: 'pglite' | 'postgres';
  status: 'succeeded' | 'failed';
  records: number;
  created: number;
  rejected: number;
  seconds: number;
  recordsPerSecond: number;
  /** Of `seconds`, the directory rebuild at the end (the registry rate excludes it). */
  directorySeconds: number;
  registryRecordsPerSecond: number;
  peakRssMb: number;
  startRssMb: number;
  fileMb: number;
  generateSeconds: number;
  error?: string;
}

/** A small deterministic PRNG, so two runs of the benchmark import the same file. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = [
  'BAKERI',
  'BYGG',
  'FISK',
  'REGNSKAP',
  'HÅNDVERK',
  'TRANSPORT',
  'GÅRD',
  'ELEKTRO',
  'DATA',
  'REISELIV',
  'FRISØR',
  'SNEKKERI',
  'MAT',
  'HELSE',
  'KONSULT',
  'EIENDOM',
  'MASKIN',
  'SKOG',
  'RØR',
  'MALER',
];
const surnames = [
  'HANSEN',
  'JOHANSEN',
  'OLSEN',
  'LARSEN',
  'ANDERSEN',
  'PEDERSEN',
  'NILSEN',
  'KRISTIANSEN',
  'JENSEN',
  'KARLSEN',
  'JOHNSEN',
  'PETTERSEN',
  'ERIKSEN',
  'BERG',
  'HAUGEN',
  'HAGEN',
  'JOHANNESSEN',
  'ANDREASSEN',
  'JACOBSEN',
  'DAHL',
];
const streets = ['Kjerkgata', 'Storgata', 'Fjellveien', 'Sjøgata', 'Industriveien', 'Skolegata', 'Parkveien', 'Bakkeveien', 'Hagegata', 'Elvegata'];
const forms = [
  { kode: 'AS', beskrivelse: 'Aksjeselskap', w: 0.42 },
  { kode: 'ENK', beskrivelse: 'Enkeltpersonforetak', w: 0.38 },
  { kode: 'NUF', beskrivelse: 'Norskregistrert utenlandsk foretak', w: 0.04 },
  { kode: 'DA', beskrivelse: 'Selskap med delt ansvar', w: 0.03 },
  { kode: 'FLI', beskrivelse: 'Forening/lag/innretning', w: 0.09 },
  { kode: 'SA', beskrivelse: 'Samvirkeforetak', w: 0.04 },
];

/**
 * Writes `records` enheter in the shape of Brønnøysund's bulk download (gzip JSON array),
 * streamed: about 1 KB per record before compression, realistic field mix, valid numbers
 * (all below 800 000 000, where no real organisasjonsnummer lies), ~2 % old municipality
 * codes, ~1 % bankrupt, ~1 % being wound up, ~0.5 % deleted.
 */
export async function writeSyntheticBrregFile(path: string, records: number): Promise<void> {
  const rand = prng(20240101);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const municipalities = (
    JSON.parse(readFileSync(moduleDataPath('places', 'municipalities.json'), 'utf8')) as { country: string; code: string; primaryName: string }[]
  ).filter((m) => m.country === 'NO');
  const oldCodes = ['1640', '1601', '0301', '1201', '1902', '0602', '1103', '0402'];
  const divisions = (JSON.parse(readFileSync(moduleDataPath('registry', 'nace.json'), 'utf8')) as { divisions: { code: string; names: { nb?: string } }[] })
    .divisions;
  const gzip = createGzip({ level: 3 });
  const out = createWriteStream(path);
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  await write('[');
  let body = 10_000_000;
  let chunk: string[] = [];
  for (let i = 0; i < records; i++) {
    let orgnr: string | undefined;
    while (!(orgnr = completeNationalId('NO', body++)));
    const r = rand();
    let acc = 0;
    const form = forms.find((f) => (acc += f.w) > r) ?? forms[0];
    const m = pick(municipalities);
    const code = rand() < 0.02 ? pick(oldCodes) : m.code;
    const division = pick(divisions);
    const employees = form.kode === 'ENK' ? (rand() < 0.8 ? 0 : 1) : Math.floor(rand() ** 3 * 200);
    const postnummer = String(Math.floor(rand() * 9000) + 1000);
    const city = m.primaryName.toUpperCase();
    const name = form.kode === 'ENK' ? `${pick(surnames)} ${pick(words)}` : `${pick(words)} ${pick(surnames)} ${pick(words)} ${form.kode}`;
    const year = 1990 + Math.floor(rand() * 34);
    const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const fate = rand();
    const rec: Record<string, unknown> = {
      organisasjonsnummer: orgnr,
      navn: name,
      organisasjonsform: {
        kode: form.kode,
        beskrivelse: form.beskrivelse,
        _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/${form.kode}` } },
      },
      registreringsdatoEnhetsregisteret: date,
      registrertIMvaregisteret: rand() < 0.6,
      naeringskode1: { kode: `${division.code}.${String(Math.floor(rand() * 1000)).padStart(3, '0')}`, beskrivelse: division.names.nb ?? '' },
      harRegistrertAntallAnsatte: employees > 0,
      ...(employees > 0 ? { antallAnsatte: employees } : {}),
      forretningsadresse: {
        land: 'Norge',
        landkode: 'NO',
        postnummer,
        poststed: city,
        adresse: [`${pick(streets)} ${1 + Math.floor(rand() * 120)}`],
        kommune: city,
        kommunenummer: code,
      },
      stiftelsesdato: date,
      institusjonellSektorkode: { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' },
      registrertIForetaksregisteret: form.kode !== 'FLI',
      registrertIStiftelsesregisteret: false,
      registrertIFrivillighetsregisteret: form.kode === 'FLI',
      konkurs: fate < 0.01,
      ...(fate < 0.01 ? { konkursdato: '2024-03-01' } : {}),
      underAvvikling: fate >= 0.01 && fate < 0.02,
      ...(fate >= 0.01 && fate < 0.02 ? { underAvviklingDato: '2024-05-02' } : {}),
      underTvangsavviklingEllerTvangsopplosning: false,
      maalform: 'Bokmål',
      ...(fate >= 0.02 && fate < 0.025 ? { slettedato: '2024-06-30' } : {}),
      ...(rand() < 0.3
        ? {
            postadresse: {
              land: 'Norge',
              landkode: 'NO',
              postnummer,
              poststed: city,
              adresse: [`Postboks ${Math.floor(rand() * 900) + 1}`],
              kommune: city,
              kommunenummer: code,
            },
          }
        : {}),
      ...(rand() < 0.2 ? { hjemmeside: `www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.no` } : {}),
      ...(rand() < 0.5 ? { aktivitet: [`${division.names.nb ?? 'Drift'} og det som naturlig hører til`] } : {}),
      sisteInnsendteAarsregnskap: String(2023),
      _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}` } },
    };
    chunk.push(JSON.stringify(rec));
    if (chunk.length === 1000) {
      await write((i >= 1000 ? ',' : '') + chunk.join(','));
      chunk = [];
    }
  }
  if (chunk.length) await write((records > chunk.length ? ',' : '') + chunk.join(','));
  await write(']');
  gzip.end();
  await once(out, 'finish');
}

/** Writes the file in a worker thread, so its garbage is not in the heap whose peak is measured. */
async function generateInWorker(file: string, records: number): Promise<void> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { generate: { file, records } } });
  const [code] = (await once(worker, 'exit')) as [number];
  // Benchmark tooling: text for the operator at the command line, never shown on a page.
  if (code !== 0) throw new AppError('internal', `generating the benchmark file failed (exit code ${code})`);
}

if (!isMainThread && (workerData as { generate?: { file: string; records: number } })?.generate) {
  const { file, records } = (workerData as { generate: { file: string; records: number } }).generate;
  await writeSyntheticBrregFile(file, records);
}

/** Opens the benchmark database: PGlite in a temp dir (migrated in a child process), or DATABASE_URL. */
async function openBenchDatabase(dir: string): Promise<Database> {
  const env = loadEnv();
  if (env.DATABASE_URL) {
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL });
    await migrate(database.db);
    await loadReferenceData(database.db);
    const name = new URL(env.DATABASE_URL).pathname.slice(1);
    if ((await countFirmsForBench(database.db)) > 0) {
      if (!/bench/i.test(name)) {
        await database.close();
        // CLI text for the operator, never shown on a page.
        throw new AppError(
          'conflict',
          `bench import writes synthetic firms: point DATABASE_URL at an empty scratch database or one whose name contains "bench" (e.g. …/lk_bench_import), not "${name}"`,
        );
      }
      await emptyRegisterForBench(database.db);
    }
    return database;
  }
  // initdb costs ~800 MB of RSS in the process that runs it; do it in a child so the figure measured is the import's.
  const dataDir = join(dir, 'pglite');
  const child = spawnSync(process.execPath, [join(projectRoot, 'bin', 'lokalkraft.mjs'), 'migrate'], {
    env: { ...process.env, DATABASE_URL: '', LOKALKRAFT_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  // CLI text for the operator, never shown on a page.
  if (child.status !== 0) throw new AppError('internal', `preparing the benchmark database failed: ${child.stderr || child.stdout}`);
  return openDatabase({ dataDir, pgliteSharedBuffers: '32MB' });
}

export async function runImportBenchmark(options: { records: number; batchSize?: number; log?: (line: string) => void }): Promise<BenchResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-bench-import-'));
  const file = join(dir, 'enheter_alle.json.gz');
  try {
    log(`generating ${options.records.toLocaleString('en-US')} synthetic enheter → ${file}`);
    const g0 = performance.now();
    await generateInWorker(file, options.records);
    const generateSeconds = (performance.now() - g0) / 1000;
    log(`  ${(statSync(file).size / 1e6).toFixed(0)} MB in ${generateSeconds.toFixed(1)} s; preparing the database`);
    const database = await openBenchDatabase(dir);
    try {
      global.gc?.();
      const startRss = process.memoryUsage().rss;
      let peak = startRss;
      const sample = () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      };
      // PGlite runs on this thread and can starve timers, so progress events sample too.
      const timer = setInterval(sample, 100);
      log(`importing into ${database.kind} (${database.describe})`);
      let lastLog = 0;
      const summary = await importRegisterFiles(
        database.db,
        'brreg',
        [file],
        { batchSize: options.batchSize },
        {
          onProgress: (e) => {
            sample();
            const now = performance.now();
            if (now - lastLog > 5000) {
              lastLog = now;
              const m = process.memoryUsage();
              const mb = (x: number) => Math.round(x / 1e6);
              log(
                `  ${e.counts.read.toLocaleString('en-US')} records, ${Math.round((e.bytesDone / e.bytesTotal) * 100)} % of the file · rss ${mb(m.rss)} MB (heap ${mb(m.heapUsed)}, external ${mb(m.external)})`,
              );
            }
          },
        },
      );
      clearInterval(timer);
      sample();
      return {
        backend: database.kind,
        status: summary.status,
        records: summary.read,
        created: summary.created,
        rejected: summary.rejected,
        seconds: summary.seconds,
        recordsPerSecond: summary.recordsPerSecond,
        directorySeconds: summary.directorySeconds,
        registryRecordsPerSecond: Math.round(summary.read / Math.max(summary.seconds - summary.directorySeconds, 0.001)),
        peakRssMb: Math.round(peak / 1e6),
        startRssMb: Math.round(startRss / 1e6),
        fileMb: Math.round(statSync(file).size / 1e6),
        generateSeconds,
        ...(summary.error ? { error: summary.error } : {}),
      };
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
