import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { localDateOf, zoneOfCountry } from '../../shared/i18n/zoned.js';
import { moduleDataPath } from '../../shared/paths.js';
import { type Actor, recordAudit } from '../audit/audit.service.js';
import { findUserByEmail } from '../accounts/accounts.service.js';
import { organisationsCovering } from '../network/network.service.js';
import { createMunicipalityResolver, listMunicipalities } from '../places/places.service.js';
import { findFirmByNationalId, firmSummaries, publicFirmFacts } from '../registry/registry.service.js';
import { navigatorAccess } from './navigator.access.js';
import { ceilingOn, type Ceiling, roomOn, type Room, toEurMinor, wouldExceed } from './navigator.ledger.js';
import { compileOffer, type CompiledOffer, type FirmFacts, type MatchResult, rankOffers } from './navigator.match.js';
import { msg } from './navigator.messages.js';
import type { OfferRecord } from './navigator.offer-types.js';
import * as repo from './navigator.repository.js';
import { type EntryInput, offerRecordSchema, type MatchQuery, type OfferEdit } from './navigator.schemas.js';

// ---- reference data: offers, ceilings and ECB rates from the data files -------------------------

interface OffersFile {
  offers: OfferRecord[];
}
interface CeilingsFile {
  ceilings: { valid_from: string; ceiling_eur: number; window: 'fiscal_years' | 'rolling_years'; years: number; regulation: string; countries: string[] }[];
}
interface RatesFile {
  rates: { date: string; currency: string; per_eur: string }[];
}

const readData = <T>(file: string): T => JSON.parse(readFileSync(moduleDataPath('navigator', file), 'utf8')) as T;
const hashOf = (record: OfferRecord) => createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);

/** The data file's offers, each checked against the schema (a bad entry stops the start, naming it). */
export function readOfferFile(): OfferRecord[] {
  const file = readData<OffersFile>('offers.json');
  return file.offers.map((o, i) => {
    const parsed = offerRecordSchema.safeParse(o);
    if (!parsed.success) throw new Error(`navigator data/offers.json: offer ${i + 1} (${o.id}): ${parsed.error.message}`);
    return parsed.data as OfferRecord;
  });
}

/**
 * Loads the reviewed data files (idempotent, at each start): offers new in the file are added, an
 * offer whose entry in the file changed replaces the stored one (the file is the source of truth
 * for seeded offers; the replacement is audited), ceilings are replaced, ECB rates upserted.
 */
export async function loadNavigatorData(db: Kysely<DB>): Promise<{ offers: number; added: number; reloaded: number }> {
  const offers = readOfferFile();
  const ceilings = readData<CeilingsFile>('de-minimis-ceilings.json').ceilings;
  const rates = readData<RatesFile>('ecb-rates.json').rates;
  let added = 0;
  let reloaded = 0;
  await db.transaction().execute(async (trx) => {
    const stored = new Map((await repo.fileHashes(trx)).map((r) => [r.key, r]));
    for (const record of offers) {
      const hash = hashOf(record);
      const row = stored.get(record.id);
      if (!row) {
        await repo.insertOffer(trx, { record, origin: 'data_file', fileHash: hash });
        added += 1;
      } else if (row.file_hash !== hash) {
        await repo.updateOffer(trx, record.id, row.version, record, hash);
        if (row.file_hash !== null)
          await recordAudit(
            trx,
            { userId: null },
            { action: 'navigator.offer.reload', entityType: 'navigator_offer', entityId: record.id, before: row.record as never, after: record as never },
          );
        reloaded += 1;
      }
    }
    await repo.replaceCeilings(
      trx,
      ceilings.flatMap((c) =>
        c.countries.map((country) => ({
          country,
          valid_from: c.valid_from,
          ceiling_eur_minor: c.ceiling_eur * 100,
          window_kind: c.window,
          window_years: c.years,
          regulation: c.regulation,
        })),
      ),
    );
    await repo.upsertFileRates(
      trx,
      rates.map((r) => ({ currency: r.currency, rate_date: r.date, per_eur: r.per_eur })),
    );
  });
  invalidateOffers(db);
  return { offers: offers.length, added, reloaded };
}

// ---- the catalogue (compiled once, kept for a short while) ----------------------------------------

