import { formatMoney, formatNumber } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import type { FirmRecordSection } from '../../shared/views/firm-record.js';
import { spendAccess } from './spend.access.js';
import { msg } from './spend.messages.js';
import * as repo from './spend.repository.js';
import { listBuyersFor } from './spend.service.js';
import { currencyOf } from './spend.views.js';

/** On the staff firm page: what the buyers this person analyses paid the firm (from imported ledgers). */
export const spendFirmRecord: FirmRecordSection = {
  key: 'spend',
  audience: 'staff',
  title: msg.paidByBuyers,
  order: 80,
  async load(db, user, firmId, locale) {
    if (!user || !spendAccess.can(user, 'spend.overview.list', undefined)) return null;
    const buyers = await listBuyersFor(db, user);
    const rows = await repo.sumPaidToFirm(
      db,
      firmId,
      buyers.map((b) => b.id),
    );
    return rows.map((r) => {
      const buyer = buyers.find((b) => b.id === Number(r.organisation_id))!;
      return {
        label: buyer.name,
        href: `/spend/${buyer.id}/results?lang=${locale}`,
        detail: format(msg.paidDetail[locale], {
          amount: formatMoney(Number(r.minor), currencyOf(buyer.country), locale),
          lines: formatNumber(Number(r.lines), locale),
        }),
      };
    });
  },
};
