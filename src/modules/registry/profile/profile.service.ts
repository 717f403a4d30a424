import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { AppError } from '../../../shared/errors.js';
import type { SessionUser } from '../../../shared/http/auth.js';
import { processImage } from '../../../shared/images/process-image.js';
import { servableImage, storedImageColumns } from '../../../shared/images/stored-image.js';
import { listAuditTrail, recordAudit, type Actor, type AuditEntryDto } from '../../audit/audit.service.js';
import { announce } from '../../../shared/events.js';
import { findMunicipality } from '../../places/places.service.js';
import { recordFirmChanges } from '../registry.service.js';
import type { OpeningHours } from '../registry.tables.js';
import { registryAccess } from '../registry.access.js';
import { pmsg } from './profile.messages.js';
import * as repo from './profile.repository.js';
import { profileLanguages, type HoursException, type LinkInput, type ProductInput, type ProfileInput } from './profile.schemas.js';

const timeZones: Record<string, string> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' };

const actorOf = (user: SessionUser, requestId?: string | null): Actor => ({ userId: user.id, requestId });

/** A firm's own profile (a number: the firm id) or one of its establishments'. */
export type FirmOrUnit = number | repo.Unit;
const unitOf = (target: FirmOrUnit): repo.Unit => (typeof target === 'number' ? { firmId: target, establishmentId: null } : target);

export interface FirmProfileDto {
  id: number;
  /** Set when this is an establishment's (shop's, branch's) profile: its registry id. */
  establishmentId: number | null;
  /** Register facts: shown, never edited here. */
  facts: {
    name: string;
    orgnr: string;
    country: string;
    legalForm: string | null;
    naceCode: string | null;
    address: string | null;
    municipality: string | null;
    municipalityCode: string | null;
    employees: number | null;
    status: 'active' | 'closed';
  };
  description: Record<string, string>;
  email: string | null;
  phone: string | null;
  website: string | null;
  openingHours: OpeningHours | null;
  /** The everyday category chosen here (null: from the industry code, or the firm's). */
  category: string | null;
  /** For an establishment: the firm's own values, which its public page shows where it has none. */
  defaults?: {
    firmName: string;
    description: Record<string, string>;
    email: string | null;
    phone: string | null;
    website: string | null;
    openingHours: OpeningHours | null;
    category: string | null;
  };
}

const parseJson = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T | null | undefined) ?? fallback));