export interface OfferRow {
  id: number;
  key: string;
  version: number;
  origin: 'data_file' | 'admin';
  isDemo: boolean;
  updatedAt: Date;
  record: OfferRecord;
  compiled: CompiledOffer;
}

const offerCache = new WeakMap<Kysely<DB>, { at: number; rows: OfferRow[] }>();
const offerCacheMs = 30_000;
const invalidateOffers = (db: Kysely<DB>) => offerCache.delete(db);

/** JSON with object keys sorted (jsonb does not keep the order they were written in). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const parseRecord = (v: unknown): OfferRecord => (typeof v === 'string' ? JSON.parse(v) : v) as OfferRecord;

export async function allOffers(db: Kysely<DB>): Promise<OfferRow[]> {
  const cached = offerCache.get(db);
  if (cached && Date.now() - cached.at < offerCacheMs) return cached.rows;
  const rows = (await repo.listOffers(db)).map((r) => {
    const record = parseRecord(r.record);
    return {
      id: Number(r.id),
      key: r.key,
      version: Number(r.version),
      origin: r.origin,
      isDemo: r.is_demo,
      updatedAt: new Date(r.updated_at),
      record,
      compiled: compileOffer(record),
    };
  });
  offerCache.set(db, { at: Date.now(), rows });
  return rows;
}

export async function getOffer(db: Kysely<DB>, key: string): Promise<OfferRow> {
  const row = (await allOffers(db)).find((o) => o.key === key);
  if (!row) throw new AppError('not_found', errorMessages.notFound);
  return row;
}

// ---- places and firm facts ------------------------------------------------------------------

interface Places {
  byCode: Map<string, { name: string; county: string }>;
  resolve: (country: string, code: string | null | undefined) => string | undefined;
  at: number;
}
const placesCache = new WeakMap<Kysely<DB>, Places>();

async function places(db: Kysely<DB>): Promise<Places> {
  const cached = placesCache.get(db);
  if (cached && Date.now() - cached.at < 10 * 60_000) return cached;
  const [resolve, rows] = await Promise.all([createMunicipalityResolver(db), listMunicipalities(db, 'en')]);
  const p: Places = { byCode: new Map(rows.map((m) => [`${m.country}:${m.code}`, { name: m.name, county: m.county.code }])), resolve, at: Date.now() };
  placesCache.set(db, p);
  return p;
}

export interface ResolvedPlace {
  code: string;
  county: string;
  name: string;
  /** The code as given, when it was an old code that changed. */
  changedFrom?: string;
}

export async function resolvePlace(db: Kysely<DB>, country: string, code: string | null): Promise<ResolvedPlace | null> {
  if (!code) return null;
  const p = await places(db);
  const current = p.resolve(country, code);
  if (!current) return null;
  const info = p.byCode.get(`${country}:${current}`);
  if (!info) return null;
  const given = country === 'FI' ? code.padStart(3, '0') : code.padStart(4, '0');
  return { code: current, county: info.county, name: info.name, changedFrom: given !== current ? given : undefined };
}

/** Whole years from a registration day to `today`. */
export function wholeYearsBetween(from: string, today: string): number {
  const years = Math.floor(DateTime.fromISO(today).diff(DateTime.fromISO(from), 'years').years);
  return Math.max(0, years);
}

/** A date column as 'YYYY-MM-DD' whichever way the driver gave it. */
const dayText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};

const currencyOf = (country: string) => (country === 'NO' ? 'NOK' : country === 'SE' ? 'SEK' : 'EUR');

export interface FactsView {
  facts: FirmFacts;
  place: ResolvedPlace | null;
  firm?: { id: number; name: string };
}

/** A registry firm's facts for matching (public register facts only). */
export async function firmFacts(db: Kysely<DB>, firmId: number, now: Date): Promise<FactsView | undefined> {
  const summary = (await firmSummaries(db, [firmId])).get(firmId);
  if (!summary) return undefined;
  const { firm } = await publicFirmFacts(db, firmId, null);
  const country = summary.country as FirmFacts['country'];
  const place = await resolvePlace(db, country, summary.municipalityCode);
  const registered = dayText(firm?.registered_on);
  const today = localDateOf(now, zoneOfCountry[country] ?? 'Europe/Oslo');
  return {
    firm: { id: summary.id, name: summary.name },
    place,
    facts: {
      country,
      municipality: place?.code ?? null,
      county: place?.county ?? null,
      nace: firm?.nace_code ?? null,
      employees: firm?.employees ?? null,
      turnover: null,
      turnoverCurrency: null,
      turnoverEur: null,
      ageYears: registered ? wholeYearsBetween(registered, today) : null,
    },
  };
}

