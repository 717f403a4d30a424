import { setFirmRecordSections, type FirmRecordSection } from '../shared/views/firm-record.js';
import { procurementFirmRecordSections } from './procurement/procurement.firm-record.js';

/** Every module's section of a firm's record (shared/views/firm-record.ts), in one place; one line per module. */
export function registerFirmRecord(): void {
  const sections: FirmRecordSection[] = [...procurementFirmRecordSections];
  setFirmRecordSections(sections);
}
