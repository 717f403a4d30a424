import { msg } from './directory.messages.js';
import { z } from 'zod';
import { isCategoryKey } from './data/categories.js';

/**
 * The directory search contract, shared by the JSON API, the HTML pages and the
 * OpenAPI document (generated from these schemas). Query parameters are strings on
 * the wire; zod coerces and validates them, and a bad one becomes a 400 naming it.
 */
export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional().describe('Words to search for (stemmed per language, diacritics and typos tolerated)'),
    municipality: z
      .string()
      .refine((v) => /^\d{3,4}$/.test(v), { params: { text: msg.municipalityCodeFormat } })
      .optional()
      .describe('Municipality code, e.g. 5025 (Røros) or 320 (Kemijärvi)'),
    county: z
      .string()
      .refine((v) => /^\d{2}$/.test(v), { params: { text: msg.countyCodeFormat } })
      .optional()
      .describe('County / län / maakunta code'),
    country: z.enum(['NO', 'SE', 'FI']).optional(),
    sector: z
      .string()
      .refine((v) => /^([A-U]|\d{2})$/.test(v), { params: { text: msg.sectorCodeFormat } })
      .optional()
      .describe('NACE Rev. 2 section letter or 2-digit division'),
    category: z
      .string()
      .refine((v) => isCategoryKey(v), { params: { text: msg.categoryUnknown } })
      .optional()
      .describe('Everyday category key, e.g. bakery, hairdresser, plumber (GET /api/v1/categories lists them)'),
    near: z
      .string()
      // A point on Earth: latitude within ±90, longitude within ±180.
      .refine(
        (v) => {
          if (!/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/.test(v)) return false;
          const [lat, lon] = v.split(',').map(Number) as [number, number];
          return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
        },
        { params: { text: msg.nearFormat } },
      )
      .optional()
      .describe('Sort by distance from this point: "lat,lon"'),
    radius_km: z.coerce.number().positive().max(2000).optional().describe('With near: only within this radius (km); without near it is refused (400)'),
    open_now: z
      .enum(['true', 'false', '1', '0', 'on'])
      .optional()
      .transform((v) => v === 'true' || v === '1' || v === 'on')
      .describe('Only places open at this moment (their local time)'),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    per_page: z.coerce.number().int().min(1).max(100).default(20),
    /** Search the words as typed, without typo corrections (the "search for the original words" link). */
    exact: z
      .enum(['true', 'false', '1', '0', 'on'])
      .optional()
      .transform((v) => v === 'true' || v === '1' || v === 'on')
      .describe('Search the words exactly as typed (no typo correction)'),
  })
  .superRefine((v, ctx) => {
    // Only a valid radius (a bad one is already named by its own check).
    if (typeof v.radius_km === 'number' && v.radius_km > 0 && v.radius_km <= 2000 && v.near === undefined)
      ctx.addIssue({ code: 'custom', path: ['radius_km'], params: { text: msg.radiusNeedsNear } });
  });
/** What a person calls each search parameter (in validation messages). */
export const searchLabels = {
  q: msg.words,
  municipality: msg.municipality,
  county: msg.county,
  country: msg.country,
  sector: msg.sector,
  category: msg.category,
  near: msg.near,
  radius_km: msg.radius,
  open_now: msg.openNow,
  page: msg.page,
  per_page: msg.perPage,
  id: msg.firmId,
};
export type SearchQuery = z.output<typeof searchQuerySchema>;

const codeName = z.object({ code: z.string(), name: z.string() });
const position = z.object({ lat: z.number(), lon: z.number() });