/** The public form's facts (or the picked firm's), with the municipality resolved; field errors name the field. */
export async function factsFromQuery(db: Kysely<DB>, q: MatchQuery, now: Date): Promise<FactsView | null> {
  if (q.firm !== undefined) {
    const view = await firmFacts(db, q.firm, now);
    if (!view) throw new AppError('validation', msg.firmNotFound, [{ field: 'orgnr', label: msg.nationalId, message: msg.firmNotFound }]);
    return view;
  }
  if (q.orgnr) {
    const country = q.country ?? 'NO';
    const found = await findFirmByNationalId(db, country, q.orgnr);
    if (!found) throw new AppError('validation', msg.firmNotFound, [{ field: 'orgnr', label: msg.nationalId, message: msg.firmNotFound }]);
    return (await firmFacts(db, found.id, now)) ?? null;
  }
  if (!q.country) return null;
  const place = await resolvePlace(db, q.country, q.municipality);
  if (q.municipality && !place)
    throw new AppError('validation', msg.unknownMunicipality, [{ field: 'municipality', label: msg.municipality, message: msg.unknownMunicipality }]);
  const turnoverCurrency = q.turnover !== null ? currencyOf(q.country) : null;
  let turnoverEur: number | null = null;
  if (q.turnover !== null && turnoverCurrency) {
    const eur = await toEur(db, q.turnover * 100, turnoverCurrency, localDateOf(now, zoneOfCountry[q.country]));
    turnoverEur = eur.eurMinor === null ? null : Math.round(eur.eurMinor / 100);
  }
  return {
    place,
    facts: {
      country: q.country,
      municipality: place?.code ?? null,
      county: place?.county ?? null,
      nace: q.nace,
      employees: q.employees,
      turnover: q.turnover,
      turnoverCurrency,
      turnoverEur,
      ageYears: q.age,
    },
  };
}

/** A form error already in the reader's language (shared/http/forms.ts FormError). */
export interface FormErrorLike {
  message: string;
  issues: import('../../shared/errors.js').LocalisedIssue[];
}

export interface RankedOffer {
  offer: OfferRow;
  result: MatchResult;
}

/** Every offer ranked for these facts, filtered by kind and provider. */
export async function matchFor(
  db: Kysely<DB>,
  facts: FirmFacts,
  filters: { kind?: string | null; provider?: string | null },
  now: Date,
): Promise<RankedOffer[]> {
  return rankRows(await allOffers(db), facts, filters, now);
}

function rankRows(all: OfferRow[], facts: FirmFacts, filters: { kind?: string | null; provider?: string | null }, now: Date): RankedOffer[] {
  const offers = all.filter((o) => (!filters.kind || o.record.kind === filters.kind) && (!filters.provider || o.record.provider === filters.provider));
  const byCompiled = new Map(offers.map((o) => [o.compiled, o]));
  return rankOffers(
    offers.map((o) => o.compiled),
    facts,
    now,
  ).map((r) => ({ offer: byCompiled.get(r.offer)!, result: r.result }));
}

export async function providers(db: Kysely<DB>): Promise<string[]> {
  return [...new Set((await allOffers(db)).map((o) => o.record.provider))].sort((a, b) => a.localeCompare(b));
}

// ---- exchange rates -----------------------------------------------------------------------------

export interface EurAmount {
  eurMinor: number | null;
  perEur: string | null;
  rateDate: string | null;
}

/** An amount in EUR at the ECB rate of `day` (or the last one in the week before); null when no rate is stored — never guessed. */
export async function toEur(db: Kysely<DB>, amountMinor: number, currency: string, day: string): Promise<EurAmount> {
  if (currency === 'EUR') return { eurMinor: amountMinor, perEur: null, rateDate: null };
  const rate = await repo.findRateOn(db, currency, day);
  if (!rate) return { eurMinor: null, perEur: null, rateDate: null };
  const perEur = String(rate.per_eur);
  return { eurMinor: toEurMinor(amountMinor, currency, perEur), perEur, rateDate: rate.rate_date };
}

