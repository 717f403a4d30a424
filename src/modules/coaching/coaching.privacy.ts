import { registerPersonalDataEraser, registerPersonalDataExporter } from '../accounts/accounts.privacy.js';
import * as repo from './coaching.repository.js';

let registered = false;

/**
 * Coaching's part of the personal-data export and erasure (accounts.privacy.ts):
 *   - export: the person as a firm's contact person (with consent date), the timeline entries
 *     they wrote (kind, title, time) and the notes they read (the read log);
 *   - erasure: their contact-person rows are blanked (name, role, e-mail, phone). Entries they
 *     wrote and the read log keep only the user id, which accounts anonymises.
 * Contact people who are not users are erased by the case's staff from the case page.
 */
export function registerCoachingPrivacy(): void {
  if (registered) return;
  registered = true;
  registerPersonalDataExporter('coaching_contact_person', (db, userId) => repo.contactsOfUser(db, userId));
  registerPersonalDataExporter('coaching_entries_written', (db, userId) => repo.entriesAuthoredBy(db, userId));
  registerPersonalDataExporter('coaching_notes_read', (db, userId) => repo.notesReadBy(db, userId));
  registerPersonalDataEraser('coaching_contact_person', (trx, userId) => repo.eraseContactsOfUser(trx, userId));
}
