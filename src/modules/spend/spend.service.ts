import { createHash } from 'node:crypto';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/http/auth.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { coverageOn, listAllOrganisations, today } from '../network/network.service.js';
import { listMunicipalities } from '../places/places.service.js';
import { activeFirmsIn, createSectorLabeller, firmsForMatching, firmsForMatchingById, firmsNamed, type FirmForMatching } from '../registry/registry.service.js';
import { spendAccess, spendAnalysts, type LedgerScope } from './spend.access.js';
import {
  BadRowsError,
  bands,
  checkFile,
  deleteFileLines,
  guessDateFormat,
  guessDecimalSeparator,
  importFile,
  lineSpan,
  outsideByDivision,
  rekeyLines,
  replaceSuppliers,
  spendByBand,
  spendStore,
  spendStoreExists,
  splitRawKey,
  topSuppliers,
  type AnalysisScope,
  type Band,
  type BandRow,
  type FileCheck,
  type SpendStore,
  type SupplierFacts,
  type TopSupplier,
} from './spend.engine.js';
import { LedgerFileError, hashFile, stageLedgerFile, type StagedFile } from './spend.files.js';
import { looksPrivate, nameSimilarity, normaliseName, parseSupplierId } from './spend.ids.js';
import { guessMapping, headerKey, isLedgerField, missingFields, type ColumnMapping, type GuessSource, type LedgerField } from './spend.mapping.js';
import { msg } from './spend.messages.js';
import * as repo from './spend.repository.js';
import { organisationIdsWithRole } from '../../shared/access/access.js';

export const maxFilesPerUpload = 12;

/*
 * Reference data (NACE labels, municipalities and their counties) is loaded at start and does not
 * change while the process runs: the results page asks for it once per database and language.
 */
const labellers = new WeakMap<object, Map<string, ReturnType<typeof createSectorLabeller>>>();
function sectorLabeller(db: Kysely<DB>, locale: Locale) {
  let byLocale = labellers.get(db);
  if (!byLocale) labellers.set(db, (byLocale = new Map()));
  let l = byLocale.get(locale);
  if (!l) {
    l = createSectorLabeller(db, locale);
    l.catch(() => byLocale!.delete(locale));
    byLocale.set(locale, l);
  }
  return l;
}
const municipalityLists = new WeakMap<object, Map<string, ReturnType<typeof listMunicipalities>>>();
function municipalitiesOf(db: Kysely<DB>, locale: Locale, country: string) {
  let byKey = municipalityLists.get(db);
  if (!byKey) municipalityLists.set(db, (byKey = new Map()));
  const key = `${country}:${locale}`;
  let l = byKey.get(key);
  if (!l) {
    l = listMunicipalities(db, locale, { country });
    l.catch(() => byKey!.delete(key));
    byKey.set(key, l);
  }
  return l;
}

const orgsById = async (db: Kysely<DB>) => new Map((await listAllOrganisations(db)).map((o) => [o.id, o]));

// ---- who sees what ---------------------------------------------------------------------------

export async function ledgerScope(db: Kysely<DB>, organisationId: number): Promise<LedgerScope> {
  return { organisationId, sharedWith: await repo.listSharedWith(db, organisationId) };
}

export async function requireLedgerRead(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<SessionUser> {
  return spendAccess.requireAccess(user, 'spend.ledger.read', await ledgerScope(db, organisationId));
}

export interface BuyerDto {
  id: number;
  name: string;
  country: string;
  own: boolean;
}

/** The buyers whose spend a person may read: their own organisations, and those sharing with them. */
export async function listBuyersFor(db: Kysely<DB>, user: SessionUser | undefined): Promise<BuyerDto[]> {
  const u = spendAccess.requireAccess(user, 'spend.overview.list', undefined);
  const own = organisationIdsWithRole(u, spendAnalysts);
  const shared = await repo.listSharingTo(db, own);
  const orgs = await orgsById(db);
  const out: BuyerDto[] = [];
  for (const id of [...new Set([...own, ...shared])]) {
    const o = orgs.get(id);
    if (o) out.push({ id, name: o.name, country: o.country, own: own.includes(id) });
  }
  return out.sort((a, b) => Number(b.own) - Number(a.own) || a.name.localeCompare(b.name));
}

export async function buyerOf(db: Kysely<DB>, organisationId: number) {
  const org = (await orgsById(db)).get(organisationId);
  if (!org) throw new AppError('not_found', errorMessages.notFound);
  return org;
}

// ---- uploads ---------------------------------------------------------------------------------

export interface IncomingFile {
  name: string;
  /** A temporary file holding the bytes (moved into the upload's folder). */
  path: string;
}

const safeName = (name: string) =>
  name
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120) || 'ledger';

export interface FileDto {
  id: number;
  name: string;
  bytes: number;
  status: string;
  duplicateOf: { name: string; importedAt: string | null } | null;
  staged: Pick<StagedFile, 'format' | 'compressed' | 'encoding' | 'delimiter' | 'lineEnding' | 'headers' | 'samples'> | null;
  mapping: ColumnMapping;
  sources: Partial<Record<LedgerField, GuessSource>>;
  missing: ('amount' | 'date' | 'supplier')[];
  decimal: ',' | '.';
  dateFormat: string;
  check: FileCheck | null;
  unreadable: string | null;
  lines: number | null;
  skipped: number | null;
}

export interface UploadDto {
  id: number;
  organisationId: number;
  status: string;
  progress: { file?: number; files?: number; stage?: string; lines?: number } | null;
  message: string | null;
  createdAt: string;
  files: FileDto[];
  isDemo: boolean;
}

