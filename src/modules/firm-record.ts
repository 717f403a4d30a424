import { setFirmRecordSections, type FirmRecordSection } from '../shared/views/firm-record.js';
import { surveysFirmRecord } from './surveys/surveys.firm-record.js';

/** Every module's section of a firm's record (shared/views/firm-record.ts), in one place; one line per module. */
export function registerFirmRecord(): void {
  const sections: FirmRecordSection[] = [surveysFirmRecord];
  setFirmRecordSections(sections);
}
