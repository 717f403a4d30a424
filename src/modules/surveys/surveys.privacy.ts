import { registerPersonalDataEraser, registerPersonalDataExporter } from '../accounts/accounts.privacy.js';
import { getUserSummary } from '../accounts/accounts.service.js';
import * as repo from './surveys.repository.js';

let registered = false;

/**
 * Contact details given in a survey (only when the respondent opted in) under the person's own
 * e-mail address are part of their data export and go with their erasure. Answers hold no
 * personal data (no user, address or time), so there is nothing else to export or erase.
 */
export function registerSurveysPrivacy(): void {
  if (registered) return;
  registered = true;
  registerPersonalDataExporter('survey_contact_requests', async (db, userId) => {
    const user = await getUserSummary(db, userId);
    return user ? repo.listContactsByEmail(db, user.email) : [];
  });
  registerPersonalDataEraser('survey_contact_requests', async (trx, userId) => {
    const user = await getUserSummary(trx, userId);
    if (user) await repo.deleteContactsByEmail(trx, user.email);
  });
}
