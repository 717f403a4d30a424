import { importMessages } from './import.messages.js';
import { z } from 'zod';
import {
  cleanText,
  isRealDate,
  issuesOf,
  maxLength as max,
  sectorOf,
  zBoolean,
  zDate,
  zEmployees,
  zList,
  zNationalId,
  zRequiredText,
  zText,
} from './fields.js';
import type { MapContext, MapOutcome, RecordIssue, SourceAdapter } from './import.schemas.js';
import { jsonArrayRecords } from './input.js';

/**
 * Brønnøysund Enhetsregisteret bulk downloads (/enhetsregisteret/api/{enheter,underenheter}/lastned):
 * a JSON array of the API's enhet or underenhet objects, plain or gzip. Which of the two a
 * record is comes from its fields (underenheter: organisasjonsform BEDR/AAFY,
 * beliggenhetsadresse, oppstartsdato, nedleggelsesdato; enheter: forretningsadresse,
 * stiftelsesdato, konkurs…); a record without any of them takes the kind of the file.
 */

const address = z
  .object({
    adresse: zList(z.string().max(max.address).nullable(), 10).nullish(),
    postnummer: zText(max.postcode),
    poststed: zText(max.city),
    kommunenummer: zText(max.code),
    landkode: zText(max.code),
  })
  .nullish();

const code = z.object({ kode: zText(max.code) }).nullish();

const common = {
  organisasjonsnummer: zNationalId('NO'),
  navn: zRequiredText(max.name),
  organisasjonsform: code,
  naeringskode1: code,
  antallAnsatte: zEmployees,
  hjemmeside: zText(max.url),
  postadresse: address,
  registreringsdatoEnhetsregisteret: zDate,
  slettedato: zDate,
};

const enhetSchema = z.object({
  ...common,
  forretningsadresse: address,
  stiftelsesdato: zDate,
  konkurs: zBoolean,
  konkursdato: zDate,
  epostadresse: zText(max.email),
  telefon: zText(max.phone),
  mobil: zText(max.phone),
  aktivitet: zList(z.string().max(max.activity).nullable(), 10).nullish(),
});

const underenhetSchema = z.object({
  ...common,
  overordnetEnhet: zNationalId('NO').nullish(),
  beliggenhetsadresse: address,
  oppstartsdato: zDate,
  nedleggelsesdato: zDate,
});

type Kind = 'enhet' | 'underenhet';
type Address = z.output<typeof address>;

const establishmentForms = new Set(['BEDR', 'AAFY']);
// Winding-up flags and dates of an enhet: underAvvikling(Dato), underTvangsavviklingEllerTvangsopplosning(Dato),
// tvangsavvikletPgaManglendeSlettingDato, tvangsopplostPgaManglende…Dato.
const windingUp = /^(underAvvikling|underTvangsavvikling|tvangsavviklet|tvangsopplost)/;

function markerKind(r: Record<string, unknown>): Kind | undefined {
  const form = (r.organisasjonsform as { kode?: unknown } | null | undefined)?.kode;
  if (typeof form === 'string' && establishmentForms.has(form)) return 'underenhet';
  if ('beliggenhetsadresse' in r || 'nedleggelsesdato' in r || 'oppstartsdato' in r) return 'underenhet';
  if (typeof form === 'string' || 'forretningsadresse' in r || 'konkurs' in r || 'stiftelsesdato' in r) return 'enhet';
  return undefined;
}

const joinStreet = (a: Address) =>
  cleanText(
    (a?.adresse ?? [])
      .map((s) => cleanText(s))
      .filter(Boolean)
      .join(', '),
  );
const isForeign = (a: Address) => Boolean(a?.landkode && a.landkode !== 'NO');

function municipalityOf(ctx: MapContext, primary: Address, fallback: Address, primaryField: string): { code: string | null } | { issue: RecordIssue } {
  const [a, field] = primary ? [primary, primaryField] : [fallback, 'postadresse'];
  if (!a || isForeign(a)) return { code: null };
  const r = ctx.municipality(a.kommunenummer);
  return r.ok ? { code: r.code } : { issue: { field: `${field}.kommunenummer`, message: r.message } };
}