/**
 * Stores the files of one upload, looks at each (format, encoding, delimiter, headers), guesses the
 * mapping (the organisation's earlier choices first) and checks every line. Nothing is imported yet.
 */
export async function createUpload(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  organisationId: number,
  files: IncomingFile[],
  options: { isDemo?: boolean } = {},
): Promise<number> {
  const u = spendAccess.requireAccess(user, 'spend.ledger.upload', organisationId);
  await buyerOf(db, organisationId);
  if (files.length === 0) throw new AppError('validation', msg.chooseFiles, [{ field: 'files', label: msg.files, message: errorMessages.required }]);
  if (files.length > maxFilesPerUpload) throw new AppError('validation', msg.tooManyFiles, [], { max: String(maxFilesPerUpload) });
  const uploadId = await repo.insertUpload(db, organisationId, u.id > 0 ? u.id : null, options.isDemo);
  const dir = join(dataDir, 'spend', 'uploads', String(uploadId));
  await mkdir(dir, { recursive: true });
  let position = 0;
  for (const f of files) {
    position++;
    const storedPath = join(dir, `${position}-${safeName(f.name)}`);
    await copyFile(f.path, storedPath);
    const bytes = (await stat(storedPath)).size;
    const hash = await hashFile(storedPath);
    const fileId = await repo.insertFile(db, {
      uploadId,
      organisationId,
      position,
      fileName: f.name.slice(0, 200),
      contentHash: hash,
      bytes,
      storedPath,
      isDemo: options.isDemo,
    });
    const earlier = await repo.findImportedByHash(db, organisationId, hash);
    if (earlier) {
      await repo.updateFile(db, fileId, {
        status: 'duplicate',
        check_result: { duplicateOf: earlier.file_name, importedAt: earlier.imported_at?.toISOString() ?? null },
      });
      continue;
    }
    await prepareFile(db, organisationId, fileId, storedPath, dir);
  }
  return uploadId;
}

async function rememberedChoices(db: Kysely<DB>, organisationId: number) {
  const rows = await repo.listHeaderChoices(db, organisationId);
  return new Map(rows.map((r) => [r.header_key, r.field as LedgerField | 'ignore']));
}

async function prepareFile(db: Kysely<DB>, organisationId: number, fileId: number, storedPath: string, dir: string) {
  let staged: StagedFile;
  try {
    staged = await stageLedgerFile(storedPath, dir);
  } catch (err) {
    const reason = err instanceof LedgerFileError ? err.reason : 'unreadable';
    await repo.updateFile(db, fileId, { status: 'failed', check_result: { unreadable: reason } });
    return;
  }
  const { mapping, sources } = guessMapping(staged.headers, await rememberedChoices(db, organisationId));
  await recheck(db, fileId, staged, mapping, sources);
}

async function recheck(db: Kysely<DB>, fileId: number, staged: StagedFile, mapping: ColumnMapping, sources: Partial<Record<LedgerField, GuessSource>>) {
  const amountColumn = mapping.amount_net ?? mapping.amount_gross;
  const decimal = amountColumn === undefined ? ',' : guessDecimalSeparator(staged.samples.map((r) => r[amountColumn] ?? ''));
  const dateFormat = mapping.date === undefined ? '%Y-%m-%d' : guessDateFormat(staged.samples.map((r) => r[mapping.date!] ?? ''));
  let check: FileCheck | null = null;
  let unreadable: string | null = null;
  if (missingFields(mapping).length === 0) {
    try {
      check = await checkFile({ staged, mapping, decimal, dateFormat });
    } catch (err) {
      unreadable = err instanceof Error ? err.message.slice(0, 300) : 'unreadable';
    }
  }
  await repo.updateFile(db, fileId, {
    staged: staged as unknown as Record<string, unknown>,
    mapping: mapping as Record<string, number>,
    decimal_separator: decimal,
    date_format: dateFormat,
    check_result: { check, sources, unreadable },
    status: 'preview',
  });
}

function toFileDto(f: Awaited<ReturnType<typeof repo.listFiles>>[number]): FileDto {
  const result = (f.check_result ?? {}) as {
    check?: FileCheck | null;
    sources?: FileDto['sources'];
    unreadable?: string | null;
    duplicateOf?: string;
    importedAt?: string | null;
  };
  const staged = f.staged as unknown as StagedFile | null;
  const mapping = (f.mapping ?? {}) as ColumnMapping;
  return {
    id: Number(f.id),
    name: f.file_name,
    bytes: Number(f.bytes),
    status: f.status,
    duplicateOf: result.duplicateOf ? { name: result.duplicateOf, importedAt: result.importedAt ?? null } : null,
    staged: staged
      ? {
          format: staged.format,
          compressed: staged.compressed ?? staged.gzip,
          encoding: staged.encoding,
          delimiter: staged.delimiter,
          lineEnding: staged.lineEnding,
          headers: staged.headers,
          samples: staged.samples,
        }
      : null,
    mapping,
    sources: result.sources ?? {},
    missing: staged ? missingFields(mapping) : [],
    decimal: (f.decimal_separator as ',' | '.') ?? ',',
    dateFormat: f.date_format ?? '%Y-%m-%d',
    check: result.check ?? null,
    unreadable: result.unreadable ?? (f.status === 'failed' ? 'unreadable' : null),
    lines: f.lines === null ? null : Number(f.lines),
    skipped: f.skipped === null ? null : Number(f.skipped),
  };
}

