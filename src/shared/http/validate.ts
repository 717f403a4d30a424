import type { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.js';

/** zod issues → field issues naming the parameter (`per_page`, `items.2.name`). */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** Parses input with a schema or throws a 400 AppError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'parameters'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = toFieldIssues(result.error);
    throw new AppError('validation', `Invalid ${what}: ${issues.map((i) => `${i.field} (${i.message})`).join('; ')}`, issues);
  }
  return result.data;
}
