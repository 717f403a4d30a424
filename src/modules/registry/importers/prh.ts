import { importMessages } from './import.messages.js';
import { z } from 'zod';
import { cleanText, issuesOf, maxLength as max, sectorOf, zDate, zList, zNationalId, zText } from './fields.js';
import type { MapContext, MapOutcome, SourceAdapter } from './import.schemas.js';
import { jsonArrayRecords } from './input.js';

/**
 * PRH open data, YTJ API v3: `/companies` responses (`{ totalResults, companies: [...] }`),
 * one file per page or many, plain or gzip; a plain JSON array of companies (as in the
 * `/all_companies` dump, once unzipped) is read too. Field meanings: the OpenAPI schema of
 * the API (shared/data/samples/fi_prh_ytj_v3_openapi_schema.yaml).
 */

const codeText = z.union([z.string().max(max.code), z.number()]).transform(String);
const name = z.object({ name: zText(max.name), type: codeText, registrationDate: zDate, endDate: zDate, version: z.number().nullish() });
const description = z.object({ languageCode: codeText.nullish(), description: zText(max.name) });
const postOffice = z.object({ city: zText(max.city), languageCode: codeText.nullish(), municipalityCode: zText(max.code) });
const address = z.object({
  type: z.union([z.number(), z.string().max(max.code)]).transform(Number),
  street: zText(max.address),
  postCode: zText(max.postcode),
  postOffices: zList(postOffice).nullish(),
  postOfficeBox: zText(max.code),
  buildingNumber: zText(max.code),
  entrance: zText(max.code),
  apartmentNumber: zText(max.code),
  apartmentIdSuffix: zText(max.code),
  country: zText(max.code),
  freeAddressLine: zText(max.address),
});
const situation = z.object({ type: zText(max.code), registrationDate: zDate, endDate: zDate });

const companySchema = z.object({
  businessId: z.object({ value: zNationalId('FI'), registrationDate: zDate }),
  names: zList(name, 200).nullish(),
  mainBusinessLine: z.object({ type: zText(max.code), typeCodeSet: zText(max.code) }).nullish(),
  website: z.object({ url: zText(max.url) }).nullish(),
  companyForms: zList(z.object({ type: zText(max.code), descriptions: zList(description).nullish(), endDate: zDate, version: z.number().nullish() })).nullish(),
  companySituations: zList(situation).nullish(),
  addresses: zList(address).nullish(),
  tradeRegisterStatus: zText(max.code),
  registrationDate: zDate,
  endDate: zDate,
});

type Company = z.output<typeof companySchema>;
type Address = z.output<typeof address>;

/**
 * Trade-register status codes (REK_KDI) that mean the company has ceased. Not every code's
 * meaning is published in the schema; the company's endDate and an open bankruptcy (KONK)
 * or liquidation (SELTILA) are the firmer signals and are checked first.
 */
const ceasedTradeRegisterStatus = new Set(['4']);
const closingSituations = new Set(['KONK', 'SELTILA']);
// TOL 2008 (TOIMI3) and TOL 2025 (TOIMI4) follow NACE divisions; TOL 1995/2002 codes do not.
const naceBasedCodeSets = new Set(['TOIMI3', 'TOIMI4']);

function currentName(c: Company): { name: string | null; others: string[] } {
  const names = (c.names ?? []).filter((n) => n.name);
  const official = names.filter((n) => n.type === '1');
  const current =
    official.find((n) => !n.endDate && (n.version ?? 1) === 1) ??
    official.find((n) => !n.endDate) ??
    // a ceased company may have only ended names: take the latest
    [...official].sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? ''))[0];
  const others = [...new Set(names.filter((n) => n.type !== '1' && !n.endDate).map((n) => n.name!))].filter((n) => n !== current?.name);
  return { name: current?.name ?? null, others };
}

const cityOf = (a: Address | undefined) => a?.postOffices?.find((p) => p.languageCode === '1')?.city ?? a?.postOffices?.[0]?.city ?? null;
const municipalityCodeOf = (a: Address | undefined) => a?.postOffices?.find((p) => p.municipalityCode)?.municipalityCode ?? null;
const streetOf = (a: Address | undefined) => {
  if (!a) return null;
  const flat = [a.apartmentNumber, a.apartmentIdSuffix].filter(Boolean).join('');
  const line = cleanText([a.street, a.buildingNumber, a.entrance, flat].filter(Boolean).join(' '));
  return line ?? (a.postOfficeBox ? `PL ${a.postOfficeBox}` : null) ?? (a.freeAddressLine ? a.freeAddressLine.replace(/_/g, ' ') : null);
};
const isForeign = (a: Address | undefined) => Boolean(a?.country && a.country.toUpperCase() !== 'FI');

function mapCompany(raw: unknown, ctx: MapContext): MapOutcome {
  const parsed = companySchema.safeParse(raw);
  if (!parsed.success) return { kind: 'rejected', issues: issuesOf(parsed.error) };
  const c = parsed.data;
  const { name, others } = currentName(c);
  if (!name) return { kind: 'rejected', issues: [{ field: 'names', message: importMessages.noCompanyName }] };

  const addresses = c.addresses ?? [];
  const visiting = addresses.find((a) => a.type === 1);
  const postal = addresses.find((a) => a.type === 2);
  const located = visiting ?? postal;
  let municipality: string | null = null;
  if (located && !isForeign(located)) {
    const r = ctx.municipality(municipalityCodeOf(located));
    if (!r.ok) {
      const index = addresses.indexOf(located);
      return { kind: 'rejected', issues: [{ field: `addresses.${index}.postOffices.municipalityCode`, message: r.message }] };
    }
    municipality = r.code;
  }

  const line = c.mainBusinessLine;
  const sector = line?.type && (!line.typeCodeSet || naceBasedCodeSets.has(line.typeCodeSet)) ? sectorOf(line.type) : sectorOf(null);
  const form = c.companyForms?.find((f) => !f.endDate && (f.version ?? 1) === 1) ?? c.companyForms?.find((f) => !f.endDate);
  const formName = form?.descriptions?.find((d) => d.languageCode === '1')?.description ?? form?.type ?? null;

  const openSituation = (c.companySituations ?? []).find((s) => s.type && closingSituations.has(s.type) && !s.endDate);
  const isClosed = Boolean(c.endDate || openSituation || (c.tradeRegisterStatus && ceasedTradeRegisterStatus.has(c.tradeRegisterStatus)));
  return {
    kind: 'firm',
    row: {
      national_id: c.businessId.value,
      name,
      other_names: others,
      legal_form: formName,
      ...sector,
      employees: null,
      street: streetOf(visiting),
      postcode: visiting?.postCode ?? null,
      city: cityOf(visiting),
      municipality_code: municipality,
      postal_street: streetOf(postal),
      postal_postcode: postal?.postCode ?? null,
      postal_city: cityOf(postal),
      website: c.website?.url ?? null,
      email: null,
      phone: null,
      activity: null,
      status: isClosed ? 'closed' : 'active',
      closed_on: isClosed ? (c.endDate ?? openSituation?.registrationDate ?? null) : null,
      registered_on: c.registrationDate ?? c.businessId.registrationDate,
    },
  };
}

export function createPrhAdapter(): SourceAdapter {
  return {
    source: 'prh',
    country: 'FI',
    idField: 'businessId.value',
    hasEstablishments: false,
    read: (file) => jsonArrayRecords(file, { key: 'companies', expected: 'a YTJ v3 /companies response ({ "totalResults": …, "companies": [ … ] })' }),
    map: mapCompany,
  };
}
