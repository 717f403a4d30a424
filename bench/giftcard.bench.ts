import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import type { DB } from '../src/db/types.js';
import { generateCode } from '../src/modules/giftcard/giftcard.code.js';
import { bookSale, checkLedger } from '../src/modules/giftcard/giftcard.ledger.js';
import * as repo from '../src/modules/giftcard/giftcard.repository.js';
import { redeemAtCounter } from '../src/modules/giftcard/giftcard.service.js';
import { isAppError } from '../src/shared/errors.js';
import type { SessionUser } from '../src/shared/http/auth.js';

/**
 * `lokalkraft bench giftcard`: `counters` concurrent shop counters redeem 1.00 at a time from
 * cards picked at random (so counters meet on the same cards), each redemption the counter's
 * service call as the page makes it for the shop's signed-in staff (access to the shop, its
 * membership that day, the typed code looked up and its expiry checked, then the ledger's entry
 * with its idempotency key, guarded debit and three postings); a share of the
 * requests is sent a second time with the same key, as a phone on a bad connection would. After
 * the run the ledger is checked against what the counters were told: every acknowledged
 * redemption is there once, no card went below zero, every entry balances, the sum is zero.
 * PGlite in a throw-away directory; PostgreSQL (DATABASE_URL) in a scratch database created
 * beside the configured one and dropped after, through the app's own pool (10 connections, as
 * `lokalkraft serve` opens it: 32 counters share them as they would share a server).
 */
export interface GiftcardBenchFigures {
  backend: 'pglite' | 'postgres';
  counters: number;
  cards: number;
  seconds: number;
  redemptions: number;
  retries: number;
  redemptionsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Acknowledged redemptions missing from the ledger (must be 0). */
  lost: number;
  /** Redemptions booked more than once for one key, or not acknowledged (must be 0). */
  duplicated: number;
  ledgerBalanced: boolean;
  peakRssMb: number;
  loadAverage: number;
}

export interface GiftcardBenchOptions {
  counters: number;
  cards: number;
  seconds: number;
  retryShare: number;
  databaseUrl?: string;
  /** A migrated PGlite directory to use instead of a new one (the smoke test's template copy); left in place. */
  pgliteDir?: string;
  log: (line: string) => void;
}

export async function runGiftcardBench(options: GiftcardBenchOptions): Promise<GiftcardBenchFigures[]> {
  const results = [await benchOne('pglite', options)];
  if (options.databaseUrl) results.push(await benchOne('postgres', options));
  return results;
}

