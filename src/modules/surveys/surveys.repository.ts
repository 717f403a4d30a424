import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { QuestionKind, QuestionOptions, SurveyAudience, SurveyStatus, Texts } from './surveys.tables.js';

/** The surveys module's SQL; it touches only the tables of surveys.tables.ts. */
type Db = Kysely<DB>;

export interface SurveyValues {
  organisation_id: number;
  title: Texts;
  intro: Texts;
  sections: Texts[];
  audience: SurveyAudience;
  opens_on: string | null;
  closes_on: string | null;
  time_zone: string;
  min_group_size: number;
  results_public: boolean;
}

const surveyColumns = [
  'id',
  'organisation_id',
  'title',
  'intro',
  'sections',
  'audience',
  'status',
  sql<string | null>`to_char(opens_on, 'YYYY-MM-DD')`.as('opens_on'),
  sql<string | null>`to_char(closes_on, 'YYYY-MM-DD')`.as('closes_on'),
  'time_zone',
  'public_token',
  'min_group_size',
  'results_public',
  'is_demo',
  'created_at',
] as const;

export const findSurvey = (db: Db, id: number) => db.selectFrom('surveys').select(surveyColumns).where('id', '=', id).executeTakeFirst();
export const findSurveyByToken = (db: Db, token: string) => db.selectFrom('surveys').select(surveyColumns).where('public_token', '=', token).executeTakeFirst();
export const lockSurvey = (db: Db, id: number) => db.selectFrom('surveys').select(surveyColumns).where('id', '=', id).forUpdate().executeTakeFirst();
export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurvey>>>;

export function listSurveysOf(db: Db, organisationIds: number[] | 'all') {
  let q = db.selectFrom('surveys').select(surveyColumns).orderBy('id', 'desc').limit(200);
  if (organisationIds !== 'all') q = q.where('organisation_id', 'in', organisationIds.length ? organisationIds : [-1]);
  return q.execute();
}

