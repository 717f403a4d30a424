import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { pickName, type Locale } from '../../shared/i18n/i18n.js';
import { moduleDataPath } from '../../shared/paths.js';
import type { LocalizedNames } from '../places/places.tables.js';
import * as repo from './registry.repository.js';

interface NaceFile {
  sections: { code: string; names: LocalizedNames }[];
  divisions: { code: string; section: string; names: LocalizedNames }[];
}

/** Loads NACE Rev. 2 sections (21) and divisions (88) with nb/sv/fi/en labels; idempotent. */
export async function loadNace(db: Kysely<DB>) {
  const nace = JSON.parse(readFileSync(moduleDataPath('registry', 'nace.json'), 'utf8')) as NaceFile;
  await repo.upsertNace(db, nace.sections, nace.divisions);
  return { sections: nace.sections.length, divisions: nace.divisions.length };
}

/**
 * The 2-digit NACE division from a code as the registers give it: NO "41.000" / "47.111",
 * SE SNI "47111", FI TOL "68209". National 5-digit codes are kept as given elsewhere.
 */
export function naceDivisionOf(code: string | null | undefined): string | null {
  if (!code) return null;
  const digits = code.replace(/\D/g, '');
  return digits.length >= 2 ? digits.slice(0, 2) : null;
}

export interface SectorDto {
  code: string;
  name: string;
  section: { code: string; name: string };
}

/** Division code → labelled sector in the reader's language. */
export async function createSectorLabeller(db: Kysely<DB>, locale: Locale) {
  const [sections, divisions] = await Promise.all([repo.listNaceSections(db), repo.listNaceDivisions(db)]);
  const sectionName = new Map(sections.map((s) => [s.code, pickName(s.names, locale)]));
  const byCode = new Map<string, SectorDto>(
    divisions.map((d) => [
      d.code,
      { code: d.code, name: pickName(d.names, locale), section: { code: d.section, name: sectionName.get(d.section) ?? d.section } },
    ]),
  );
  return (division: string | null | undefined): SectorDto | null => (division ? (byCode.get(division) ?? null) : null);
}

/*
 * "Firms changed": every writer of firms, establishments or products records the changed firms
 * with recordFirmChanges IN its own transaction, and after the commit announces `firmsChanged`
 * (shared/events.ts). Listeners take the records with takeFirmChanges in the transaction that
 * applies them. The registry never calls its listeners, and they never touch its tables.
 */

/**
 * Records that these firms changed (and establishments whose parent firm is not in the registry,
 * which have no firm to be recorded under); call inside the transaction that changed them.
 */
export async function recordFirmChanges(trx: Kysely<DB>, firmIds: number[], establishmentIds: number[] = []): Promise<void> {
  if (firmIds.length || establishmentIds.length) await repo.insertFirmChange(trx, firmIds, establishmentIds);
}

/** What is waiting: change records, firms named in them (with repeats), the newest record. */
export function pendingFirmChanges(db: Kysely<DB>) {
  return repo.summariseFirmChanges(db);
}

/** Takes (deletes) the oldest `maxRecords` change records; use in the transaction that applies them. */
export function takeFirmChanges(trx: Kysely<DB>, maxRecords: number) {
  return repo.deleteOldestFirmChanges(trx, maxRecords);
}

/** Takes every record up to `lastId` at once: for a listener that re-derived everything after reading `lastId`. */
export function takeFirmChangesUpTo(db: Kysely<DB>, lastId: number) {
  return repo.deleteFirmChangesUpTo(db, lastId);
}

/** What other modules show of a firm next to their own rows (member lists, offers, claims). */
export interface FirmSummary {
  id: number;
  name: string;
  nationalId: string;
  country: string;
  municipalityCode: string | null;
  website: string | null;
}

const toFirmSummary = (r: {
  id: number | string;
  name: string;
  national_id: string;
  country: string;
  municipality_code: string | null;
  website: string | null;
}): FirmSummary => ({
  id: Number(r.id),
  name: r.name,
  nationalId: r.national_id,
  country: r.country,
  municipalityCode: r.municipality_code,
  website: r.website,
});

/** Several firms by id, keyed by id (one query, any number of ids); ids without a firm are left out. */
export async function firmSummaries(db: Kysely<DB>, ids: number[]): Promise<Map<number, FirmSummary>> {
  const rows = await repo.listFirmSummaries(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [Number(r.id), toFirmSummary(r)]));
}

export async function findFirmByNationalId(db: Kysely<DB>, country: string, nationalId: string): Promise<FirmSummary | undefined> {
  const row = await repo.findFirmSummaryByNationalId(db, country, nationalId);
  return row ? toFirmSummary(row) : undefined;
}

