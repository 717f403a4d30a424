import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import { listMunicipalities } from '../src/modules/places/places.service.js';
import { insertFirmsInBulk, type BulkFirm } from '../src/modules/registry/registry.service.js';
import { importNoticeFile } from '../src/modules/procurement/procurement.import.js';
import { firmContext, openMatchesForFirm, runMatching } from '../src/modules/procurement/procurement.matching.js';
import { loadPlaceIndex } from '../src/modules/procurement/procurement.places.js';
import { cpvNaceTable, nutsTable } from '../src/modules/procurement/procurement.reference.js';

/**
 * `lokalkraft bench procurement`: (1) imports synthetic notices through the real readers and
 * upsert — an OCDS release package and an eForms file — reporting records/s and the process's
 * peak memory; (2) inserts synthetic firms and runs the matching (local-firm counts for every
 * open notice), reporting seconds; (3) times a firm's "matching open notices" page query.
 * PGlite in a temp directory, or the PostgreSQL database given (use a scratch database: the
 * benchmark's notices and firms are added to it).
 */
export interface ProcurementBenchFigures {
  backend: 'pglite' | 'postgres';
  notices: { ocds: number; eforms: number; ocdsPerSecond: number; eformsPerSecond: number; fileMb: number; seconds: number };
  peakRssMb: number;
  firms: { count: number; insertSeconds: number };
  matching: { openNotices: number; firms: number; seconds: number; firmScanSeconds: number };
  firmPage: { samples: number; p50Ms: number; p95Ms: number };
  loadAverage: number;
}

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

const nutsOf = (country: string) => Object.keys(nutsTable().nuts3).filter((k) => k.startsWith(country));
const mappedDivisions = () => Object.entries(cpvNaceTable().divisions).filter(([, v]) => v.nace.length);

async function writeAll(path: string, lines: Iterable<string>) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** A notice's shape for both formats: its country, NUTS, CPV, deadline (open or closed). */
function* noticeSpecs(n: number, open: number, seed: number, now: Date) {
  const rnd = prng(seed);
  const divisions = mappedDivisions();
  const countries = ['NO', 'SE', 'FI'] as const;
  for (let i = 0; i < n; i++) {
    const country = countries[i % 3]!;
    const nuts = nutsOf(country);
    const [div] = divisions[Math.floor(rnd() * divisions.length)]!;
    const isOpen = i % Math.max(1, Math.round(n / Math.max(1, open))) === 0;
    const days = isOpen ? 5 + Math.floor(rnd() * 60) : -(10 + Math.floor(rnd() * 700));
    yield {
      i,
      country,
      nuts: nuts[Math.floor(rnd() * nuts.length)]!,
      cpv: `${div}${String(Math.floor(rnd() * 10)).padEnd(6, '0')}`,
      deadline: new Date(now.getTime() + days * 86_400_000).toISOString(),
      amount: Math.floor(rnd() * 5_000_000) * 10,
    };
  }
}

function* ocdsPackage(specs: Iterable<ReturnType<typeof noticeSpecs> extends Generator<infer T> ? T : never>) {
  yield '{"uri":"bench","publishedDate":"2026-12-01T00:00:00Z","releases":[';
  let first = true;
  for (const s of specs) {
    const release = {
      ocid: `ocds-bench-${s.i}`,
      id: `bench-${s.i}`,
      date: '2026-11-01T10:00:00+01:00',
      tag: ['tender'],
      language: 'nb',
      buyer: { id: 'ORG-1' },
      parties: [
        {
          id: 'ORG-1',
          name: `Bench buyer ${s.i % 500}`,
          roles: ['buyer'],
          additionalIdentifiers: [{ id: String(910000000 + (s.i % 500)) }],
          address: { country: s.country },
        },
      ],
      tender: {
        title: `Bench notice ${s.i}: work of CPV ${s.cpv}`,
        description: 'Synthetic notice for the procurement benchmark.',
        status: 'active',
        procurementMethod: 'open',
        value: { amount: s.amount, currency: s.country === 'NO' ? 'NOK' : s.country === 'SE' ? 'SEK' : 'EUR' },
        tenderPeriod: { endDate: s.deadline },
        items: [{ id: '1', classification: { scheme: 'CPV', id: s.cpv }, deliveryAddresses: [{ region: s.nuts }] }],
      },
    };
    yield `${first ? '' : ','}${JSON.stringify(release)}\n`;
    first = false;
  }
  yield ']}';
}