/** `municipalityName` comes from the places module (getFirm looks it up); audit snapshots leave it out. */
export function toFirmProfileDto(r: repo.FirmRow | repo.EstablishmentRow, municipalityName: string | null = null, firmId?: number): FirmProfileDto {
  const description = parseJson<Record<string, string>>(r.description, {});
  const hours = parseJson<OpeningHours | null>(r.opening_hours, null);
  const isEstablishment = 'firm_name' in r;
  return {
    id: isEstablishment ? (firmId ?? Number(r.id)) : Number(r.id),
    establishmentId: isEstablishment ? Number(r.id) : null,
    facts: {
      name: r.name,
      orgnr: r.national_id,
      country: r.country,
      legalForm: r.legal_form,
      naceCode: r.nace_code,
      address: [r.street, [r.postcode, r.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
      municipality: municipalityName,
      municipalityCode: r.municipality_code,
      employees: r.employees,
      status: r.status,
    },
    description,
    email: r.email,
    phone: r.phone,
    website: r.website,
    openingHours: hours,
    category: r.category ?? null,
    ...(isEstablishment
      ? {
          defaults: {
            firmName: r.firm_name,
            description: parseJson<Record<string, string>>(r.firm_description, {}),
            email: r.firm_email,
            phone: r.firm_phone,
            website: r.firm_website,
            openingHours: parseJson<OpeningHours | null>(r.firm_opening_hours, null),
            category: r.firm_category,
          },
        }
      : {}),
  };
}

/** The row an edit starts from: the firm's, or its establishment's (404 when it is not this firm's). */
async function findUnit(db: Kysely<DB>, unit: repo.Unit): Promise<repo.FirmRow | repo.EstablishmentRow | undefined> {
  return unit.establishmentId === null ? repo.findFirm(db, unit.firmId) : repo.findEstablishment(db, unit.firmId, unit.establishmentId);
}

/** The firm's public facts (for the claim page); 404 when there is no such firm. */
export async function getFirm(db: Kysely<DB>, target: FirmOrUnit): Promise<FirmProfileDto> {
  const unit = unitOf(target);
  const row = await findUnit(db, unit);
  if (!row)
    throw new AppError('not_found', unit.establishmentId === null ? pmsg.noSuchFirm : pmsg.noSuchEstablishment, [], {
      id: unit.establishmentId ?? unit.firmId,
    });
  const place = row.municipality_code ? await findMunicipality(db, row.country, row.municipality_code) : undefined;
  return toFirmProfileDto(row, place?.name ?? null, unit.firmId);
}

/** The editor's view of the firm or one of its establishments: only its people (and the network admin). */
export async function getFirmForEditing(db: Kysely<DB>, user: SessionUser | undefined, target: FirmOrUnit) {
  const { firmId, establishmentId } = unitOf(target);
  registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  const firm = await getFirm(db, { firmId, establishmentId });
  const [products, links, images, establishments] = await Promise.all([
    repo.listProducts(db, firmId, establishmentId),
    establishmentId === null ? repo.listLinks(db, firmId) : Promise.resolve([]),
    repo.listImages(db, firmId, establishmentId),
    repo.listEstablishments(db, firmId),
  ]);
  return {
    firm,
    products: products.map((p) => ({
      id: Number(p.id),
      kind: p.kind,
      name: p.name,
      description: p.description,
      priceMinor: p.price_minor,
      currency: p.currency,
    })),
    links: links.map((k) => ({ id: Number(k.id), label: k.label, url: k.url })),
    images: images.map((i) => ({
      id: Number(i.id),
      altText: i.alt_text,
      width: i.width,
      height: i.height,
      thumbWidth: i.thumb_width,
      thumbHeight: i.thumb_height,
    })),
    establishments: establishments.map((e) => ({ id: Number(e.id), name: e.name, orgnr: e.national_id, city: e.city, status: e.status })),
  };
}

export type FirmEditing = Awaited<ReturnType<typeof getFirmForEditing>>;

/**
 * Runs a profile change, its audit entry and the "firm changed" record in one transaction,
 * then announces it, so the directory's listing shows the change at once. The firm's row is
 * locked before it is read (for an establishment's change too): concurrent changes to one firm run
 * one after the other, each reading what the previous one wrote (no lost updates on PostgreSQL;
 * PGlite runs transactions one at a time).
 */
async function changeFirm<T>(
  db: Kysely<DB>,
  target: FirmOrUnit,
  work: (trx: Kysely<DB>, before: repo.FirmRow | repo.EstablishmentRow) => Promise<T>,
): Promise<T> {
  const unit = unitOf(target);
  const result = await db.transaction().execute(async (trx) => {
    const before = (await repo.lockFirm(trx, unit.firmId)) ? await findUnit(trx, unit) : undefined;
    if (!before)
      throw new AppError('not_found', unit.establishmentId === null ? pmsg.noSuchFirm : pmsg.noSuchEstablishment, [], {
        id: unit.establishmentId ?? unit.firmId,
      });
    const result = await work(trx, before);
    await recordFirmChanges(trx, [unit.firmId]);
    return result;
  });
  await announce('firmsChanged', { db });
  return result;
}

/** What an audit entry names: the firm, or the establishment whose profile changed. */
const auditEntity = (unit: repo.Unit) =>
  unit.establishmentId === null ? { entityType: 'firm', entityId: unit.firmId } : { entityType: 'establishment', entityId: unit.establishmentId };

/**
 * The hours an establishment's change starts from: its own, else the firm's (its default), so that
 * adding a holiday to a shop that shows the firm's hours keeps those hours.
 */
const hoursOf = (row: repo.FirmRow | repo.EstablishmentRow): OpeningHours | null => {
  const dto = toFirmProfileDto(row);
  return dto.openingHours ?? dto.defaults?.openingHours ?? null;
};

export async function updateProfile(db: Kysely<DB>, user: SessionUser | undefined, target: FirmOrUnit, input: ProfileInput, requestId?: string): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx, row) => {
    const before = toFirmProfileDto(row);
    const description: Record<string, string> = {};
    // Languages other than the four edited here (e.g. Sami texts from an import) are kept.
    for (const [k, v] of Object.entries(before.description)) if (!(profileLanguages as readonly string[]).includes(k)) description[k] = v;
    for (const lang of profileLanguages) {
      const text = input[`description_${lang}`];
      if (text) description[lang] = text;
    }
    const after = { description, email: input.email, phone: input.phone, website: input.website, category: input.category };
    await repo.updateFirmProfile(trx, { firmId, establishmentId }, after);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.profile.update',
      ...auditEntity({ firmId, establishmentId }),
      firmId,
      before: { description: before.description, email: before.email, phone: before.phone, website: before.website, category: before.category },
      after,
    });
  });
}

