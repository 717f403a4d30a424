import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import type { FirmRecordEntry, FirmRecordSection } from '../../shared/views/firm-record.js';
import { msg } from './storefront.messages.js';
import { shopsOfFirm } from './storefront.service.js';

/** The firm's shops in the storefront, with a link to their products (public facts). */
async function entries(db: Kysely<DB>, firmId: number, locale: Locale): Promise<FirmRecordEntry[]> {
  return (await shopsOfFirm(db, firmId))
    .filter((s) => s.products > 0)
    .map((s) => ({
      label: format(msg.productsInStorefront[locale], { shop: s.shop.name, n: s.products }),
      href: `/storefront?shop=${s.shop.id}&lang=${locale}`,
    }));
}

export const storefrontFirmRecord: FirmRecordSection[] = [
  { key: 'storefront', audience: 'public', title: msg.inStorefront, order: 61, load: (db, _u, firmId, locale) => entries(db, firmId, locale) },
  { key: 'storefront', audience: 'staff', title: msg.inStorefront, order: 61, load: (db, _u, firmId, locale) => entries(db, firmId, locale) },
];
