import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { envSchema } from '../src/config/env.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { loadReferenceData } from '../src/modules/reference-data.js';
import { createUser, createSession } from '../src/modules/accounts/accounts.service.js';
import * as repo from '../src/modules/surveys/surveys.repository.js';
import { listQuestions, signStart, submitResponse, openForAnswering, type ParsedAnswer } from '../src/modules/surveys/surveys.service.js';
import type { QuestionOption } from '../src/modules/surveys/surveys.tables.js';

export interface SurveysBenchFigures {
  backend: 'pglite' | 'postgres';
  responses: number;
  answers: number;
  loadSeconds: number;
  /** Results page over HTTP (server-rendered, tallies read fresh each time: nothing is cached). */
  resultsMs: Record<string, { p50: number; p95: number; max: number }>;
  /** Complete responses stored per second (answers, tallies and rate-limit count in one transaction each), one after another. */
  submitPerSecond: number;
  peakRssMb: number;
  loadAverage: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};

/** 1 000 000 answers ≈ 150 000 responses of about 6.65 answers each (eight questions: some only for visitors, map answers for two in five). */
export async function runSurveysBench(options: {
  answers: number;
  requests: number;
  databaseUrl?: string;
  /** Only one backend (each in its own process gives the fairest figures). */
  backend?: 'pglite' | 'postgres';
  log: (line: string) => void;
}): Promise<SurveysBenchFigures[]> {
  if (options.backend === 'postgres' && !options.databaseUrl) throw new Error('--backend postgres needs DATABASE_URL');
  const out = options.backend === 'postgres' ? [] : [await benchOne('pglite', options)];
  if (options.databaseUrl && options.backend !== 'pglite') out.push(await benchOne('postgres', options));
  return out;
}