/**
 * An estimate in EUR for an amount not yet granted (coaching's referral check): at the
 * latest ECB rate on or before `day`, the same rule as `referralWarnings`; null when none is stored.
 */
export async function estimateEur(db: Kysely<DB>, amountMinor: number, currency: string, day: string): Promise<EurAmount> {
  if (currency === 'EUR') return { eurMinor: amountMinor, perEur: null, rateDate: null };
  const rate = await repo.findLatestRate(db, currency, day);
  if (!rate) return { eurMinor: null, perEur: null, rateDate: null };
  const perEur = String(rate.per_eur);
  return { eurMinor: toEurMinor(amountMinor, currency, perEur), perEur, rateDate: rate.rate_date };
}

/** Staff add a missing ECB rate; entries waiting for it get their EUR amount in the same transaction. */
export async function enterRate(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  input: { currency: string; rate_date: string; per_eur: string },
  requestId?: string,
) {
  const actor = navigatorAccess.requireAccess(user, 'navigator.rate.enter', undefined);
  return db.transaction().execute(async (trx) => {
    const added = await repo.insertStaffRate(trx, { currency: input.currency, rate_date: input.rate_date, per_eur: input.per_eur, entered_by: actor.id });
    if (!added) throw new AppError('conflict', msg.rateExists, [{ field: 'rate_date', label: msg.rateDate, message: msg.rateExists }]);
    await recordAudit(
      trx,
      { userId: actor.id, requestId },
      {
        action: 'navigator.rate.enter',
        entityType: 'navigator_exchange_rate',
        entityId: `${input.currency}:${input.rate_date}`,
        after: { currency: input.currency, rate_date: input.rate_date, per_eur: input.per_eur },
      },
    );
    const to = DateTime.fromISO(input.rate_date).plus({ days: 6 }).toISODate()!;
    let filled = 0;
    for (const e of await repo.entriesMissingRate(trx, input.currency, input.rate_date, to)) {
      const eur = await toEur(trx, Number(e.amount_minor), e.currency, e.granted_on);
      if (eur.eurMinor !== null && eur.perEur) {
        await repo.setEntryEur(trx, Number(e.id), eur.eurMinor, eur.perEur);
        filled += 1;
      }
    }
    return { filled };
  });
}

// ---- the de minimis ledger ----------------------------------------------------------------------

async function ceilings(db: Kysely<DB>): Promise<Ceiling[]> {
  return (await repo.listCeilings(db)).map((c) => ({
    country: c.country,
    validFrom: c.valid_from,
    ceilingEurMinor: Number(c.ceiling_eur_minor),
    window: c.window_kind,
    years: Number(c.window_years),
    regulation: c.regulation,
  }));
}

export interface DeMinimisCheck {
  /** EUR minor units left under the ceiling on `date`; null when a rate is missing (or no ceiling is known). */
  room: number | null;
  /** Null when the room is unknown. */
  wouldExceed: boolean | null;
  detail: Room | null;
}

/**
 * For other modules (coaching's referral warning): would `amountEur` (minor units) granted
 * on `date` pass the firm's de minimis ceiling? No access check: the caller has checked its own.
 */
export async function deMinimisCheck(db: Kysely<DB>, firmId: number, amountEur: number, date: string): Promise<DeMinimisCheck> {
  const summary = (await firmSummaries(db, [firmId])).get(firmId);
  if (!summary) throw new AppError('not_found', errorMessages.notFound);
  const ceiling = ceilingOn(await ceilings(db), summary.country, date);
  if (!ceiling) return { room: null, wouldExceed: null, detail: null };
  const entries = (await repo.listEntries(db, firmId)).map((e) => ({
    id: Number(e.id),
    grantedOn: e.granted_on,
    eurMinor: e.eur_minor === null ? null : Number(e.eur_minor),
  }));
  const room = roomOn(entries, ceiling, date);
  return { room: room.roomEurMinor, wouldExceed: wouldExceed(room, amountEur), detail: room };
}