export async function getUpload(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, uploadId: number): Promise<UploadDto> {
  await requireLedgerRead(db, user, organisationId);
  const upload = await repo.findUpload(db, organisationId, uploadId);
  if (!upload) throw new AppError('not_found', errorMessages.notFound);
  const files = await repo.listFiles(db, uploadId);
  return {
    id: Number(upload.id),
    organisationId,
    status: upload.status,
    progress: upload.progress as UploadDto['progress'],
    message: upload.message,
    createdAt: upload.created_at.toISOString(),
    files: files.map(toFileDto),
    isDemo: upload.is_demo,
  };
}

export async function listUploads(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number) {
  await requireLedgerRead(db, user, organisationId);
  const rows = await repo.listUploads(db, organisationId);
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.status,
    createdAt: r.created_at.toISOString(),
    files: Number(r.file_count),
    lines: r.lines === null ? null : Number(r.lines),
    totalMinor: r.total_minor === null ? null : Number(r.total_minor),
    isDemo: r.is_demo,
  }));
}

/** A person's mapping for one file: field → column index, or -1 for "not in this file". */
export type MappingInput = Partial<Record<LedgerField, number>>;

/**
 * Saves the mapping a person confirmed (or corrected) for a file, remembers it for the
 * organisation (by header text, so next quarter's file is mapped the same way), and re-checks.
 */
export async function saveMapping(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  organisationId: number,
  uploadId: number,
  fileId: number,
  input: MappingInput,
) {
  const u = spendAccess.requireAccess(user, 'spend.ledger.upload', organisationId);
  const upload = await repo.findUpload(db, organisationId, uploadId);
  if (!upload) throw new AppError('not_found', errorMessages.notFound);
  if (upload.status !== 'preview') throw new AppError('conflict', msg.alreadyImported);
  const file = (await repo.listFiles(db, uploadId)).find((f) => Number(f.id) === fileId);
  if (!file) throw new AppError('not_found', errorMessages.notFound);
  if (!file.staged) throw new AppError('validation', msg.unreadable);
  const staged = file.staged as unknown as StagedFile;
  const mapping: ColumnMapping = {};
  const used = new Map<number, LedgerField>();
  const issues: { field: string; label: (typeof msg)['field_amount_net']; message: (typeof msg)['columnTwice'] }[] = [];
  for (const [field, column] of Object.entries(input) as [LedgerField, number][]) {
    if (!isLedgerField(field) || column < 0) continue;
    if (column >= staged.headers.length) throw new AppError('validation', errorMessages.notFound);
    if (used.has(column)) issues.push({ field: `f${fileId}_${field}`, label: msg[`field_${field}`], message: msg.columnTwice });
    used.set(column, field);
    mapping[field] = column;
  }
  if (issues.length) throw new AppError('validation', msg.columnTwice, issues);
  const choices = staged.headers.map((h, column) => ({ headerKey: headerKey(h), field: used.get(column) ?? 'ignore' })).filter((c) => c.headerKey);
  await repo.upsertHeaderChoices(db, organisationId, u.id > 0 ? u.id : null, choices);
  const sources = Object.fromEntries(Object.keys(mapping).map((f) => [f, 'remembered'])) as Partial<Record<LedgerField, GuessSource>>;
  await recheck(db, fileId, staged, mapping, sources);
}

// ---- import ----------------------------------------------------------------------------------

export type ImportProgress = (p: { file: number; files: number; stage: string; lines?: number }) => void;

/**
 * Imports an upload: every file, or (skipBad) every file without its named bad rows. All or
 * nothing: when one file cannot be written, the lines already written for the others are removed.
 * Files already imported (same bytes) are skipped. The upload row is locked while deciding, so
 * two clicks import once.
 */
export async function importUpload(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  organisationId: number,
  uploadId: number,
  options: { skipBad: boolean; onProgress?: ImportProgress; background?: boolean },
): Promise<{ done: Promise<void> }> {
  spendAccess.requireAccess(user, 'spend.ledger.upload', organisationId);
  const files = await db.transaction().execute(async (trx) => {
    const upload = await repo.lockUpload(trx, uploadId);
    if (!upload || Number(upload.organisation_id) !== organisationId) throw new AppError('not_found', errorMessages.notFound);
    if (upload.status !== 'preview') throw new AppError('conflict', msg.alreadyImported);
    const list = (await repo.listFiles(trx, uploadId)).map(toFileDto);
    const todo = list.filter((f) => f.status === 'preview');
    if (!todo.length) throw new AppError('validation', msg.nothingToImport);
    for (const f of todo) {
      if (f.missing.length || !f.check) throw new AppError('validation', msg.mappingIncomplete, [], { file: f.name });
      if (f.check.badRows > 0 && !options.skipBad) throw new AppError('validation', msg.badRowsFirst, [], { file: f.name, count: String(f.check.badRows) });
    }
    await repo.setUploadStatus(trx, uploadId, 'importing', { file: 0, files: todo.length, stage: 'queued' });
    return todo;
  });
  const raw = await repo.listFiles(db, uploadId);
  const run = runImport(db, dataDir, organisationId, uploadId, files, raw, options);
  if (options.background) run.catch(() => undefined);
  return { done: run };
}

