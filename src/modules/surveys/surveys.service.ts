import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { isNetworkAdmin, organisationIdsWithRole } from '../../shared/access/access.js';
import { AppError, type FieldIssue } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/session-user.js';
import { format, locales, type Locale } from '../../shared/i18n/i18n.js';
import { localDateOf, zoneOfCountry } from '../../shared/i18n/zoned.js';
import { createMailer } from '../../shared/mail/mailer.js';
import { coverageOn, listAllOrganisations, today as networkToday } from '../network/network.service.js';
import { memberFirmIdsOf } from '../network/network.service.js';
import { municipalityNames } from '../places/places.service.js';
import { firmPlaces } from '../registry/registry.service.js';
import { hashToken, newToken } from '../accounts/accounts.tokens.js';
import { requireAccess } from './surveys.access.js';
import { msg } from './surveys.messages.js';
import * as repo from './surveys.repository.js';
import { pickText, type QuestionDto, type SurveyDto, type SurveyInput, splitLines } from './surveys.schemas.js';
import { needSectorCodes, needSectors, needSectorsOfNace } from './surveys.sectors.js';
import { isBaseShown, shownRows, type Filters } from './surveys.suppression.js';
import type { QuestionKind, QuestionOption, Texts } from './surveys.tables.js';

// ---- DTOs -------------------------------------------------------------------------------

export const toSurveyDto = (r: repo.SurveyRow): SurveyDto => ({
  id: Number(r.id),
  organisationId: Number(r.organisation_id),
  title: r.title,
  intro: r.intro,
  sections: r.sections,
  languages: locales.filter((l) => r.title[l]),
  audience: r.audience,
  status: r.status,
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  timeZone: r.time_zone,
  publicToken: r.public_token,
  minGroupSize: r.min_group_size,
  resultsPublic: r.results_public,
  isDemo: r.is_demo,
});

const toQuestionDto = (r: repo.QuestionRow): QuestionDto => ({
  id: Number(r.id),
  section: r.section,
  position: r.position,
  kind: r.kind,
  text: r.text,
  help: r.help,
  options: r.options,
  required: r.required,
  showIfQuestion: r.show_if_question === null ? null : Number(r.show_if_question),
  showIfValues: r.show_if_values,
});

async function loadSurvey(db: Kysely<DB>, id: number): Promise<SurveyDto> {
  const row = await repo.findSurvey(db, id);
  if (!row) throw new AppError('not_found', msg.notOpen);
  return toSurveyDto(row);
}

/** The organisation a survey belongs to (for route guards that check access before reading a body). */
export async function surveyOrganisation(db: Kysely<DB>, surveyId: number): Promise<number> {
  return (await loadSurvey(db, surveyId)).organisationId;
}

export async function listQuestions(db: Kysely<DB>, surveyId: number): Promise<QuestionDto[]> {
  return (await repo.listQuestions(db, surveyId)).map(toQuestionDto);
}

// ---- building ----------------------------------------------------------------------------

/** The surveys of the organisations where this person works (all of them for the network admin), with organisation names. */
export async function listSurveysFor(db: Kysely<DB>, user: SessionUser | undefined) {
  const u = requireAccess(user, 'surveys.survey.list', undefined);
  const rows = await repo.listSurveysOf(db, isNetworkAdmin(u) ? 'all' : organisationIdsWithRole(u));
  return rows.map(toSurveyDto);
}

/** Organisations this person may build surveys for (names for the form). */
export async function organisationsToBuildFor(db: Kysely<DB>, user: SessionUser) {
  const all = await listAllOrganisations(db);
  const mine = new Set(organisationIdsWithRole(user, ['org_admin', 'editor', 'coach']));
  return all.filter((o) => isNetworkAdmin(user) || mine.has(o.id)).map((o) => ({ id: o.id, name: o.name, country: o.country }));
}

export async function organisationNames(db: Kysely<DB>): Promise<Map<number, string>> {
  return new Map((await listAllOrganisations(db)).map((o) => [o.id, o.name]));
}

export async function createSurvey(db: Kysely<DB>, user: SessionUser | undefined, input: SurveyInput): Promise<number> {
  const u = requireAccess(user, 'surveys.survey.manage', input.organisationId);
  const org = (await listAllOrganisations(db)).find((o) => o.id === input.organisationId);
  if (!org) throw new AppError('validation', msg.organisation, [{ field: 'organisation', label: msg.organisation, message: msg.organisation }]);
  return repo.insertSurvey(db, {
    organisation_id: input.organisationId,
    title: input.title,
    intro: input.intro,
    sections: input.sections,
    audience: input.audience,
    opens_on: input.opensOn,
    closes_on: input.closesOn,
    time_zone: zoneOfCountry[org.country as keyof typeof zoneOfCountry] ?? zoneOfCountry.NO,
    min_group_size: input.minGroupSize,
    results_public: input.resultsPublic,
    public_token: newToken(),
    created_by: u.id,
  });
}