export const listingItemSchema = z.object({
  id: z.number().int().describe('Directory id of the place (establishment, or the firm where it has none)'),
  kind: z.enum(['firm', 'establishment']),
  orgnr: z.string().describe('The national number of this unit itself (orgnr / organisationsnummer / Y-tunnus)'),
  country: z.enum(['NO', 'SE', 'FI']),
  name: z.string(),
  municipality: codeName.nullable(),
  county: codeName.nullable(),
  sector: codeName.nullable(),
  position: position.nullable(),
  address: z.string().nullable(),
  snippet: z.string().nullable().describe("Start of the description in the reader's language when available"),
  is_open_now: z.boolean().nullable(),
  category: z
    .object({ key: z.string(), name: z.string() })
    .nullable()
    .describe('Everyday category (bakery, hairdresser…): from the industry code, or chosen by the firm'),
  distance_km: z.number().optional(),
  is_demo: z.boolean(),
});
export type ListingItem = z.infer<typeof listingItemSchema>;

export const facetValueSchema = z.object({
  code: z.string(),
  name: z.string(),
  count: z.number().int(),
  country: z.enum(['NO', 'SE', 'FI']).optional().describe('For municipalities and counties: codes are national (county 01 exists in SE and FI)'),
});
export type FacetValue = z.infer<typeof facetValueSchema>;

export const searchResultSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  items: z.array(listingItemSchema),
  facets: z.object({
    municipality: z.array(facetValueSchema),
    county: z.array(facetValueSchema),
    sector: z.array(facetValueSchema).describe('By NACE section'),
    category: z.array(facetValueSchema).describe('By everyday category (key in code)'),
  }),
  estimated: z.boolean().optional().describe('true when total and facet counts are estimates: a very common word or a dense area, counted on a 1-in-8 sample'),
  corrections: z
    .array(z.object({ from: z.string(), to: z.array(z.string()) }))
    .optional()
    .describe('Query words not found in the directory and the words searched instead (typo tolerance)'),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const openingHoursSchema = z.object({
  weekly: z.array(z.object({ day: z.number().int().min(1).max(7), opens: z.string(), closes: z.string() })),
  exceptions: z
    .array(
      z.object({ date: z.string(), closed: z.boolean().optional(), opens: z.string().optional(), closes: z.string().optional(), note: z.string().optional() }),
    )
    .optional(),
  timeZone: z.string().optional(),
  byAppointment: z.boolean().optional().describe('The weekly hours are when to call; visits by appointment'),
});

export const firmDetailSchema = listingItemSchema.extend({
  firm_id: z
    .number()
    .int()
    .nullable()
    .describe(
      "Registry id of the firm this place belongs to (the firm's people manage it at /firms/{firm_id}/manage); null while the parent firm is not in the register data",
    ),
  establishment_id: z.number().int().nullable().describe('Registry id of the establishment (shop, branch) when the place is one'),
  manage_path: z.string().nullable().describe("Where the firm's people edit this place's profile"),
  opening_state: z
    .object({
      open: z.boolean(),
      closes_at: z.string().optional().describe('Local "HH:MM" when open'),
      next: z.object({ date: z.string(), time: z.string(), in_days: z.number().int() }).optional().describe('The next opening (local) when closed'),
    })
    .nullable(),
  legal_form: z.string().nullable(),
  nace_code: z.string().nullable().describe('Sector code as the register gives it (SN2007 / SNI2007 / TOL 2008)'),
  employees: z.number().int().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  registered_on: z.string().nullable(),
  description: z.record(z.string(), z.string()).describe('Description by language code'),
  opening_hours: openingHoursSchema.nullable(),
  products: z.array(
    z.object({
      kind: z.enum(['product', 'service']),
      name: z.string(),
      description: z.string().nullable(),
      price_minor: z.number().int().nullable(),
      currency: z.string().nullable(),
    }),
  ),
  parent: z
    .object({ id: z.number().int().nullable(), orgnr: z.string(), name: z.string().nullable() })
    .nullable()
    .describe('The firm an establishment belongs to'),
  establishments: z.array(z.object({ id: z.number().int(), name: z.string(), orgnr: z.string(), municipality: codeName.nullable() })),
});
export type FirmDetail = z.infer<typeof firmDetailSchema>;