async function runImport(
  db: Kysely<DB>,
  dataDir: string,
  organisationId: number,
  uploadId: number,
  files: FileDto[],
  raw: Awaited<ReturnType<typeof repo.listFiles>>,
  options: { skipBad: boolean; onProgress?: ImportProgress },
): Promise<void> {
  const store = await spendStore(dataDir);
  const written: number[] = [];
  const report = async (p: { file: number; files: number; stage: string; lines?: number }) => {
    options.onProgress?.(p);
    await repo.setUploadProgress(db, uploadId, p).catch(() => undefined);
  };
  try {
    const newKeys = new Map<string, { lines: number; amountMinor: number }>();
    const results = new Map<number, { lines: number; skipped: number; totalMinor: number }>();
    let i = 0;
    for (const f of files) {
      i++;
      const row = raw.find((r) => Number(r.id) === f.id)!;
      const staged = row.staged as unknown as StagedFile;
      await report({ file: i, files: files.length, stage: 'reading' });
      written.push(f.id);
      const r = await importFile(
        store,
        {
          staged,
          mapping: f.mapping,
          decimal: f.decimal,
          dateFormat: f.dateFormat,
          orgId: organisationId,
          fileId: f.id,
          skipBad: options.skipBad,
          expect: f.check!,
        },
        (stage) => void report({ file: i, files: files.length, stage }),
      );
      results.set(f.id, { lines: r.lines, skipped: r.skipped, totalMinor: r.totalMinor });
      for (const s of r.suppliers) {
        const k = newKeys.get(s.rawKey) ?? { lines: 0, amountMinor: 0 };
        k.lines += s.lines;
        k.amountMinor += s.amountMinor;
        newKeys.set(s.rawKey, k);
      }
      await report({ file: i, files: files.length, stage: 'written', lines: r.lines });
    }
    await report({ file: files.length, files: files.length, stage: 'matching' });
    const org = await buyerOf(db, organisationId);
    const matched = await matchSuppliers(
      db,
      org.country,
      [...newKeys].map(([rawKey, v]) => ({ rawKey, ...v })),
    );
    // Private persons: their ids and names leave the lines too (a digest keeps them apart).
    const rekey = matched.filter((m) => m.rekeyFrom !== undefined).map((m) => ({ from: m.rekeyFrom!, to: m.row.rawKey }));
    if (rekey.length) await rekeyLines(store, organisationId, rekey);
    await report({ file: files.length, files: files.length, stage: 'recording' });
    await db.transaction().execute(async (trx) => {
      await repo.upsertSuppliers(trx, organisationId, mergeByKey(matched.map((m) => m.row)));
      for (const f of files) {
        const r = results.get(f.id)!;
        await repo.updateFile(trx, f.id, { status: 'imported', lines: r.lines, skipped: r.skipped, total_minor: r.totalMinor, imported_at: new Date() });
      }
    });
    await report({ file: files.length, files: files.length, stage: 'supplier facts' });
    await refreshSupplierFacts(db, store, organisationId);
    await repo.setUploadStatus(db, uploadId, 'imported', { file: files.length, files: files.length, stage: 'done' }, null);
    options.onProgress?.({ file: files.length, files: files.length, stage: 'done' });
  } catch (err) {
    for (const fileId of written) {
      await deleteFileLines(store, organisationId, fileId).catch(() => undefined);
      await repo.updateFile(db, fileId, { status: 'failed' }).catch(() => undefined);
    }
    const message = err instanceof BadRowsError ? `bad-rows:${err.badRows}` : err instanceof Error ? err.message.slice(0, 300) : 'failed';
    const duplicate = /spend_files_once_idx|duplicate key/.test(message);
    await repo.setUploadStatus(db, uploadId, duplicate ? 'preview' : 'failed', null, duplicate ? 'duplicate' : message).catch(() => undefined);
    throw err;
  }
}

function mergeByKey(rows: repo.SupplierRow[]): repo.SupplierRow[] {
  const byKey = new Map<string, repo.SupplierRow>();
  for (const r of rows) {
    const seen = byKey.get(r.rawKey);
    if (seen) {
      seen.lines += r.lines;
      seen.amountMinor += r.amountMinor;
    } else byKey.set(r.rawKey, { ...r });
  }
  return [...byKey.values()];
}

const privateKey = (rawKey: string) => `~p:${createHash('sha256').update(rawKey).digest('hex').slice(0, 24)}`;

/**
 * Matches supplier keys to the registry: by national number (set-based), else by name with a
 * confidence (sure → matched, unsure → suggested for a person to confirm). IBANs and personal
 * identity numbers are never firm ids: those rows are private (counted, never named), like rows
 * whose name says they are anonymised.
 */
