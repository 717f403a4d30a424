import { defineFileOwner } from '../../shared/files/file-owners.js';
import { fileUses } from '../../shared/files/file-uses.js';
import * as repo from './coaching.repository.js';

/**
 * Documents on a case's timeline (ADR 0009): each file belongs to its timeline entry
 * (`coaching.entry`, owner id = the entry's id), so erasing one document removes exactly its file.
 * PDF, office documents and scans, 25 MB; the type is decided from the bytes.
 *
 * The store's own doors stay shut: a document is attached through the case's form (so every file
 * is an attributed entry on the timeline) and read through
 * `/coaching/cases/:caseId/entries/:entryId/file`, where the case's access rule is checked and the
 * read is logged like a note's. `/files/<id>` and the upload API therefore refuse these files to
 * everyone (403), and a vanished entry is 404.
 */
export const entryDocuments = defineFileOwner<{ caseId: number }>({
  owner: 'coaching.entry',
  use: fileUses.document,
  scope: async (db, ownerId) => {
    if (!/^\d{1,15}$/.test(ownerId)) return undefined;
    const entry = await repo.findEntryById(db, Number(ownerId));
    return entry ? { caseId: Number(entry.case_id) } : undefined;
  },
  canRead: () => false,
  canAttach: () => false,
});
