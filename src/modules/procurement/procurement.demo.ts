import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { DemoSeeder } from '../demo/demo-world.types.js';
import { firmActivities } from '../registry/registry.service.js';
import { toNoticeRow } from './procurement.import.js';
import type { ParsedNotice } from './procurement.notice.js';
import { loadPlaceIndex } from './procurement.places.js';
import * as repo from './procurement.repository.js';

/**
 * The demo's notices (fictional, is_demo set so every page shows "(demo)", links to example.org): open
 * notices in East Lapland, the Røros region and Region 10, an award for the local-share figure;
 * the Kemijärvi builder follows CPV 45 and leads a bidding group for the school's building lot,
 * with two other East Lapland construction firms and the Kemijärvi coach invited.
 */
const day = 86_400_000;

function demoNotice(
  n: Partial<ParsedNotice> & Pick<ParsedNotice, 'key' | 'title' | 'cpvMain' | 'nuts' | 'buyerName' | 'buyerCountry'>,
  now: Date,
  days: number,
): ParsedNotice {
  return {
    source: 'eforms',
    noticeNumber: n.key,
    version: '0001',
    publishedAt: new Date(now.getTime() - 5 * day).toISOString(),
    kind: 'competition',
    noticeType: 'cn-standard',
    procedure: 'open',
    language: n.buyerCountry === 'FI' ? 'fi' : n.buyerCountry === 'SE' ? 'sv' : 'nb',
    description: null,
    buyerNationalId: null,
    cpvAdditional: [],
    places: [],
    estimatedMinor: null,
    currency: n.buyerCountry === 'NO' ? 'NOK' : n.buyerCountry === 'SE' ? 'SEK' : 'EUR',
    deadline: new Date(now.getTime() + days * day).toISOString(),
    links: ['https://example.org/demo-tender'],
    lots: [],
    awards: [],
    ...n,
  };
}

export const procurementDemo: DemoSeeder = {
  name: 'procurement',
  async seed(db: Kysely<DB>, world, now) {
    if (await repo.hasDemoNotices(db)) return undefined;
    const places = await loadPlaceIndex(db);
    const builder = world.firms['builder-kemijarvi'];
    // The award went to the Kemijärvi builder: a local winner for the buyer's local-share figure.
    const [builderFacts] = await firmActivities(db, { ids: [builder.firmId], limit: 1 });
    const notices: ParsedNotice[] = [
      demoNotice(
        {
          key: 'demo-fi-koulu',
          title: 'Koulun peruskorjaus, Kemijärvi',
          description: 'Kemijärven koulun peruskorjaus kahdessa osassa: rakennustyöt ja sähkötyöt.',
          buyerName: 'Kemijärven kaupunki (demo)',
          buyerNationalId: '0193998-1',
          buyerCountry: 'FI',
          cpvMain: '45214200',
          cpvAdditional: ['45310000'],
          nuts: ['FI1D7'],
          places: ['Kemijärvi'],
          estimatedMinor: 85_000_000,
          lots: [
            {
              id: 'LOT-0001',
              title: 'Rakennustyöt',
              cpv: ['45214200'],
              nuts: ['FI1D7'],
              estimatedMinor: 60_000_000,
              currency: 'EUR',
              deadline: new Date(now.getTime() + 21 * day).toISOString(),
            },
            {
              id: 'LOT-0002',
              title: 'Sähkötyöt',
              cpv: ['45310000'],
              nuts: ['FI1D7'],
              estimatedMinor: 25_000_000,
              currency: 'EUR',
              deadline: new Date(now.getTime() + 21 * day).toISOString(),
            },
          ],
        },
        now,
        21,
      ),
      demoNotice(
        {
          key: 'demo-fi-tiet',
          title: 'Kylien teiden talvikunnossapito, Salla ja Savukoski',
          buyerName: 'Sallan kunta (demo)',
          buyerCountry: 'FI',
          cpvMain: '90620000',
          nuts: ['FI1D7'],
          places: ['Salla', 'Savukoski'],
        },
        now,
        14,
      ),
      demoNotice(
        {
          key: 'demo-fi-ruoka',
          title: 'Kouluruokailun elintarvikkeet, Itä-Lappi',
          buyerName: 'Pelkosenniemen kunta (demo)',
          buyerCountry: 'FI',
          cpvMain: '15810000',
          nuts: ['FI1D7'],
        },
        now,
        30,
      ),
      demoNotice(
        {
          key: 'demo-no-kantine',
          title: 'Kantinedrift rådhuset Røros',
          buyerName: 'Røros kommune (demo)',
          buyerCountry: 'NO',
          cpvMain: '55520000',
          nuts: ['NO060'],
          places: ['Røros'],
        },
        now,
        10,
      ),
      demoNotice(
        {
          key: 'demo-se-snow',
          title: 'Snöröjning Sorsele tätort',
          buyerName: 'Sorsele kommun (demo)',
          buyerCountry: 'SE',
          cpvMain: '90620000',
          nuts: ['SE331'],
          places: ['Sorsele'],
        },
        now,
        18,
      ),
      demoNotice(
        {
          key: 'demo-fi-award',
          title: 'Kirjaston valaistuksen uusiminen, Kemijärvi',
          kind: 'result',
          noticeType: 'can-standard',
          buyerName: 'Kemijärven kaupunki (demo)',
          buyerNationalId: '0193998-1',
          buyerCountry: 'FI',
          cpvMain: '45310000',
          nuts: ['FI1D7'],
          places: ['Kemijärvi'],
          awards: [{ lotId: null, winnerName: builder.name, winnerNationalId: builderFacts?.nationalId ?? null, valueMinor: 4_800_000, currency: 'EUR' }],
        },
        now,
        -40,
      ),
    ];
    return db.transaction().execute(async (trx) => {
      await repo.upsertNotices(
        trx,
        notices.map((n) => toNoticeRow(n, places, true)),
      );
      await repo.saveInterests(trx, builder.firmId, { cpvCodes: ['45'], keywords: ['koulu'], digest: 'weekly' });
      const school = (await repo.findNoticeByKey(trx, 'eforms', 'demo-fi-koulu'))!;
      const groupId = await repo.insertGroup(trx, {
        noticeId: Number(school.id),
        lotId: 'LOT-0001',
        name: 'Koulu-konsortio',
        leadFirmId: builder.firmId,
        createdBy: world.people['owner-builder-kemijarvi'].id,
        isDemo: true,
      });
      await repo.updateGroup(trx, groupId, { coach_user_id: world.people['coach-kemijarvi'].id });
      // Two other local construction firms of East Lapland are invited (each firm's people accept on the group page).
      const partners = (
        await firmActivities(trx, {
          municipalities: ['320', '583', '614', '732', '742'].map((code) => ({ country: 'FI', code })),
          naceDivisions: ['41', '42', '43'],
          limit: 3,
        })
      ).filter((f) => f.id !== builder.firmId);
      for (const [i, f] of partners.slice(0, 2).entries()) await repo.inviteMember(trx, groupId, f.id, i === 0 ? 'Sähkötyöt' : 'LVI-työt', 20);
      await repo.insertChecklistItem(trx, groupId, builder.firmId, 'ESPD');
      await repo.insertMessage(trx, {
        groupId,
        userId: world.people['owner-builder-kemijarvi'].id,
        authorName: world.people['owner-builder-kemijarvi'].name,
        body: 'Hei! Kutsun sähkö- ja LVI-yrityksen mukaan. (demo)',
        fileId: null,
      });
      return `${notices.length} notices, 1 bidding group`;
    });
  },
};
