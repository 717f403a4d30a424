import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { DemoSeeder } from '../demo/demo-world.types.js';
import { generateCode } from './giftcard.code.js';
import { bookSale, redeem, redemptionFee } from './giftcard.ledger.js';
import * as repo from './giftcard.repository.js';
import { expiryDate } from './giftcard.validity.js';
import { todayIn } from './giftcard.service.js';

/**
 * The Røros programme run by Røros Handel og Næring (demo): the bakery, the bookshop and the wool
 * shop are member shops; 20 cards of 500 NOK were sold at the desk to a company (staff gifts),
 * and a few were used. Everything is marked is_demo and named "(demo)". Idempotent: a demo
 * programme of the organisation means the demo is there.
 */
const demoIbans = { 'bakery-roros': 'NO8330001234567', 'bookshop-roros': 'NO0201234567892', 'wool-roros': 'NO5015032080119' } as const;

export const giftcardDemo: DemoSeeder = {
  name: 'giftcard',
  async seed(db: Kysely<DB>, world, now) {
    const org = world.orgs['roros-handel'];
    if ((await repo.listProgrammes(db, [org.id])).some((p) => p.is_demo)) return undefined;
    return db.transaction().execute(async (trx) => {
      const programme = {
        organisationId: org.id,
        name: 'Rørosgavekortet',
        town: 'Røros',
        country: 'NO' as const,
        currency: 'NOK',
        allowedValuesMinor: [25_000, 50_000, 100_000],
        validityMonths: null,
        feeBasisPoints: 200,
        feeFixedMinor: 0,
        settlementPeriod: 'month' as const,
        issuerIban: 'NO9386011117947',
        issuerBic: 'DNBANOKK',
        isDemo: true,
      };
      const programmeId = await repo.insertProgramme(trx, programme);
      const shops: Record<keyof typeof demoIbans, number> = { 'bakery-roros': 0, 'bookshop-roros': 0, 'wool-roros': 0 };
      for (const key of Object.keys(demoIbans) as (keyof typeof demoIbans)[]) {
        const firm = world.firms[key];
        shops[key] = await repo.insertShop(trx, {
          programmeId,
          firmId: firm.firmId,
          establishmentId: firm.establishmentId,
          name: `${firm.name}`,
          iban: demoIbans[key],
          bic: null,
          joinedOn: '2024-01-01',
          isDemo: true,
        });
      }
      const admin = world.people['admin-roros-handel'].id;
      const batchId = await repo.insertBatch(trx, {
        programmeId,
        buyer: 'Røros Sykehus (demo)',
        count: 20,
        valueMinor: 50_000,
        paymentReference: 'DEMO-FAKTURA-2026-117',
        createdBy: admin,
      });
      const expiresOn = expiryDate(programme, todayIn(programme, now));
      const cards: number[] = [];
      for (let i = 0; i < 20; i++) {
        const cardId = await repo.insertCard(trx, {
          programmeId,
          code: generateCode(),
          batchId,
          orderId: null,
          valueMinor: 50_000,
          expiresOn,
          holderUserId: null,
          isDemo: true,
        });
        await bookSale(trx, {
          programmeId,
          key: `demo:batch:${batchId}:${i}`,
          cardId,
          amountMinor: 50_000,
          reference: 'DEMO-FAKTURA-2026-117',
          createdBy: admin,
        });
        cards.push(cardId);
      }
      const uses: [number, keyof typeof demoIbans, number][] = [
        [0, 'bakery-roros', 18_000],
        [0, 'bookshop-roros', 32_000],
        [1, 'wool-roros', 25_000],
        [2, 'bakery-roros', 9_950],
        [3, 'bookshop-roros', 49_900],
      ];
      for (const [i, [card, shop, amount]] of uses.entries())
        await redeem(trx, {
          programmeId,
          key: `demo:redeem:${i}`,
          cardId: cards[card]!,
          shopId: shops[shop],
          amountMinor: amount,
          feeMinor: redemptionFee(amount, 200, 0),
        });
      return `Rørosgavekortet: 3 shops, 20 cards of 500 NOK sold, ${uses.length} redemptions`;
    });
  },
};
