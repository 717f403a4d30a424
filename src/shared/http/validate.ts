import type { z } from 'zod';
import { AppError, type ErrorText, type FieldIssue } from '../errors.js';
import { errorMessages as m } from '../i18n/error.messages.js';

/** Field name → what a person calls it (`closes_2` → "Closes at, Tuesday"), per language. */
export type FieldLabels = Record<string, ErrorText>;

export interface ParseOptions {
  /** Labels shown instead of field names in messages. */
  labels?: FieldLabels;
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);

/**
 * A zod issue as a localised field problem. A schema can give its own message with
 * `.refine(fn, { params: { text: msg.someMessage } })` (or `{ params: { text, values } }`).
 */
function localiseIssue(issue: z.core.$ZodIssue, input: unknown): Pick<FieldIssue, 'message' | 'values'> {
  const params = (issue as { params?: { text?: ErrorText; values?: Record<string, string | number> } }).params;
  if (params?.text) return { message: params.text, values: params.values };
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value === undefined || value === null || value === '') return { message: m.required };
      if (issue.expected === 'int' || issue.expected === 'bigint')
        return { message: value !== '' && Number.isFinite(Number(value)) ? m.notAWholeNumber : m.notANumber };
      if (issue.expected === 'number') return { message: m.notANumber };
      if (issue.expected === 'date') return { message: m.notADate };
      return { message: m.invalidValue };
    }
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { message: m.tooLong, values: { max: Number(issue.maximum) } }
        : { message: m.tooBig, values: { max: Number(issue.maximum) } };
    case 'too_small': {
      const value = valueAt(input, issue.path);
      if (issue.origin === 'string' && (value === undefined || value === '')) return { message: m.required };
      return issue.origin === 'string' || issue.origin === 'array'
        ? { message: m.tooShort, values: { min: Number(issue.minimum) } }
        : { message: m.tooSmall, values: { min: Number(issue.minimum) } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { message: m.notAnEmail };
      if (issue.format === 'url') return { message: m.notAUrl };
      if (issue.format === 'date' || issue.format === 'datetime') return { message: m.notADate };
      if (issue.format === 'time') return { message: m.notATime };
      return { message: m.invalidValue };
    case 'invalid_value':
      return { message: m.notOneOf, values: { options: issue.values.map(String).join(', ') } };
    case 'not_multiple_of':
      return { message: m.notAWholeNumber };
    case 'unrecognized_keys':
      return { message: m.unknownField };
    default:
      return { message: m.invalidValue };
  }
}

/** zod issues → field issues naming the parameter (`per_page`, `items.2.name`) in words a person understands. */
export function toFieldIssues(error: z.ZodError, input?: unknown, options: ParseOptions = {}): FieldIssue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(root)';
    const label = options.labels?.[field];
    return { field, ...(label ? { label } : {}), ...localiseIssue(i, input) };
  });
}

/** Parses input with a schema or throws a 400 AppError naming each bad field, in the reader's language. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, options: ParseOptions | string = {}): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = toFieldIssues(result.error, input, typeof options === 'string' ? {} : options);
    throw new AppError('validation', m.invalidInput, issues, { fields: issues.map((i) => i.field).join(', ') });
  }
  return result.data;
}