export async function matchSuppliers(
  db: Kysely<DB>,
  homeCountry: string,
  keys: { rawKey: string; lines: number; amountMinor: number }[],
): Promise<{ row: repo.SupplierRow; rekeyFrom?: string }[]> {
  const out: { row: repo.SupplierRow; rekeyFrom?: string }[] = [];
  const byId: { k: (typeof keys)[number]; country: string; nationalId: string; name: string | null }[] = [];
  const byName: { k: (typeof keys)[number]; name: string; supplierNo: string | null }[] = [];
  for (const k of keys) {
    const { id, name } = splitRawKey(k.rawKey);
    const parsed = parseSupplierId(id, homeCountry);
    const base = { lines: k.lines, amountMinor: k.amountMinor, candidates: [] as number[], firmId: null, confidence: null };
    if (parsed.kind === 'iban' || parsed.kind === 'person' || (k.rawKey.startsWith('~p:') ? true : looksPrivate(name))) {
      const method = parsed.kind === 'iban' ? 'refused-iban' : parsed.kind === 'person' ? 'refused-person' : 'private';
      const rawKey = k.rawKey.startsWith('~p:') ? k.rawKey : privateKey(k.rawKey);
      out.push({
        row: { ...base, rawKey, supplierNo: null, name: null, country: null, method, status: 'private' },
        rekeyFrom: rawKey === k.rawKey ? undefined : k.rawKey,
      });
    } else if (parsed.kind === 'firm') byId.push({ k, country: parsed.country, nationalId: parsed.nationalId, name });
    else if (parsed.kind === 'foreign')
      out.push({ row: { ...base, rawKey: k.rawKey, supplierNo: parsed.vat, name, country: parsed.country, method: 'foreign', status: 'abroad' } });
    else if (name) byName.push({ k, name, supplierNo: parsed.kind === 'internal' ? parsed.value : null });
    else
      out.push({
        row: {
          ...base,
          rawKey: k.rawKey,
          supplierNo: parsed.kind === 'internal' ? parsed.value : null,
          name: null,
          country: null,
          method: 'none',
          status: 'unmatched',
        },
      });
  }
  const firms = await firmsForMatching(
    db,
    byId.map((b) => ({ country: b.country, nationalId: b.nationalId })),
  );
  const firmByNo = new Map(firms.map((f) => [`${f.country}:${f.nationalId}`, f]));
  for (const b of byId) {
    const firm = firmByNo.get(`${b.country}:${b.nationalId}`);
    out.push({
      row: {
        rawKey: b.k.rawKey,
        supplierNo: b.nationalId,
        name: firm?.name ?? b.name,
        country: b.country,
        firmId: firm?.id ?? null,
        method: firm ? 'id' : 'none',
        confidence: firm ? 1 : null,
        status: firm ? 'matched' : 'unmatched',
        candidates: [],
        lines: b.k.lines,
        amountMinor: b.k.amountMinor,
      },
    });
  }
  if (byName.length) {
    const candidates = await firmsNamed(
      db,
      homeCountry,
      byName.map((b) => b.name),
    );
    const byQuery = new Map<string, { id: number; name: string }[]>();
    for (const c of candidates) byQuery.set(c.query, [...(byQuery.get(c.query) ?? []), { id: Number(c.id), name: c.name }]);
    for (const b of byName) {
      const wanted = normaliseName(b.name);
      const scored = (byQuery.get(b.name) ?? []).map((c) => ({ ...c, score: nameSimilarity(wanted, normaliseName(c.name)) })).sort((x, y) => y.score - x.score);
      const best = scored[0];
      const second = scored[1];
      const sure = best && best.score >= 0.95 && (!second || second.score < best.score - 0.1);
      const maybe = best && best.score >= 0.5;
      out.push({
        row: {
          rawKey: b.k.rawKey,
          supplierNo: b.supplierNo,
          name: b.name,
          country: sure ? homeCountry : null,
          firmId: sure ? best.id : null,
          method: sure ? 'name' : 'none',
          confidence: best ? Math.round(best.score * 100) / 100 : null,
          status: sure ? 'matched' : maybe ? 'suggested' : 'unmatched',
          candidates: maybe && !sure ? scored.filter((s) => s.score >= 0.5).map((s) => s.id) : [],
          lines: b.k.lines,
          amountMinor: b.k.amountMinor,
        },
      });
    }
  }
  return out;
}

/** Copies the organisation's supplier matches, with where each matched firm delivers from, into DuckDB. */
export async function refreshSupplierFacts(db: Kysely<DB>, store: SpendStore, organisationId: number): Promise<void> {
  const suppliers = await repo.listSuppliers(db, organisationId);
  const firmIds = suppliers.map((s) => s.firm_id).filter((id): id is number => id !== null);
  const firms = new Map((await firmsForMatchingById(db, firmIds)).map((f) => [f.id, f]));
  const sectorOf = await sectorLabeller(db, 'en');
  const facts: SupplierFacts[] = suppliers.map((s) => {
    const firm = s.firm_id === null ? undefined : firms.get(s.firm_id);
    return {
      rawKey: s.raw_key,
      label: s.status === 'private' ? null : (firm?.name ?? s.name),
      supplierNo: s.status === 'private' ? null : (firm?.nationalId ?? s.supplier_no),
      firmId: firm?.id ?? null,
      country: firm?.country ?? s.country,
      division: firm?.division ?? null,
      section: firm?.division ? (sectorOf(firm.division)?.section.code ?? null) : null,
      private: s.status === 'private',
      status: firm ? 'matched' : s.status,
      places: firm ? placesOf(firm) : [],
    };
  });
  await replaceSuppliers(store, organisationId, facts);
}

function placesOf(firm: FirmForMatching): SupplierFacts['places'] {
  const places: SupplierFacts['places'] = [];
  if (firm.municipalityCode) places.push({ municipality: firm.municipalityCode, basis: 'registered' });
  for (const e of firm.establishments) if (e.active) places.push({ municipality: e.municipalityCode, basis: 'establishment' });
  return places;
}

export interface SupplierToConfirm {
  rawKey: string;
  name: string | null;
  supplierNo: string | null;
  confidence: number | null;
  amountMinor: number;
  lines: number;
  candidates: { id: number; name: string; nationalId: string; municipalityCode: string | null }[];
}

export async function listSuppliersToConfirm(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number): Promise<SupplierToConfirm[]> {
  await requireLedgerRead(db, user, organisationId);
  const rows = await repo.listSuppliersToConfirm(db, organisationId);
  const firms = new Map(
    (
      await firmsForMatchingById(
        db,
        rows.flatMap((r) => r.candidate_firm_ids.map(Number)),
      )
    ).map((f) => [f.id, f]),
  );
  return rows.map((r) => ({
    rawKey: r.raw_key,
    name: r.name,
    supplierNo: r.supplier_no,
    confidence: r.confidence,
    amountMinor: Number(r.amount_minor),
    lines: Number(r.lines),
    candidates: r.candidate_firm_ids
      .map(Number)
      .map((id) => firms.get(id))
      .filter((f): f is FirmForMatching => !!f)
      .map((f) => ({ id: f.id, name: f.name, nationalId: f.nationalId, municipalityCode: f.municipalityCode })),
  }));
}