export async function updateWeeklyHours(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  target: FirmOrUnit,
  weekly: OpeningHours['weekly'],
  requestId?: string,
): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx, row) => {
    const before = hoursOf(row);
    const after: OpeningHours = { weekly, exceptions: before?.exceptions ?? [], timeZone: timeZones[row.country] ?? 'Europe/Oslo' };
    await repo.updateOpeningHours(trx, { firmId, establishmentId }, after);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.profile.hours',
      ...auditEntity({ firmId, establishmentId }),
      firmId,
      before: { weekly: before?.weekly ?? [] },
      after: { weekly },
    });
  });
}

export async function addHoursException(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  target: FirmOrUnit,
  ex: HoursException,
  requestId?: string,
): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx, row) => {
    const before = hoursOf(row);
    const entry = ex.closed
      ? { date: ex.date, closed: true, ...(ex.note ? { note: ex.note } : {}) }
      : { date: ex.date, opens: ex.opens!, closes: ex.closes!, ...(ex.note ? { note: ex.note } : {}) };
    const exceptions = [...(before?.exceptions ?? []).filter((e) => e.date !== ex.date), entry].sort((a, b) => a.date.localeCompare(b.date));
    const after: OpeningHours = { weekly: before?.weekly ?? [], exceptions, timeZone: timeZones[row.country] ?? 'Europe/Oslo' };
    await repo.updateOpeningHours(trx, { firmId, establishmentId }, after);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.profile.hours_exception',
      ...auditEntity({ firmId, establishmentId }),
      firmId,
      before: { exceptions: before?.exceptions ?? [] },
      after: { exceptions },
    });
  });
}

export async function removeHoursException(db: Kysely<DB>, user: SessionUser | undefined, target: FirmOrUnit, date: string, requestId?: string): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx, row) => {
    const before = hoursOf(row);
    if (!before) return;
    const exceptions = (before.exceptions ?? []).filter((e) => e.date !== date);
    await repo.updateOpeningHours(trx, { firmId, establishmentId }, { ...before, exceptions });
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.profile.hours_exception',
      ...auditEntity({ firmId, establishmentId }),
      firmId,
      before: { exceptions: before.exceptions ?? [] },
      after: { exceptions },
    });
  });
}

const productFields = (p: ProductInput) => ({
  kind: p.kind,
  name: p.name,
  description: p.description,
  price_minor: p.price,
  currency: p.price === null ? null : p.currency,
});

export async function addProduct(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  target: FirmOrUnit,
  input: ProductInput,
  language: string,
  requestId?: string,
): Promise<number> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  return changeFirm(db, { firmId, establishmentId }, async (trx) => {
    const values = productFields(input);
    const id = await repo.insertProduct(trx, firmId, { ...values, language }, establishmentId);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.product.create',
      entityType: 'product',
      entityId: id,
      firmId,
      before: null,
      after: values,
    });
    return id;
  });
}

export async function updateProduct(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  target: FirmOrUnit,
  productId: number,
  input: ProductInput,
  requestId?: string,
): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx) => {
    const before = await repo.findProduct(trx, firmId, productId, establishmentId);
    if (!before) throw new AppError('not_found', pmsg.noSuchProduct);
    const values = productFields(input);
    await repo.updateProduct(trx, firmId, productId, values);
    const { id: _id, ...beforeFields } = before;
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.product.update',
      entityType: 'product',
      entityId: productId,
      firmId,
      before: beforeFields,
      after: values,
    });
  });
}

export async function removeProduct(db: Kysely<DB>, user: SessionUser | undefined, target: FirmOrUnit, productId: number, requestId?: string): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx) => {
    const before = await repo.findProduct(trx, firmId, productId, establishmentId);
    if (!before) throw new AppError('not_found', pmsg.noSuchProduct);
    await repo.deleteProduct(trx, firmId, productId);
    const { id: _id, ...beforeFields } = before;
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.product.delete',
      entityType: 'product',
      entityId: productId,
      firmId,
      before: beforeFields,
      after: null,
    });
  });
}

