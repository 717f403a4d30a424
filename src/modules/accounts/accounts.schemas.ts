import { z } from 'zod';
import type { SessionUser, StaffRole } from '../../shared/http/auth.js';
import { localiseIssues, type LocalisedIssue } from '../../shared/errors.js';
import { toFieldIssues } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { accountsText as t } from './accounts.messages.js';
import { passwordRules } from './accounts.password.js';

/** Trimmed, NFC, lower-cased: one account per mailbox however it is typed. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export const emailSchema = z.string().trim().max(254).pipe(z.email()).transform(normaliseEmail);

export const passwordSchema = z.string().min(passwordRules.minLength).max(passwordRules.maxLength);

export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  // control characters have no place in a name
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { params: { text: errorMessages.controlCharacters } });

export const staffRoleSchema = z.enum(['org_admin', 'coach', 'editor', 'analyst']) satisfies z.ZodType<StaffRole>;

/** A local path to come back to after sign-in; anything else (other hosts, //x, \x) becomes /account. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/account';
  if (/[\u0000-\u001f]/.test(value)) return '/account';
  return value.slice(0, 500);
}

export const signInFormSchema = z.object({
  email: z.string().trim().max(254).transform(normaliseEmail),
  password: z.string().max(passwordRules.maxLength),
  next: z.string().optional().transform(safeReturnPath),
});

export const signUpFormSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});

export const setPasswordFormSchema = z
  .object({ password: passwordSchema, password_confirm: z.string() })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], params: { text: t.fieldPasswordMismatch } });

export const acceptInvitationFormSchema = z
  .object({ name: displayNameSchema, password: passwordSchema, password_confirm: z.string() })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], params: { text: t.fieldPasswordMismatch } });

/** What a person calls each form field of this module (in validation messages). */
export const fieldLabels = {
  name: t.name,
  email: t.email,
  password: t.password,
  password_confirm: t.passwordConfirm,
};

/** A form's zod problems as the page shows them: each field by its label, in the reader's language. */
export const formIssues = (error: z.ZodError, input: unknown, locale: Locale): LocalisedIssue[] =>
  localiseIssues(toFieldIssues(error, input, { labels: fieldLabels }), locale);

export const profileFormSchema = z.object({ name: displayNameSchema });

export const apiSignInSchema = z.object({ email: z.string().trim().max(254).transform(normaliseEmail), password: z.string().max(passwordRules.maxLength) });

/** The signed-in person as the API shows them (no session id). */
export type SessionUserDto = Omit<SessionUser, 'sessionId'>;

export function toSessionUserDto(user: SessionUser): SessionUserDto {
  const { sessionId: _omit, ...rest } = user;
  void _omit;
  return rest;
}
