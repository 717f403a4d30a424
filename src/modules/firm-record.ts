import { setFirmRecordSections, type FirmRecordSection } from '../shared/views/firm-record.js';
import { giftcardFirmRecord } from './giftcard/giftcard.firm-record.js';

/** Every module's section of a firm's record (shared/views/firm-record.ts), in one place; one line per module. */
export function registerFirmRecord(): void {
  const sections: FirmRecordSection[] = [...giftcardFirmRecord];
  setFirmRecordSections(sections);
}