async function firmScope(db: Kysely<DB>, firmId: number, now: Date) {
  const summary = (await firmSummaries(db, [firmId])).get(firmId);
  if (!summary) throw new AppError('not_found', errorMessages.notFound);
  const covering = summary.municipalityCode
    ? await organisationsCovering(db, summary.country, summary.municipalityCode, localDateOf(now, zoneOfCountry[summary.country as 'NO'] ?? 'Europe/Oslo'))
    : [];
  return { summary, scope: { coveringOrganisationIds: covering } };
}

export interface LedgerView {
  firm: { id: number; name: string; country: string };
  entries: Awaited<ReturnType<typeof repo.listEntries>>;
  room: Room | null;
  today: string;
}

export async function firmLedger(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, now: Date): Promise<LedgerView & { canWrite: boolean }> {
  const { summary, scope } = await firmScope(db, firmId, now);
  navigatorAccess.requireAccess(user, 'navigator.ledger.read', scope);
  return { ...(await ledgerOf(db, summary, now)), canWrite: navigatorAccess.can(user, 'navigator.ledger.write', scope) };
}

async function ledgerOf(db: Kysely<DB>, summary: { id: number; name: string; country: string }, now: Date): Promise<LedgerView> {
  const today = localDateOf(now, zoneOfCountry[summary.country as 'NO'] ?? 'Europe/Oslo');
  const entries = await repo.listEntries(db, summary.id);
  const ceiling = ceilingOn(await ceilings(db), summary.country, today);
  const room = ceiling
    ? roomOn(
        entries.map((e) => ({ id: Number(e.id), grantedOn: e.granted_on, eurMinor: e.eur_minor === null ? null : Number(e.eur_minor) })),
        ceiling,
        today,
      )
    : null;
  return { firm: { id: summary.id, name: summary.name, country: summary.country }, entries, room, today };
}

/** The firm-record section: the room, for staff who may read the ledger (null for everyone else). */
export async function roomForRecord(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, now: Date): Promise<LedgerView | null> {
  const summary = (await firmSummaries(db, [firmId])).get(firmId);
  if (!summary) return null;
  const covering = summary.municipalityCode ? await organisationsCovering(db, summary.country, summary.municipalityCode) : [];
  if (!navigatorAccess.can(user, 'navigator.ledger.read', { coveringOrganisationIds: covering })) return null;
  return ledgerOf(db, summary, now);
}

export async function requireLedgerWrite(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, now: Date): Promise<void> {
  const { scope } = await firmScope(db, firmId, now);
  navigatorAccess.requireAccess(user, 'navigator.ledger.write', scope);
}

/** Records aid received (a case outcome or entered directly), in EUR at the grant date's rate when one is stored. */
export async function addEntry(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  firmId: number,
  input: EntryInput,
  now: Date,
  requestId?: string,
): Promise<number> {
  const { scope } = await firmScope(db, firmId, now);
  const actor = navigatorAccess.requireAccess(user, 'navigator.ledger.write', scope);
  return db.transaction().execute(async (trx) => {
    const eur = await toEur(trx, input.amount, input.currency, input.granted_on);
    const values: repo.EntryValues = {
      firm_id: firmId,
      grantor: input.grantor,
      granted_on: input.granted_on,
      amount_minor: input.amount,
      currency: input.currency,
      eur_minor: eur.eurMinor,
      rate_per_eur: eur.perEur,
      legal_basis: input.legal_basis,
      offer_key: input.offer_key,
      origin: input.origin,
      case_ref: input.case_ref,
      entered_by: actor.id,
    };
    const id = await repo.insertEntry(trx, values);
    await recordAudit(
      trx,
      { userId: actor.id, requestId },
      { action: 'navigator.ledger.write', entityType: 'navigator_de_minimis_entry', entityId: id, firmId, after: { ...values } },
    );
    return id;
  });
}

export const listRates = (db: Kysely<DB>) => repo.listRates(db);

export interface ReferralWarning {
  /** The offer's largest stated amount in EUR minor units, at the latest ECB rate on or before today (its day in `rateDate`). */
  amountEurMinor: number | null;
  rateDate: string | null;
  wouldExceed: boolean | null;
}

