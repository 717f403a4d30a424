import { format, type Locale, type Message } from './i18n/i18n.js';

/** The closed set of error codes; each maps to exactly one HTTP status here and nowhere else. */
export const errorStatus = {
  bad_request: 400,
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * What a person reads: a message in all four languages (from a module's `*.messages.ts`).
 * A plain string is accepted only for text that is not shown to people (logs, CLI internals);
 * it is shown as it is in every language.
 */
export type ErrorText = Message | string;
export type TextValues = Record<string, string | number>;

export const textIn = (text: ErrorText, locale: Locale, values: TextValues = {}): string => (typeof text === 'string' ? text : format(text[locale], values));

export interface FieldIssue {
  /** The parameter, field or column at fault, e.g. `per_page` or `beliggenhetsadresse.kommunenummer`. */
  field: string;
  /** What a person calls the field ("Opens at, Tuesday"); the field name is shown when absent. */
  label?: ErrorText;
  message: ErrorText;
  /** Placeholders of the message, e.g. `{ max: 200 }`. */
  values?: TextValues;
  /** Line or record number in an imported file, when there is one. */
  line?: number;
}

/** A field issue rendered in one language (what pages and the JSON API show). */
export interface LocalisedIssue {
  field: string;
  label: string;
  message: string;
  line?: number;
}

/** Field issues in one language, for a page that shows them beside its form. */
export function localiseIssues(issues: FieldIssue[], locale: Locale): LocalisedIssue[] {
  return issues.map((i) => ({
    field: i.field,
    label: i.label ? textIn(i.label, locale) : i.field,
    message: textIn(i.message, locale, i.values),
    ...(i.line !== undefined ? { line: i.line } : {}),
  }));
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly text: ErrorText;
  readonly values: TextValues;

  /** `message` is a localised message (`msg.noSuchFirm`), with `{placeholders}` filled from `values`. */
  constructor(code: ErrorCode, message: ErrorText, issues: FieldIssue[] = [], values: TextValues = {}) {
    super(textIn(message, 'en', values));
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
    this.text = message;
    this.values = values;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  messageIn(locale: Locale): string {
    return textIn(this.text, locale, this.values);
  }

  issuesIn(locale: Locale): LocalisedIssue[] {
    return localiseIssues(this.issues, locale);
  }

  toJSON(locale: Locale = 'en') {
    const issues = this.issuesIn(locale);
    return { error: { code: this.code, message: this.messageIn(locale), ...(issues.length ? { issues } : {}) } };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
