import type { FirmRecordSection } from '../../shared/views/firm-record.js';
import { managesFirm } from '../../shared/access/access.js';
import { groupsOf } from './procurement.groups.service.js';
import { msg } from './procurement.messages.js';
import { firmTenders } from './procurement.service.js';
import { reasonText } from './procurement.views.js';
import { isAppError } from '../../shared/errors.js';

/**
 * The firm's record (staff page): its open matching notices with why, and its bidding groups. The
 * matches follow `procurement.firm.read` (the firm's people, covering staff, the network admin);
 * groups are shown to the firm's own people only (a group's existence is the group's business).
 */
export const procurementFirmRecordSections: FirmRecordSection[] = [
  {
    key: 'procurement.matches',
    audience: 'staff',
    title: msg.firmRecordMatches,
    order: 60,
    async load(db, user, firmId, locale) {
      try {
        const data = await firmTenders(db, user, firmId);
        return data.matches.slice(0, 10).map((m) => ({
          label: m.notice.title,
          href: `/tenders/${m.notice.id}`,
          at: m.notice.deadline ?? undefined,
          detail: m.reasons.map((r) => reasonText(locale, r)).join(' · '),
        }));
      } catch (err) {
        if (isAppError(err)) return null;
        throw err;
      }
    },
  },
  {
    key: 'procurement.groups',
    audience: 'staff',
    title: msg.firmRecordGroups,
    order: 61,
    async load(db, user, firmId, locale) {
      if (!user || !managesFirm(user, firmId)) return null;
      const groups = await groupsOf(db, user, [firmId]);
      return groups.map((g) => ({
        label: g.name,
        href: `/tenders/groups/${g.id}`,
        at: g.deadline ?? undefined,
        detail: `${msg[`status_${g.status}`][locale]} · ${g.noticeTitle}`,
      }));
    },
  },
];