function* eformsFile(specs: Iterable<ReturnType<typeof noticeSpecs> extends Generator<infer T> ? T : never>) {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<Notices>\n';
  for (const s of specs) {
    const date = s.deadline.slice(0, 10);
    yield `<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1" xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension><efac:Organizations><efac:Organization><efac:Company><cac:PartyIdentification><cbc:ID schemeName="organization">ORG-0001</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Bench buyer ${s.i % 500}</cbc:Name></cac:PartyName><cac:PostalAddress><cac:Country><cbc:IdentificationCode listName="country">${s.country === 'NO' ? 'NOR' : s.country === 'SE' ? 'SWE' : 'FIN'}</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyLegalEntity><cbc:CompanyID>${920000000 + (s.i % 500)}</cbc:CompanyID></cac:PartyLegalEntity></efac:Company></efac:Organization></efac:Organizations></efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
<cbc:ID schemeName="notice-id">bench-ef-${s.i}</cbc:ID><cbc:IssueDate>2026-11-01+01:00</cbc:IssueDate><cbc:VersionID>01</cbc:VersionID><cbc:NoticeTypeCode listName="competition">cn-standard</cbc:NoticeTypeCode><cbc:NoticeLanguageCode>NOB</cbc:NoticeLanguageCode>
<cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID schemeName="organization">ORG-0001</cbc:ID></cac:PartyIdentification></cac:Party></cac:ContractingParty>
<cac:ProcurementProject><cbc:Name languageID="NOB">Bench eForms notice ${s.i}</cbc:Name><cbc:Description languageID="NOB">Synthetic.</cbc:Description><cac:RequestedTenderTotal><cbc:EstimatedOverallContractAmount currencyID="NOK">${s.amount}.00</cbc:EstimatedOverallContractAmount></cac:RequestedTenderTotal><cac:MainCommodityClassification><cbc:ItemClassificationCode listName="cpv">${s.cpv}</cbc:ItemClassificationCode></cac:MainCommodityClassification><cac:RealizedLocation><cac:Address><cbc:CountrySubentityCode listName="nuts">${s.nuts}</cbc:CountrySubentityCode></cac:Address></cac:RealizedLocation></cac:ProcurementProject>
<cac:ProcurementProjectLot><cbc:ID schemeName="Lot">LOT-0001</cbc:ID><cac:TenderingProcess><cac:TenderSubmissionDeadlinePeriod><cbc:EndDate>${date}+01:00</cbc:EndDate><cbc:EndTime>12:00:00+01:00</cbc:EndTime></cac:TenderSubmissionDeadlinePeriod></cac:TenderingProcess><cac:ProcurementProject><cbc:Name languageID="NOB">Lot 1</cbc:Name><cac:MainCommodityClassification><cbc:ItemClassificationCode listName="cpv">${s.cpv}</cbc:ItemClassificationCode></cac:MainCommodityClassification></cac:ProcurementProject></cac:ProcurementProjectLot>
</ContractNotice>\n`;
  }
  yield '</Notices>\n';
}

async function insertFirms(database: Database, count: number, log: (line: string) => void) {
  const munis = await listMunicipalities(database.db, 'en');
  const naceDivs = [...new Set(mappedDivisions().flatMap(([, v]) => v.nace))];
  const rnd = prng(7);
  const started = performance.now();
  const batch = 10_000;
  // National ids: a bench range (9 digits starting 8, no check digit needed by the bulk writer).
  const { max } = await sql<{ max: number | null }>`select count(*)::int as max from firms where source = 'bench-procurement'`
    .execute(database.db)
    .then((r) => r.rows[0]!);
  for (let done = max ?? 0; done < count; ) {
    const firms: BulkFirm[] = [];
    for (let i = 0; i < batch && done < count; i++, done++) {
      const m = munis[Math.floor(rnd() * munis.length)]!;
      const div = naceDivs[Math.floor(rnd() * naceDivs.length)]!;
      firms.push({
        country: m.country,
        national_id:
          m.country === 'FI' ? `${String(1_000_000 + done).slice(-7)}-${done % 10}` : String(800_000_000 + done).padStart(m.country === 'SE' ? 10 : 9, '5'),
        name: `Bench firm ${done}`,
        legal_form: 'AS',
        nace_code: `${div}.110`,
        nace_division: div,
        employees: 3,
        street: null,
        postcode: null,
        city: null,
        municipality_code: m.code,
        lat: null,
        lon: null,
        website: null,
        email: null,
        phone: null,
        status: 'active',
        closed_on: null,
        registered_on: null,
        language: 'nb',
        description: '{}',
        opening_hours: null,
        establishments: [],
        products: [],
      } as BulkFirm);
    }
    await insertFirmsInBulk(database.db, firms, { source: 'bench-procurement', isDemo: false });
    if (done % 100_000 < batch) log(`  firms: ${done.toLocaleString('en-US')}`);
  }
  return (performance.now() - started) / 1000;
}