/**
 * Before a coach refers the firm: for each de minimis offer with a stated amount, would that amount
 * pass the ceiling given the room left today? Unknown (null) when a rate is missing — never guessed.
 */
export async function referralWarnings(db: Kysely<DB>, ledger: LedgerView, offers: OfferRow[]): Promise<Map<string, ReferralWarning>> {
  const out = new Map<string, ReferralWarning>();
  const rates = new Map<string, Awaited<ReturnType<typeof repo.findLatestRate>>>();
  for (const o of offers) {
    const r = o.record;
    if ((r.match.state_aid !== 'de_minimis' && r.match.state_aid !== 'mixed') || r.amount_max === null || !r.currency) continue;
    const minor = Math.round(r.amount_max * 100);
    let eur: number | null = minor;
    let rateDate: string | null = null;
    if (r.currency !== 'EUR') {
      if (!rates.has(r.currency)) rates.set(r.currency, await repo.findLatestRate(db, r.currency, ledger.today));
      const rate = rates.get(r.currency);
      eur = rate ? toEurMinor(minor, r.currency, String(rate.per_eur)) : null;
      rateDate = rate?.rate_date ?? null;
    }
    out.set(o.key, {
      amountEurMinor: eur,
      rateDate,
      wouldExceed: eur === null || !ledger.room ? null : wouldExceed(ledger.room, eur),
    });
  }
  return out;
}

// ---- maintaining offers ---------------------------------------------------------------------------

export async function contactScope(db: Kysely<DB>, user: SessionUser | undefined) {
  return { contactOf: user ? await repo.providersOfContact(db, user.id) : [] };
}

export async function offersToMaintain(db: Kysely<DB>, user: SessionUser | undefined): Promise<OfferRow[]> {
  const scope = await contactScope(db, user);
  navigatorAccess.requireAccess(user, 'navigator.offer.maintain', scope);
  return (await allOffers(db)).filter((o) => navigatorAccess.can(user, 'navigator.offer.maintain', { ...scope, provider: o.record.provider }));
}

export async function offerToEdit(db: Kysely<DB>, user: SessionUser | undefined, key: string): Promise<OfferRow> {
  const scope = await contactScope(db, user);
  navigatorAccess.requireAccess(user, 'navigator.offer.maintain', scope);
  const offer = await getOffer(db, key);
  navigatorAccess.requireAccess(user, 'navigator.offer.maintain', { ...scope, provider: offer.record.provider });
  return offer;
}

/** Applies an edit from the admin page when nobody changed the offer since it was shown (else 409); audited. */
export async function editOffer(db: Kysely<DB>, user: SessionUser | undefined, key: string, edit: OfferEdit, requestId?: string): Promise<void> {
  const offer = await offerToEdit(db, user, key);
  const before = offer.record;
  const countries = edit.area_codes.filter((c) => !c.includes(':'));
  const counties = edit.area_codes.filter((c) => /^[A-Z]{2}:\d{2}$/.test(c));
  const municipalities = edit.area_codes.filter((c) => /^[A-Z]{2}:\d{3,4}$/.test(c));
  const size = { ...(before.size_bounds ?? {}) };
  if (edit.employees_min === null) delete size.employees_min;
  else size.employees_min = edit.employees_min;
  if (edit.employees_max === null) delete size.employees_max;
  else size.employees_max = edit.employees_max;
  const after: OfferRecord = {
    ...before,
    name: edit.name,
    name_en: edit.name_en,
    description: edit.description,
    description_local: edit.description_local,
    url: edit.url,
    checked: edit.checked,
    amount_max: edit.amount_max,
    size_bounds: Object.keys(size).length ? size : null,
    match: {
      ...before.match,
      area: edit.area_codes.length ? { countries: countries as never, counties, municipalities } : null,
      nace_included: edit.nace_included,
      nace_excluded: edit.nace_excluded,
      deadline_date: edit.deadline_date,
      open_all_year: edit.open_all_year,
      no_longer_offered: edit.no_longer_offered,
    },
  };
  parseOrThrow(offerRecordSchema, after);
  await db.transaction().execute(async (trx) => {
    const version = await repo.updateOffer(trx, key, edit.version, after);
    if (version === undefined) throw new AppError('conflict', msg.changedMeanwhile);
    await recordAudit(
      trx,
      { userId: user?.id ?? null, requestId },
      { action: 'navigator.offer.maintain', entityType: 'navigator_offer', entityId: key, before: before as never, after: after as never },
    );
  });
  invalidateOffers(db);
}