/**
 * The registry's facts for a public firm page: the firm, the establishment when the page is one,
 * and its products (at most 200). The directory decides what of it is shown.
 */
export function publicFirmFacts(db: Kysely<DB>, firmId: number | null, establishmentId: number | null) {
  return repo.findPublicFacts(db, firmId, establishmentId);
}

/** A firm's activity (NACE) and place, for matching it to what others need (procurement). */
export interface FirmActivity extends Omit<FirmSummary, 'website'> {
  naceCode: string | null;
  naceDivision: string | null;
}

/** Active firms by ids, in pages (after an id), or in given municipalities with given NACE divisions; ordered by id. */
export async function firmActivities(
  db: Kysely<DB>,
  filter: { ids?: number[]; afterId?: number; limit: number; municipalities?: { country: string; code: string }[]; naceDivisions?: string[] },
): Promise<FirmActivity[]> {
  const rows = await repo.listFirmActivities(db, filter);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    nationalId: r.national_id,
    country: r.country,
    municipalityCode: r.municipality_code,
    naceCode: r.nace_code,
    naceDivision: r.nace_division,
  }));
}

/** Active firms counted by (country, municipality, NACE division): what procurement adds up per notice. */
export async function firmCountsByPlaceAndActivity(
  db: Kysely<DB>,
): Promise<{ country: string; municipalityCode: string; naceDivision: string; firms: number }[]> {
  const rows = await repo.countFirmsByPlaceAndActivity(db);
  return rows.map((r) => ({ country: r.country, municipalityCode: r.municipality_code!, naceDivision: r.nace_division!, firms: Number(r.firms) }));
}

export { highestNationalIdsOfSource, insertFirmsInBulk, type BulkFirm } from './registry.bulk.repository.js';

/** What matching a purchase ledger needs of a firm: its number, name, sector and where it is. */
export interface FirmForMatching {
  id: number;
  country: string;
  nationalId: string;
  name: string;
  naceCode: string | null;
  division: string | null;
  municipalityCode: string | null;
  active: boolean;
  isDemo: boolean;
  establishments: { municipalityCode: string; division: string | null; active: boolean }[];
}

/** Firms by national number (set-based: one query for the firms, one for their establishments). */
export async function firmsForMatching(db: Kysely<DB>, pairs: { country: string; nationalId: string }[]): Promise<FirmForMatching[]> {
  const firms = await repo.listFirmsByNationalIds(db, pairs);
  return withEstablishments(db, firms);
}

/** Firms by id, with their establishments (for confirmed name matches). */
export async function firmsForMatchingById(db: Kysely<DB>, ids: number[]): Promise<FirmForMatching[]> {
  const summaries = await repo.listFirmSummaries(db, [...new Set(ids)]);
  const pairs = summaries.map((s) => ({ country: s.country, nationalId: s.national_id }));
  return firmsForMatching(db, pairs);
}

async function withEstablishments(
  db: Kysely<DB>,
  firms: {
    id: number | string;
    country: string;
    national_id: string;
    name: string;
    nace_code: string | null;
    nace_division: string | null;
    municipality_code: string | null;
    status: string;
    is_demo: boolean;
  }[],
): Promise<FirmForMatching[]> {
  const establishments = await repo.listEstablishmentsOfFirms(
    db,
    firms.map((f) => Number(f.id)),
  );
  const byFirm = new Map<number, FirmForMatching['establishments']>();
  for (const e of establishments) {
    if (e.firm_id === null || !e.municipality_code) continue;
    const list = byFirm.get(Number(e.firm_id)) ?? [];
    list.push({ municipalityCode: e.municipality_code, division: e.nace_division, active: e.status === 'active' });
    byFirm.set(Number(e.firm_id), list);
  }
  return firms.map((f) => ({
    id: Number(f.id),
    country: f.country,
    nationalId: f.national_id,
    name: f.name,
    naceCode: f.nace_code,
    division: f.nace_division ?? naceDivisionOf(f.nace_code),
    municipalityCode: f.municipality_code,
    active: f.status === 'active',
    isDemo: f.is_demo,
    establishments: byFirm.get(Number(f.id)) ?? [],
  }));
}

/** Firms whose names resemble these (pg_trgm), up to three per name with a similarity 0–1. */
export function firmsNamed(db: Kysely<DB>, country: string, names: string[]) {
  return repo.listFirmsByNames(db, country, [...new Set(names)]);
}

