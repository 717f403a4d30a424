import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import { createMunicipalityResolver, listCounties, listMunicipalities } from '../../places/places.service.js';
import type { Country } from '../national-id.js';
import type { MunicipalityLookup } from './import.schemas.js';

export interface MunicipalityScope {
  /** A code from the file → the current code (old Norwegian codes follow the reforms). */
  lookup(code: string | null | undefined): MunicipalityLookup;
  /** The kept municipalities when a region filter is given, else undefined (keep all). */
  keep?: Set<string>;
  /** The filter as the run log shows it. */
  describe?: string;
}

const codeShape: Record<Country, RegExp> = { NO: /^\d{4}$/, SE: /^\d{4}$/, FI: /^\d{3}$/ };
const countryName: Record<Country, string> = { NO: 'Norwegian', SE: 'Swedish', FI: 'Finnish' };

/**
 * Resolves municipality codes in JS from a map loaded once (no per-record query), and the
 * --only-municipalities / --only-county filter of a run.
 */
export async function createMunicipalityScope(
  db: Kysely<DB>,
  country: Country,
  filter: { onlyMunicipalities?: string[]; onlyCounty?: string } = {},
): Promise<MunicipalityScope> {
  const resolve = await createMunicipalityResolver(db);
  const lookup = (raw: string | null | undefined): MunicipalityLookup => {
    const code = raw === null || raw === undefined ? '' : String(raw).trim();
    if (code === '') return { ok: true, code: null };
    const padded = country === 'FI' ? code.padStart(3, '0') : code.padStart(4, '0');
    if (!codeShape[country].test(padded)) return { ok: false, message: `"${code}" is not a ${countryName[country]} municipality code` };
    // Svalbard, Jan Mayen and the continental shelf have codes but are no municipality.
    if (country === 'NO' && /^2[1-3]\d\d$/.test(padded)) return { ok: true, code: null };
    const current = resolve(country, padded);
    return current ? { ok: true, code: current } : { ok: false, message: `unknown municipality code ${code}` };
  };

  let keep: Set<string> | undefined;
  const parts: string[] = [];
  if (filter.onlyMunicipalities?.length) {
    keep = new Set();
    for (const code of filter.onlyMunicipalities) {
      const r = lookup(code);
      if (!r.ok || !r.code) throw new AppError('validation', `--only-municipalities: ${r.ok ? `"${code}" is no municipality` : r.message} in ${country}`, [{ field: 'only-municipalities', message: r.ok ? 'no municipality' : r.message }]);
      keep.add(r.code);
    }
    parts.push(`municipalities ${[...keep].join(',')}`);
  }
  if (filter.onlyCounty) {
    const counties = await listCounties(db, 'en', country);
    if (!counties.some((c) => c.code === filter.onlyCounty))
      throw new AppError('validation', `--only-county: no county ${filter.onlyCounty} in ${country} (known: ${counties.map((c) => c.code).join(', ')})`, [{ field: 'only-county', message: 'unknown county' }]);
    const inCounty = (await listMunicipalities(db, 'en', { country, county: filter.onlyCounty })).map((m) => m.code);
    keep = keep ? new Set([...keep].filter((c) => inCounty.includes(c))) : new Set(inCounty);
    parts.push(`county ${filter.onlyCounty}`);
  }
  return { lookup, keep, describe: parts.length ? parts.join(' in ') : undefined };
}
