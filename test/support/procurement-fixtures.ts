import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { toNoticeRow } from '../../src/modules/procurement/procurement.import.js';
import { loadPlaceIndex } from '../../src/modules/procurement/procurement.places.js';
import * as repo from '../../src/modules/procurement/procurement.repository.js';
import type { ParsedNotice } from '../../src/modules/procurement/procurement.notice.js';

/** An open notice in Trøndelag (where the matrix's firm F is) and a bidding group led by F. */
export async function insertMatrixTender(db: Kysely<DB>, leadFirmId: number, createdBy: number) {
  const notice: ParsedNotice = {
    source: 'eforms',
    key: 'matrix-2031-0001',
    noticeNumber: 'matrix-2031-0001',
    version: '0001',
    publishedAt: '2026-11-01T08:00:00.000Z',
    kind: 'competition',
    noticeType: 'cn-standard',
    procedure: 'open',
    language: 'nb',
    title: 'Kantinedrift Røros (matrix)',
    description: 'Drift av kantine.',
    buyerName: 'Røros kommune (matrix)',
    buyerNationalId: '939985523',
    buyerCountry: 'NO',
    cpvMain: '55520000',
    cpvAdditional: [],
    nuts: ['NO060'],
    places: ['Røros'],
    estimatedMinor: 100_000_000,
    currency: 'NOK',
    deadline: '2031-06-01T10:00:00.000Z',
    links: [],
    lots: [
      { id: 'LOT-0001', title: 'Kantine', cpv: ['55520000'], nuts: ['NO060'], estimatedMinor: null, currency: null, deadline: '2031-06-01T10:00:00.000Z' },
    ],
    awards: [],
  };
  await repo.upsertNotices(db, [toNoticeRow(notice, await loadPlaceIndex(db))]);
  const noticeId = Number((await repo.findNoticeByKey(db, 'eforms', notice.key))!.id);
  const groupId = await db.transaction().execute((trx) => repo.insertGroup(trx, { noticeId, lotId: 'LOT-0001', name: 'Matrix group', leadFirmId, createdBy }));
  return { noticeId, groupId, buyerCountry: 'NO', buyerNationalId: notice.buyerNationalId! };
}
