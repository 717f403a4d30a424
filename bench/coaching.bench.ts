import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ClientPlan, ClientResult } from './coaching.bench-client.js';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { envSchema } from '../src/config/env.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import type { DB } from '../src/db/types.js';
import { createSession, createUser, grantStaffRole } from '../src/modules/accounts/accounts.service.js';
import { loadReferenceData } from '../src/modules/reference-data.js';

/**
 * `lokalkraft bench coaching`: synthetic cases and timeline entries (default 200 000 and ten per
 * case), then the coach's home page, a filtered case list and the staff firm page requested
 * through the real app (routing, session, access, SQL, rendering) one after another; p50/p95 per
 * page. PGlite in a throw-away directory; PostgreSQL too when DATABASE_URL is set (in a new
 * database created beside it and dropped afterwards).
 */
export interface CoachingBenchFigures {
  backend: 'pglite' | 'postgres';
  cases: number;
  entries: number;
  seedSeconds: number;
  /** Cases and timeline entries written per second while seeding (set-based statements). */
  rowsPerSecond: number;
  /** Wall times as the client saw them; serverCpuMs: the server process's CPU time per request (PGlite's thread included). */
  pages: Record<'home' | 'filteredList' | 'firmPage', { samples: number; p50: number; p95: number; max: number; serverCpuMs: number }>;
  peakRssMb: number;
  loadAverage: number;
}

const organisations = 20;
const coachesPerOrg = 10;
const municipalities = [
  '2422',
  '2506',
  '2425',
  '2463',
  '2462',
  '2481',
  '2421',
  '2418',
  '2417',
  '2505',
  '5025',
  '5026',
  '3430',
  '3426',
  '3427',
  '3429',
  '3428',
  '3424',
  '320',
  '732',
];
const countries = municipalities.map((m) => (m.length === 3 ? 'FI' : m.startsWith('2') ? 'SE' : 'NO'));
const types = ['start_up', 'growth', 'digital_shift', 'crisis', 'generational_change', 'export', 'financing', 'recruitment'];
const needs = ['financing', 'marketing', 'premises', 'skills', 'recruitment', 'digital', 'export', 'ownership', 'network', 'sustainability'];

