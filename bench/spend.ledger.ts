import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { completeNationalId } from '../src/modules/registry/national-id.js';

/**
 * A realistic Finnish municipal purchase ledger (the six-city / Kuntaliitto layout, semicolon,
 * decimal comma, amounts like "1 234,50"), deterministic: the benchmark's and the tests' input.
 */
export interface LedgerSupplier {
  id: string;
  name: string;
}

const accounts = [
  ['4300', 'Asiantuntijapalvelut'],
  ['4340', 'Rakentamispalvelut'],
  ['4400', 'Kuljetuspalvelut'],
  ['4500', 'Ruokapalvelut'],
  ['4600', 'Siivouspalvelut'],
  ['4700', 'Painatus ja ilmoitukset'],
  ['4800', 'Elintarvikkeet'],
  ['4900', 'Tarvikkeet'],
] as const;
const classes = ['Perusopetus', 'Varhaiskasvatus', 'Vanhuspalvelut', 'Kadut ja tiet', 'Kirjasto', 'Liikuntapalvelut', 'Hallinto'];

/** A small deterministic generator (xorshift) so every run writes the same ledger. */
export function random(seed: number) {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function syntheticSuppliers(count: number): LedgerSupplier[] {
  const out: LedgerSupplier[] = [];
  let body = 2_900_000;
  for (let i = 0; i < count; i++) {
    let id = completeNationalId('FI', body++);
    while (!id) id = completeNationalId('FI', body++);
    out.push({ id, name: `Toimittaja ${i} Oy` });
  }
  return out;
}

const euro = (cents: number) => {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${neg ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
};

/** Writes `lines` invoice lines over `years` years; returns the exact total (cents, net of VAT). */
export async function writeLedger(
  path: string,
  lines: number,
  suppliers: LedgerSupplier[],
  options: { startYear?: number; years?: number; seed?: number } = {},
): Promise<number> {
  const rnd = random(options.seed ?? 42);
  const out = createWriteStream(path);
  const startYear = options.startYear ?? 2022;
  const years = options.years ?? 3;
  let total = 0;
  let buf = 'Tositepäivämäärä;Toimittajan Y-tunnus;Toimittajan nimi;Tili;Tilin nimi;Palveluluokka;Summa ALV0 euroina;Kokonaissumma euroina\n';
  for (let i = 0; i < lines; i++) {
    // A few suppliers take most of the money (Zipf-like), as in real ledgers.
    const s = suppliers[Math.floor(suppliers.length * rnd() ** 3)]!;
    const [acc, accName] = accounts[Math.floor(rnd() * accounts.length)]!;
    const cents = Math.round(rnd() ** 2 * 500_000) + 100 - (rnd() < 0.01 ? 2 * 50_000 : 0);
    total += cents;
    const y = startYear + Math.floor(rnd() * years);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    buf += `${d}.${m}.${y};${s.id};${s.name};${acc};${accName};${classes[i % classes.length]};${euro(cents)};${euro(Math.round(cents * 1.255))}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return total;
}
