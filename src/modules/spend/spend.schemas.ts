import { z } from 'zod';
import { dateQuery } from '../../shared/forms.js';
import { ledgerFields } from './spend.mapping.js';
import { msg } from './spend.messages.js';

/** The results' filters: period and the buyer's municipality (codes are digits). */
export const resultQuerySchema = z.object({
  from: dateQuery,
  to: dateQuery,
  home: z
    .string()
    .regex(/^\d{3,4}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

const column = z.preprocess(
  (v) => (v === undefined || v === '' ? '-1' : v),
  z
    .string()
    .regex(/^-?\d{1,3}$/)
    .transform(Number),
);
export const mappingSchema = z.object(Object.fromEntries(ledgerFields.map((f) => [f, column])) as Record<(typeof ledgerFields)[number], typeof column>);

export const importSchema = z.object({ mode: z.enum(['all', 'without-bad']) });
export const confirmSchema = z.object({
  /** The supplier key, base64url (keys hold a U+001F separator, which forms may not carry). */
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,600}$/)
    .transform((v) => Buffer.from(v, 'base64url').toString('utf8')),
  firmId: z.union([z.literal('none'), z.string().regex(/^\d{1,15}$/)]),
});
export const shareSchema = z.object({
  organisationId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  on: z.enum(['0', '1']),
});
export const publishSchema = z.object({
  year: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^\d{4}$/)
      .transform(Number)
      .pipe(z.number().min(1990).max(2100))
      .nullable(),
  ),
});
export const exportQuerySchema = resultQuerySchema.extend({ format: z.enum(['csv', 'xlsx']) });

export const fieldLabels = {
  organisationId: msg.organisation,
  year: msg.year,
  from: msg.from,
  to: msg.to,
  home: msg.homeMunicipality,
  mode: msg.importAll,
  key: msg.supplier,
  firmId: msg.candidate,
  format: msg.format,
};
