// `lokalkraft bench navigator`: the nightly "notify me" matching — every offer of the catalogue
// against every firm's facts, with reasons and ranking — for synthetic Nordic firms, in memory.
import { performance } from 'node:perf_hooks';
import { compileOffer, type FirmFacts, rankOffers } from '../src/modules/navigator/navigator.match.js';
import { readOfferFile } from '../src/modules/navigator/navigator.service.js';
import { createSyntheticSource, makeSyntheticFirms } from './synthetic.js';

export interface NavigatorBenchOptions {
  firms: number;
  batch: number;
  /** The catalogue repeated this many times (1 = the 56 real offers). */
  catalogueCopies: number;
  log: (line: string) => void;
}

export interface NavigatorBenchFigures {
  firms: number;
  offers: number;
  seconds: number;
  /** CPU time of the process while matching (on a shared machine the wall time also holds waiting for a core). */
  cpuSeconds: number;
  firmsPerSecond: number;
  checksPerSecond: number;
  batchMs: { p50: number; p95: number; p99: number; max: number };
  fitting: { fits: number; check: number; ruledOut: number };
  peakRssMb: number;
  generateSeconds: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runNavigatorBench(o: NavigatorBenchOptions): Promise<NavigatorBenchFigures> {
  const base = readOfferFile();
  const records = Array.from({ length: o.catalogueCopies }, (_, copy) => base.map((r) => ({ ...r, id: copy ? `${r.id}-${copy}` : r.id }))).flat();
  const offers = records.map(compileOffer);
  o.log(`bench navigator: ${offers.length} offers, generating ${o.firms.toLocaleString('en-US')} synthetic firms…`);
  const t0 = performance.now();
  const source = createSyntheticSource({ descriptionShare: 0, productShare: 0, establishmentShare: 0 });
  const counters = { firm: { NO: 0, SE: 0, FI: 0 }, establishment: { NO: 0, SE: 0, FI: 0 } };
  const today = new Date();
  const year = today.getUTCFullYear();
  const facts: FirmFacts[] = makeSyntheticFirms(source, 0, o.firms, counters).map((f) => ({
    country: f.country,
    municipality: f.municipality_code,
    county: source.countyOf.get(`${f.country}:${f.municipality_code}`) ?? null,
    nace: f.nace_code,
    employees: f.employees,
    turnover: null,
    turnoverCurrency: null,
    turnoverEur: null,
    ageYears: Math.max(0, year - Number(f.registered_on.slice(0, 4))),
  }));
  const generateSeconds = (performance.now() - t0) / 1000;
  o.log(`  generated in ${generateSeconds.toFixed(1)} s; matching…`);

  let peakRss = process.memoryUsage().rss;
  const batches: number[] = [];
  const fitting = { fits: 0, check: 0, ruledOut: 0 };
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < facts.length; i += o.batch) {
    const b0 = performance.now();
    for (const firm of facts.slice(i, i + o.batch)) {
      for (const { result } of rankOffers(offers, firm, today)) {
        if (result.status === 'fits') fitting.fits += 1;
        else if (result.status === 'check') fitting.check += 1;
        else fitting.ruledOut += 1;
      }
    }
    batches.push(performance.now() - b0);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const sorted = [...batches].sort((a, b) => a - b);
  return {
    firms: facts.length,
    offers: offers.length,
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    firmsPerSecond: Math.round(facts.length / seconds),
    checksPerSecond: Math.round((facts.length * offers.length) / seconds),
    batchMs: {
      p50: Number(percentile(sorted, 50).toFixed(1)),
      p95: Number(percentile(sorted, 95).toFixed(1)),
      p99: Number(percentile(sorted, 99).toFixed(1)),
      max: Number((sorted.at(-1) ?? 0).toFixed(1)),
    },
    fitting,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    generateSeconds: Number(generateSeconds.toFixed(1)),
  };
}

export function formatNavigatorBench(f: NavigatorBenchFigures, batch: number): string {
  return [
    `bench navigator: ${f.firms.toLocaleString('en-US')} firms × ${f.offers} offers matched and ranked with reasons in ${f.seconds} s wall (${f.cpuSeconds} s CPU)`,
    `  ${f.firmsPerSecond.toLocaleString('en-US')} firms/s · ${f.checksPerSecond.toLocaleString('en-US')} offer checks/s · per ${batch} firms: p50 ${f.batchMs.p50} ms, p95 ${f.batchMs.p95} ms, p99 ${f.batchMs.p99} ms, max ${f.batchMs.max} ms`,
    `  results: ${f.fitting.fits.toLocaleString('en-US')} fit, ${f.fitting.check.toLocaleString('en-US')} to check, ${f.fitting.ruledOut.toLocaleString('en-US')} ruled out · peak RSS ${f.peakRssMb} MB · (synthetic firms generated in ${f.generateSeconds} s, not counted)`,
  ].join('\n');
}
