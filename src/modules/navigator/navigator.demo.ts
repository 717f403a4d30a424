import type { DemoSeeder } from '../demo/demo-world.types.js';
import type { OfferRecord } from './navigator.offer-types.js';
import * as repo from './navigator.repository.js';
import { readOfferFile, toEur } from './navigator.service.js';

/**
 * The navigator's demo: one clearly fictional local offer for Sorsele with a sector rule (cafés
 * and restaurants yes, hotels no) so the sector reasons show, and a de minimis grant already
 * received by the Sorsele café, at the ECB rate of its day, so the coach sees a reduced room.
 * Idempotent: nothing is added when the café already has its demo grant.
 */
export const navigatorDemo: DemoSeeder = {
  name: 'navigator',
  async seed(db, world) {
    const cafe = world.firms['cafe-sorsele'];
    if (!cafe || (await repo.firmHasDemoEntries(db, cafe.firmId))) return undefined;
    const template = readOfferFile().find((o) => o.id === 'rvb-mikrostod');
    await db.transaction().execute(async (trx) => {
      if (template && !(await repo.findOffer(trx, 'demo-sorsele-lokalt-stod'))) {
        const offer: OfferRecord = {
          ...template,
          id: 'demo-sorsele-lokalt-stod',
          provider: 'Sorsele kommun (demo)',
          provider_national_id: null,
          name: 'Lokalt näringslivsstöd Sorsele (demo)',
          name_en: 'Local business support Sorsele (demo)',
          areas: ['Sorsele kommun'],
          sectors_included: null,
          sectors_excluded: null,
          size_bounds: { employees_max: 9, text: 'at most 9 employees (demo rule)' },
          age_bounds: null,
          amount_max: 50_000,
          currency: 'SEK',
          deadline: null,
          state_aid_basis: 'de minimis (demo)',
          url: null,
          description: 'A fictional offer of the demo region: cafés and restaurants (NACE 56) may apply, hotels (NACE 55) may not.',
          description_local: 'Ett påhittat erbjudande i demoregionen: kaféer och restauranger (SNI 56) kan söka, hotell (SNI 55) inte.',
          source: [],
          source_type: 'demo',
          status_as_seen: 'demo',
          notes: 'Demo data, not a real offer.',
          match: {
            ...template.match,
            area: { countries: [], counties: [], municipalities: ['SE:2422'] },
            nace_included: ['I'],
            nace_excluded: ['55'],
            open_all_year: true,
            deadline_date: null,
            state_aid: 'de_minimis',
          },
        };
        await repo.insertOffer(trx, { record: offer, origin: 'admin', fileHash: null, isDemo: true });
      }
      const granted = '2024-03-13';
      const eur = await toEur(trx, 150_000_00, 'SEK', granted);
      await repo.insertEntry(trx, {
        firm_id: cafe.firmId,
        grantor: 'Region Västerbotten (demo)',
        granted_on: granted,
        amount_minor: 150_000_00,
        currency: 'SEK',
        eur_minor: eur.eurMinor,
        rate_per_eur: eur.perEur,
        legal_basis: 'Förordning (EU) 2023/2831 (försumbart stöd)',
        offer_key: 'rvb-tillvaxtcheck',
        origin: 'case',
        case_ref: 'demo',
        entered_by: world.people['coach-sorsele']?.id ?? null,
        is_demo: true,
      });
    });
    return `a local offer and a de minimis grant for ${cafe.name}`;
  },
};
