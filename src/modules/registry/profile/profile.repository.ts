import { sql, type Kysely } from 'kysely';
import type { StoredImageColumns } from '../../../shared/images/stored-image.js';
import type { DB } from '../../../db/types.js';
import type { OpeningHours } from '../registry.tables.js';

/** The firm as its editor sees it: register facts (read-only) and the profile its people keep. */
export function findFirm(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('firms as f')
    .select([
      'f.id',
      'f.country',
      'f.national_id',
      'f.name',
      'f.legal_form',
      'f.nace_code',
      'f.employees',
      'f.street',
      'f.postcode',
      'f.city',
      'f.municipality_code',
      'f.status',
      'f.website',
      'f.email',
      'f.phone',
      'f.description',
      'f.opening_hours',
      'f.category',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/** Which profile an edit is about: the firm's own, or one of its establishments (shops, branches). */
export interface Unit {
  firmId: number;
  establishmentId: number | null;
}

/**
 * An establishment of the firm as its editor sees it, shaped like findFirm's row (legal form from
 * the firm), with the firm's own profile values beside it: the defaults the public page falls back on.
 */
export async function findEstablishment(db: Kysely<DB>, firmId: number, establishmentId: number) {
  const r = await db
    .selectFrom('establishments as e')
    .innerJoin('firms as f', 'f.id', 'e.firm_id')
    .select([
      'e.id',
      'e.country',
      'e.national_id',
      'e.name',
      'f.legal_form',
      'e.nace_code',
      'e.employees',
      'e.street',
      'e.postcode',
      'e.city',
      'e.municipality_code',
      'e.status',
      'e.website',
      'e.email',
      'e.phone',
      'e.description',
      'e.opening_hours',
      'e.category',
      'f.name as firm_name',
      'f.website as firm_website',
      'f.email as firm_email',
      'f.phone as firm_phone',
      'f.description as firm_description',
      'f.opening_hours as firm_opening_hours',
      'f.category as firm_category',
    ])
    .where('e.id', '=', establishmentId)
    .where('e.firm_id', '=', firmId)
    .executeTakeFirst();
  return r;
}
export type EstablishmentRow = NonNullable<Awaited<ReturnType<typeof findEstablishment>>>;

/** The firm's active establishments (the editor's list of shops to edit). */
export function listEstablishments(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('establishments')
    .select(['id', 'name', 'national_id', 'city', 'status'])
    .where('firm_id', '=', firmId)
    .orderBy('status')
    .orderBy('name')
    .orderBy('id')
    .limit(500)
    .execute();
}

/**
 * Takes the firm's row lock for the rest of the transaction (SELECT … FOR UPDATE). Every change
 * to a firm's profile, hours, products, links or images takes it first, so two editors' changes
 * queue instead of one read-modify-write overwriting the other, and per-firm counts (image
 * limit) and positions hold. False when there is no such firm.
 */
export async function lockFirm(db: Kysely<DB>, id: number): Promise<boolean> {
  return !!(await db.selectFrom('firms').select('id').where('id', '=', id).forUpdate().executeTakeFirst());
}

export type FirmRow = NonNullable<Awaited<ReturnType<typeof findFirm>>>;

export async function updateFirmProfile(
  db: Kysely<DB>,
  unit: Unit,
  values: { description: Record<string, string>; email: string | null; phone: string | null; website: string | null; category: string | null },
): Promise<void> {
  const set = {
    description: JSON.stringify(values.description),
    email: values.email,
    phone: values.phone,
    website: values.website,
    category: values.category,
    updated_at: new Date(),
  };
  if (unit.establishmentId === null) await db.updateTable('firms').set(set).where('id', '=', unit.firmId).execute();
  else await db.updateTable('establishments').set(set).where('id', '=', unit.establishmentId).where('firm_id', '=', unit.firmId).execute();
}

export async function updateOpeningHours(db: Kysely<DB>, unit: Unit, hours: OpeningHours | null): Promise<void> {
  const set = { opening_hours: hours === null ? null : JSON.stringify(hours), updated_at: new Date() };
  if (unit.establishmentId === null) await db.updateTable('firms').set(set).where('id', '=', unit.firmId).execute();
  else await db.updateTable('establishments').set(set).where('id', '=', unit.establishmentId).where('firm_id', '=', unit.firmId).execute();
}

// ---- products ------------------------------------------------------------------------

/** The products of the firm itself, or of one establishment (the firm's own are its defaults, listed apart). */
export function listProducts(db: Kysely<DB>, firmId: number, establishmentId: number | null = null) {
  return db
    .selectFrom('products')
    .select(['id', 'kind', 'name', 'description', 'price_minor', 'currency'])
    .where('firm_id', '=', firmId)
    .where('origin', '=', 'profile') // the storefront's rows are edited in the storefront
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb('establishment_id', '=', establishmentId)))
    .orderBy('kind')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findProduct(db: Kysely<DB>, firmId: number, productId: number, establishmentId: number | null = null) {
  return db
    .selectFrom('products')
    .select(['id', 'kind', 'name', 'description', 'price_minor', 'currency'])
    .where('firm_id', '=', firmId)
    .where('origin', '=', 'profile') // the storefront's rows are edited in the storefront
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb('establishment_id', '=', establishmentId)))
    .where('id', '=', productId)
    .executeTakeFirst();
}

