import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { loadPlaceIndex, type PlaceIndex, resolveNoticePlaces } from './procurement.places.js';
import { NoticeFormatError, type ParsedNotice } from './procurement.notice.js';
import { readNoticeFile, readNotices } from './procurement.read.js';
import { cpvDivisionOf, naceDivisionsForCpvs } from './procurement.reference.js';
import * as repo from './procurement.repository.js';

/**
 * Notices in: a file or a feed body is read as it streams, each batch of notices is placed
 * (NUTS / place names → counties and municipalities), given its NACE activities (CPV → NACE) and
 * upserted in one statement. A whole source is one transaction: a bad notice or malformed bytes
 * anywhere in it leave nothing of it behind, and the error names the file, notice and element.
 */
export interface ImportSummary {
  file: string;
  notices: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const BATCH = 500;

export function toNoticeRow(n: ParsedNotice, places: PlaceIndex, isDemo = false): repo.NewNotice {
  const cpv = [...new Set([n.cpvMain, ...n.cpvAdditional].filter((c): c is string => !!c))];
  const where = resolveNoticePlaces(n, places);
  const awardTotal = n.awards.some((a) => a.valueMinor !== null) ? n.awards.reduce((s, a) => s + (a.valueMinor ?? 0), 0) : null;
  return {
    source: n.source,
    notice_key: n.key,
    notice_number: n.noticeNumber,
    version: n.version,
    kind: n.kind,
    notice_type: n.noticeType,
    procedure: n.procedure,
    language: n.language,
    title: n.title.slice(0, 2000),
    description: n.description?.slice(0, 20000) ?? null,
    buyer_name: n.buyerName,
    buyer_national_id: n.buyerNationalId,
    buyer_country: n.buyerCountry,
    cpv_main: n.cpvMain,
    cpv_codes: cpv,
    cpv_divisions: [...new Set(cpv.map(cpvDivisionOf))].sort(),
    activity_divisions: naceDivisionsForCpvs(cpv),
    nuts: n.nuts,
    places: n.places.slice(0, 50),
    county_keys: where.countyKeys,
    municipality_keys: where.municipalityKeys,
    country_keys: where.countryKeys,
    estimated_minor: n.estimatedMinor,
    currency: n.currency,
    deadline: n.deadline,
    published_at: n.publishedAt,
    links: n.links.slice(0, 20),
    lots: JSON.stringify(n.lots),
    awards: JSON.stringify(n.awards),
    award_total_minor: awardTotal,
    is_demo: isDemo,
  };
}

export async function importNoticeSource(
  db: Kysely<DB>,
  name: string,
  chunks: AsyncIterable<Buffer | Uint8Array | string>,
  options: { onProgress?: (notices: number) => void; places?: PlaceIndex; isDemo?: boolean } = {},
): Promise<ImportSummary> {
  const places = options.places ?? (await loadPlaceIndex(db));
  return db.transaction().execute(async (trx) => {
    const summary: ImportSummary = { file: name, notices: 0, inserted: 0, updated: 0, unchanged: 0 };
    let pending: repo.NewNotice[] = [];
    const flush = async () => {
      const r = await repo.upsertNotices(trx, pending);
      summary.inserted += r.inserted;
      summary.updated += r.updated;
      summary.unchanged += r.unchanged;
      pending = [];
      options.onProgress?.(summary.notices);
    };
    for await (const batch of readNotices(name, chunks)) {
      for (const n of batch) pending.push(toNoticeRow(n, places, options.isDemo));
      summary.notices += batch.length;
      if (pending.length >= BATCH) await flush();
    }
    await flush();
    return summary;
  });
}

export async function importNoticeFile(db: Kysely<DB>, path: string, options: { onProgress?: (notices: number) => void; places?: PlaceIndex } = {}) {
  const { basename } = await import('node:path');
  const { createReadStream } = await import('node:fs');
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    return await importNoticeSource(db, basename(path), stream, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NoticeFormatError(basename(path), null, '(file)', `does not exist (${path})`);
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new NoticeFormatError(basename(path), null, '(file)', 'is a directory, not a file');
    throw err;
  } finally {
    stream.destroy();
  }
}

export { readNoticeFile };
