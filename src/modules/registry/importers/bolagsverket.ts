import { readFileSync } from 'node:fs';
import { moduleDataPath } from '../../../shared/paths.js';
import { z } from 'zod';
import { normalizeNationalId } from '../national-id.js';
import { cleanText, isRealDate, isTooLong, issue, issuesOf, maxLength as max, zDate, zText } from './fields.js';
import { errorMessages } from '../../../shared/i18n/error.messages.js';
import { importMessages } from './import.messages.js';
import type { MapContext, MapOutcome, SourceAdapter } from './import.schemas.js';
import { csvRecords } from './input.js';

/**
 * Bolagsverket's bulk file ("bolagsverket_bulkfil", one of the high-value datasets): UTF-8,
 * `;`-separated, double-quoted, one line per registration. Inside a value, `$` separates
 * sub-fields (`5566778899$ORGNR-IDORG`, `Name$FORETAGSNAMN-ORGNAM$2020-01-01`) and `|`
 * separates repeated entries (several names, several ongoing procedures). The file has no
 * municipality: it is looked up from the postcode (see docs/importers.md for how well).
 */

export const bolagsverketHeader = [
  'organisationsidentitet',
  'namnskyddslopnummer',
  'registreringsland',
  'organisationsnamn',
  'organisationsform',
  'avregistreringsdatum',
  'avregistreringsorsak',
  'pagandeAvvecklingsEllerOmstruktureringsforfarande',
  'registreringsdatum',
  'verksamhetsbeskrivning',
  'postadress',
] as const;

type Row = Record<(typeof bolagsverketHeader)[number], string>;

// Main names first; the others (särskilt företagsnamn, foreign-language names) become other_names.
const mainNameTypes = ['FORETAGSNAMN-ORGNAM', 'NAMN-ORGNAM'];
// Ongoing procedures that end the firm: konkurs (KK) and likvidation (LI); företagsrekonstruktion (FR) does not.
const closingProcedures = /^(KK|LI)-/;

let postcodePrefixes: Map<string, string> | undefined;
/** First three digits of a Swedish postcode → the kommun most of that postal area lies in (partial, best effort). */
function postcodeMunicipality(postcode: string | null): string | null {
  if (!postcode || postcode.length !== 5) return null;
  if (!postcodePrefixes) {
    const file = JSON.parse(readFileSync(moduleDataPath('registry', 'se-postcode-municipality.json'), 'utf8')) as { prefixes: Record<string, string> };
    postcodePrefixes = new Map(Object.entries(file.prefixes));
  }
  return postcodePrefixes.get(postcode.slice(0, 3)) ?? null;
}

const subFields = (value: string | undefined) => (value ?? '').split('$').map((s) => cleanText(s));
const entries = (value: string | undefined) => (value ?? '').split('|').filter((s) => s.trim() !== '');
const digits = (s: string | null | undefined) => (s ? s.replace(/\s/g, '') : '');

const namesField = z.string().transform((value, ctx) => {
  const all = entries(value);
  if (all.length > max.entries) {
    ctx.addIssue(issue(importMessages.tooManyEntries, { max: max.entries }));
    return z.NEVER;
  }
  const names = all.map((e) => {
    const [name, type] = subFields(e);
    return { name, type };
  });
  const main = names.find((n) => n.name && n.type && mainNameTypes.includes(n.type)) ?? names.find((n) => n.name);
  if (!main?.name) {
    ctx.addIssue(issue(errorMessages.required));
    return z.NEVER;
  }
  if (names.some((n) => n.name && isTooLong(n.name, max.name, ctx))) return z.NEVER;
  return { main: main.name, others: [...new Set(names.filter((n) => n !== main && n.name && n.name !== main.name).map((n) => n.name!))] };
});

const proceduresField = z.string().transform((value) => {
  let closing = false;
  let from: string | null = null;
  for (const e of entries(value)) {
    const [code, , date] = subFields(e);
    if (code && closingProcedures.test(code)) {
      closing = true;
      from ??= date && isRealDate(date.slice(0, 10)) ? date.slice(0, 10) : null;
    }
  }
  return { closing, from };
});