export interface ProductValues {
  kind: 'product' | 'service';
  name: string;
  description: string | null;
  price_minor: number | null;
  currency: string | null;
  language: string;
}

export async function insertProduct(db: Kysely<DB>, firmId: number, values: ProductValues, establishmentId: number | null = null): Promise<number> {
  const row = await db
    .insertInto('products')
    .values({ firm_id: firmId, establishment_id: establishmentId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateProduct(db: Kysely<DB>, firmId: number, productId: number, values: Omit<ProductValues, 'language'>): Promise<void> {
  await db.updateTable('products').set(values).where('firm_id', '=', firmId).where('id', '=', productId).execute();
}

export async function deleteProduct(db: Kysely<DB>, firmId: number, productId: number): Promise<void> {
  await db.deleteFrom('products').where('firm_id', '=', firmId).where('id', '=', productId).execute();
}

// ---- links ---------------------------------------------------------------------------

export function listLinks(db: Kysely<DB>, firmId: number) {
  return db.selectFrom('firm_links').select(['id', 'label', 'url']).where('firm_id', '=', firmId).orderBy('position').orderBy('id').execute();
}

export async function insertLink(db: Kysely<DB>, firmId: number, label: string, url: string): Promise<number> {
  const row = await db
    .insertInto('firm_links')
    .values({ firm_id: firmId, label, url, position: sql<number>`(select coalesce(max(position), 0) + 1 from firm_links where firm_id = ${firmId})` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findLink(db: Kysely<DB>, firmId: number, linkId: number) {
  return db.selectFrom('firm_links').select(['id', 'label', 'url']).where('firm_id', '=', firmId).where('id', '=', linkId).executeTakeFirst();
}

export async function deleteLink(db: Kysely<DB>, firmId: number, linkId: number): Promise<void> {
  await db.deleteFrom('firm_links').where('firm_id', '=', firmId).where('id', '=', linkId).execute();
}

// ---- images --------------------------------------------------------------------------

export function listImages(db: Kysely<DB>, firmId: number, establishmentId: number | null = null) {
  return db
    .selectFrom('firm_images')
    .select(['id', 'alt_text', 'content_type', 'width', 'height', 'thumb_width', 'thumb_height', 'byte_size', 'sha256'])
    .where('firm_id', '=', firmId)
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb('establishment_id', '=', establishmentId)))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function countImages(db: Kysely<DB>, firmId: number): Promise<number> {
  const row = await db
    .selectFrom('firm_images')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('firm_id', '=', firmId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function findImageMeta(db: Kysely<DB>, firmId: number, imageId: number, establishmentId: number | null = null) {
  return db
    .selectFrom('firm_images')
    .select(['id', 'alt_text', 'sha256', 'byte_size'])
    .where('firm_id', '=', firmId)
    .where((eb) => (establishmentId === null ? eb('establishment_id', 'is', null) : eb('establishment_id', '=', establishmentId)))
    .where('id', '=', imageId)
    .executeTakeFirst();
}

export function findImageData(db: Kysely<DB>, imageId: number, variant: 'full' | 'thumb') {
  const column = variant === 'full' ? 'data' : 'thumb_data';
  return db
    .selectFrom('firm_images')
    .select([`${column} as data`, 'content_type', 'sha256', 'created_at'])
    .where('id', '=', imageId)
    .executeTakeFirst();
}

export async function insertImage(
  db: Kysely<DB>,
  values: StoredImageColumns & { firm_id: number; establishment_id: number | null; alt_text: string; byte_size: number; uploaded_by: number | null },
): Promise<number> {
  const row = await db
    .insertInto('firm_images')
    .values({ ...values, position: sql<number>`(select coalesce(max(position), 0) + 1 from firm_images where firm_id = ${values.firm_id})` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteImage(db: Kysely<DB>, firmId: number, imageId: number): Promise<void> {
  await db.deleteFrom('firm_images').where('firm_id', '=', firmId).where('id', '=', imageId).execute();
}
