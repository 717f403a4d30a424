import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import { createMunicipalityResolver, listCounties, listMunicipalities } from '../../places/places.service.js';
import type { Country } from '../national-id.js';
import type { MunicipalityLookup } from './import.schemas.js';

/**
 * What the record mapper needs to know about municipalities, as plain data (it crosses to
 * the parsing worker): every code the files may use → the current code, and the kept set
 * of a --only-municipalities / --only-county run.
 */
export interface MunicipalityScopeData {
  country: Country;
  /** File code (zero-padded) → current code, for every code that resolves (current and old ones). */
  resolved: Record<string, string>;
  keep?: string[];
  describe?: string;
}

const codeLength: Record<Country, number> = { NO: 4, SE: 4, FI: 3 };
const countryName: Record<Country, string> = { NO: 'Norwegian', SE: 'Swedish', FI: 'Finnish' };

/**
 * Resolves every possible code once (10 000 at most) through the places module, so records
 * are mapped in JS without a query each; validates the region filter of the run.
 */
export async function loadMunicipalityScope(
  db: Kysely<DB>,
  country: Country,
  filter: { onlyMunicipalities?: string[]; onlyCounty?: string } = {},
): Promise<MunicipalityScopeData> {
  const resolve = await createMunicipalityResolver(db);
  const resolved: Record<string, string> = {};
  const width = codeLength[country];
  for (let i = 0; i < 10 ** width; i++) {
    const code = String(i).padStart(width, '0');
    const current = resolve(country, code);
    if (current) resolved[code] = current;
  }
  const data: MunicipalityScopeData = { country, resolved };
  const lookup = createMunicipalityLookup(data);
  let keep: Set<string> | undefined;
  const parts: string[] = [];
  if (filter.onlyMunicipalities?.length) {
    keep = new Set();
    for (const code of filter.onlyMunicipalities) {
      const r = lookup(code);
      if (!r.ok || !r.code) {
        const message = r.ok ? `"${code}" is no municipality` : r.message;
        // Text for the operator at the command line (English, as the CLI's other output), never shown on a page.
        throw new AppError('validation', `--only-municipalities: ${message} in ${country}`, [{ field: 'only-municipalities', message }]);
      }
      keep.add(r.code);
    }
    parts.push(`municipalities ${[...keep].join(',')}`);
  }
  if (filter.onlyCounty) {
    const counties = await listCounties(db, 'en', country);
    if (!counties.some((c) => c.code === filter.onlyCounty))
      // Text for the operator at the command line (English, as the CLI's other output), never shown on a page.
      throw new AppError('validation', `--only-county: no county ${filter.onlyCounty} in ${country} (known: ${counties.map((c) => c.code).join(', ')})`, [
        { field: 'only-county', message: 'unknown county' },
      ]);
    const inCounty = new Set((await listMunicipalities(db, 'en', { country, county: filter.onlyCounty })).map((m) => m.code));
    keep = keep ? new Set([...keep].filter((c) => inCounty.has(c))) : inCounty;
    parts.push(`county ${filter.onlyCounty}`);
  }
  return { ...data, keep: keep ? [...keep] : undefined, describe: parts.length ? parts.join(' in ') : undefined };
}

/** A code as given in a file → the current code; null when none is given. */
export function createMunicipalityLookup(data: MunicipalityScopeData): (raw: string | null | undefined) => MunicipalityLookup {
  const { country, resolved } = data;
  const width = codeLength[country];
  const shape = new RegExp(`^\\d{${width}}$`);
  return (raw) => {
    const code = raw === null || raw === undefined ? '' : String(raw).trim();
    if (code === '') return { ok: true, code: null };
    const padded = code.padStart(width, '0');
    const current = resolved[padded];
    if (current) return { ok: true, code: current };
    if (!shape.test(padded)) return { ok: false, message: `"${code}" is not a ${countryName[country]} municipality code` };
    // Svalbard, Jan Mayen and the continental shelf have codes but are no municipality.
    if (country === 'NO' && /^2[1-3]\d\d$/.test(padded)) return { ok: true, code: null };
    return { ok: false, message: `unknown municipality code ${code}` };
  };
}