/** Offers from an uploaded file (already parsed and checked): new ones added, changed ones replaced, all audited; all or nothing. */
export async function importOffers(db: Kysely<DB>, user: SessionUser | undefined, records: OfferRecord[], requestId?: string) {
  const actor = navigatorAccess.requireAccess(user, 'navigator.offer.import', undefined);
  const result = { created: 0, updated: 0, same: 0 };
  await db.transaction().execute(async (trx) => {
    const stored = new Map((await repo.fileHashes(trx)).map((r) => [r.key, r]));
    for (const record of records) {
      const row = stored.get(record.id);
      const audit: Actor = { userId: actor.id, requestId };
      if (!row) {
        await repo.insertOffer(trx, { record, origin: 'admin', fileHash: null });
        await recordAudit(trx, audit, { action: 'navigator.offer.import', entityType: 'navigator_offer', entityId: record.id, after: record as never });
        result.created += 1;
      } else if (canonical(parseRecord(row.record)) !== canonical(record)) {
        const version = await repo.updateOffer(trx, record.id, Number(row.version), record);
        if (version === undefined) throw new AppError('conflict', msg.changedMeanwhile);
        await recordAudit(trx, audit, {
          action: 'navigator.offer.import',
          entityType: 'navigator_offer',
          entityId: record.id,
          before: parseRecord(row.record) as never,
          after: record as never,
        });
        result.updated += 1;
      } else result.same += 1;
    }
  });
  invalidateOffers(db);
  return result;
}

export async function addContact(db: Kysely<DB>, user: SessionUser | undefined, input: { provider: string; email: string }, requestId?: string) {
  const actor = navigatorAccess.requireAccess(user, 'navigator.contact.manage', undefined);
  if (!(await providers(db)).includes(input.provider))
    throw new AppError('validation', msg.noSuchProvider, [{ field: 'provider', label: msg.provider, message: msg.noSuchProvider }]);
  const person = await findUserByEmail(db, input.email);
  if (!person) throw new AppError('validation', msg.noSuchUser, [{ field: 'email', label: msg.contactEmail, message: msg.noSuchUser }]);
  await db.transaction().execute(async (trx) => {
    if (await repo.addProviderContact(trx, input.provider, Number(person.id)))
      await recordAudit(
        trx,
        { userId: actor.id, requestId },
        {
          action: 'navigator.contact.manage',
          entityType: 'navigator_provider_contact',
          entityId: `${input.provider}:${person.id}`,
          after: { provider: input.provider, userId: Number(person.id) },
        },
      );
  });
}

export const listContacts = (db: Kysely<DB>) => repo.listProviderContacts(db);

// ---- "notify me" --------------------------------------------------------------------------------

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** At most this many "notify me" requests per address a day: a stranger cannot flood someone's inbox with confirmation mails. */
export const subscriptionsPerAddressPerDay = 3;

/**
 * Stores an unconfirmed subscription and returns the token for the confirmation link (mailed by
 * the caller in the same transaction), or null when the address asked too often today (the caller
 * answers the same, so the limit tells nobody whether an address is subscribed).
 */
export async function createSubscription(
  db: Kysely<DB>,
  input: { email: string; locale: Locale; facts: FirmFacts; filters: { kind: string | null; provider: string | null } },
): Promise<string | null> {
  const recent = await repo.countSubscriptionsSince(db, input.email.toLowerCase(), new Date(Date.now() - 86_400_000));
  if (recent >= subscriptionsPerAddressPerDay) return null;
  const token = randomBytes(24).toString('base64url');
  await repo.insertSubscription(db, {
    email: input.email.toLowerCase(),
    locale: input.locale,
    facts: { ...input.facts, filters: input.filters },
    token_hash: hashToken(token),
    stop_token: randomBytes(24).toString('base64url'),
  });
  return token;
}

export async function findSubscription(db: Kysely<DB>, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  return repo.findSubscription(db, hashToken(token));
}

