import { z } from 'zod';

/** What the public API returns for places (the DTOs of places.service.ts). */
const localizedNames = z.record(z.string(), z.string()).describe('Names by language code (nb, sv, fi, en, and Sami/Kven codes where official)');

export const countySchema = z.object({
  country: z.enum(['NO', 'SE', 'FI']),
  code: z.string(),
  name: z.string(),
  names: localizedNames,
});

export const municipalitySchema = z.object({
  country: z.enum(['NO', 'SE', 'FI']),
  code: z.string().describe('Official code: NO/SE 4 digits, FI 3 digits'),
  name: z.string(),
  names: localizedNames,
  county: z.object({ code: z.string(), name: z.string() }),
  position: z.object({ lat: z.number(), lon: z.number() }).nullable().describe('Administrative centre'),
});

export const placesQuerySchema = z.object({
  country: z.enum(['NO', 'SE', 'FI']).optional().describe('Only this country'),
  county: z
    .string()
    .regex(/^\d{2}$/, 'must be a 2-digit county code')
    .optional()
    .describe('Only this county (use with country: codes repeat across countries)'),
});
