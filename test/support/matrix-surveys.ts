import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';

/** The surveys module's part of the matrix world: an open, published survey of org A with one answer (free text) and one opted-in contact. */
export async function buildSurveysFixture(db: Kysely<DB>, orgA: number) {
  const survey = await db
    .insertInto('surveys')
    .values({
      organisation_id: orgA,
      title: JSON.stringify({ en: 'Matrix survey', nb: 'Matriseundersøkelse' }),
      intro: '{}',
      sections: '[]',
      audience: 'public',
      status: 'open',
      public_token: 'matrix-survey-token-0001',
      min_group_size: 3,
      results_public: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const surveyId = Number(survey.id);
  const question = await db
    .insertInto('survey_questions')
    .values({ survey_id: surveyId, section: 0, position: 0, kind: 'text', text: JSON.stringify({ en: 'Ideas?', nb: 'Idéer?' }), options: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const response = await db
    .insertInto('survey_responses')
    .values({ survey_id: surveyId, municipality_code: null, respondent_group: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const answer = await db
    .insertInto('survey_answers')
    .values({
      response_id: response.id,
      question_id: question.id,
      choices: null,
      text_value: 'A bakery',
      number_value: null,
      lat: null,
      lon: null,
      sector: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contact = await db
    .insertInto('survey_contacts')
    .values({ survey_id: surveyId, name: 'Kari', email: 'kari@example.no', phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    surveyId,
    surveyToken: 'matrix-survey-token-0001',
    questionId: Number(question.id),
    answerId: Number(answer.id),
    surveyContactId: Number(contact.id),
  };
}
