import { formatMoney } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import type { FirmRecordSection } from '../../shared/views/firm-record.js';
import { msg } from './navigator.messages.js';
import { roomForRecord } from './navigator.service.js';

/** The staff firm page's section: the firm's de minimis room today, linking to the navigator's firm page. */
export const navigatorFirmRecord: FirmRecordSection = {
  key: 'navigator.de-minimis',
  audience: 'staff',
  title: msg.firmRecordTitle,
  order: 60,
  async load(db, user, firmId, locale) {
    const ledger = await roomForRecord(db, user, firmId, new Date());
    if (!ledger) return null;
    const href = `/navigator/firms/${firmId}?lang=${locale}`;
    const room = ledger.room;
    if (!room) return [{ label: msg.noCeiling[locale], href }];
    return [
      {
        label:
          room.roomEurMinor === null
            ? format(msg.roomUnknown[locale], { n: room.missingRates })
            : format(msg.roomLine[locale], { room: formatMoney(room.roomEurMinor, 'EUR', locale) }),
        href,
        at: ledger.today,
        detail: format(msg.usedLine[locale], { used: formatMoney(room.usedEurMinor, 'EUR', locale) }),
      },
    ];
  },
};
