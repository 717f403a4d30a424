import { registerPersonalDataEraser, registerPersonalDataExporter } from '../accounts/accounts.privacy.js';
import { listFilesOf } from '../../shared/files/files.service.js';
import { entryDocuments } from './coaching.files.js';
import * as repo from './coaching.repository.js';

let registered = false;

/**
 * Coaching's part of the personal-data export and erasure (accounts.privacy.ts):
 *   - export: the person as a firm's contact person (with consent date), the timeline entries
 *     they wrote (kind, title, time; for documents the file's name, type, size and SHA-256) and
 *     the notes and documents they read (the read log);
 *   - erasure: their contact-person rows are blanked (name, role, e-mail, phone). Entries they
 *     wrote and the read log keep only the user id, which accounts anonymises.
 * Contact people who are not users are erased by the case's staff from the case page.
 */
export function registerCoachingPrivacy(): void {
  if (registered) return;
  registered = true;
  registerPersonalDataExporter('coaching_contact_person', (db, userId) => repo.contactsOfUser(db, userId));
  registerPersonalDataExporter('coaching_entries_written', async (db, userId) =>
    Promise.all(
      (await repo.entriesAuthoredBy(db, userId)).map(async (e) =>
        e.kind === 'document' && e.file_id
          ? {
              ...e,
              file: (await listFilesOf(db, entryDocuments.owner, Number(e.id)))
                .filter((f) => f.id === e.file_id)
                .map((f) => ({ name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256 }))[0],
            }
          : e,
      ),
    ),
  );
  registerPersonalDataExporter('coaching_notes_read', (db, userId) => repo.notesReadBy(db, userId));
  registerPersonalDataEraser('coaching_contact_person', (trx, userId) => repo.eraseContactsOfUser(trx, userId));
}
