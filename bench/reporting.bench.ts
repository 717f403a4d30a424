import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import * as reportingRepo from '../src/modules/reporting/reporting.repository.js';
import { computeFor, resolveScope } from '../src/modules/reporting/reporting.service.js';

/**
 * `lokalkraft bench reporting`: a synthetic network (ten organisations, a project spanning them)
 * with 100 000 firms and 1 000 000 recorded activities — coaching meetings, outcomes, event
 * attendance and course completions — seeded set-based into the modules' own tables (here in the
 * bench only); then, in a separate process that has read nothing yet, the project's full ERDF
 * report for the year requested through the real app as its coordinator (access, every module's
 * source, counting once, size at the time of support, rendering), then again to see the warm time.
 * PostgreSQL when DATABASE_URL is set (a new database beside it, dropped afterwards), else PGlite.
 */
export interface ReportingBenchFigures {
  backend: 'pglite' | 'postgres';
  firms: number;
  activities: number;
  seedSeconds: number;
  /** The first request in a fresh process, then the following ones. */
  coldMs: number;
  runsMs: number[];
  p50Ms: number;
  /** The computation alone (sources + counting), in the measuring process. */
  computeMs: number;
  factsRead: number;
  firmsCounted: number;
  figures: { code: string; value: number | null; split?: Record<string, number> }[];
  peakRssMb: number;
  loadAverage: number;
}

const organisations = 10;
const period = { from: '2025-01-01', to: '2025-12-31' };