async function scratchPostgres(url: string) {
  const name = `lk_bench_giftcard_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function setUp(db: Kysely<DB>, cards: number, counters: number) {
  const org = await sql<{
    id: number;
  }>`insert into organisations (name, type, country) values ('Bench Handel', 'retail_association', 'NO') returning id`.execute(db);
  const orgId = Number(org.rows[0]!.id);
  const programmeId = await repo.insertProgramme(db, {
    organisationId: orgId,
    name: 'Bench card',
    town: 'Bench',
    country: 'NO',
    currency: 'NOK',
    allowedValuesMinor: [1_000_000],
    validityMonths: null,
    feeBasisPoints: 200,
    feeFixedMinor: 0,
    settlementPeriod: 'month',
    issuerIban: 'NO9386011117947',
    issuerBic: null,
  });
  const shopIds: number[] = [];
  const staff: SessionUser[] = [];
  for (let i = 0; i < counters; i++) {
    const firm = await sql<{
      id: number;
    }>`insert into firms (country, national_id, name) values ('NO', ${String(980_000_000 + i)}, ${`Bench shop ${i}`}) returning id`.execute(db);
    const user = await sql<{
      id: number;
    }>`insert into users (email, display_name) values (${`counter${i}@bench.invalid`}, ${`Counter ${i}`}) returning id`.execute(db);
    // the session the counter's page would carry: the shop's firm is one this person manages
    staff.push({
      id: Number(user.rows[0]!.id),
      email: `counter${i}@bench.invalid`,
      displayName: `Counter ${i}`,
      isEmailVerified: true,
      isNetworkAdmin: false,
      roles: [],
      managedFirmIds: [Number(firm.rows[0]!.id)],
      sessionId: `bench-${i}`,
    });
    shopIds.push(
      await repo.insertShop(db, {
        programmeId,
        firmId: Number(firm.rows[0]!.id),
        establishmentId: null,
        name: `Bench shop ${i}`,
        iban: 'NO8330001234567',
        bic: null,
        joinedOn: '2020-01-01',
      }),
    );
  }
  const codes: string[] = [];
  for (let i = 0; i < cards; i++) {
    const code = generateCode();
    codes.push(code);
    await db.transaction().execute(async (trx) => {
      const id = await repo.insertCard(trx, {
        programmeId,
        code,
        batchId: null,
        orderId: null,
        valueMinor: 1_000_000,
        expiresOn: '2099-01-01',
        holderUserId: null,
      });
      await bookSale(trx, { programmeId, key: `bench-sale-${i}`, cardId: id, amountMinor: 1_000_000 });
    });
  }
  return { programmeId, shopIds, staff, codes };
}

async function benchOne(backend: 'pglite' | 'postgres', o: GiftcardBenchOptions): Promise<GiftcardBenchFigures> {
  const given = backend === 'pglite' ? o.pgliteDir : undefined;
  const dir = backend === 'pglite' ? (given ?? mkdtempSync(join(tmpdir(), 'lokalkraft-bench-giftcard-'))) : undefined;
  const scratch = backend === 'postgres' ? await scratchPostgres(o.databaseUrl!) : undefined;
  const database = await openDatabase(dir ? { dataDir: dir, syncIntervalMs: 0 } : { databaseUrl: scratch!.url });
  try {
    o.log(`${backend}: migrating, ${o.cards} cards, ${o.counters} shops`);
    await migrate(database.db);
    if (!given) await loadReferenceData(database.db); // countries, for the organisation's foreign key
    const { programmeId, shopIds, staff, codes } = await setUp(database.db, o.cards, o.counters);
    o.log(`${backend}: ${o.counters} counters redeeming for ${o.seconds} s`);
    const acked = new Map<string, number>();
    const latencies: number[] = [];
    let retries = 0;
    let n = 0;
    const until = performance.now() + o.seconds * 1000;
    const counter = async (c: number) => {
      while (performance.now() < until) {
        const formKey = `bench-${c}-${n++}`;
        // what the ledger stores for the form's key (giftcard.service.ts redeemAtCounter)
        const key = `counter:${shopIds[c]}:${formKey}`;
        const code = codes[Math.floor(Math.random() * codes.length)]!;
        const request = () => redeemAtCounter(database.db, staff[c], shopIds[c]!, { code, amountMinor: 100, key: formKey });
        const t = performance.now();
        try {
          const r = await request();
          latencies.push(performance.now() - t);
          acked.set(key, r.result.entryId);
          if (Math.random() < o.retryShare) {
            retries += 1;
            const again = await request();
            if (again.result.entryId !== r.result.entryId) acked.set(`${key}#dup`, again.result.entryId);
          }
        } catch (err) {
          if (!isAppError(err)) throw err;
        }
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: o.counters }, (_, c) => counter(c)));
    const seconds = (performance.now() - start) / 1000;

    o.log(`${backend}: checking the ledger`);
    const rows = await sql<{
      idempotency_key: string;
      id: number;
    }>`select idempotency_key, id from giftcard_entries where programme_id = ${programmeId} and kind = 'redemption'`.execute(database.db);
    const booked = new Map(rows.rows.map((r) => [r.idempotency_key, Number(r.id)]));
    let lost = 0;
    let duplicated = 0;
    for (const [key, id] of acked) {
      // a retry answered with a second entry; or acknowledged, but not in the ledger as told
      if (key.endsWith('#dup')) duplicated += 1;
      else if (booked.get(key) !== id) lost += 1;
    }
    // booked under a key nobody was told about (a request that failed after booking): also money out of step
    const unacknowledged = [...booked.keys()].filter((k) => !acked.has(k)).length;
    const check = await checkLedger(database.db, programmeId);
    const ledgerBalanced =
      check.total === 0 &&
      check.unbalancedEntries.length === 0 &&
      check.cardMismatches.length === 0 &&
      check.outstandingMinor === o.cards * 1_000_000 - booked.size * 100;
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
    return {
      backend,
      counters: o.counters,
      cards: o.cards,
      seconds: Math.round(seconds * 10) / 10,
      redemptions: booked.size,
      retries,
      redemptionsPerSecond: Math.round(booked.size / seconds),
      latencyMs: { p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), max: pick(1) },
      lost,
      duplicated: duplicated + unacknowledged,
      ledgerBalanced,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await database.close();
    if (dir && !given) rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

export function formatGiftcardBench(figures: GiftcardBenchFigures[]): string {
  return figures
    .map(
      (f) =>
        `${f.backend}: ${f.redemptionsPerSecond} redemptions/s under ${f.counters} concurrent counters (${f.redemptions} in ${f.seconds} s, ${f.cards} cards, ${f.retries} retries with the same key) · latency p50 ${f.latencyMs.p50} ms, p95 ${f.latencyMs.p95} ms, p99 ${f.latencyMs.p99} ms, max ${f.latencyMs.max} ms · lost ${f.lost}, duplicated ${f.duplicated}, ledger ${f.ledgerBalanced ? 'balanced' : 'NOT BALANCED'} · peak RSS ${f.peakRssMb} MB · load ${f.loadAverage}`,
    )
    .join('\n');
}
