import { sql, type Kysely } from 'kysely';
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
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
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
  id: number,
  values: { description: Record<string, string>; email: string | null; phone: string | null; website: string | null },
): Promise<void> {
  await db
    .updateTable('firms')
    .set({ description: JSON.stringify(values.description), email: values.email, phone: values.phone, website: values.website, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function updateOpeningHours(db: Kysely<DB>, id: number, hours: OpeningHours | null): Promise<void> {
  await db
    .updateTable('firms')
    .set({ opening_hours: hours === null ? null : JSON.stringify(hours), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

// ---- products ------------------------------------------------------------------------

export function listProducts(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('products')
    .select(['id', 'kind', 'name', 'description', 'price_minor', 'currency'])
    .where('firm_id', '=', firmId)
    .where('establishment_id', 'is', null)
    .orderBy('kind')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findProduct(db: Kysely<DB>, firmId: number, productId: number) {
  return db
    .selectFrom('products')
    .select(['id', 'kind', 'name', 'description', 'price_minor', 'currency'])
    .where('firm_id', '=', firmId)
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

export async function insertProduct(db: Kysely<DB>, firmId: number, values: ProductValues): Promise<number> {
  const row = await db
    .insertInto('products')
    .values({ firm_id: firmId, ...values })
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

export function listImages(db: Kysely<DB>, firmId: number) {
  return db
    .selectFrom('firm_images')
    .select(['id', 'alt_text', 'content_type', 'width', 'height', 'thumb_width', 'thumb_height', 'byte_size', 'sha256'])
    .where('firm_id', '=', firmId)
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

export function findImageMeta(db: Kysely<DB>, firmId: number, imageId: number) {
  return db
    .selectFrom('firm_images')
    .select(['id', 'alt_text', 'sha256', 'byte_size'])
    .where('firm_id', '=', firmId)
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
  values: {
    firm_id: number;
    alt_text: string;
    content_type: string;
    width: number;
    height: number;
    data: Uint8Array;
    thumb_data: Uint8Array;
    thumb_width: number;
    thumb_height: number;
    byte_size: number;
    sha256: string;
    uploaded_by: number | null;
  },
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