const textArray = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]`);

/** The synthetic world, set-based (one statement per table). Returns the measured coaches' user ids and a few firm ids. */
export async function seed(db: Kysely<DB>, cases: number, log: (line: string) => void) {
  const orgIds: number[] = [];
  for (let i = 0; i < organisations; i++) {
    const r = await db
      .insertInto('organisations')
      .values({ name: `Bench organisation ${i + 1}`, type: 'municipal_business_office', country: countries[i]!, email: null, phone: null, website: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.push(Number(r.id));
    await db
      .insertInto('organisation_coverage')
      .values({ organisation_id: Number(r.id), country: countries[i]!, municipality_code: municipalities[i]!, valid_from: '2020-01-01', valid_to: null })
      .execute();
  }
  // Neighbours share cases (both directions), like Sorsele ↔ Arjeplog.
  for (let i = 0; i + 1 < organisations; i += 2)
    for (const [a, b] of [
      [orgIds[i]!, orgIds[i + 1]!],
      [orgIds[i + 1]!, orgIds[i]!],
    ])
      await db
        .insertInto('sharing_agreements')
        .values({ from_organisation_id: a, to_organisation_id: b, scope: 'coaching', valid_from: '2020-01-01', valid_to: null, note: null })
        .execute();
  // Coaches: ten per organisation; the first of the first three sign in and are measured.
  const coachIds: number[][] = [];
  for (let o = 0; o < organisations; o++) {
    const ids: number[] = [];
    for (let k = 0; k < coachesPerOrg; k++) {
      const id = await createUser(db, { email: `coach${k}.org${o}@bench.example`, displayName: `Coach ${k} of ${o + 1}` });
      await grantStaffRole(db, id, orgIds[o]!, 'coach');
      ids.push(id);
    }
    coachIds.push(ids);
  }
  const firms = Math.max(organisations * 10, Math.floor(cases / 4));
  log(`seeding ${firms} firms`);
  const orgArr = sql.raw(`(array[${orgIds.join(',')}]::bigint[])`);
  await sql`
    insert into firms (country, national_id, name, legal_form, nace_code, nace_division, employees, street, postcode, city, municipality_code)
    select (${textArray(countries)})[(g % ${organisations}) + 1], (8000000000 + g)::text, 'Bench firm ' || g, 'AB', '56100', '56', g % 40,
           'Storgatan ' || (g % 90 + 1), '92431', 'Bench', (${textArray(municipalities)})[(g % ${organisations}) + 1]
    from generate_series(0, ${firms - 1}) g`.execute(db);
  const firstFirm = Number((await sql<{ id: number }>`select min(id) as id from firms where national_id = '8000000000'`.execute(db)).rows[0]!.id);
  log(`seeding ${cases} cases`);
  const coachArr = sql.raw(`(array[${coachIds.flat().join(',')}]::bigint[])`);
  // Case g belongs to organisation g % 20 and to a firm in that organisation's municipality.
  await sql`
    insert into coaching_cases (organisation_id, firm_id, title, type, status, close_reason, opened_on, closed_on, follow_up_on, firm_country, municipality_code, nace_division, needs, coach_ids, last_contact_at, created_by, updated_at)
    select ${orgArr}[(g % ${organisations}) + 1],
           ${firstFirm} + (((g / ${organisations}) % ${Math.floor(firms / organisations)}) * ${organisations} + g % ${organisations}),
           'Case ' || g, (${textArray(types)})[(g % 8) + 1],
           (array['open','active','waiting','closed'])[(g / 7) % 4 + 1],
           case when (g / 7) % 4 = 3 then 'goal_reached' end,
           current_date - (g % 1500), case when (g / 7) % 4 = 3 then current_date - (g % 1500) + 30 end,
           case when g % 9 = 0 then current_date + (g % 20) - 10 end,
           (${textArray(countries)})[(g % ${organisations}) + 1], (${textArray(municipalities)})[(g % ${organisations}) + 1], lpad(((g % 90) + 1)::text, 2, '0'),
           case when (g / 10) % 10 = g % 10 then array[(${textArray(needs)})[(g % 10) + 1]]
                else array[(${textArray(needs)})[(g % 10) + 1], (${textArray(needs)})[((g / 10) % 10) + 1]] end,
           array[${coachArr}[(g % ${organisations}) * ${coachesPerOrg} + (g / ${organisations}) % ${coachesPerOrg} + 1]],
           now() - ((g % 700) || ' days')::interval, null, now() - ((g % 50000) || ' minutes')::interval
    from generate_series(0, ${cases - 1}) g`.execute(db);
  const firstCase = Number((await sql<{ id: number }>`select min(id) as id from coaching_cases`.execute(db)).rows[0]!.id);
  // The coaches' record, from the copy the case row carries (case g: the (g / 20) % 10-th coach of its organisation).
  await sql`insert into coaching_case_coaches (case_id, user_id) select id, unnest(coach_ids) from coaching_cases`.execute(db);
  // The needs' record, from the copy the case row carries (two needs for most cases).
  await sql`insert into coaching_case_needs (case_id, need) select id, unnest(needs) from coaching_cases`.execute(db);
  log(`seeding ${cases * 10} timeline entries`);
  const chunk = 20_000;
  for (let from = 0; from < cases; from += chunk) {
    await sql`
      insert into coaching_entries (case_id, kind, author_id, title, body, meeting_at, duration_minutes, meeting_form, task_owner_id, task_due_on, task_done_at, created_at)
      select c.id, k.kind, cc.user_id, k.kind || ' ' || n, 'Synthetic text of entry ' || n,
             case when k.kind = 'meeting' then now() - ((n * 13 + c.id % 300) || ' days')::interval end,
             case when k.kind = 'meeting' then 60 end, case when k.kind = 'meeting' then 'visit' end,
             case when k.kind = 'task' then cc.user_id end,
             case when k.kind = 'task' then current_date + ((c.id + n) % 60)::int - 30 end,
             case when k.kind = 'task' and (c.id + n) % 10 <> 0 then now() end,
             now() - ((n * 11 + c.id % 500) || ' days')::interval
      from coaching_cases c
      join coaching_case_coaches cc on cc.case_id = c.id
      cross join generate_series(1, 10) n
      cross join lateral (select (array['meeting','note','email','task','note','meeting','note','email','task','note'])[n] as kind) k
      where c.id >= ${firstCase + from} and c.id < ${firstCase + Math.min(cases, from + chunk)}`.execute(db);
    if (from % 100_000 === 0) log(`  … ${Math.min(cases, from + chunk)} cases' entries`);
  }
  await sql`
    insert into coaching_consents (firm_id, organisation_id, scope, given_on, valid_to, given_by)
    select distinct firm_id, organisation_id, 'case_sharing', current_date - 100, null::date, 'Bench' from coaching_cases where firm_id % 3 = 0`.execute(db);
  await sql`
    insert into coaching_referrals (case_id, firm_id, from_organisation_id, to_organisation_id, to_body, purpose, status, created_at)
    select id, firm_id, organisation_id, null, 'Almi', 'Financing', (array['open','accepted','declined','done'])[(id % 4) + 1], now() - ((id % 400) || ' days')::interval
    from coaching_cases where id % 10 = 0`.execute(db);
  await sql`
    insert into coaching_outcomes (firm_id, organisation_id, case_id, kind, occurred_on, evidence, programme, quantity)
    select firm_id, organisation_id, id, 'jobs_created', current_date - (id % 700)::int, 'Bench', 'p' || id, 1 from coaching_cases where id % 20 = 0`.execute(
    db,
  );
  await sql`
    insert into coaching_activities (organisation_id, title, kind, starts_at, ends_at, responsible_id, firm_ids)
    select ${orgArr}[(g % ${organisations}) + 1], 'Activity ' || g, 'workshop', now() + ((g % 400 - 200) || ' days')::interval,
           now() + ((g % 400 - 200) || ' days')::interval + interval '2 hours', null, array[${firstFirm} + g % ${firms}]::bigint[]
    from generate_series(0, ${Math.max(200, Math.floor(cases / 100)) - 1}) g`.execute(db);
  // What autovacuum does soon after a bulk load on a server: statistics, and the visibility map
  // that lets the lists decide from their covering indexes alone (index-only scans).
  await sql`vacuum analyze`.execute(db);
  const entries = Number((await sql<{ n: number }>`select count(*)::int as n from coaching_entries`.execute(db)).rows[0]!.n);
  return { measured: [coachIds[0]![0]!, coachIds[1]![0]!, coachIds[2]![0]!], firstFirm, firms, entries };
}