/** The synthetic world, set-based. Returns the project id and the coordinator's user id. */
export async function seed(db: Kysely<DB>, o: { firms: number; activities: number }, log: (line: string) => void) {
  const orgIds: number[] = [];
  for (let i = 0; i < organisations; i++) {
    const r = await db
      .insertInto('organisations')
      .values({ name: `Bench municipality ${i + 1}`, type: 'municipal_business_office', country: 'SE', email: null, phone: null, website: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.push(Number(r.id));
  }
  const orgArr = sql.raw(`(array[${orgIds.join(',')}]::bigint[])`);
  const coordinator = await createUser(db, { email: 'coordinator@bench.example', displayName: 'Coordinator' });
  await grantStaffRole(db, coordinator, orgIds[0]!, 'org_admin');
  // The activities: half meetings, 30 % attendance, 15 % completions, 5 % outcomes.
  const meetings = Math.floor(o.activities * 0.5);
  const attendance = Math.floor(o.activities * 0.3);
  const completions = Math.floor(o.activities * 0.15);
  const outcomes = o.activities - meetings - attendance - completions;
  log(`seeding ${o.firms} firms`);
  await sql`
    insert into firms (country, national_id, name, legal_form, nace_code, nace_division, employees, registered_on, municipality_code)
    select 'SE', (7000000000 + g)::text, 'Bench firm ' || g, 'AB', '47190', '47',
           case when g % 17 = 0 then null else (g * 7) % 300 end, date '2025-06-01' - (g % 4000), '2422'
    from generate_series(0, ${o.firms - 1}) g`.execute(db);
  const firstFirm = Number((await sql<{ id: number }>`select min(id) as id from firms where national_id = '7000000000'`.execute(db)).rows[0]!.id);
  const cases = Math.max(100, Math.floor(meetings / 8));
  log(`seeding ${cases} cases, ${meetings} meetings`);
  await sql`
    insert into coaching_cases (organisation_id, firm_id, title, type, status, opened_on, firm_country, municipality_code)
    select ${orgArr}[(g % ${organisations}) + 1], ${firstFirm} + ((g::bigint * 7919) % ${o.firms}), 'Case ' || g, 'growth', 'active', date '2024-12-01', 'SE', '2422'
    from generate_series(0, ${cases - 1}) g`.execute(db);
  const firstCase = Number((await sql<{ id: number }>`select min(id) as id from coaching_cases`.execute(db)).rows[0]!.id);
  await sql`
    insert into coaching_entries (case_id, kind, title, meeting_at, meeting_form, duration_minutes)
    select ${firstCase} + (g % ${cases}), 'meeting', 'Meeting', timestamptz '2025-01-01 08:00+01' + ((g % 364) || ' days')::interval, 'visit', 30 + (g % 4) * 30
    from generate_series(0, ${meetings - 1}) g`.execute(db);
  log(`seeding ${outcomes} outcomes`);
  await sql`
    insert into coaching_outcomes (firm_id, organisation_id, kind, occurred_on, evidence, programme, quantity)
    select ${firstFirm} + ((g::bigint * 104729) % ${o.firms}), ${orgArr}[(g % ${organisations}) + 1],
           (array['new_product','new_market','jobs_created','funding'])[(g % 4) + 1], date '2025-01-01' + (g % 364),
           case when g % 9 = 0 then '' else 'Invoice' end, 'p' || g, case when g % 4 = 2 then 1 + g % 3 end
    from generate_series(0, ${outcomes - 1}) g`.execute(db);
  const perEvent = 100;
  const events = Math.max(1, Math.ceil(attendance / perEvent));
  log(`seeding ${events} events, ${attendance} attendances`);
  await sql`
    insert into events (title, description, kind, time_zone, starts_at, ends_at, country, audience, questions, status)
    select jsonb_build_object('sv', 'Workshop ' || g), '{}'::jsonb, 'workshop', 'Europe/Stockholm',
           timestamptz '2025-01-01 09:00+01' + ((g % 364) || ' days')::interval, timestamptz '2025-01-01 12:00+01' + ((g % 364) || ' days')::interval,
           'SE', 'public', '[]'::jsonb, 'published'
    from generate_series(0, ${events - 1}) g`.execute(db);
  const firstEvent = Number((await sql<{ id: number }>`select min(id) as id from events`.execute(db)).rows[0]!.id);
  await sql`insert into event_organisers (event_id, organisation_id, is_lead) select id, ${orgArr}[(id % ${organisations}) + 1], true from events`.execute(db);
  await sql`
    insert into event_registrations (event_id, status, firm_id, name, locale, answers, token, checked_in_at)
    select ${firstEvent} + g / ${perEvent}, 'confirmed', ${firstFirm} + ((g::bigint * 31) % ${o.firms}), 'Participant', 'sv',
           case when g % 3 = 0 then '{"gender":"woman"}'::jsonb when g % 3 = 1 then '{"gender":"man"}'::jsonb else '{}'::jsonb end,
           'bench-token-' || lpad(g::text, 12, '0'), timestamptz '2025-01-01 09:00+01' + (((g / ${perEvent}) % 364) || ' days')::interval
    from generate_series(0, ${attendance - 1}) g`.execute(db);
  await sql`
    insert into event_attendance (event_id, firm_id, registration_id, checked_in_at)
    select event_id, firm_id, min(id), min(checked_in_at) from event_registrations group by event_id, firm_id`.execute(db);
  const learners = 100;
  const courses = Math.max(1, Math.ceil(completions / learners));
  log(`seeding ${courses} courses, ${completions} completions`);
  await sql`
    insert into users (email, display_name) select 'learner' || g || '@bench.example', 'Learner ' || g from generate_series(0, ${learners - 1}) g`.execute(db);
  const firstLearner = Number((await sql<{ id: number }>`select min(id) as id from users where email like 'learner%'`.execute(db)).rows[0]!.id);
  await sql`
    insert into academy_courses (author_organisation_id, topic, level, languages, title)
    select ${orgArr}[(g % ${organisations}) + 1], 'instagram', 'beginner', '["sv"]'::jsonb, jsonb_build_object('sv', 'Kurs ' || g)
    from generate_series(0, ${courses - 1}) g`.execute(db);
  const firstCourse = Number((await sql<{ id: number }>`select min(id) as id from academy_courses`.execute(db)).rows[0]!.id);
  await sql`
    insert into academy_enrolments (course_id, user_id, firm_id, organisation_id, enrolled_at, completed_at, completed_version)
    select ${firstCourse} + g / ${learners}, ${firstLearner} + g % ${learners}, ${firstFirm} + ((g::bigint * 613) % ${o.firms}), ${orgArr}[((g / ${learners}) % ${organisations}) + 1],
           timestamptz '2025-01-01 10:00+01' + ((g % 360) || ' days')::interval, timestamptz '2025-01-02 10:00+01' + ((g % 360) || ' days')::interval, 1
    from generate_series(0, ${completions - 1}) g`.execute(db);
  log('seeding firm sizes on dates');
  await sql`
    insert into reporting_firm_facts (firm_id, observed_on, employees, source)
    select ${firstFirm} + g, date '2024-12-31', (g * 13) % 400, 'bench' from generate_series(0, ${o.firms - 1}) g where g % 2 = 0`.execute(db);
  const { id: projectId } = await reportingRepo.insertProject(db, {
    name: 'Bench project',
    organisationId: orgIds[0]!,
    startsOn: period.from,
    endsOn: period.to,
    description: '',
    isDemo: false,
    createdBy: coordinator,
  });
  await reportingRepo.insertProjectOrganisations(db, Number(projectId), orgIds);
  await sql`analyze`.execute(db);
  const activities =
    meetings + outcomes + Number((await sql<{ n: number }>`select count(*)::int as n from event_attendance`.execute(db)).rows[0]!.n) + completions;
  return { projectId: Number(projectId), coordinator, activities };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

interface MeasureRequest {
  connection: { databaseUrl?: string; dataDir?: string };
  projectId: number;
  coordinator: number;
  runs: number;
}
interface MeasureResult {
  coldMs: number;
  runsMs: number[];
  computeMs: number;
  factsRead: number;
  firmsCounted: number;
  figures: ReportingBenchFigures['figures'];
  peakRssMb: number;
}

/** In the measuring process: the report page as the coordinator meets it, cold then warm, and the computation alone. */
async function measure(req: MeasureRequest): Promise<MeasureResult> {
  const database = await openDatabase(
    req.connection.databaseUrl ? { databaseUrl: req.connection.databaseUrl, poolSize: 8 } : { dataDir: req.connection.dataDir, syncIntervalMs: 0 },
  );
  try {
    const env = envSchema.parse({ LOG_LEVEL: 'silent' });
    const app = createApp({ db: database.db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
    const cookie = `lk_session=${(await createSession(database.db, env, req.coordinator)).token}`;
    const path = `/reports/r/project-${req.projectId}/erdf?from=${period.from}&to=${period.to}&lang=en`;
    const once = async () => {
      const t = performance.now();
      const res = await app.request(path, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.text();
      return Math.round((performance.now() - t) * 10) / 10;
    };
    const coldMs = await once();
    const runsMs: number[] = [];
    for (let i = 0; i < req.runs; i++) runsMs.push(await once());
    const scope = await resolveScope(database.db, { kind: 'project', id: req.projectId });
    const t = performance.now();
    const { result } = await computeFor(database.db, env.LOKALKRAFT_DATA_DIR, scope, 'erdf', period);
    const computeMs = Math.round((performance.now() - t) * 10) / 10;
    return {
      coldMs,
      runsMs,
      computeMs,
      factsRead: result.factsRead,
      firmsCounted: result.firmsCounted,
      figures: result.indicators.map((i) => ({
        code: i.code,
        value: i.value,
        ...(i.split ? { split: Object.fromEntries(i.split.map((s) => [s.key, s.value])) } : {}),
      })),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await database.close();
  }
}

/** Runs `measure` in a fresh Node process (nothing read, nothing compiled, nothing cached in it yet). */
function measureInChild(req: MeasureRequest): Promise<MeasureResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, LOKALKRAFT_REPORTING_BENCH_CHILD: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m: { ok: true; result: MeasureResult } | { ok: false; error: string }) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`measuring process exited with ${code}`)));
    child.send(req);
  });
}

