import { setFirmRecordSections, type FirmRecordSection } from '../shared/views/firm-record.js';
import { coachingFirmRecordSections } from './coaching/coaching.firm-record.js';
import { navigatorFirmRecord } from './navigator/navigator.record.js';
import { eventsFirmRecordSections } from './events/events.firm-record.js';
import { academyFirmRecordSections } from './academy/academy.firm-record.js';
import { spendFirmRecord } from './spend/spend.firm-record.js';
import { procurementFirmRecordSections } from './procurement/procurement.firm-record.js';
import { giftcardFirmRecord } from './giftcard/giftcard.firm-record.js';
import { surveysFirmRecord } from './surveys/surveys.firm-record.js';
import { storefrontFirmRecord } from './storefront/storefront.firm-record.js';

/** Every module's section of a firm's record (shared/views/firm-record.ts), in one place; one line per module. */
export function registerFirmRecord(): void {
  const sections: FirmRecordSection[] = [
    navigatorFirmRecord,
    ...eventsFirmRecordSections,
    ...academyFirmRecordSections,
    spendFirmRecord,
    ...procurementFirmRecordSections,
    ...giftcardFirmRecord,
    surveysFirmRecord,
    ...storefrontFirmRecord,
  ];
  sections.push(...coachingFirmRecordSections);
  setFirmRecordSections(sections);
}