// postadress: street $ c/o $ city $ postcode $ country (city and postcode are told apart by their shape).
const addressField = z.string().transform((value, ctx) => {
  const parts = subFields(value);
  if (parts.some((p) => p !== null && isTooLong(p, max.address, ctx))) return z.NEVER;
  const [street, careOf, third, fourth, country] = parts;
  const [city, postcode] = /^\d{5}$/.test(digits(third)) && !/^\d{5}$/.test(digits(fourth)) ? [fourth, digits(third)] : [third, digits(fourth) || null];
  return { street, careOf, city, postcode, isForeign: Boolean(country && !/^(SE|SE-LAND|SVERIGE)$/i.test(country)) };
});

const rowSchema = z.object({
  // "5566778899$ORGNR-IDORG": the number, then its kind
  organisationsidentitet: z
    .string()
    .max(max.code)
    .transform((v, ctx) => {
      const r = normalizeNationalId('SE', subFields(v)[0] ?? '');
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.reason });
        return z.NEVER;
      }
      return r.value;
    }),
  organisationsnamn: namesField,
  organisationsform: zText(max.code),
  avregistreringsdatum: zDate,
  avregistreringsorsak: zText(max.code),
  pagandeAvvecklingsEllerOmstruktureringsforfarande: z.string().max(max.activity).pipe(proceduresField).optional(),
  registreringsdatum: zDate,
  verksamhetsbeskrivning: zText(max.activity),
  postadress: addressField,
});

function mapRow(raw: unknown, ctx: MapContext): MapOutcome {
  const row = raw as Record<string, string>;
  // A sole trader is registered under the owner's personal identity number: personal data
  // that a public directory must not show, so such registrations are left out.
  if (/\$PERSON/.test(row.organisationsidentitet ?? '')) return { kind: 'ignored', reason: 'personal identity number' };
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) return { kind: 'rejected', issues: issuesOf(parsed.error) };
  const r = parsed.data;
  const a = r.postadress;
  const checked = ctx.municipality(a.isForeign ? null : postcodeMunicipality(a.postcode));
  if (!checked.ok) return { kind: 'rejected', issues: [{ field: 'postadress', message: checked.message }] };
  const isClosed = Boolean(r.avregistreringsdatum || r.avregistreringsorsak || r.pagandeAvvecklingsEllerOmstruktureringsforfarande?.closing);
  const isBox = Boolean(a.street && /^(box|postbox|pl|fack)\b/i.test(a.street));
  return {
    kind: 'firm',
    row: {
      national_id: r.organisationsidentitet,
      name: r.organisationsnamn.main,
      other_names: r.organisationsnamn.others,
      legal_form: r.organisationsform ? r.organisationsform.replace(/-ORGFO$/, '') : null,
      nace_code: null,
      nace_division: null,
      employees: null,
      street: isBox || a.isForeign ? null : a.street,
      postcode: a.isForeign ? null : a.postcode,
      city: a.isForeign ? null : a.city,
      municipality_code: checked.code,
      postal_street: cleanText([a.careOf ? `c/o ${a.careOf.replace(/^c\/o\s*/i, '')}` : null, a.street].filter(Boolean).join(', ')),
      postal_postcode: a.postcode,
      postal_city: a.city,
      website: null,
      email: null,
      phone: null,
      activity: r.verksamhetsbeskrivning,
      status: isClosed ? 'closed' : 'active',
      closed_on: isClosed ? (r.avregistreringsdatum ?? r.pagandeAvvecklingsEllerOmstruktureringsforfarande?.from ?? null) : null,
      registered_on: r.registreringsdatum,
    },
  };
}

export function createBolagsverketAdapter(): SourceAdapter {
  return {
    source: 'bolagsverket',
    country: 'SE',
    idField: 'organisationsidentitet',
    hasEstablishments: false,
    read: (file) => csvRecords(file, { header: bolagsverketHeader }),
    map: mapRow,
  };
}