/** The survey for its builders (access checked). */
export async function getSurveyToManage(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number) {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.results.read', survey.organisationId);
  const [questions, responses, invitations] = await Promise.all([
    listQuestions(db, surveyId),
    repo.countResponses(db, surveyId),
    repo.countInvitations(db, surveyId),
  ]);
  return { survey, questions, responses, invitations };
}

export async function updateSurvey(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, input: SurveyInput): Promise<void> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.survey.manage', survey.organisationId);
  // Moving a survey to another organisation needs the right there too.
  requireAccess(user, 'surveys.survey.manage', input.organisationId);
  await db.transaction().execute(async (trx) => {
    await repo.lockSurvey(trx, surveyId);
    await repo.updateSurvey(trx, surveyId, {
      organisation_id: input.organisationId,
      title: input.title,
      intro: input.intro,
      sections: input.sections,
      audience: input.audience,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      time_zone: survey.timeZone,
      min_group_size: input.minGroupSize,
      results_public: input.resultsPublic,
    });
  });
}

const issue = (field: string, message: FieldIssue['message']): FieldIssue => ({ field, message });

/** Adds a question; refused once answers exist (the tallies would stop adding up) and with texts missing in a survey language. */
export async function addQuestion(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, form: Record<string, unknown>): Promise<number> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.survey.manage', survey.organisationId);
  const kind = form.kind as QuestionKind;
  const issues: FieldIssue[] = [];
  const text = Object.fromEntries(survey.languages.map((l) => [l, String(form[`text_${l}`] ?? '').trim()])) as Texts;
  for (const l of survey.languages) if (!text[l]) issues.push(issue(`text_${l}`, msg.needQuestionText));
  let options: QuestionOption[] | { min: number; max: number } = [];
  if (kind === 'single' || kind === 'multiple' || kind === 'group') {
    const perLang = survey.languages.map((l) => splitLines(form[`options_${l}`] as string | null));
    const n = perLang[0]?.length ?? 0;
    if (n < 2) issues.push(issue(`options_${survey.languages[0]}`, msg.needOptions));
    else if (perLang.some((p) => p.length !== n)) issues.push(issue(`options_${survey.languages[0]}`, msg.optionsMismatch));
    else options = Array.from({ length: n }, (_, i) => ({ value: `o${i + 1}`, label: Object.fromEntries(survey.languages.map((l, j) => [l, perLang[j][i]])) }));
  } else if (kind === 'scale') {
    options = { min: 1, max: (form.scale_max as number | null) ?? 5 };
  }
  const section = Number(form.section ?? 0);
  let showIfQuestion: number | null = null;
  let showIfValues: string[] | null = null;
  if (form.show_if) {
    const [qid, value] = String(form.show_if).split(':');
    showIfQuestion = Number(qid);
    showIfValues = [value];
  }
  return db.transaction().execute(async (trx) => {
    await repo.lockSurvey(trx, surveyId);
    if (await repo.hasResponses(trx, surveyId)) throw new AppError('conflict', msg.lockedWhenAnswered);
    if (showIfQuestion !== null) {
      const target = (await listQuestions(trx, surveyId)).find((q) => q.id === showIfQuestion);
      if (!target || target.section >= section) issues.push(issue('show_if', msg.showIfEarlier));
    }
    if (issues.length) throw new AppError('validation', msg.questions, issues);
    return repo.insertQuestion(trx, surveyId, {
      section,
      kind,
      text,
      help: {},
      options,
      required: form.required === true,
      show_if_question: showIfQuestion,
      show_if_values: showIfValues,
    });
  });
}

export async function deleteQuestion(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, questionId: number): Promise<void> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.survey.manage', survey.organisationId);
  await db.transaction().execute(async (trx) => {
    await repo.lockSurvey(trx, surveyId);
    if (await repo.hasResponses(trx, surveyId)) throw new AppError('conflict', msg.lockedWhenAnswered);
    if (!(await repo.deleteQuestion(trx, surveyId, questionId))) throw new AppError('not_found', msg.questions);
  });
}

export async function setSurveyStatus(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, status: 'open' | 'closed'): Promise<void> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.survey.manage', survey.organisationId);
  await db.transaction().execute(async (trx) => {
    await repo.lockSurvey(trx, surveyId);
    if (status === 'open' && (await repo.listQuestions(trx, surveyId)).length === 0) throw new AppError('conflict', msg.needQuestions);
    await repo.setSurveyStatus(trx, surveyId, status);
  });
}