export async function runProcurementBench(options: {
  notices: number;
  open: number;
  firms: number;
  databaseUrl?: string;
  log: (line: string) => void;
}): Promise<ProcurementBenchFigures> {
  const backend = options.databaseUrl ? 'postgres' : 'pglite';
  const dir = mkdtempSync(join(tmpdir(), 'lokalkraft-bench-procurement-'));
  const database = await openDatabase(backend === 'pglite' ? { dataDir: join(dir, 'db'), syncIntervalMs: 0 } : { databaseUrl: options.databaseUrl });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    options.log(`${backend}: migrating and loading reference data`);
    await migrate(database.db);
    await loadReferenceData(database.db);
    const now = new Date();
    const eformsCount = Math.max(1, Math.round(options.notices / 10));
    const ocdsCount = options.notices - eformsCount;
    const ocdsPath = join(dir, 'notices.ocds.json');
    const eformsPath = join(dir, 'notices.eforms.xml');
    options.log(`writing ${ocdsCount} OCDS releases and ${eformsCount} eForms notices`);
    await writeAll(ocdsPath, ocdsPackage(noticeSpecs(ocdsCount, Math.round((options.open * ocdsCount) / options.notices), 1, now)));
    await writeAll(eformsPath, eformsFile(noticeSpecs(eformsCount, Math.round((options.open * eformsCount) / options.notices), 2, now)));
    const fileMb = Math.round((statSync(ocdsPath).size + statSync(eformsPath).size) / 1e5) / 10;
    const places = await loadPlaceIndex(database.db);
    peak = process.memoryUsage().rss;
    options.log('importing');
    const t0 = performance.now();
    await importNoticeFile(database.db, ocdsPath, { places });
    const t1 = performance.now();
    await importNoticeFile(database.db, eformsPath, { places });
    const t2 = performance.now();
    const peakRssMb = Math.round(peak / 1e6);
    options.log(`inserting ${options.firms.toLocaleString('en-US')} firms`);
    const insertSeconds = await insertFirms(database, options.firms, options.log);
    options.log('matching');
    const m = await runMatching(database.db, now, { places });
    // A firm's page: its open matches with reasons (one query + reasons in code).
    const ids = await sql<{ id: number }>`select id from firms where source = 'bench-procurement' order by id limit 40`.execute(database.db);
    const times: number[] = [];
    for (const { id } of ids.rows) {
      const s = performance.now();
      const ctx = await firmContext(database.db, Number(id), places);
      if (ctx) await openMatchesForFirm(database.db, ctx, places, now);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
    return {
      backend,
      notices: {
        ocds: ocdsCount,
        eforms: eformsCount,
        ocdsPerSecond: Math.round(ocdsCount / ((t1 - t0) / 1000)),
        eformsPerSecond: Math.round(eformsCount / ((t2 - t1) / 1000)),
        fileMb,
        seconds: Math.round((t2 - t0) / 100) / 10,
      },
      peakRssMb,
      firms: { count: m.firms, insertSeconds: Math.round(insertSeconds * 10) / 10 },
      matching: { openNotices: m.notices, firms: m.firms, seconds: Math.round(m.seconds * 10) / 10, firmScanSeconds: Math.round(m.firmSeconds * 10) / 10 },
      firmPage: { samples: times.length, p50Ms: pct(0.5), p95Ms: pct(0.95) },
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    clearInterval(sampler);
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatProcurementBench(f: ProcurementBenchFigures): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `bench procurement (${f.backend}, load average ${f.loadAverage})`,
    `  import: ${n(f.notices.ocds)} OCDS releases at ${n(f.notices.ocdsPerSecond)} records/s · ${n(f.notices.eforms)} eForms notices at ${n(f.notices.eformsPerSecond)} records/s · ${f.notices.fileMb} MB in ${f.notices.seconds} s · peak RSS ${f.peakRssMb} MB`,
    `  matching: ${n(f.matching.openNotices)} open notices against ${n(f.matching.firms)} firms in ${f.matching.seconds} s (reading the firms ${f.matching.firmScanSeconds} s) · firms inserted in ${f.firms.insertSeconds} s`,
    `  a firm's matching open notices: p50 ${f.firmPage.p50Ms} ms, p95 ${f.firmPage.p95Ms} ms (${f.firmPage.samples} firms)`,
  ].join('\n');
}
