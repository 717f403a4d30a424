import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import type { FirmRecordEntry, FirmRecordSection } from '../../shared/views/firm-record.js';
import { msg } from './giftcard.messages.js';
import * as repo from './giftcard.repository.js';

/** The programmes whose card a firm accepts (public facts: the public firm page and the staff page). */
async function shopsOf(db: Kysely<DB>, firmId: number, locale: Locale): Promise<FirmRecordEntry[]> {
  const today = new Date().toISOString().slice(0, 10);
  return (await repo.listShopsOfFirms(db, [firmId]))
    .filter((s) => s.joined_on <= today && (s.left_on === null || today < s.left_on))
    .map((s) => ({
      label: format(msg.acceptsCard[locale], { programme: s.programme_name }),
      href: `/giftcard?lang=${locale}`,
      at: s.joined_on,
      detail: s.name,
    }));
}

export const giftcardFirmRecord: FirmRecordSection[] = [
  { key: 'giftcard', audience: 'public', title: msg.giftcardMembership, order: 60, load: (db, _u, firmId, locale) => shopsOf(db, firmId, locale) },
  { key: 'giftcard', audience: 'staff', title: msg.giftcardMembership, order: 60, load: (db, _u, firmId, locale) => shopsOf(db, firmId, locale) },
];
