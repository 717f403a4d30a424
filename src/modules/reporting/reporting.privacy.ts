import { registerPersonalDataExporter } from '../accounts/accounts.privacy.js';
import * as repo from './reporting.repository.js';

let registered = false;

/**
 * A person's reads of the firms behind a figure (which report, indicator, purpose, when) are part of
 * their data export. They are not erased with the account: like coaching's log of note reads, they
 * are the record of who read personal data, kept for the firms' sake.
 */
export function registerReportingPrivacy(): void {
  if (registered) return;
  registered = true;
  registerPersonalDataExporter('reporting_firm_list_reads', (db, userId) => repo.drilldownReadsOf(db, userId));
}
