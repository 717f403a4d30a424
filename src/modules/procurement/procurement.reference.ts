import { readFileSync } from 'node:fs';
import { moduleDataPath } from '../../shared/paths.js';

/**
 * The module's reviewed reference data (src/modules/procurement/data/, each file states its source):
 * CPV 2008 division and group labels (en, nb), the CPV → NACE Rev. 2 correspondence, and the
 * NUTS 3 → county table for Norway, Sweden and Finland.
 */
interface CpvNaceFile {
  source: string;
  reviewed: string;
  divisions: Record<string, { nace: string[]; note: string; unmapped?: boolean }>;
  groups: Record<string, { nace: string[]; note: string }>;
}
interface NutsFile {
  source: string;
  nuts3: Record<string, string[]>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(moduleDataPath('procurement', file), 'utf8')) as T;
let cpvNace: CpvNaceFile | undefined;
let nuts: NutsFile | undefined;
let cpvLabels: Record<string, { en: string; nb: string }> | undefined;

export function cpvNaceTable(): CpvNaceFile {
  cpvNace ??= readJson<CpvNaceFile>('cpv-nace.json');
  return cpvNace;
}
export function nutsTable(): NutsFile {
  nuts ??= readJson<NutsFile>('nuts-counties.json');
  return nuts;
}
function labels() {
  cpvLabels ??= readJson<Record<string, { en: string; nb: string }>>('cpv-groups.json');
  return cpvLabels;
}

export const cpvDivisionOf = (cpv: string): string => cpv.slice(0, 2);

/** The NACE divisions that deliver a CPV code: its group's refined row when there is one, else its division's. */
export function naceDivisionsForCpv(cpv: string): string[] {
  const t = cpvNaceTable();
  return t.groups[cpv.slice(0, 3)]?.nace ?? t.divisions[cpv.slice(0, 2)]?.nace ?? [];
}

export function naceDivisionsForCpvs(cpvs: string[]): string[] {
  return [...new Set(cpvs.flatMap(naceDivisionsForCpv))].sort();
}

/** Does this NACE division deliver this CPV code? (the reason a firm's activity matches) */
export const naceDelivers = (naceDivision: string, cpv: string) => naceDivisionsForCpv(cpv).includes(naceDivision);

/** Every CPV division with a label, in code order (filters, interest pickers). */
export function cpvDivisions(locale: string): { code: string; label: string }[] {
  return Object.keys(cpvNaceTable().divisions)
    .sort()
    .map((d) => ({ code: d, label: cpvLabel(`${d}000000`, locale) ?? d }));
}

/** "45000000" → the label of its group or division in the reader's language (nb for nb; en otherwise — CPV has no sv/fi here). */
export function cpvLabel(cpv: string, locale: string): string | undefined {
  const all = labels();
  const pick = (code: string) => all[code] && (locale === 'nb' ? all[code]!.nb : all[code]!.en);
  return pick(`${cpv.slice(0, 3)}00000`) ?? pick(`${cpv.slice(0, 2)}000000`);
}

/** NUTS → county keys ('NO:42'); NUTS 2 and 1 codes cover all their NUTS 3 children; a country code gives none (see countriesOfNuts). */
export function countiesOfNuts(code: string): string[] {
  const table = nutsTable().nuts3;
  const c = code.toUpperCase();
  if (table[c]) return table[c]!;
  if (c.length <= 2) return [];
  return [...new Set(Object.entries(table).flatMap(([k, v]) => (k.startsWith(c) ? v : [])))];
}
export const countriesOfNuts = (code: string): string[] => (/^(NO|SE|FI)$/i.test(code.trim()) ? [code.trim().toUpperCase()] : []);
