import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { SessionUser } from '../http/session-user.js';
import type { Locale, Message } from '../i18n/i18n.js';

/**
 * "One identity per firm": what each module knows about a firm, gathered on one page without the
 * page's owner importing every module. A module declares a section (its cases, event attendance,
 * course completions, gift-card shops, matched tenders …) and src/modules/firm-record.ts lists
 * them. Two pages draw the sections:
 *   - the staff firm page (`audience: 'staff'`), for the network's staff and the firm's own people;
 *   - the public firm page in the directory (`audience: 'public'`), for anyone.
 * `load` runs the module's own access check: it returns null when this person may not see the
 * section at all, [] when there is nothing to show. It must not throw for a missing firm.
 */
export interface FirmRecordEntry {
  /** The line's main text (already in the reader's language, or the record's own words). */
  label: string;
  href?: string;
  /** ISO date or timestamp the entry is about (shown in the reader's zone). */
  at?: string;
  /** A short second line: status, place, amount. */
  detail?: string;
}

export interface FirmRecordSection {
  key: string;
  audience: 'staff' | 'public';
  title: Message;
  order?: number;
  load(db: Kysely<DB>, user: SessionUser | undefined, firmId: number, locale: Locale): Promise<FirmRecordEntry[] | null>;
}

const sections: FirmRecordSection[] = [];

/** Called once at start-up by src/modules/firm-record.ts; calling it again replaces the list. */
export function setFirmRecordSections(all: FirmRecordSection[]): void {
  sections.length = 0;
  sections.push(...[...all].sort((a, b) => (a.order ?? 100) - (b.order ?? 100)));
}

/** The sections of one audience with what this person may see of the firm (sections they may not see are left out). */
export async function loadFirmRecord(
  db: Kysely<DB>,
  user: SessionUser | undefined,
  firmId: number,
  locale: Locale,
  audience: FirmRecordSection['audience'],
): Promise<{ section: FirmRecordSection; entries: FirmRecordEntry[] }[]> {
  const mine = sections.filter((s) => s.audience === audience);
  const loaded = await Promise.all(mine.map(async (section) => ({ section, entries: await section.load(db, user, firmId, locale) })));
  return loaded.filter((s): s is { section: FirmRecordSection; entries: FirmRecordEntry[] } => s.entries !== null);
}