/** Runs the plan in a forked client process and returns its timings. */
function askClient(plan: ClientPlan): Promise<ClientResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./coaching.bench-client.js', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m: { results?: ClientResult[]; error?: string }) => (m.results ? resolve(m.results) : reject(new Error(m.error))));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench client exited with ${code}`))));
    child.send(plan);
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

async function benchOne(
  backend: 'pglite' | 'postgres',
  o: { cases: number; samples: number; databaseUrl?: string; log: (line: string) => void },
): Promise<CoachingBenchFigures> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'lokalkraft-bench-coaching-')) : undefined;
  let url = o.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (backend === 'postgres' && o.databaseUrl) {
    const name = `lk_bench_coaching_${process.pid}`;
    const admin = new pg.Client({ connectionString: o.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(o.databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: o.databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const database = await openDatabase(backend === 'pglite' ? { dataDir: dir, syncIntervalMs: 0 } : { databaseUrl: url, poolSize: 4 });
  try {
    o.log(`${backend}: migrating and loading reference data`);
    await migrate(database.db);
    await loadReferenceData(database.db);
    const t0 = performance.now();
    const world = await seed(database.db, o.cases, (line) => o.log(`${backend}: ${line}`));
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const env = envSchema.parse({ LOG_LEVEL: 'silent' });
    const app = createApp({ db: database.db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
    const cookies = await Promise.all(world.measured.map(async (id) => `lk_session=${(await createSession(database.db, env, id)).token}`));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const filters = [
      'status=active&need=financing',
      'status=not_closed&type=growth&sort=opened',
      'municipality=2422&sort=status',
      'need=export&status=waiting',
    ];
    const firmIds = Array.from({ length: o.samples }, (_, i) => world.firstFirm + ((i * 7919) % world.firms));
    // Three coaches take turns; the list rotates through four filters and the firm page through
    // firms spread over the register, so no request meets the answer of the one before.
    const warmUp = 5;
    const plan: ClientPlan = {
      base: `http://127.0.0.1:${port}`,
      warmUp,
      pages: (
        [
          ['home', () => '/coaching?lang=en'],
          ['filteredList', (i: number) => `/coaching/cases?${filters[i % filters.length]}&lang=en`],
          ['firmPage', (i: number) => `/coaching/firms/${firmIds[i % firmIds.length]}?lang=en`],
        ] as const
      ).map(([name, path]) => ({
        name,
        requests: Array.from({ length: o.samples + warmUp }, (_, k) => ({ path: path(k), cookie: cookies[k % cookies.length]! })),
      })),
    };
    o.log(`${backend}: ${o.samples} requests per page from a separate client process`);
    // One client per page, so the server process's CPU time can be told per page: a figure the
    // machine's load does not inflate as it does wall times (PGlite's worker thread included; a
    // PostgreSQL server's own processes are not).
    const results: (ClientResult & { cpuMs: number })[] = [];
    try {
      for (const page of plan.pages) {
        const cpu0 = process.cpuUsage();
        const [r] = await askClient({ ...plan, pages: [page] });
        const cpu = process.cpuUsage(cpu0);
        results.push({ ...r!, cpuMs: (cpu.user + cpu.system) / 1000 / page.requests.length });
      }
    } finally {
      server.close();
    }
    const figure = (name: string) => {
      const r = results.find((x) => x.name === name)!;
      if (r.failures.length) throw new Error(`${name}: ${r.failures.slice(0, 3).join(', ')}`);
      const times = r.samples;
      o.log(`${backend}: ${name} p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms`);
      return {
        samples: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: Math.round(Math.max(...times) * 10) / 10,
        serverCpuMs: Math.round(r.cpuMs * 10) / 10,
      };
    };
    const pages = { home: figure('home'), filteredList: figure('filteredList'), firmPage: figure('firmPage') };
    return {
      backend,
      cases: o.cases,
      entries: world.entries,
      seedSeconds,
      rowsPerSecond: Math.round((o.cases + world.entries) / Math.max(seedSeconds, 0.1)),
      pages,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}

export async function runCoachingBench(o: {
  cases: number;
  samples: number;
  databaseUrl?: string;
  only?: 'pglite' | 'postgres';
  log: (line: string) => void;
}): Promise<CoachingBenchFigures[]> {
  const out: CoachingBenchFigures[] = [];
  if (o.only !== 'postgres') out.push(await benchOne('pglite', o));
  if (o.databaseUrl && o.only !== 'pglite') out.push(await benchOne('postgres', o));
  return out;
}

export function formatCoachingBench(figures: CoachingBenchFigures[]): string {
  const lines: string[] = [];
  for (const f of figures) {
    lines.push(
      `coaching on ${f.backend}: ${f.cases} cases, ${f.entries} timeline entries (seeded in ${f.seedSeconds} s, ${f.rowsPerSecond} rows/s); server peak RSS ${f.peakRssMb} MB; load average ${f.loadAverage}`,
    );
    for (const [name, p] of Object.entries(f.pages))
      lines.push(
        `  ${name.padEnd(14)} p50 ${String(p.p50).padStart(7)} ms   p95 ${String(p.p95).padStart(7)} ms   max ${p.max} ms   server CPU ${p.serverCpuMs} ms/request   (${p.samples} requests)`,
      );
  }
  return lines.join('\n');
}