/** E-mails one-time links to a list of addresses (an address invited before is skipped); the mail goes through the job queue. */
export async function inviteByEmail(
  db: Kysely<DB>,
  env: Env,
  baseUrl: string,
  user: SessionUser | undefined,
  surveyId: number,
  emailsText: string,
  locale: Locale,
): Promise<number> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.survey.manage', survey.organisationId);
  const emails = [...new Set(splitLines(emailsText.replace(/[,;]/g, '\n')).map((e) => e.toLowerCase()))];
  const bad = emails
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => !/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(e))
    .map(({ e, i }): FieldIssue => ({ field: 'emails', message: msg.notAnEmail, values: { value: e.slice(0, 80) }, line: i + 1 }));
  if (bad.length) throw new AppError('validation', msg.inviteEmails, bad.slice(0, 20));
  if (!emails.length) throw new AppError('validation', msg.inviteEmails, [issue('emails', msg.inviteEmails)]);
  const orgName = (await organisationNames(db)).get(survey.organisationId) ?? '';
  const lang = survey.languages.includes(locale) ? locale : survey.languages[0];
  return db.transaction().execute(async (trx) => {
    const tokens = emails.map((email) => ({ email, token: newToken() }));
    const inserted = new Set(
      await repo.insertInvitations(
        trx,
        surveyId,
        tokens.map((t) => ({ token_hash: hashToken(t.token), email_hash: hashToken(`${surveyId}:${t.email}`) })),
      ),
    );
    const mailer = createMailer(trx, env);
    for (const t of tokens) {
      if (!inserted.has(hashToken(t.token))) continue;
      const title = pickText(survey.title, lang, survey.languages);
      await mailer.send(
        {
          to: t.email,
          subject: format(msg.inviteSubject[lang], { title }),
          text: format(msg.inviteText[lang], { org: orgName, title, link: `${baseUrl}/surveys/i/${t.token}?lang=${lang}` }),
        },
        trx,
      );
    }
    return inserted.size;
  });
}

// ---- answering ---------------------------------------------------------------------------

export type SurveyWindow = 'open' | 'not_yet' | 'closed' | 'draft';

/** Open, not yet or closed on this day in the survey's own zone (closing day included). */
export function windowOf(survey: SurveyDto, now: Date = new Date()): SurveyWindow {
  if (survey.status === 'draft') return 'draft';
  if (survey.status === 'closed') return 'closed';
  const day = localDateOf(now, survey.timeZone);
  if (survey.opensOn && day < survey.opensOn) return 'not_yet';
  if (survey.closesOn && day > survey.closesOn) return 'closed';
  return 'open';
}

export interface AnswerContext {
  survey: SurveyDto;
  questions: QuestionDto[];
  municipalities: { code: string; name: string }[];
  invitationHash?: string;
}

/** The survey behind a public link or an invitation, with what the form needs; refuses what may not be answered now. */
export async function openForAnswering(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  link: { token?: string; invitation?: string },
  now: Date = new Date(),
): Promise<AnswerContext> {
  let row: repo.SurveyRow | undefined;
  let invitationHash: string | undefined;
  if (link.invitation) {
    invitationHash = hashToken(link.invitation);
    const invitation = await repo.findInvitation(db, invitationHash);
    if (!invitation) throw new AppError('not_found', msg.notOpen);
    if (invitation.used_at) throw new AppError('conflict', msg.invitationUsed);
    row = await repo.findSurvey(db, Number(invitation.survey_id));
  } else if (link.token) row = await repo.findSurveyByToken(db, link.token);
  if (!row) throw new AppError('not_found', msg.notOpen);
  const survey = toSurveyDto(row);
  if (windowOf(survey, now) !== 'open') throw new AppError(survey.status === 'draft' ? 'not_found' : 'conflict', msg.notOpen);
  if (survey.audience === 'invited' && !invitationHash) throw new AppError('forbidden', msg.invitationOnly);
  if (survey.audience === 'members') {
    const memberFirmIds = await memberFirmIdsOf(db, survey.organisationId);
    requireAccess(user, 'surveys.answer.members', { organisationId: survey.organisationId, memberFirmIds });
  }
  const questions = await listQuestions(db, survey.id);
  const coverage = questions.some((q) => q.kind === 'municipality') ? await coverageOn(db, survey.organisationId, networkToday()) : [];
  return {
    survey,
    questions,
    municipalities: coverage.map((c) => ({ code: c.municipalityCode, name: c.municipalityName })),
    invitationHash,
  };
}

export interface ParsedAnswer {
  choices?: string[];
  text?: string;
  number?: number;
  lat?: number;
  lon?: number;
  sector?: string;
}
export type Answers = Map<number, ParsedAnswer>;
export type RawForm = Record<string, string[]>;