/** The first date among a record's winding-up fields, or true when only a flag says so. */
function windingUpOf(raw: Record<string, unknown>): string | true | undefined {
  let flagged = false;
  for (const key in raw) {
    const c = key.charCodeAt(0);
    if ((c !== 117 && c !== 116) || !windingUp.test(key)) continue; // 'u', 't'
    const value = raw[key];
    if (typeof value === 'string' && isRealDate(value.slice(0, 10))) return value.slice(0, 10);
    if (value === true) flagged = true;
  }
  return flagged ? true : undefined;
}

function mapEnhet(raw: Record<string, unknown>, ctx: MapContext): MapOutcome {
  const parsed = enhetSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'rejected', issues: issuesOf(parsed.error) };
  const r = parsed.data;
  const m = municipalityOf(ctx, r.forretningsadresse, r.postadresse, 'forretningsadresse');
  if ('issue' in m) return { kind: 'rejected', issues: [m.issue] };
  const winding = windingUpOf(raw);
  const isClosed = Boolean(r.slettedato || r.konkurs || r.konkursdato || winding);
  const closedOn = r.slettedato ?? r.konkursdato ?? (typeof winding === 'string' ? winding : null);
  const location = r.forretningsadresse;
  return {
    kind: 'firm',
    row: {
      national_id: r.organisasjonsnummer,
      name: r.navn,
      other_names: [],
      legal_form: r.organisasjonsform?.kode ?? null,
      ...sectorOf(r.naeringskode1?.kode),
      employees: r.antallAnsatte,
      street: joinStreet(location),
      postcode: location?.postnummer ?? null,
      city: location?.poststed ?? null,
      municipality_code: m.code,
      postal_street: joinStreet(r.postadresse),
      postal_postcode: r.postadresse?.postnummer ?? null,
      postal_city: r.postadresse?.poststed ?? null,
      website: r.hjemmeside,
      email: r.epostadresse,
      phone: r.telefon ?? r.mobil,
      activity: cleanText(
        (r.aktivitet ?? [])
          .map((s) => cleanText(s))
          .filter(Boolean)
          .join(' '),
      ),
      status: isClosed ? 'closed' : 'active',
      closed_on: isClosed ? closedOn : null,
      registered_on: r.registreringsdatoEnhetsregisteret ?? r.stiftelsesdato,
    },
  };
}

function mapUnderenhet(raw: Record<string, unknown>, ctx: MapContext): MapOutcome {
  const parsed = underenhetSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'rejected', issues: issuesOf(parsed.error) };
  const r = parsed.data;
  const m = municipalityOf(ctx, r.beliggenhetsadresse, r.postadresse, 'beliggenhetsadresse');
  if ('issue' in m) return { kind: 'rejected', issues: [m.issue] };
  const isClosed = Boolean(r.slettedato || r.nedleggelsesdato);
  const location = r.beliggenhetsadresse;
  return {
    kind: 'establishment',
    row: {
      national_id: r.organisasjonsnummer,
      parent_national_id: r.overordnetEnhet ?? null,
      name: r.navn,
      ...sectorOf(r.naeringskode1?.kode),
      employees: r.antallAnsatte,
      street: joinStreet(location),
      postcode: location?.postnummer ?? null,
      city: location?.poststed ?? null,
      municipality_code: m.code,
      website: r.hjemmeside,
      status: isClosed ? 'closed' : 'active',
      closed_on: isClosed ? (r.nedleggelsesdato ?? r.slettedato) : null,
      registered_on: r.oppstartsdato ?? r.registreringsdatoEnhetsregisteret,
    },
  };
}

export function createBrregAdapter(): SourceAdapter {
  let fileKind: Kind | undefined;
  return {
    source: 'brreg',
    country: 'NO',
    idField: 'organisasjonsnummer',
    hasEstablishments: true,
    async *read(file) {
      fileKind = undefined;
      yield* jsonArrayRecords(file, { expected: 'the Enhetsregisteret bulk format: a JSON array of enheter or underenheter' });
    },
    map(raw, ctx) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return { kind: 'rejected', issues: [{ field: '(record)', message: importMessages.notAJsonObject }] };
      const record = raw as Record<string, unknown>;
      const kind = markerKind(record) ?? fileKind ?? 'enhet';
      fileKind ??= markerKind(record);
      return kind === 'underenhet' ? mapUnderenhet(record, ctx) : mapEnhet(record, ctx);
    },
  };
}