async function benchOne(
  backend: 'pglite' | 'postgres',
  options: { answers: number; requests: number; databaseUrl?: string; log: (line: string) => void },
): Promise<SurveysBenchFigures> {
  const dir = backend === 'pglite' ? mkdtempSync(join(tmpdir(), 'lokalkraft-bench-surveys-')) : undefined;
  const database = await openDatabase(backend === 'pglite' ? { dataDir: dir, syncIntervalMs: 0 } : { databaseUrl: options.databaseUrl });
  const db = database.db;
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100).unref();
  let surveyId = 0;
  try {
    await migrate(db);
    await loadReferenceData(db);
    const org = Number(
      (
        await sql<{
          id: number;
        }>`insert into organisations (name, type, country) values ('Bench surveys', 'inter_municipal_project', 'FI') returning id`.execute(db)
      ).rows[0].id,
    );
    for (const code of ['320', '732', '742', '583', '614'])
      await sql`insert into organisation_coverage (organisation_id, country, municipality_code, valid_from, status) values (${org}, 'FI', ${code}, '2020-01-01', 'approved')`.execute(
        db,
      );
    const o = (v: string, en: string): QuestionOption => ({ value: v, label: { en } });
    surveyId = await repo.insertSurvey(db, {
      organisation_id: org,
      title: { en: 'Bench survey' },
      intro: {},
      sections: [],
      audience: 'public',
      opens_on: null,
      closes_on: null,
      time_zone: 'Europe/Helsinki',
      min_group_size: 10,
      results_public: false,
      public_token: `bench-survey-${Date.now()}`,
      created_by: null,
      status: 'open',
    });
    const add = (section: number, kind: Parameters<typeof repo.insertQuestion>[2]['kind'], options: QuestionOption[] | { min: number; max: number } = []) =>
      repo.insertQuestion(db, surveyId, {
        section,
        kind,
        text: { en: kind },
        help: {},
        options,
        required: false,
        show_if_question: null,
        show_if_values: null,
      });
    await add(0, 'group', [o('o1', 'Resident'), o('o2', 'Holiday'), o('o3', 'Visitor'), o('o4', 'Entrepreneur')]);
    await add(0, 'municipality');
    await add(1, 'miss_local');
    await add(1, 'multiple', [o('o1', 'Online'), o('o2', 'Rovaniemi'), o('o3', 'Kemijärvi'), o('o4', 'Elsewhere')]);
    await add(1, 'spend_outside');
    await add(1, 'scale', { min: 1, max: 5 });
    await add(2, 'single', [o('o1', 'Yes'), o('o2', 'No')]);
    await add(2, 'map_point');
    const qs = await listQuestions(db, surveyId);
    const id = (k: string) => qs.find((q) => q.kind === k)!.id;
    const responses = Math.max(100, Math.round(options.answers / 6.65));
    options.log(`${backend}: loading ${responses.toLocaleString('en-US')} responses`);
    const t0 = performance.now();
    const chunk = 50_000;
    for (let from = 0; from < responses; from += chunk) {
      const to = Math.min(responses, from + chunk) - 1;
      await sql`
        insert into survey_responses (survey_id, municipality_code, respondent_group, received_on)
        select ${sql.lit(surveyId)}, (array['320','732','742','583','614'])[1 + (g % 5)], 'o' || (1 + (g * 7 % 4)), date '2026-09-01' + (g % 60)
        from generate_series(${from}::int, ${to}::int) g`.execute(db);
    }
    // Answers set-based from the responses (about ten each), then the tallies as the answering path would have kept them.
    const sectors = sql`(array['food','cafe','clothing','hardware','health','repairs','leisure','transport'])`;
    await sql`
      insert into survey_answers (response_id, question_id, choices, text_value, number_value, lat, lon, sector)
      select r.id, ${sql.lit(id('group'))}, array[r.respondent_group], null::text, null::numeric, null::float8, null::float8, null::text from survey_responses r where r.survey_id = ${surveyId}
      union all select r.id, ${sql.lit(id('municipality'))}, array[r.municipality_code], null, null, null, null, null from survey_responses r where r.survey_id = ${surveyId}
      union all select r.id, ${sql.lit(id('miss_local'))}, null, case when r.id % 3 = 0 then 'Leipomo' end, null, null, null, ${sectors}[1 + (r.id * 13 % 8)] from survey_responses r where r.survey_id = ${surveyId}
      union all select r.id, ${sql.lit(id('multiple'))}, array['o' || (1 + r.id % 4), 'o' || (1 + (r.id + 1) % 4)], null, null, null, null, null from survey_responses r where r.survey_id = ${surveyId}
      union all select r.id, ${sql.lit(id('spend_outside'))}, null, null, (r.id * 37 % 600)::numeric, null, null, null from survey_responses r where r.survey_id = ${surveyId}
      union all select r.id, ${sql.lit(id('scale'))}, array[(1 + r.id % 5)::text], null, (1 + r.id % 5)::numeric, null, null, null from survey_responses r where r.survey_id = ${surveyId}
      union all select r.id, ${sql.lit(id('single'))}, array['o' || (1 + r.id % 2)], null, null, null, null, null from survey_responses r where r.survey_id = ${surveyId} and r.respondent_group = 'o3'
      union all select r.id, ${sql.lit(id('map_point'))}, null, null, null, 66.7 + (r.id % 50) * 0.01, 27.4 + (r.id % 70) * 0.02, null from survey_responses r where r.survey_id = ${surveyId} and r.id % 5 < 2`.execute(
      db,
    );
    await sql`
      insert into survey_tallies (survey_id, question_id, value, municipality, grp, sector, n, total)
      select ${sql.lit(surveyId)}, a.question_id, v.value, coalesce(r.municipality_code, ''), coalesce(r.respondent_group, ''), coalesce(a.sector, ''), count(*), coalesce(sum(v.total), 0)
      from survey_answers a join survey_responses r on r.id = a.response_id
      cross join lateral (
        select '*' as value, a.number_value as total
        union all select unnest(a.choices), case when a.number_value is not null and a.choices is not null then a.number_value end where a.choices is not null
        union all select a.sector, null where a.sector is not null
        union all select to_char(round(a.lat / 0.05) * 0.05, 'FM990.00') || ',' || to_char(round(a.lon / 0.1) * 0.1, 'FM990.0'), null where a.lat is not null
      ) v
      where r.survey_id = ${surveyId}
      group by a.question_id, v.value, r.municipality_code, r.respondent_group, a.sector`.execute(db);
    await sql`
      insert into survey_response_counts (survey_id, municipality, grp, n)
      select survey_id, coalesce(municipality_code, ''), coalesce(respondent_group, ''), count(*) from survey_responses where survey_id = ${surveyId} group by 1, 2, 3`.execute(
      db,
    );
    await sql`analyze`.execute(db);
    const answers = Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from survey_answers a join survey_responses r on r.id = a.response_id where r.survey_id = ${surveyId}`.execute(db)
      ).rows[0].n,
    );
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    options.log(`${backend}: ${answers.toLocaleString('en-US')} answers loaded in ${loadSeconds} s`);

    // The results page over HTTP, as an org admin sees it.
    const env = envSchema.parse({ LOG_LEVEL: 'silent', NODE_ENV: 'development' });
    const app = createApp({ db, dbKind: database.kind, env, logger: pino({ level: 'silent' }) });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const userId = await createUser(db, { email: `bench-${Date.now()}@surveys.bench`, displayName: 'Bench' });
    await sql`insert into staff_roles (user_id, organisation_id, role) values (${userId}, ${org}, 'org_admin')`.execute(db);
    const session = await createSession(db, env, userId);
    const cookie = `lk_session=${session.token}`;
    const resultsMs: SurveysBenchFigures['resultsMs'] = {};
    for (const [name, query] of Object.entries({
      all: '',
      'by municipality': 'by=municipality',
      'one municipality by group': 'municipality=732&by=group',
      'by sector': 'by=sector',
    })) {
      const times: number[] = [];
      for (let i = 0; i < options.requests; i++) {
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/surveys/manage/${surveyId}/results?lang=en&${query}`, { headers: { cookie } });
        await res.text();
        if (res.status !== 200) throw new Error(`results answered ${res.status}`);
        times.push(performance.now() - t);
      }
      resultsMs[name] = { p50: percentile(times, 50), p95: percentile(times, 95), max: percentile(times, 100) };
      options.log(`${backend}: results ${name}: p50 ${resultsMs[name].p50} ms, p95 ${resultsMs[name].p95} ms`);
    }
    server.close();

    // Answering: complete responses one after another through the service (the form's path minus HTML).
    const ctx = await openForAnswering(db, undefined, { token: (await repo.findSurvey(db, surveyId))!.public_token });
    const submissions = 500;
    const ts = performance.now();
    for (let i = 0; i < submissions; i++)
      await submitResponse(db, ctx, {
        answers: new Map<number, ParsedAnswer>([
          [id('group'), { choices: ['o1'] }],
          [id('municipality'), { choices: ['732'] }],
          [id('miss_local'), { sector: 'food', text: 'Bread' }],
          [id('scale'), { number: 4, choices: ['4'] }],
        ]),
        honeypot: '',
        started: signStart(Date.now() - 60_000),
        address: `10.9.${i >> 8}.${i & 255}`,
      });
    const submitPerSecond = Math.round(submissions / ((performance.now() - ts) / 1000));
    return {
      backend,
      responses,
      answers,
      loadSeconds,
      resultsMs,
      submitPerSecond,
      peakRssMb: Math.round(peak / 1_048_576),
      loadAverage: Math.round(loadavg()[0] * 10) / 10,
    };
  } finally {
    clearInterval(sample);
    if (backend === 'postgres' && surveyId) await sql`delete from surveys where id = ${surveyId}`.execute(db).catch(() => undefined);
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSurveysBench(all: SurveysBenchFigures[]): string {
  return all
    .map((f) =>
      [
        `bench surveys on ${f.backend}: ${f.answers.toLocaleString('en-US')} answers in ${f.responses.toLocaleString('en-US')} responses (loaded in ${f.loadSeconds} s)`,
        ...Object.entries(f.resultsMs).map(([k, v]) => `  results page, ${k}: p50 ${v.p50} ms · p95 ${v.p95} ms · max ${v.max} ms`),
        `  answering: ${f.submitPerSecond} complete responses/s one after another · peak RSS ${f.peakRssMb} MB · load average ${f.loadAverage}`,
      ].join('\n'),
    )
    .join('\n');
}