/** Is the question asked, given the answers so far (skip logic)? */
export function isAsked(q: QuestionDto, answers: Answers): boolean {
  if (q.showIfQuestion === null || !q.showIfValues?.length) return true;
  const earlier = answers.get(q.showIfQuestion);
  return !!earlier?.choices?.some((c) => q.showIfValues!.includes(c));
}

/** The parts in order that have at least one question asked, given the answers so far. */
export function askedSections(questions: QuestionDto[], answers: Answers): number[] {
  return [...new Set(questions.filter((q) => isAsked(q, answers)).map((q) => q.section))].sort((a, b) => a - b);
}

const optionValues = (q: QuestionDto) => (Array.isArray(q.options) ? q.options.map((o) => o.value) : []);
const first = (form: RawForm, name: string) => (form[name]?.[0] ?? '').trim();

/** Parses a number as people type it: "150", "150,50", "1 234,50", "1.234,50". */
export function parseAmount(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (!t) return undefined;
  let normal = t;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
  else normal = t.replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) && n >= 0 && n < 1e9 ? n : undefined;
}

/**
 * Reads and checks the answers to the given questions from the form (field `q<id>`, plus
 * `q<id>_sector` and `q<id>_lat`/`_lon`). Questions not asked (skip logic) are ignored even if sent.
 */