export async function addLink(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, input: LinkInput, requestId?: string): Promise<number> {
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  return changeFirm(db, firmId, async (trx) => {
    const id = await repo.insertLink(trx, firmId, input.label, input.url);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.link.create',
      entityType: 'firm_link',
      entityId: id,
      firmId,
      before: null,
      after: { ...input },
    });
    return id;
  });
}

export async function removeLink(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, linkId: number, requestId?: string): Promise<void> {
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, firmId, async (trx) => {
    const before = await repo.findLink(trx, firmId, linkId);
    if (!before) throw new AppError('not_found', pmsg.noSuchLink);
    await repo.deleteLink(trx, firmId, linkId);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.link.delete',
      entityType: 'firm_link',
      entityId: linkId,
      firmId,
      before: { label: before.label, url: before.url },
      after: null,
    });
  });
}

export const maxImagesPerFirm = 20;

/** Checks, re-encodes and stores an uploaded image (see shared/images/process-image.ts). */
export async function addImage(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  target: FirmOrUnit,
  bytes: Uint8Array,
  altText: string,
  requestId?: string,
): Promise<number> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  // The check comes first: a refused person learns nothing from how their upload was parsed.
  const image = await processImage(bytes);
  return changeFirm(db, { firmId, establishmentId }, async (trx) => {
    if ((await repo.countImages(trx, firmId)) >= maxImagesPerFirm)
      throw new AppError(
        'conflict',
        pmsg.tooManyImages,
        [{ field: 'image', label: pmsg.image, message: pmsg.tooManyImages, values: { max: maxImagesPerFirm } }],
        { max: maxImagesPerFirm },
      );
    const id = await repo.insertImage(trx, {
      firm_id: firmId,
      establishment_id: establishmentId,
      alt_text: altText,
      ...storedImageColumns(image),
      byte_size: image.data.byteLength,
      uploaded_by: u.id,
    });
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.image.create',
      entityType: 'firm_image',
      entityId: id,
      firmId,
      before: null,
      after: { sha256: image.sha256, alt_text: altText, width: image.width, height: image.height },
    });
    return id;
  });
}

export async function removeImage(db: Kysely<DB>, user: SessionUser | undefined, target: FirmOrUnit, imageId: number, requestId?: string): Promise<void> {
  const { firmId, establishmentId } = unitOf(target);
  const u = registryAccess.requireAccess(user, 'registry.profile.update', firmId);
  await changeFirm(db, { firmId, establishmentId }, async (trx) => {
    const before = await repo.findImageMeta(trx, firmId, imageId, establishmentId);
    if (!before) throw new AppError('not_found', pmsg.noSuchImage);
    await repo.deleteImage(trx, firmId, imageId);
    await recordAudit(trx, actorOf(u, requestId), {
      action: 'registry.image.delete',
      entityType: 'firm_image',
      entityId: imageId,
      firmId,
      before: { sha256: before.sha256, alt_text: before.alt_text },
      after: null,
    });
  });
}

/** Public: a firm's images appear on its directory page. */
export async function getImageData(db: Kysely<DB>, imageId: number, variant: 'full' | 'thumb') {
  const row = await repo.findImageData(db, imageId, variant);
  if (!row) throw new AppError('not_found', pmsg.noSuchImage);
  return servableImage(row, variant);
}

/** For the directory's page of an establishment: its own pictures, else the firm's (its defaults). */
export async function listPublicImages(db: Kysely<DB>, firmId: number, establishmentId: number | null = null) {
  let rows = establishmentId === null ? [] : await repo.listImages(db, firmId, establishmentId);
  if (!rows.length) rows = await repo.listImages(db, firmId);
  return rows.map((i) => ({
    id: Number(i.id),
    altText: i.alt_text,
    url: `/media/firm-images/${i.id}`,
    thumbUrl: `/media/firm-images/${i.id}/thumb`,
    width: i.width,
    height: i.height,
  }));
}

/** For the directory's firm page: the firm's own links. */
export async function listPublicLinks(db: Kysely<DB>, firmId: number) {
  return (await repo.listLinks(db, firmId)).map((k) => ({ label: k.label, url: k.url }));
}

/** The firm's trail: every change to its profile, its products, links and images, and its memberships. */
export async function firmAuditTrail(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, beforeId?: number): Promise<AuditEntryDto[]> {
  registryAccess.requireAccess(user, 'registry.profile.audit', firmId);
  return listAuditTrail(db, { firmIds: [firmId] }, { limit: 200, beforeId });
}