export function listOpenPublicSurveys(db: Db, today: string) {
  return db
    .selectFrom('surveys')
    .select(surveyColumns)
    .where('status', '=', 'open')
    .where('audience', '=', 'public')
    .where((w) => w.or([w('opens_on', 'is', null), w('opens_on', '<=', today)]))
    .where((w) => w.or([w('closes_on', 'is', null), w('closes_on', '>=', today)]))
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

export function listSurveysWithPublicResults(db: Db) {
  return db
    .selectFrom('surveys')
    .select(surveyColumns)
    .where('results_public', '=', true)
    .where('status', '!=', 'draft')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

export async function insertSurvey(
  db: Db,
  values: SurveyValues & { public_token: string; created_by: number | null; is_demo?: boolean; status?: SurveyStatus },
): Promise<number> {
  const row = await db
    .insertInto('surveys')
    .values({ ...values, title: JSON.stringify(values.title), intro: JSON.stringify(values.intro), sections: JSON.stringify(values.sections) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateSurvey(db: Db, id: number, values: SurveyValues): Promise<void> {
  await db
    .updateTable('surveys')
    .set({
      ...values,
      title: JSON.stringify(values.title),
      intro: JSON.stringify(values.intro),
      sections: JSON.stringify(values.sections),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setSurveyStatus(db: Db, id: number, status: SurveyStatus): Promise<void> {
  await db.updateTable('surveys').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function hasDemoSurvey(db: Db): Promise<boolean> {
  return (await db.selectFrom('surveys').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()) !== undefined;
}

// ---- questions ----------------------------------------------------------------------

export interface QuestionValues {
  section: number;
  kind: QuestionKind;
  text: Texts;
  help: Texts;
  options: QuestionOptions;
  required: boolean;
  show_if_question: number | null;
  show_if_values: string[] | null;
}

export function listQuestions(db: Db, surveyId: number) {
  return db.selectFrom('survey_questions').selectAll().where('survey_id', '=', surveyId).orderBy('section').orderBy('position').execute();
}
export type QuestionRow = Awaited<ReturnType<typeof listQuestions>>[number];

/** Adds the question at the end of its section (the survey row is locked by the caller, so positions do not collide). */
export async function insertQuestion(db: Db, surveyId: number, values: QuestionValues): Promise<number> {
  const row = await db
    .insertInto('survey_questions')
    .values((eb) => ({
      survey_id: surveyId,
      ...values,
      text: JSON.stringify(values.text),
      help: JSON.stringify(values.help),
      options: JSON.stringify(values.options),
      position: eb
        .selectFrom('survey_questions')
        .select(sql<number>`coalesce(max(position) + 1, 0)`.as('p'))
        .where('survey_id', '=', surveyId)
        .where('section', '=', values.section),
    }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteQuestion(db: Db, surveyId: number, questionId: number): Promise<boolean> {
  const r = await db.deleteFrom('survey_questions').where('survey_id', '=', surveyId).where('id', '=', questionId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The survey's responses, from the counts kept as they arrive (a few rows, not every response). */
export async function countResponses(db: Db, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_response_counts')
    .select(sql<number>`coalesce(sum(n), 0)::int`.as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Whether any response exists (questions are fixed from then on). */
export async function hasResponses(db: Db, surveyId: number): Promise<boolean> {
  const r = await db.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
  return r !== undefined;
}

// ---- answering ----------------------------------------------------------------------

export interface AnswerValues {
  question_id: number;
  choices: string[] | null;
  text_value: string | null;
  number_value: number | null;
  lat: number | null;
  lon: number | null;
  sector: string | null;
}

export interface TallyIncrement {
  question_id: number;
  value: string;
  sector: string;
  total: number;
}

export type ResponseValues = { municipality_code: string | null; respondent_group: string | null; is_demo?: boolean; received_on?: string };

/** One response with its answers and the tallies they add to (each tally one upsert: concurrent answers never lose a count). */
export async function insertResponse(db: Db, surveyId: number, response: ResponseValues, answers: AnswerValues[], tallies: TallyIncrement[]): Promise<number> {
  const [id] = await insertResponses(db, surveyId, [{ response, answers, tallies }]);
  return id!;
}

/**
 * Responses in four statements whatever their number (the demo's 300 answers at first start were ~1 200
 * round trips one by one): the responses (ids back in the order given), their answers, the response
 * counts and the tallies, the last two merged by key first and added by one upsert each (a concurrent
 * answer's upsert waits on the row and adds to it: no count is lost).
 */
export async function insertResponses(
  db: Db,
  surveyId: number,
  items: { response: ResponseValues; answers: AnswerValues[]; tallies: TallyIncrement[] }[],
): Promise<number[]> {
  if (!items.length) return [];
  const ids = await db
    .insertInto('survey_responses')
    .values(items.map((i) => ({ survey_id: surveyId, ...i.response })))
    .returning('id')
    .execute();
  const answers = items.flatMap((item, n) => item.answers.map((a) => ({ ...a, response_id: Number(ids[n]!.id) })));
  for (let i = 0; i < answers.length; i += 2000)
    await db
      .insertInto('survey_answers')
      .values(answers.slice(i, i + 2000))
      .execute();
  const counts = new Map<string, { municipality: string; grp: string; n: number }>();
  const tallies = new Map<string, { municipality: string; grp: string; t: TallyIncrement; n: number; total: number }>();
  for (const { response, tallies: increments } of items) {
    const municipality = response.municipality_code ?? '';
    const grp = response.respondent_group ?? '';
    const countKey = `${municipality}\u0000${grp}`;
    const c = counts.get(countKey) ?? { municipality, grp, n: 0 };
    counts.set(countKey, c);
    c.n += 1;
    for (const t of increments) {
      const key = `${municipality}\u0000${grp}\u0000${t.question_id}\u0000${t.value}\u0000${t.sector}`;
      const prev = tallies.get(key);
      if (prev) {
        prev.n += 1;
        prev.total += t.total;
      } else tallies.set(key, { municipality, grp, t, n: 1, total: t.total });
    }
  }
  await db
    .insertInto('survey_response_counts')
    .values([...counts.values()].map((c) => ({ survey_id: surveyId, municipality: c.municipality, grp: c.grp, n: c.n })))
    .onConflict((oc) => oc.columns(['survey_id', 'municipality', 'grp']).doUpdateSet({ n: sql`survey_response_counts.n + excluded.n` }))
    .execute();
  const rows = [...tallies.values()].map((x) => ({
    survey_id: surveyId,
    question_id: x.t.question_id,
    value: x.t.value,
    municipality: x.municipality,
    grp: x.grp,
    sector: x.t.sector,
    n: x.n,
    total: x.total,
  }));
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('survey_tallies')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.columns(['survey_id', 'question_id', 'value', 'municipality', 'grp', 'sector']).doUpdateSet({
          n: sql`survey_tallies.n + excluded.n`,
          total: sql`survey_tallies.total + excluded.total`,
        }),
      )
      .execute();
  return ids.map((r) => Number(r.id));
}

export function listTallies(db: Db, surveyId: number) {
  return db
    .selectFrom('survey_tallies')
    .select(['question_id', 'value', 'municipality', 'grp', 'sector', sql<number>`n::int`.as('n'), sql<number>`total::float8`.as('total')])
    .where('survey_id', '=', surveyId)
    .execute();
}
export type TallyRow = Awaited<ReturnType<typeof listTallies>>[number];

/** Tallies of the "what do you miss" questions of every survey that is not a draft, for the given municipalities and need sectors. */
export function listNeedTallies(db: Db, municipalities: string[], sectors: string[]) {
  if (!municipalities.length || !sectors.length) return Promise.resolve([]);
  return db
    .selectFrom('survey_tallies as t')
    .innerJoin('survey_questions as q', 'q.id', 't.question_id')
    .innerJoin('surveys as s', 's.id', 't.survey_id')
    .select(['t.survey_id', 't.question_id', 't.municipality', 't.sector', 't.grp', sql<number>`t.n::int`.as('n')])
    .where('q.kind', '=', 'miss_local')
    .where('t.value', '=', '*')
    .where('s.status', '!=', 'draft')
    .where('t.municipality', 'in', municipalities)
    .execute();
}

export function listNeedTexts(db: Db, questionId: number, municipality: string, sector: string, limit = 50) {
  return db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['a.text_value'])
    .where('a.question_id', '=', questionId)
    .where('r.municipality_code', '=', municipality)
    .where('a.sector', '=', sector)
    .where('a.text_value', 'is not', null)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

export function listTextAnswers(db: Db, surveyId: number, options: { questionId?: number; tag?: string; beforeId?: number; limit: number }) {
  let q = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select(['a.id', 'a.question_id', 'a.text_value', 'a.sector', 'a.tags'])
    .where('q.survey_id', '=', surveyId)
    .where('a.text_value', 'is not', null)
    .orderBy('a.id', 'desc')
    .limit(options.limit);
  if (options.questionId) q = q.where('a.question_id', '=', options.questionId);
  if (options.tag) q = q.where(sql<boolean>`${options.tag} = any(a.tags)`);
  if (options.beforeId) q = q.where('a.id', '<', options.beforeId);
  return q.execute();
}

/** Sets an answer's tags in one statement (the answer must belong to the survey). */
export async function setAnswerTags(db: Db, surveyId: number, answerId: number, tags: string[]): Promise<boolean> {
  const r = await db
    .updateTable('survey_answers')
    .set({ tags })
    .where('id', '=', answerId)
    .where('question_id', 'in', (eb) => eb.selectFrom('survey_questions').select('id').where('survey_id', '=', surveyId))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function listMapPoints(db: Db, questionId: number) {
  return db.selectFrom('survey_answers').select(['lat', 'lon']).where('question_id', '=', questionId).where('lat', 'is not', null).execute();
}

// ---- contacts ----------------------------------------------------------------------

export async function insertContact(db: Db, surveyId: number, contact: { name: string | null; email: string | null; phone: string | null }): Promise<void> {
  await db
    .insertInto('survey_contacts')
    .values({ survey_id: surveyId, ...contact })
    .execute();
}

export function listContacts(db: Db, surveyId: number) {
  return db
    .selectFrom('survey_contacts')
    .select(['id', 'name', 'email', 'phone', 'consented_at'])
    .where('survey_id', '=', surveyId)
    .orderBy('id')
    .limit(1000)
    .execute();
}

export async function deleteContact(db: Db, surveyId: number, contactId: number): Promise<boolean> {
  const r = await db.deleteFrom('survey_contacts').where('survey_id', '=', surveyId).where('id', '=', contactId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Erasure by address (the personal-data erasure of accounts): every contact row with this e-mail. */
export async function deleteContactsByEmail(db: Db, email: string): Promise<number> {
  const r = await db.deleteFrom('survey_contacts').where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function listContactsByEmail(db: Db, email: string) {
  return db
    .selectFrom('survey_contacts')
    .select(['survey_id', 'name', 'email', 'phone', 'consented_at'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .execute();
}

export async function insertContactRead(db: Db, surveyId: number, userId: number, purpose: string): Promise<void> {
  await db.insertInto('survey_contact_reads').values({ survey_id: surveyId, user_id: userId, purpose }).execute();
}

export function listContactReads(db: Db, surveyId: number) {
  return db
    .selectFrom('survey_contact_reads')
    .select(['user_id', 'purpose', 'read_at'])
    .where('survey_id', '=', surveyId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

// ---- invitations and rate limits -----------------------------------------------------

/** New invitations; an address already invited to the survey is skipped (returns how many were new). */
export async function insertInvitations(db: Db, surveyId: number, rows: { token_hash: string; email_hash: string }[]): Promise<string[]> {
  if (!rows.length) return [];
  const inserted = await db
    .insertInto('survey_invitations')
    .values(rows.map((r) => ({ survey_id: surveyId, ...r })))
    .onConflict((oc) => oc.columns(['survey_id', 'email_hash']).doNothing())
    .returning('token_hash')
    .execute();
  return inserted.map((r) => r.token_hash);
}

export function findInvitation(db: Db, tokenHash: string) {
  return db.selectFrom('survey_invitations').select(['id', 'survey_id', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses the invitation once: true only for the request that used it (one statement, so two at once cannot both). */
export async function useInvitation(db: Db, tokenHash: string): Promise<boolean> {
  const r = await db
    .updateTable('survey_invitations')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countInvitations(db: Db, surveyId: number) {
  const r = await db
    .selectFrom('survey_invitations')
    .select([sql<number>`count(*)::int`.as('sent'), sql<number>`count(used_at)::int`.as('used')])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return r;
}

/** Counts one submission from the address this hour and returns the count so far (one statement). */
export async function countSubmission(db: Db, surveyId: number, addressHash: string, hour: Date): Promise<number> {
  const r = await db
    .insertInto('survey_submissions')
    .values({ survey_id: surveyId, address_hash: addressHash, hour, n: 1 })
    .onConflict((oc) => oc.columns(['survey_id', 'address_hash', 'hour']).doUpdateSet({ n: sql`survey_submissions.n + 1` }))
    .returning('n')
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function pruneSubmissions(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('survey_submissions').where('hour', '<', before).execute();
}