/** Active firms in these municipalities (registered there or with an active establishment there) in these NACE divisions. */
export function activeFirmsIn(db: Kysely<DB>, country: string, municipalities: string[], divisions: string[]) {
  return repo.listActiveFirmsIn(db, country, municipalities, divisions);
}

/** A demo firm of a NACE prefix in a municipality (its establishment there when it has one), for the demo world's stories. */
export async function findDemoFirmIn(db: Kysely<DB>, country: string, municipalityCode: string, nacePrefixes: string[], excludeFirmIds: number[] = []) {
  return (await demoFirmPicker(db, country))(municipalityCode, nacePrefixes, excludeFirmIds);
}

/**
 * Picks demo firms for the demo world's stories: the country's demo firms are read once and picked in
 * memory (for many picks in one seeding, keep the picker) by one rule (a firm with an establishment in the municipality first, then one seated
 * there; by national id; the first NACE prefix that finds one wins).
 */
export async function demoFirmPicker(db: Kysely<DB>, country: string) {
  const rows = await repo.listDemoFirmsOf(db, country);
  return (municipalityCode: string, nacePrefixes: string[], excludeFirmIds: number[] = []) => {
    for (const prefix of nacePrefixes) {
      const fits = rows.filter((r) => r.nace_code?.startsWith(prefix) && !excludeFirmIds.includes(Number(r.id)));
      const branch = fits.find((r) => r.establishment_municipality === municipalityCode);
      if (branch) return { firmId: Number(branch.id), establishmentId: Number(branch.establishment_id), name: branch.establishment_name ?? branch.name };
      const seat = fits.find((r) => r.municipality_code === municipalityCode);
      if (seat) return { firmId: Number(seat.id), establishmentId: null, name: seat.name };
    }
    return undefined;
  };
}

/** Where a firm is (its seat's and its establishments' municipalities) and what it does (its NACE codes). */
export async function firmPlaces(db: Kysely<DB>, firmId: number) {
  const found = await repo.findFirmPlaces(db, firmId);
  if (!found) return undefined;
  const municipalities = [...new Set([found.firm.municipality_code, ...found.shops.map((s) => s.municipality_code)].filter((c): c is string => !!c))];
  const naceCodes = [...new Set([found.firm.nace_code, ...found.shops.map((s) => s.nace_code)].filter((c): c is string => !!c))];
  return { id: Number(found.firm.id), name: found.firm.name, country: found.firm.country, municipalities, naceCodes };
}

/**
 * The storefront's published products of one shop (a firm, or one of its establishments), as the
 * registry's products of origin 'storefront': replaced as a whole and recorded as a firm change in
 * the caller's transaction; the caller announces `firmsChanged` after the commit.
 */
export async function replaceStorefrontProducts(trx: Kysely<DB>, firmId: number, establishmentId: number | null, rows: repo.MirroredProduct[]): Promise<void> {
  await repo.replaceMirroredProducts(trx, firmId, establishmentId, rows);
  await recordFirmChanges(trx, [firmId]);
}

/** The firms and their active establishments, as units a manager can pick (the storefront's shop set-up). */
export async function firmUnits(db: Kysely<DB>, firmIds: number[]) {
  const { firms, establishments } = await repo.listFirmUnits(db, [...new Set(firmIds)]);
  return firms.map((f) => ({
    firmId: Number(f.id),
    name: f.name,
    country: f.country,
    establishments: establishments.filter((e) => Number(e.firm_id) === Number(f.id)).map((e) => ({ id: Number(e.id), name: e.name })),
  }));
}

/** What funder reporting needs of a firm: identity, today's employees and the registration day (the register keeps no history). */
export interface FirmReportFacts {
  id: number;
  name: string;
  nationalId: string;
  country: string;
  municipalityCode: string | null;
  employees: number | null;
  registeredOn: string | null;
}

export async function firmReportFacts(db: Kysely<DB>, ids: number[]): Promise<Map<number, FirmReportFacts>> {
  const rows = await repo.listFirmReportFacts(db, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        name: r.name,
        nationalId: r.national_id,
        country: r.country,
        municipalityCode: r.municipality_code,
        employees: r.employees,
        registeredOn: r.registered_on,
      },
    ]),
  );
}

/** Today's employees and the registration day of many firms (funder reporting's size and age rules). */
export async function firmSizeFacts(db: Kysely<DB>, ids: number[]): Promise<Map<number, { employees: number | null; registeredOn: string | null }>> {
  const rows = await repo.listFirmSizeFacts(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [Number(r.id), { employees: r.employees, registeredOn: r.registered_on }]));
}
