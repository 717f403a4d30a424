import { AppError, type FieldIssue } from '../../shared/errors.js';
import { hasControlCharacters } from '../../shared/forms.js';
import { msg } from './academy.messages.js';
import type { QuizQuestion } from './academy.tables.js';

/**
 * Quiz questions as editors type them, one line each:
 *
 *   ? Which picture gets most likes?        (a question)
 *   + A person using the product            (a right answer; two or more make it multiple choice)
 *   - The shop front at night               (a wrong answer)
 *   > People like to see people.            (feedback shown after answering; optional)
 *
 * Blank lines are ignored. A problem names its line, in the editor's language.
 */
export function parseQuiz(text: string, field = 'quiz'): QuizQuestion[] {
  const questions: QuizQuestion[] = [];
  const issues: FieldIssue[] = [];
  const problem = (line: number, message: (typeof msg)[keyof typeof msg]) => issues.push({ field, label: msg.quiz, message, line });
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 400) problem(401, msg.quizTooLong);
  let current: (QuizQuestion & { line: number }) | undefined;
  const close = () => {
    if (!current) return;
    const right = current.options.filter((o) => o.correct).length;
    if (current.options.length < 2) problem(current.line, msg.quizNeedsTwoOptions);
    else if (right === 0) problem(current.line, msg.quizNeedsRightAnswer);
    current.kind = right > 1 ? 'multiple' : 'single';
    const { line: _line, ...q } = current;
    questions.push(q);
    current = undefined;
  };
  for (const [i, raw] of lines.slice(0, 400).entries()) {
    const line = i + 1;
    const t = raw.trim();
    if (!t) continue;
    const mark = t[0];
    const rest = t.slice(1).trim();
    if (!'?+->'.includes(mark)) problem(line, msg.quizUnknownLine);
    else if (!rest || rest.length > 500 || hasControlCharacters(rest)) problem(line, msg.quizBadText);
    else if (mark === '?') {
      close();
      if (questions.length >= 20) problem(line, msg.quizTooLong);
      else current = { id: `q${questions.length + 1}`, kind: 'single', prompt: rest, options: [], feedback: '', line };
    } else if (!current) problem(line, msg.quizQuestionFirst);
    else if (mark === '>') current.feedback = current.feedback ? `${current.feedback} ${rest}` : rest;
    else if (current.options.length >= 8) problem(line, msg.quizTooManyOptions);
    else current.options.push({ id: `${current.id}o${current.options.length + 1}`, text: rest, correct: mark === '+' });
  }
  close();
  if (issues.length) throw new AppError('validation', msg.quizHasProblems, issues);
  return questions;
}

/** The questions back as text, for the editor's form. */
export function quizToText(quiz: QuizQuestion[]): string {
  return quiz
    .map((q) => [`? ${q.prompt}`, ...q.options.map((o) => `${o.correct ? '+' : '-'} ${o.text}`), ...(q.feedback ? [`> ${q.feedback}`] : [])].join('\n'))
    .join('\n\n');
}

export interface QuizResult {
  passed: boolean;
  questions: { id: string; isRight: boolean; feedback: string; chosen: string[] }[];
}

/** Grades answers (question id → chosen option ids): a question is right when exactly its right options were chosen; all right passes. */
export function gradeQuiz(quiz: QuizQuestion[], answers: Record<string, string[]>): QuizResult {
  const questions = quiz.map((q) => {
    const chosen = [...new Set(answers[q.id] ?? [])].filter((id) => q.options.some((o) => o.id === id));
    const right = q.options.filter((o) => o.correct).map((o) => o.id);
    const isRight = chosen.length === right.length && right.every((id) => chosen.includes(id));
    return { id: q.id, isRight, feedback: q.feedback, chosen };
  });
  return { passed: questions.every((q) => q.isRight), questions };
}
