import type { Context } from 'hono';
import { AppError, isAppError, type LocalisedIssue } from '../errors.js';
import type { Locale } from '../i18n/i18n.js';
import { errorMessages } from '../i18n/error.messages.js';
import { fromDatabaseError } from './db-errors.js';

/** The text fields of a submitted form (urlencoded or multipart); files are left out. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A file field of a multipart form, as bytes (undefined when absent or empty). */
export async function readFormFile(c: Context, name: string): Promise<Uint8Array | undefined> {
  const body = await c.req.parseBody();
  const v = body[name];
  if (!v || typeof v === 'string') return undefined;
  const bytes = new Uint8Array(await v.arrayBuffer());
  return bytes.byteLength ? bytes : undefined;
}

/** Errors a person can fix in the form: shown beside it instead of on an error page. */
const formCodes = new Set(['validation', 'conflict', 'payload_too_large', 'unsupported_media_type', 'bad_request']);

/** A form error in the reader's language: the summary, and each issue with its field's label. */
export interface FormError {
  status: number;
  message: string;
  issues: LocalisedIssue[];
}

export function asFormError(err: unknown, locale: Locale): FormError | undefined {
  // A duplicate or refused value from the database is shown beside the form like any other.
  if (!isAppError(err)) err = fromDatabaseError(err);
  if (!isAppError(err) || !formCodes.has(err.code)) return undefined;
  // A validation summary lists field names ("Some fields need fixing: opens_2"); beside a form the
  // labelled list of issues says it better, so only other errors keep their message.
  const message = err.code === 'validation' && err.issues.length ? '' : err.messageIn(locale);
  return { status: err.status, message, issues: err.issuesIn(locale) };
}

/** A positive integer route parameter, else 404 (a malformed id names nothing). */
export function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new AppError('not_found', errorMessages.notFound);
  return Number(raw);
}