export function parseAnswers(questions: QuestionDto[], form: RawForm, ctx: { municipalities: string[] }, upToSection = Number.POSITIVE_INFINITY) {
  const answers: Answers = new Map();
  const issues: FieldIssue[] = [];
  for (const q of questions) {
    if (q.section > upToSection) continue;
    if (!isAsked(q, answers)) continue;
    const name = `q${q.id}`;
    const need = (given: boolean) => {
      if (!given && q.required) issues.push(issue(name, msg.answerRequired));
    };
    switch (q.kind) {
      case 'single':
      case 'group':
      case 'municipality': {
        const v = first(form, name);
        const allowed = q.kind === 'municipality' ? [...ctx.municipalities, 'other'] : optionValues(q);
        if (v && !allowed.includes(v)) issues.push(issue(name, msg.notAnOption));
        else if (v) answers.set(q.id, { choices: [v] });
        need(!!v);
        break;
      }
      case 'multiple': {
        const vs = [...new Set((form[name] ?? []).map((v) => v.trim()).filter(Boolean))];
        const allowed = optionValues(q);
        if (vs.some((v) => !allowed.includes(v))) issues.push(issue(name, msg.notAnOption));
        else if (vs.length) answers.set(q.id, { choices: vs });
        need(vs.length > 0);
        break;
      }
      case 'scale': {
        const v = first(form, name);
        const range = Array.isArray(q.options) ? { min: 1, max: 5 } : q.options;
        const n = Number(v);
        if (v && (!/^\d{1,2}$/.test(v) || n < range.min || n > range.max)) issues.push(issue(name, msg.notAnOption));
        else if (v) answers.set(q.id, { number: n, choices: [v] });
        need(!!v);
        break;
      }
      case 'text': {
        const v = first(form, name);
        if (v.length > 2000) issues.push({ field: name, message: msg.tooLong, values: { max: 2000 } });
        else if (v) answers.set(q.id, { text: v });
        need(!!v);
        break;
      }
      case 'miss_local': {
        const sector = first(form, `${name}_sector`);
        const v = first(form, name);
        if (sector && !needSectorCodes.includes(sector)) issues.push(issue(`${name}_sector`, msg.notAnOption));
        else if (v.length > 2000) issues.push({ field: name, message: msg.tooLong, values: { max: 2000 } });
        else if (sector || v) answers.set(q.id, { sector: sector || 'other', text: v || undefined });
        need(!!sector || !!v);
        break;
      }
      case 'spend_outside': {
        const v = first(form, name);
        const n = parseAmount(v);
        if (v && n === undefined) issues.push(issue(name, msg.notANumber));
        else if (n !== undefined) answers.set(q.id, { number: n });
        need(n !== undefined);
        break;
      }
      case 'map_point': {
        const latText = first(form, `${name}_lat`).replace(',', '.');
        const lonText = first(form, `${name}_lon`).replace(',', '.');
        const lat = Number(latText);
        const lon = Number(lonText);
        if (latText || lonText) {
          if (!latText || !lonText || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
            issues.push(issue(`${name}_lat`, msg.notAPoint));
          else answers.set(q.id, { lat, lon });
        }
        need(!!latText && !!lonText);
        break;
      }
    }
  }
  return { answers, issues };
}

/** Which squares map answers fall in: ~5.5 km north–south, ~4.5 km east–west at 66° N. */
export const mapCell = (lat: number, lon: number) => `${(Math.round(lat / 0.05) * 0.05).toFixed(2)},${(Math.round(lon / 0.1) * 0.1).toFixed(1)}`;

const spendBuckets = [0, 50, 100, 250, 500, 1000];
export const spendBucket = (n: number) => {
  const i = spendBuckets.findLastIndex((b) => n >= b);
  return i === spendBuckets.length - 1 ? `${spendBuckets[i]}+` : `${spendBuckets[i]}-${spendBuckets[i + 1] - 1}`;
};

/** The counts an answer adds to: '*' (answered) and each value. */
export function talliesOf(questions: QuestionDto[], answers: Answers): repo.TallyIncrement[] {
  const out: repo.TallyIncrement[] = [];
  for (const q of questions) {
    const a = answers.get(q.id);
    if (!a) continue;
    const sector = q.kind === 'miss_local' ? (a.sector ?? 'other') : '';
    out.push({ question_id: q.id, value: '*', sector, total: a.number ?? 0 });
    if (q.kind === 'miss_local') out.push({ question_id: q.id, value: sector, sector, total: 0 });
    else if (q.kind === 'map_point') out.push({ question_id: q.id, value: mapCell(a.lat!, a.lon!), sector: '', total: 0 });
    else if (q.kind === 'spend_outside') out.push({ question_id: q.id, value: spendBucket(a.number!), sector: '', total: a.number! });
    else for (const c of a.choices ?? []) out.push({ question_id: q.id, value: c, sector: '', total: 0 });
  }
  return out;
}

export function answerRows(questions: QuestionDto[], answers: Answers): repo.AnswerValues[] {
  return questions
    .filter((q) => answers.has(q.id))
    .map((q) => {
      const a = answers.get(q.id)!;
      return {
        question_id: q.id,
        choices: a.choices ?? null,
        text_value: a.text ?? null,
        number_value: a.number ?? null,
        lat: a.lat ?? null,
        lon: a.lon ?? null,
        sector: a.sector ?? null,
      };
    });
}

/** Per-process key for the form's start time and the addresses' daily hash: never stored, so neither can be reversed later. */
const processKey = randomBytes(32);
export const signStart = (at: number) => `${at.toString(36)}.${createHmac('sha256', processKey).update(`start:${at}`).digest('base64url').slice(0, 16)}`;
export function startedAt(signed: string | undefined): number | undefined {
  const [text, mac] = (signed ?? '').split('.');
  const at = Number.parseInt(text ?? '', 36);
  return Number.isFinite(at) && signStart(at) === `${text}.${mac}` ? at : undefined;
}
const addressHash = (surveyId: number, address: string, now: Date) =>
  createHmac('sha256', processKey)
    .update(`${surveyId}:${now.toISOString().slice(0, 10)}:${address}`)
    .digest('base64url');

export const answeringRules = { minSeconds: 3, maxPerAddressPerHour: 30 };

export type SubmitResult = { kind: 'stored' } | { kind: 'too_fast' } | { kind: 'ignored' };

/**
 * Stores a complete response: the answers, the tallies they add to, the contact details when the
 * respondent opted in, and the invitation marked used — all in one transaction, nothing about who
 * answered (no user, no address, no invitation id; the day only). A filled honeypot is answered as
 * if stored and dropped; a form sent faster than a person could is sent back; an address sending
 * very many answers in an hour is refused.
 */
export async function submitResponse(
  db: Kysely<DB>,
  context: AnswerContext,
  input: {
    answers: Answers;
    contact?: { name: string | null; email: string | null; phone: string | null };
    honeypot: string;
    started?: string;
    address: string;
  },
  now: Date = new Date(),
): Promise<SubmitResult> {
  if (input.honeypot) return { kind: 'ignored' };
  const started = startedAt(input.started);
  if (started === undefined || now.getTime() - started < answeringRules.minSeconds * 1000) return { kind: 'too_fast' };
  const { survey, questions } = context;
  const municipalityQ = questions.find((q) => q.kind === 'municipality');
  const groupQ = questions.find((q) => q.kind === 'group');
  const municipality = municipalityQ ? input.answers.get(municipalityQ.id)?.choices?.[0] : undefined;
  const group = groupQ ? input.answers.get(groupQ.id)?.choices?.[0] : undefined;
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await db.transaction().execute(async (trx) => {
    const n = await repo.countSubmission(trx, survey.id, addressHash(survey.id, input.address, now), hour);
    if (n > answeringRules.maxPerAddressPerHour) throw new AppError('rate_limited', msg.tooMany);
    if (context.invitationHash && !(await repo.useInvitation(trx, context.invitationHash))) throw new AppError('conflict', msg.invitationUsed);
    await repo.insertResponse(
      trx,
      survey.id,
      { municipality_code: municipality && municipality !== 'other' ? municipality : null, respondent_group: group ?? null },
      answerRows(questions, input.answers),
      talliesOf(questions, input.answers),
    );
    if (input.contact && (input.contact.email || input.contact.phone)) await repo.insertContact(trx, survey.id, input.contact);
  });
  return { kind: 'stored' };
}

// ---- results -------------------------------------------------------------------------------

export type Dimension = 'municipality' | 'group' | 'sector';
const column: Record<Dimension, 'municipality' | 'grp' | 'sector'> = { municipality: 'municipality', group: 'grp', sector: 'sector' };

export interface OptionResult {
  value: string;
  label: string;
  /** null: hidden by the small-group rule. */
  n: number | null;
  share: number | null;
}
export interface BreakdownRow {
  key: string;
  label: string;
  shown: boolean;
  n: number | null;
  options: Map<string, number>;
}
export interface QuestionResult {
  question: QuestionDto;
  title: string;
  shown: boolean;
  answered: number;
  options: OptionResult[];
  mean: number | null;
  sum: number | null;
  breakdown?: { dimension: Dimension; rows: BreakdownRow[] };
}

export interface ResultsQuery {
  municipality?: string | null;
  group?: string | null;
  by?: Dimension | null;
}

/** The results of a survey for its organisation's staff (access checked). */
export async function getResults(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, query: ResultsQuery, l: Locale) {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.results.read', survey.organisationId);
  return computeResults(db, survey, query, l);
}

/** The published results of a survey, for anyone (only when its organisation published them). */
export async function getPublicResults(db: Kysely<DB>, surveyId: number, query: ResultsQuery, l: Locale) {
  const survey = await loadSurvey(db, surveyId);
  if (!survey.resultsPublic || survey.status === 'draft') throw new AppError('not_found', msg.notOpen);
  return computeResults(db, survey, query, l);
}

export async function listPublicSurveys(db: Kysely<DB>, now: Date = new Date()) {
  const open = (await repo.listOpenPublicSurveys(db, localDateOf(now, 'Europe/Helsinki'))).map(toSurveyDto).filter((s) => windowOf(s, now) === 'open');
  const published = (await repo.listSurveysWithPublicResults(db)).map(toSurveyDto);
  return { open, published };
}

async function computeResults(db: Kysely<DB>, survey: SurveyDto, query: ResultsQuery, l: Locale) {
  const [questions, tallies, responses] = await Promise.all([
    listQuestions(db, survey.id),
    repo.listTallies(db, survey.id),
    repo.countResponses(db, survey.id),
  ]);
  const k = survey.minGroupSize;
  const filters: Filters = {};
  if (query.municipality) filters.municipality = query.municipality;
  if (query.group) filters.grp = query.group;
  const country = (await listAllOrganisations(db)).find((o) => o.id === survey.organisationId)?.country ?? 'NO';
  const municipalityCodes = [...new Set(tallies.map((t) => t.municipality).filter(Boolean))];
  const placeNames = await municipalityNames(
    db,
    municipalityCodes.map((code) => ({ country, code })),
  );
  const groupQ = questions.find((q) => q.kind === 'group');
  const groupLabels = new Map((groupQ && Array.isArray(groupQ.options) ? groupQ.options : []).map((o) => [o.value, pickText(o.label, l, survey.languages)]));
  const sectorLabels = new Map(needSectors.map((s) => [s.code, s.label[l]]));
  const labelOf = (dimension: Dimension, key: string) =>
    dimension === 'municipality'
      ? (placeNames.get(`${country}:${key}`) ?? key)
      : dimension === 'group'
        ? (groupLabels.get(key) ?? key)
        : (sectorLabels.get(key) ?? key);

  const byQuestion = new Map<number, repo.TallyRow[]>();
  for (const t of tallies) {
    const id = Number(t.question_id);
    if (!byQuestion.has(id)) byQuestion.set(id, []);
    byQuestion.get(id)!.push(t);
  }
  const matches = (t: repo.TallyRow, f: Filters) => Object.entries(f).every(([key, v]) => (t as unknown as Record<string, string>)[key] === v);

  const results: QuestionResult[] = questions.map((q) => {
    const rows = byQuestion.get(q.id) ?? [];
    const stars = rows.filter((t) => t.value === '*');
    const count = (f: Filters) => stars.reduce((s, t) => (matches(t, f) ? s + t.n : s), 0);
    const title = pickText(q.text, l, survey.languages);
    const base = { question: q, title, options: [] as OptionResult[], mean: null, sum: null };
    if (!isBaseShown(filters, count, k)) return { ...base, shown: false, answered: 0 };
    const answered = count(filters);
    const inBase = rows.filter((t) => matches(t, filters));
    const optionLabel = (value: string) => {
      if (Array.isArray(q.options)) return pickText(q.options.find((o) => o.value === value)?.label, l, survey.languages) || value;
      if (q.kind === 'miss_local') return sectorLabels.get(value) ?? value;
      if (q.kind === 'municipality') return value === 'other' ? msg.otherPlace[l] : (placeNames.get(`${country}:${value}`) ?? value);
      return value;
    };
    const counts = new Map<string, number>();
    for (const t of inBase) if (t.value !== '*') counts.set(t.value, (counts.get(t.value) ?? 0) + t.n);
    const range = Array.isArray(q.options) ? undefined : q.options;
    const order =
      Array.isArray(q.options) && q.options.length
        ? q.options.map((o) => o.value)
        : range
          ? Array.from({ length: range.max - range.min + 1 }, (_, i) => String(range.min + i))
          : [...counts.keys()].sort();
    // The answers to a question that defines a group (who, where, which sector) ARE that group's
    // size: they follow the small-group rule like a breakdown.
    const groupColumn = q.kind === 'group' ? 'grp' : q.kind === 'municipality' ? 'municipality' : q.kind === 'miss_local' ? 'sector' : undefined;
    const optionVisible = groupColumn
      ? shownRows(
          order.map((value) => ({ key: value, n: counts.get(value) ?? 0 })),
          filters,
          groupColumn,
          (f) => count(f[groupColumn] === 'other' ? { ...f, [groupColumn]: '' } : f),
          k,
        )
      : undefined;
    const optionsOut: OptionResult[] = (q.kind === 'map_point' ? [] : order).map((value) => {
      const n = counts.get(value) ?? 0;
      const visible = !optionVisible || n === 0 || optionVisible.has(value);
      return { value, label: optionLabel(value), n: visible ? n : null, share: visible && answered ? n / answered : null };
    });
    if (!(Array.isArray(q.options) && q.options.length) && q.kind !== 'scale')
      optionsOut.sort((a, b) => (b.n ?? -1) - (a.n ?? -1) || a.label.localeCompare(b.label));
    const sum = q.kind === 'scale' || q.kind === 'spend_outside' ? inBase.filter((t) => t.value === '*').reduce((s, t) => s + t.total, 0) : null;
    const result: QuestionResult = { ...base, shown: true, answered, options: optionsOut, sum, mean: sum !== null && answered ? sum / answered : null };
    const by = query.by;
    if (by && (by !== 'sector' || q.kind === 'miss_local') && !(by === 'municipality' && filters.municipality) && !(by === 'group' && filters.grp)) {
      const col = column[by];
      const keys = [
        ...new Set(
          stars
            .filter((t) => matches(t, filters))
            .map((t) => (t as unknown as Record<string, string>)[col])
            .filter(Boolean),
        ),
      ];
      const sized = keys.map((key) => ({ key, n: count({ ...filters, [col]: key }) }));
      const visible = shownRows(sized, filters, col, count, k);
      result.breakdown = {
        dimension: by,
        rows: sized
          .sort((a, b) => labelOf(by, a.key).localeCompare(labelOf(by, b.key)))
          .map(({ key, n }) => {
            const options = new Map<string, number>();
            if (visible.has(key))
              for (const t of inBase)
                if (t.value !== '*' && (t as unknown as Record<string, string>)[col] === key) options.set(t.value, (options.get(t.value) ?? 0) + t.n);
            return { key, label: labelOf(by, key), shown: visible.has(key), n: visible.has(key) ? n : null, options };
          }),
      };
    }
    return result;
  });
  const municipalityOptions = municipalityCodes
    .map((code) => ({ value: code, label: placeNames.get(`${country}:${code}`) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const groupOptions = [...groupLabels.entries()].map(([value, label]) => ({ value, label }));
  return { survey, results, responses, k, municipalityOptions, groupOptions, mapCells: mapCellsOf(questions, byQuestion, k) };
}

/** Map answers as squares with at least k answers (squares below k are left out, and their sum too when it is below k). */
function mapCellsOf(questions: QuestionDto[], byQuestion: Map<number, repo.TallyRow[]>, k: number) {
  const out: { questionId: number; lat: number; lon: number; n: number }[] = [];
  for (const q of questions.filter((x) => x.kind === 'map_point')) {
    const cells = new Map<string, number>();
    for (const t of byQuestion.get(q.id) ?? []) if (t.value !== '*') cells.set(t.value, (cells.get(t.value) ?? 0) + t.n);
    const rows = [...cells.entries()].map(([key, n]) => ({ key, n }));
    const total = rows.reduce((s, r) => s + r.n, 0);
    const visible = shownRows(rows, {}, 'cell', (f) => (f.cell ? (cells.get(f.cell) ?? 0) : total), k);
    for (const key of visible) {
      const [lat, lon] = key.split(',').map(Number);
      out.push({ questionId: q.id, lat, lon, n: cells.get(key)! });
    }
  }
  return out;
}

// ---- free texts, contacts ------------------------------------------------------------------

export async function listFreeTexts(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, options: { tag?: string; beforeId?: number }) {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.results.read', survey.organisationId);
  const rows = await repo.listTextAnswers(db, surveyId, { ...options, limit: 101 });
  return { survey, rows: rows.slice(0, 100).map((r) => ({ ...r, id: Number(r.id), question_id: Number(r.question_id) })), more: rows.length > 100 };
}

export async function tagAnswer(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, answerId: number, tags: string[]): Promise<void> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.survey.manage', survey.organisationId);
  if (!(await repo.setAnswerTags(db, surveyId, answerId, tags))) throw new AppError('not_found', msg.freeTexts);
}

/** The opted-in contact details, read with a purpose; the read is logged in the same transaction. */
export async function readContacts(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, purpose: string) {
  const survey = await loadSurvey(db, surveyId);
  const u = requireAccess(user, 'surveys.contacts.read', survey.organisationId);
  return db.transaction().execute(async (trx) => {
    await repo.insertContactRead(trx, surveyId, u.id, purpose);
    return repo.listContacts(trx, surveyId);
  });
}

export async function contactReadLog(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number) {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.contacts.read', survey.organisationId);
  return repo.listContactReads(db, surveyId);
}

export async function eraseContact(db: Kysely<DB>, user: SessionUser | undefined, surveyId: number, contactId: number): Promise<void> {
  const survey = await loadSurvey(db, surveyId);
  requireAccess(user, 'surveys.contacts.read', survey.organisationId);
  if (!(await repo.deleteContact(db, surveyId, contactId))) throw new AppError('not_found', msg.contacts);
}

// ---- what a firm's customers miss ------------------------------------------------------------

export interface FirmNeed {
  survey: SurveyDto;
  municipality: string;
  municipalityName: string;
  sector: string;
  sectorLabel: string;
  n: number;
  total: number;
  texts: string[];
}

/**
 * What people in the firm's municipalities miss in the firm's sectors, from every survey that is
 * not a draft; a (municipality, sector) group is shown only by the small-group rule.
 */
export async function firmNeeds(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  firmId: number,
  l: Locale,
): Promise<{ firm: { id: number; name: string }; needs: FirmNeed[] }> {
  requireAccess(user, 'surveys.firm-needs.read', firmId);
  const place = await firmPlaces(db, firmId);
  if (!place) throw new AppError('not_found', msg.firmNeedsTitle);
  const sectors = [...new Set(place.naceCodes.flatMap(needSectorsOfNace))];
  const rows = await repo.listNeedTallies(db, place.municipalities, sectors.length ? sectors : ['-']);
  const names = await municipalityNames(
    db,
    place.municipalities.map((code) => ({ country: place.country, code })),
  );
  const bySurvey = new Map<number, typeof rows>();
  for (const r of rows) {
    const id = Number(r.survey_id);
    if (!bySurvey.has(id)) bySurvey.set(id, []);
    bySurvey.get(id)!.push(r);
  }
  const needs: FirmNeed[] = [];
  for (const [surveyId, surveyRows] of bySurvey) {
    const survey = await loadSurvey(db, surveyId);
    const count = (f: Filters) =>
      surveyRows.reduce((s, t) => (Object.entries(f).every(([key, v]) => (t as unknown as Record<string, string>)[key] === v) ? s + t.n : s), 0);
    for (const municipality of place.municipalities)
      for (const sector of sectors) {
        const filters = { municipality, sector };
        if (!isBaseShown(filters, count, survey.minGroupSize)) continue;
        const questionId = Number(surveyRows.find((t) => t.municipality === municipality && t.sector === sector)!.question_id);
        const texts = (await repo.listNeedTexts(db, questionId, municipality, sector, 30)).map((t) => t.text_value!).filter(Boolean);
        needs.push({
          survey,
          municipality,
          municipalityName: names.get(`${place.country}:${municipality}`) ?? municipality,
          sector,
          sectorLabel: needSectors.find((s) => s.code === sector)!.label[l],
          n: count(filters),
          total: count({ municipality }),
          texts,
        });
      }
  }
  return { firm: { id: place.id, name: place.name }, needs };
}
