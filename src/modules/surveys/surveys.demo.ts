import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { DemoSeeder } from '../demo/demo-world.types.js';
import * as repo from './surveys.repository.js';
import { answerRows, listQuestions, talliesOf, type Answers } from './surveys.service.js';
import type { QuestionOption, Texts } from './surveys.tables.js';

/**
 * The demo: East Lapland's finished needs survey "What do you miss in your village?" with 300
 * made-up answers (deterministic), so results, breakdowns, free texts and the firms' pages are
 * alive on first start. Marked is_demo and shown as demo on every page.
 */
const opt = (value: string, fi: string, sv: string, en: string): QuestionOption => ({ value, label: { fi, sv, en } });
const t = (fi: string, sv: string, en: string): Texts => ({ fi, sv, en });

const groups = [
  opt('resident', 'Asun täällä', 'Jag bor här', 'I live here'),
  opt('holiday', 'Vapaa-ajan asukas (mökki)', 'Fritidsboende (stuga)', 'Holiday home owner'),
  opt('visitor', 'Matkailija', 'Turist', 'Visitor'),
  opt('entrepreneur', 'Yrittäjä', 'Företagare', 'Entrepreneur'),
];
const whereInstead = [
  opt('online', 'Verkkokaupasta', 'På nätet', 'Online'),
  opt('rovaniemi', 'Rovaniemeltä', 'I Rovaniemi', 'In Rovaniemi'),
  opt('kemijarvi', 'Kemijärveltä', 'I Kemijärvi', 'In Kemijärvi'),
  opt('elsewhere', 'Muualta', 'Någon annanstans', 'Elsewhere'),
];

/** Municipality, share of answers, centre (for map answers), most-missed sectors. */
const places: { code: string; answers: number; lat: number; lon: number; sectors: [string, number][] }[] = [
  {
    code: '320',
    answers: 105,
    lat: 66.713,
    lon: 27.431,
    sectors: [
      ['clothing', 3],
      ['cafe', 2],
      ['health', 2],
      ['repairs', 2],
      ['food', 1],
      ['leisure', 1],
    ],
  },
  {
    code: '732',
    answers: 70,
    lat: 66.831,
    lon: 28.669,
    sectors: [
      ['food', 5],
      ['cafe', 2],
      ['hardware', 2],
      ['health', 1],
      ['transport', 1],
    ],
  },
  {
    code: '614',
    answers: 55,
    lat: 66.11,
    lon: 28.166,
    sectors: [
      ['food', 3],
      ['repairs', 2],
      ['clothing', 2],
      ['crafts', 1],
      ['transport', 2],
    ],
  },
  {
    code: '583',
    answers: 38,
    lat: 67.111,
    lon: 27.511,
    sectors: [
      ['food', 3],
      ['health', 2],
      ['cafe', 1],
      ['lodging', 1],
    ],
  },
  {
    code: '742',
    answers: 32,
    lat: 67.292,
    lon: 28.162,
    sectors: [
      ['food', 4],
      ['transport', 3],
      ['health', 2],
      ['repairs', 1],
    ],
  },
];

const texts: Record<string, string[]> = {
  food: [
    'Leipomo, josta saisi tuoretta leipää joka aamu',
    'Lähiruokaa suoraan tuottajilta, vaikka kerran viikossa',
    'Kala- ja lihatiski kauppaan',
    'Ruokakauppa, joka on auki myös sunnuntaisin',
    'Tuoretta ruisleipää ja karjalanpiirakoita',
  ],
  cafe: ['Kahvila, jossa voi istua iltaisin', 'Lounasravintola arkipäiville', 'Pizzeria, josta saa kotiinkuljetuksen'],
  clothing: ['Lasten vaatteita ja kenkiä', 'Työvaatteita ja ulkoiluvarusteita', 'Vaatekorjaamo'],
  hardware: ['Rautakauppa, josta saa pienetkin tarvikkeet', 'Puutavaraa ja maalia ilman Rovaniemen reissua'],
  health: ['Hieroja tai fysioterapeutti', 'Kampaamo, jolla on iltavuoroja', 'Apteekin palvelut useampana päivänä'],
  repairs: ['Pyörä- ja moottorikelkkahuolto', 'Kodinkoneiden korjaus', 'Renkaanvaihto ilman pitkää jonoa'],
  leisure: ['Kuntosali aamuisin', 'Elokuvaillat', 'Harrastustarvikkeita'],
  lodging: ['Majoitusta sukulaisille kesäksi'],
  transport: ['Kimppakyyti tai kutsutaksi kirkonkylään', 'Bussivuoro iltaisin'],
  crafts: ['Paikallisia käsitöitä lahjaksi'],
};

