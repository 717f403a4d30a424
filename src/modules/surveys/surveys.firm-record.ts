import type { FirmRecordSection } from '../../shared/views/firm-record.js';
import { can } from './surveys.access.js';
import { msg } from './surveys.messages.js';
import { pickText } from './surveys.schemas.js';
import { firmNeeds } from './surveys.service.js';
import { format } from '../../shared/i18n/i18n.js';

/** On the staff firm page: what people near the firm miss in its sector (the same small-group rule as everywhere). */
export const surveysFirmRecord: FirmRecordSection = {
  key: 'surveys.needs',
  audience: 'staff',
  title: msg.firmNeedsTitle,
  order: 60,
  async load(db, user, firmId, l) {
    if (!user || !can(user, 'surveys.firm-needs.read', firmId)) return null;
    const { needs } = await firmNeeds(db, user, firmId, l).catch(() => ({ needs: [] }));
    return needs.map((n) => ({
      label: format(msg.firmNeedsCount[l], { n: n.n, total: n.total, place: n.municipalityName, sector: n.sectorLabel.toLowerCase() }),
      detail: pickText(n.survey.title, l, n.survey.languages),
      href: `/surveys/firms/${firmId}?lang=${l}`,
    }));
  },
};