if (process.env.LOKALKRAFT_REPORTING_BENCH_CHILD === '1' && process.send) {
  process.once('message', (req: MeasureRequest) => {
    measure(req).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (err: Error) => process.send!({ ok: false, error: err.stack ?? String(err) }, () => process.exit(1)),
    );
  });
}

export async function runReportingBench(o: {
  firms: number;
  activities: number;
  runs: number;
  databaseUrl?: string;
  log: (line: string) => void;
}): Promise<ReportingBenchFigures> {
  const backend = o.databaseUrl ? 'postgres' : 'pglite';
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'lokalkraft-bench-reporting-')) : undefined;
  let url = o.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (o.databaseUrl) {
    const name = `lk_bench_reporting_${process.pid}`;
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
  try {
    const database = await openDatabase(url ? { databaseUrl: url, poolSize: 4 } : { dataDir: dir, syncIntervalMs: 0 });
    let world: Awaited<ReturnType<typeof seed>>;
    let seedSeconds: number;
    try {
      o.log(`${backend}: migrating and loading reference data`);
      await migrate(database.db);
      await loadReferenceData(database.db);
      const t0 = performance.now();
      world = await seed(database.db, o, (line) => o.log(`${backend}: ${line}`));
      seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    } finally {
      await database.close();
    }
    o.log(`${backend}: measuring in a separate process`);
    const m = await measureInChild({
      connection: url ? { databaseUrl: url } : { dataDir: dir },
      projectId: world.projectId,
      coordinator: world.coordinator,
      runs: o.runs,
    });
    return {
      backend,
      firms: o.firms,
      activities: world.activities,
      seedSeconds,
      coldMs: m.coldMs,
      runsMs: m.runsMs,
      p50Ms: percentile(m.runsMs.length ? m.runsMs : [m.coldMs], 50),
      computeMs: m.computeMs,
      factsRead: m.factsRead,
      firmsCounted: m.firmsCounted,
      figures: m.figures,
      peakRssMb: m.peakRssMb,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}

export function formatReportingBench(f: ReportingBenchFigures): string {
  const perSecond = Math.round(f.activities / (f.coldMs / 1000));
  const lines = [
    `reporting on ${f.backend}: ${f.firms.toLocaleString('en-US')} firms, ${f.activities.toLocaleString('en-US')} recorded activities (seeded in ${f.seedSeconds} s); load average ${f.loadAverage}`,
    `  full ERDF report for a 10-organisation project, one year, as its coordinator (HTTP, rendering included):`,
    `    first request in a fresh process ${f.coldMs} ms (${perSecond.toLocaleString('en-US')} activities/s) · then p50 ${f.p50Ms} ms over ${f.runsMs.length} runs (${f.runsMs.join(', ')} ms)`,
    `    computation alone ${f.computeMs} ms · ${f.factsRead.toLocaleString('en-US')} firm facts read → ${f.firmsCounted.toLocaleString('en-US')} firms counted once · peak RSS ${f.peakRssMb} MB`,
    '  the report:',
    ...f.figures.map(
      (x) =>
        `    ${x.code.padEnd(6)} ${String(x.value ?? '–').padStart(9)}${
          x.split
            ? `   ${Object.entries(x.split)
                .map(([k, v]) => `${k} ${v}`)
                .join(' · ')}`
            : ''
        }`,
    ),
  ];
  return lines.join('\n');
}