/** A small deterministic random generator (the same 300 answers every time). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const weighted = <T>(r: () => number, items: [T, number][]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
};

export const surveysDemo: DemoSeeder = {
  name: 'surveys',
  async seed(db: Kysely<DB>, world) {
    if (await repo.hasDemoSurvey(db)) return undefined;
    const org = world.orgs['east-lapland'];
    return db.transaction().execute(async (trx) => {
      const surveyId = await repo.insertSurvey(trx, {
        organisation_id: org.id,
        title: t('Mitä kaipaat kylääsi? (demo)', 'Vad saknar du i din by? (demo)', 'What do you miss in your village? (demo)'),
        intro: t(
          'Osta paikallista -hanke kysyy, mitä palveluja ja tuotteita Itä-Lapissa kaivataan. Vastaukset jaetaan paikallisille yrityksille.',
          'Projektet Osta paikallista frågar vilka tjänster och varor som saknas i Östra Lappland. Svaren delas med de lokala företagen.',
          'The Osta paikallista project asks which services and goods East Lapland misses. The answers are shared with the local firms.',
        ),
        sections: [t('Sinusta', 'Om dig', 'About you'), t('Palvelut', 'Tjänster', 'Services'), t('Lopuksi', 'Till sist', 'Finally')],
        audience: 'public',
        opens_on: '2026-09-01',
        closes_on: '2026-10-31',
        time_zone: 'Europe/Helsinki',
        min_group_size: 10,
        results_public: true,
        public_token: 'demo-ita-lappi-kysely-2026',
        created_by: world.people['admin-east-lapland'].id,
        is_demo: true,
        status: 'closed',
      });
      const q = async (
        section: number,
        kind: Parameters<typeof repo.insertQuestion>[2]['kind'],
        text: Texts,
        options: QuestionOption[] | { min: number; max: number } = [],
        required = false,
        showIf?: [number, string],
      ) =>
        repo.insertQuestion(trx, surveyId, {
          section,
          kind,
          text,
          help: {},
          options,
          required,
          show_if_question: showIf?.[0] ?? null,
          show_if_values: showIf ? [showIf[1]] : null,
        });
      const qGroup = await q(0, 'group', t('Kuka olet?', 'Vem är du?', 'Who are you?'), groups, true);
      await q(
        0,
        'municipality',
        t('Missä kunnassa asut tai vierailet?', 'I vilken kommun bor eller besöker du?', 'Which municipality do you live in or visit?'),
        [],
        true,
      );
      await q(
        1,
        'miss_local',
        t(
          'Mitä palvelua tai tuotetta kaipaat paikkakunnallesi?',
          'Vilken tjänst eller vara saknar du på orten?',
          'Which service or product do you miss locally?',
        ),
        [],
        true,
      );
      await q(
        1,
        'multiple',
        t('Mistä ostat, kun paikkakunnalta ei löydy?', 'Var handlar du när det inte finns på orten?', 'Where do you buy when it is not available locally?'),
        whereInstead,
      );
      await q(
        1,
        'spend_outside',
        t(
          'Paljonko käytät kuukaudessa ostoksiin alueen ulkopuolella (€)?',
          'Hur mycket handlar du för utanför regionen per månad (€)?',
          'How much do you spend outside the region a month (€)?',
        ),
      );
      await q(
        1,
        'scale',
        t('Kuinka tärkeää sinulle on ostaa paikallisesti?', 'Hur viktigt är det för dig att handla lokalt?', 'How important is buying locally to you?'),
        { min: 1, max: 5 },
      );
      await q(
        2,
        'single',
        t('Tulisitko useammin, jos palvelu löytyisi?', 'Skulle du komma oftare om tjänsten fanns?', 'Would you come more often if the service existed?'),
        [opt('yes', 'Kyllä', 'Ja', 'Yes'), opt('no', 'En', 'Nej', 'No')],
        false,
        [qGroup, 'visitor'],
      );
      await q(
        2,
        'map_point',
        t('Missä palvelu puuttuu eniten? (valinnainen)', 'Var saknas tjänsten mest? (frivilligt)', 'Where is the service missed most? (optional)'),
      );
      const questions = await listQuestions(trx, surveyId);
      const byKind = (k: string) => questions.find((x) => x.kind === k)!;
      const r = rng(2026);
      const items: Parameters<typeof repo.insertResponses>[2] = [];
      for (const place of places)
        for (let i = 0; i < place.answers; i++) {
          const answers: Answers = new Map();
          const group = weighted(r, [
            ['resident', 70],
            ['holiday', 15],
            ['visitor', 10],
            ['entrepreneur', 5],
          ]);
          answers.set(qGroup, { choices: [group] });
          answers.set(byKind('municipality').id, { choices: [place.code] });
          const sector = weighted(r, place.sectors);
          const options = texts[sector] ?? [];
          answers.set(byKind('miss_local').id, { sector, text: r() < 0.7 && options.length ? options[Math.floor(r() * options.length)] : undefined });
          const where = whereInstead.filter(() => r() < 0.45).map((o) => o.value);
          if (where.length) answers.set(byKind('multiple').id, { choices: where });
          if (r() < 0.85) answers.set(byKind('spend_outside').id, { number: Math.round(20 + r() * r() * 600) });
          const importance = Math.min(5, Math.max(1, Math.round(3.6 + (r() - 0.4) * 3)));
          answers.set(byKind('scale').id, { number: importance, choices: [String(importance)] });
          if (group === 'visitor') answers.set(byKind('single').id, { choices: [r() < 0.7 ? 'yes' : 'no'] });
          if (r() < 0.4) answers.set(byKind('map_point').id, { lat: place.lat + (r() - 0.5) * 0.08, lon: place.lon + (r() - 0.5) * 0.16 });
          items.push({
            response: {
              municipality_code: place.code,
              respondent_group: group,
              is_demo: true,
              received_on: `2026-${i % 2 ? '09' : '10'}-${String(1 + (i % 28)).padStart(2, '0')}`,
            },
            answers: answerRows(questions, answers),
            tallies: talliesOf(questions, answers),
          });
        }
      await repo.insertResponses(trx, surveyId, items);
      const made = items.length;
      return `"What do you miss in your village?" for East Lapland with ${made} answers`;
    });
  },
};