export async function supplierCounts(db: Kysely<DB>, organisationId: number) {
  const rows = await repo.countSuppliersByStatus(db, organisationId);
  return Object.fromEntries(rows.map((r) => [r.status, { n: Number(r.n), minor: Number(r.minor) }])) as Record<string, { n: number; minor: number }>;
}

/** A person confirms a suggested match (firmId) or says none fits (null). */
export async function confirmSupplier(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  organisationId: number,
  rawKey: string,
  firmId: number | null,
) {
  const u = spendAccess.requireAccess(user, 'spend.supplier.confirm', organisationId);
  const done = await db.transaction().execute((trx) => repo.decideSupplier(trx, organisationId, rawKey, firmId, u.id));
  if (!done) throw new AppError('conflict', msg.alreadyDecided);
  await refreshSupplierFacts(db, await spendStore(dataDir), organisationId);
}

// ---- results ---------------------------------------------------------------------------------

export interface ResultQuery {
  from?: string;
  to?: string;
  home?: string;
}

export interface AreaDto {
  country: string;
  home: { code: string; name: string } | null;
  region: { codes: string[]; label: 'coverage' | 'county'; name: string };
  choices: { code: string; name: string }[];
}

export interface LocalFirm {
  id: number;
  name: string;
  municipality: string;
  isDemo: boolean;
}

export interface CouldBeLocalRow {
  division: string;
  divisionName: string;
  minor: number;
  suppliers: number;
  accounts: string[];
  localFirms: LocalFirm[];
  localFirmCount: number;
}

export interface Lm3 {
  round1: number;
  round2: number;
  round3: number;
  lm3: number;
  shares: { section: string; name: string; localMinor: number; share: number; entered: boolean }[];
  defaultShare: number;
}

export interface ResultsDto {
  buyer: BuyerDto;
  canUpload: boolean;
  canShare: boolean;
  period: { from: string; to: string };
  area: AreaDto;
  hasLines: boolean;
  total: BandRow[];
  byYear: BandRow[];
  byQuarter: BandRow[];
  bySection: (BandRow & { name: string })[];
  byAccount: BandRow[];
  byCategory: BandRow[];
  top: TopSupplier[];
  couldBeLocal: CouldBeLocalRow[];
  lm3: Lm3;
  privateMinor: number;
  suppliers: Record<string, { n: number; minor: number }>;
}

export const defaultRespendShare = 0.25;

async function areaFor(
  db: Kysely<DB>,
  organisationId: number,
  country: string,
  locale: Locale,
  wantedHome: string | undefined,
  settingsHome: string | null,
): Promise<AreaDto> {
  const coverage = (await coverageOn(db, organisationId, today())).filter((c) => c.status === 'approved');
  const all = await municipalitiesOf(db, locale, country);
  const choices = (
    coverage.length ? coverage.map((c) => ({ code: c.municipalityCode, name: c.municipalityName })) : all.map((m) => ({ code: m.code, name: m.name }))
  ).sort((a, b) => a.name.localeCompare(b.name));
  const pick = [wantedHome, settingsHome, choices[0]?.code].find((c) => c && all.some((m) => m.code === c));
  const home = pick ? all.find((m) => m.code === pick)! : undefined;
  if (coverage.length > 1) {
    return {
      country,
      home: home ? { code: home.code, name: home.name } : null,
      region: { codes: coverage.map((c) => c.municipalityCode), label: 'coverage', name: '' },
      choices,
    };
  }
  const county = home ? all.filter((m) => m.county.code === home.county.code) : [];
  return {
    country,
    home: home ? { code: home.code, name: home.name } : null,
    region: { codes: county.map((m) => m.code), label: 'county', name: home?.county.name ?? '' },
    choices,
  };
}

/** "Local": the bands of the municipality and the region (the results page's local share, LM3's round 2, funder reports). */
export const localBands: Band[] = ['municipality', 'region'];

const analysisScope = (orgId: number, country: string, area: AreaDto, from: string, to: string): AnalysisScope => ({
  orgId,
  from,
  to,
  home: area.home ? [area.home.code] : [],
  region: area.region.codes,
  country,
});

export interface SpendForReporting {
  organisationId: number;
  /** Minor units of the ledger's currency (the organisation's country's). */
  totalMinor: number;
  localMinor: number;
  lines: number;
}

/**
 * Funder reporting (ADR 0021): per organisation with ledger lines booked in the period (calendar
 * days, both included — ledger dates are local days), all spend and the spend with local
 * suppliers, exactly as the results page counts them by default (its area: the home municipality
 * chosen in the settings, else the first of the organisation's coverage, and its region; local =
 * `localBands`). No supplier is named, so no access check here: reporting checks who may read its
 * figures. Never creates the store; an organisation without lines in the period is left out.
 */
export async function localSpendForReporting(
  db: Kysely<DB>,
  dataDir: string,
  q: { organisationIds: number[]; fromDay: string; toDay: string },
): Promise<SpendForReporting[]> {
  if (!q.organisationIds.length || !spendStoreExists(dataDir)) return [];
  const store = await spendStore(dataDir);
  const orgs = await orgsById(db);
  const out: SpendForReporting[] = [];
  for (const organisationId of [...new Set(q.organisationIds)]) {
    const org = orgs.get(organisationId);
    if (!org) continue;
    const settings = await repo.findSettings(db, organisationId);
    const area = await areaFor(db, organisationId, org.country, 'en', undefined, settings?.home_municipality ?? null);
    const rows = await spendByBand(store, analysisScope(organisationId, org.country, area, q.fromDay, q.toDay), 'total');
    if (!rows.length) continue;
    out.push({
      organisationId,
      totalMinor: sum(rows),
      localMinor: sum(rows.filter((r) => localBands.includes(r.band))),
      lines: rows.reduce((n, r) => n + r.lines, 0),
    });
  }
  return out;
}