type StoredFacts = FirmFacts & { filters?: { kind: string | null; provider: string | null } };

/** Offers that fit or may fit (not ruled out), from a list loaded before any transaction. */
const fitting = (offers: OfferRow[], facts: StoredFacts, now: Date) =>
  rankRows(offers, facts, facts.filters ?? {}, now).filter((r) => r.result.status !== 'ruled_out');

/** Confirms (double opt-in); what fits today counts as told, so the mails bring only what is new or changed. */
export async function confirmSubscription(db: Kysely<DB>, token: string, now: Date): Promise<boolean> {
  const sub = await findSubscription(db, token);
  if (!sub || sub.stopped_at) return false;
  const offers = await allOffers(db);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.confirmSubscription(trx, Number(sub.id)))) return;
    const facts = (typeof sub.facts === 'string' ? JSON.parse(sub.facts) : sub.facts) as StoredFacts;
    await repo.markTold(
      trx,
      fitting(offers, facts, now).map((r) => ({ subscription_id: Number(sub.id), offer_id: r.offer.id, offer_version: r.offer.version })),
    );
  });
  return true;
}

/** What a link's token stands for: a subscription's confirmation token, or the stop token of its mails. */
export async function subscriptionState(db: Kysely<DB>, token: string): Promise<'pending' | 'confirmed' | 'stopped' | 'unknown'> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return 'unknown';
  const sub = (await findSubscription(db, token)) ?? (await repo.findSubscriptionByStopToken(db, token));
  return !sub ? 'unknown' : sub.stopped_at ? 'stopped' : sub.confirmed_at ? 'confirmed' : 'pending';
}

export async function stopSubscription(db: Kysely<DB>, token: string): Promise<boolean> {
  const sub = (await findSubscription(db, token)) ?? (/^[A-Za-z0-9_-]{20,64}$/.test(token) ? await repo.findSubscriptionByStopToken(db, token) : undefined);
  if (!sub) return false;
  await repo.deleteSubscription(db, Number(sub.id));
  return true;
}

export interface NotifyMail {
  to: string;
  locale: Locale;
  /** For the "stop" link (it can only stop the mails). */
  stopToken: string;
  offers: OfferRow[];
}

/**
 * The nightly run: every confirmed subscription against every offer; a subscriber hears of offers
 * that fit (or may fit) and that they were not told of at this version. Each subscription in its
 * own transaction under its row lock, the mail queued in it: a second run sends nothing twice.
 */
export async function runNotify(
  db: Kysely<DB>,
  now: Date,
  send: (trx: Kysely<DB>, mail: NotifyMail) => Promise<void>,
): Promise<{ subscriptions: number; mails: number }> {
  let afterId = 0;
  let subscriptions = 0;
  let mails = 0;
  invalidateOffers(db);
  // Unconfirmed requests older than a week are forgotten (the address was never confirmed).
  await repo.purgeUnconfirmed(db, new Date(now.getTime() - 7 * 86_400_000));
  const offers = await allOffers(db);
  for (;;) {
    const batch = await repo.listActiveSubscriptions(db, afterId, 500);
    if (!batch.length) break;
    afterId = Number(batch[batch.length - 1]!.id);
    for (const sub of batch) {
      subscriptions += 1;
      const facts = (typeof sub.facts === 'string' ? JSON.parse(sub.facts) : sub.facts) as StoredFacts;
      const sent = await db.transaction().execute(async (trx) => {
        if (!(await repo.lockSubscription(trx, Number(sub.id)))) return false;
        const told = new Map((await repo.toldOffers(trx, [Number(sub.id)])).map((t) => [Number(t.offer_id), Number(t.offer_version)]));
        const fresh = fitting(offers, facts, now).filter((r) => told.get(r.offer.id) !== r.offer.version);
        if (!fresh.length) return false;
        await repo.markTold(
          trx,
          fresh.map((r) => ({ subscription_id: Number(sub.id), offer_id: r.offer.id, offer_version: r.offer.version })),
        );
        await send(trx, { to: sub.email, locale: sub.locale as Locale, stopToken: sub.stop_token, offers: fresh.map((r) => r.offer) });
        return true;
      });
      if (sent) mails += 1;
    }
  }
  return { subscriptions, mails };
}
