import { z } from 'zod';

/** Schemas of the public API that are not part of the search contract (directory.schemas.ts). */

export const firmIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a positive whole number')
    .transform(Number)
    .describe('Directory id of the place'),
});

export const sectorSchema = z.object({
  code: z.string().describe('NACE Rev. 2 section letter'),
  name: z.string(),
});

/** The body of every API error (AppError.toJSON in src/shared/errors.ts). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('validation, not_found, …'),
    message: z.string(),
    issues: z.array(z.object({ field: z.string().describe('The parameter at fault'), message: z.string() })).optional(),
  }),
});