export async function getResults(
  db: Kysely<DB>,
  dataDir: string,
  user: SessionUser | undefined,
  organisationId: number,
  query: ResultQuery,
  locale: Locale,
): Promise<ResultsDto> {
  const u = await requireLedgerRead(db, user, organisationId);
  const org = await buyerOf(db, organisationId);
  const settings = await repo.findSettings(db, organisationId);
  return computeResults(db, dataDir, organisationId, org, query, locale, settings, {
    canUpload: spendAccess.can(u, 'spend.ledger.upload', organisationId),
    canShare: spendAccess.can(u, 'spend.sharing.manage', organisationId),
  });
}

async function computeResults(
  db: Kysely<DB>,
  dataDir: string,
  organisationId: number,
  org: { id: number; name: string; country: string },
  query: ResultQuery,
  locale: Locale,
  settings: Awaited<ReturnType<typeof repo.findSettings>>,
  rights: { canUpload: boolean; canShare: boolean; top?: boolean },
): Promise<ResultsDto> {
  const store = spendStoreExists(dataDir) ? await spendStore(dataDir) : undefined;
  const span = store ? await lineSpan(store, organisationId) : { from: null, to: null, lines: 0 };
  // By default the whole months the lines span (the views then read the import's month sums only).
  const from = query.from ?? (span.from ? `${span.from.slice(0, 7)}-01` : `${new Date().getUTCFullYear()}-01-01`);
  const to = query.to ?? (span.to ? lastDayOfMonth(span.to) : today());
  const area = await areaFor(db, organisationId, org.country, locale, query.home, settings?.home_municipality ?? null);
  const scope = analysisScope(organisationId, org.country, area, from, to);
  const sectors = await sectorLabeller(db, locale);
  const none = Promise.resolve([]);
  const [total, byYear, byQuarter, bySection, byAccount, byCategory, top, outside] = (await Promise.all([
    store && span.lines ? spendByBand(store, scope, 'total') : none,
    store && span.lines ? spendByBand(store, scope, 'year') : none,
    store && span.lines ? spendByBand(store, scope, 'quarter') : none,
    store && span.lines ? spendByBand(store, scope, 'section') : none,
    store && span.lines ? spendByBand(store, scope, 'account') : none,
    store && span.lines ? spendByBand(store, scope, 'category') : none,
    store && span.lines && rights.top !== false ? topSuppliers(store, scope) : none,
    store && span.lines ? outsideByDivision(store, scope) : none,
  ])) as [BandRow[], BandRow[], BandRow[], BandRow[], BandRow[], BandRow[], TopSupplier[], Awaited<ReturnType<typeof outsideByDivision>>];
  const sectionNames = new Map<string, string>();
  for (const row of bySection) {
    if (!row.key) continue;
    const div = [...Array(100).keys()].map((d) => String(d).padStart(2, '0')).find((d) => sectors(d)?.section.code === row.key);
    sectionNames.set(row.key, div ? sectors(div)!.section.name : row.key);
  }
  // "Could be local": divisions paid outside the area where active local firms exist.
  const localCodes = [...new Set([...scope.home, ...scope.region])];
  const firms = outside.length
    ? await activeFirmsIn(
        db,
        org.country,
        localCodes,
        outside.map((o) => o.division),
      )
    : [];
  const couldBeLocal: CouldBeLocalRow[] = outside
    .map((o) => {
      const local = firms.filter((f) => f.nace_division === o.division);
      return {
        division: o.division,
        divisionName: sectors(o.division)?.name ?? o.division,
        minor: o.minor,
        suppliers: o.suppliers,
        accounts: o.accounts,
        localFirms: local.slice(0, 12).map((f) => ({ id: Number(f.id), name: f.name, municipality: f.municipality_code, isDemo: f.is_demo })),
        localFirmCount: local.length,
      };
    })
    .filter((r) => r.localFirmCount > 0);
  // LM3: round 1 the spend, round 2 what went to local suppliers, round 3 their local re-spend.
  const respend = (settings?.respend ?? {}) as Record<string, number>;
  const round1 = sum(total);
  const localRows = bySection.filter((r) => localBands.includes(r.band));
  const round2 = sum(localRows);
  const sectionsLocal = new Map<string, number>();
  for (const r of localRows) sectionsLocal.set(r.key, (sectionsLocal.get(r.key) ?? 0) + r.minor);
  const shares = [...sectionsLocal].map(([section, localMinor]) => {
    const entered = typeof respend[section] === 'number';
    return { section, name: sectionNames.get(section) ?? section, localMinor, share: entered ? respend[section]! : defaultRespendShare, entered };
  });
  const round3 = Math.round(shares.reduce((a, s) => a + s.localMinor * s.share, 0));
  const lm3 = round1 > 0 ? Math.round(((round1 + round2 + round3) / round1) * 100) / 100 : 0;
  return {
    buyer: { id: org.id, name: org.name, country: org.country, own: rights.canUpload },
    canUpload: rights.canUpload,
    canShare: rights.canShare,
    period: { from, to },
    area,
    hasLines: span.lines > 0,
    total,
    byYear,
    byQuarter,
    bySection: bySection.map((r) => ({ ...r, name: sectionNames.get(r.key) ?? r.key })),
    byAccount: topKeys(byAccount, 40),
    byCategory: topKeys(byCategory, 40),
    top: [...top].sort((a, b) => bands.indexOf(a.band) - bands.indexOf(b.band) || b.minor - a.minor),
    couldBeLocal,
    lm3: { round1, round2, round3, lm3, shares, defaultShare: defaultRespendShare },
    privateMinor: 0,
    suppliers: await supplierCounts(db, organisationId),
  };
}

const lastDayOfMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

const sum = (rows: BandRow[]) => rows.reduce((a, r) => a + r.minor, 0);

/** The keys with the most spend (all bands of each kept key). */
function topKeys(rows: BandRow[], n: number): BandRow[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + Math.abs(r.minor));
  const keep = new Set(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k]) => k),
  );
  return rows.filter((r) => keep.has(r.key));
}

/** One row per key with the amount per band (for tables, charts and exports). */
export function pivot(rows: BandRow[]): { key: string; byBand: Record<Band, number>; total: number }[] {
  const out = new Map<string, { key: string; byBand: Record<Band, number>; total: number }>();
  for (const r of rows) {
    let row = out.get(r.key);
    if (!row) {
      row = { key: r.key, byBand: { municipality: 0, region: 0, country: 0, abroad: 0, unknown: 0 }, total: 0 };
      out.set(r.key, row);
    }
    row.byBand[r.band] += r.minor;
    row.total += r.minor;
  }
  return [...out.values()];
}

export { bands };

// ---- LM3 assumptions, sharing, publishing ------------------------------------------------------

export async function saveRespendShares(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, shares: Record<string, number>) {
  const u = spendAccess.requireAccess(user, 'spend.ledger.upload', organisationId);
  await repo.upsertSettings(db, organisationId, u.id, { respend: shares });
}

export async function saveHomeMunicipality(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, code: string | null) {
  const u = spendAccess.requireAccess(user, 'spend.ledger.upload', organisationId);
  await repo.upsertSettings(db, organisationId, u.id, { home_municipality: code });
}

export async function listShares(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number) {
  spendAccess.requireAccess(user, 'spend.sharing.manage', organisationId);
  const ids = await repo.listSharedWith(db, organisationId);
  const orgs = await orgsById(db);
  return {
    sharedWith: ids.map((id) => ({ id, name: orgs.get(id)?.name ?? String(id) })),
    candidates: [...orgs.values()].filter((o) => o.id !== organisationId && !ids.includes(o.id)).map((o) => ({ id: o.id, name: o.name })),
  };
}

export async function share(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, withId: number, on: boolean) {
  const u = spendAccess.requireAccess(user, 'spend.sharing.manage', organisationId);
  if (withId === organisationId)
    throw new AppError('validation', msg.notWithItself, [{ field: 'organisationId', label: msg.organisation, message: msg.notWithItself }]);
  if (!(await orgsById(db)).has(withId))
    throw new AppError('validation', msg.noSuchOrganisation, [{ field: 'organisationId', label: msg.organisation, message: msg.noSuchOrganisation }]);
  if (on) await repo.addShare(db, organisationId, withId, u.id);
  else await repo.removeShare(db, organisationId, withId);
}

export async function getSettings(db: Kysely<DB>, organisationId: number) {
  return repo.findSettings(db, organisationId);
}

export async function publish(db: Kysely<DB>, user: SessionUser | undefined, organisationId: number, year: number | null) {
  const u = spendAccess.requireAccess(user, 'spend.publication.manage', organisationId);
  await repo.upsertSettings(db, organisationId, u.id, { published_year: year, published_at: year === null ? null : new Date() });
}

export interface PublishedDto {
  organisationId: number;
  name: string;
  year: number;
}

/** What buyers publish (anyone may read it). */
export async function listPublished(db: Kysely<DB>): Promise<PublishedDto[]> {
  const rows = await repo.listPublished(db);
  const orgs = await orgsById(db);
  return rows
    .filter((r) => r.published_year !== null && orgs.has(Number(r.organisation_id)))
    .map((r) => ({ organisationId: Number(r.organisation_id), name: orgs.get(Number(r.organisation_id))!.name, year: r.published_year! }));
}

/** A published year of a buyer: bands, sectors, "could be local" — never supplier names of private persons. */
export async function getPublished(db: Kysely<DB>, dataDir: string, organisationId: number, locale: Locale): Promise<ResultsDto> {
  const settings = await repo.findSettings(db, organisationId);
  if (!settings?.published_at || settings.published_year === null) throw new AppError('not_found', errorMessages.notFound);
  const org = await buyerOf(db, organisationId);
  const y = settings.published_year;
  return computeResults(db, dataDir, organisationId, org, { from: `${y}-01-01`, to: `${y}-12-31` }, locale, settings, {
    canUpload: false,
    canShare: false,
    top: false,
  });
}

export async function discardUpload(db: Kysely<DB>, dataDir: string, user: SessionUser | undefined, organisationId: number, uploadId: number) {
  spendAccess.requireAccess(user, 'spend.ledger.upload', organisationId);
  const upload = await repo.findUpload(db, organisationId, uploadId);
  if (!upload) throw new AppError('not_found', errorMessages.notFound);
  if (upload.status !== 'preview' && upload.status !== 'failed') throw new AppError('conflict', msg.alreadyImported);
  await repo.setUploadStatus(db, uploadId, 'discarded');
  await rm(join(dataDir, 'spend', 'uploads', String(uploadId)), { recursive: true, force: true });
}
