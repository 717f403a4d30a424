import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { announce } from '../../shared/events.js';
import type { DemoSeeder } from '../demo/demo-world.types.js';
import * as repo from './storefront.repository.js';
import { toShopDto } from './storefront.schemas.js';
import { mirrorToDirectory } from './storefront.catalogue.service.js';

type DemoProduct = Omit<repo.ProductValues, 'currency' | 'language' | 'offerPriceMinor' | 'offerFrom' | 'offerTo'> & { offer?: [number, number] };

/** What the Røros shops put in the storefront (demo): wool from the wool shop, books, the bakery's buns. */
const catalogues: Record<'wool-roros' | 'bookshop-roros' | 'bakery-roros', DemoProduct[]> = {
  'wool-roros': [
    {
      sku: 'ULL-SOKK',
      name: 'Ullsokker fra Røros (demo)',
      description: 'Varme sokker i norsk ull, strikket i Røros.',
      translations: {
        en: { name: 'Wool socks from Røros (demo)', description: 'Warm socks of Norwegian wool, knitted in Røros.' },
        sv: { name: 'Ullsockor från Røros (demo)' },
        fi: { name: 'Villasukat Rørosista (demo)' },
      },
      category: 'Klær',
      priceMinor: 34_900,
      vatBasisPoints: 2500,
      stockMode: 'count',
      variants: [
        { label: '36–39 grå', stock: 6 },
        { label: '40–43 grå', stock: 8 },
        { label: '44–47 svart', stock: 3 },
      ],
    },
    {
      sku: 'ULL-PLEDD',
      name: 'Ullpledd (demo)',
      description: 'Pledd i lammeull, 130 × 170 cm.',
      translations: { en: { name: 'Wool blanket (demo)' } },
      category: 'Interiør',
      priceMinor: 129_000,
      vatBasisPoints: 2500,
      stockMode: 'count',
      variants: [{ label: '', stock: 4 }],
      offer: [99_000, 30],
    },
    {
      sku: 'ULL-LUE',
      name: 'Strikket lue (demo)',
      description: null,
      translations: { en: { name: 'Knitted hat (demo)' } },
      category: 'Klær',
      priceMinor: 44_900,
      vatBasisPoints: 2500,
      stockMode: 'ask',
      variants: [{ label: '', stock: null }],
    },
  ],
  'bookshop-roros': [
    {
      sku: '978-82-02-00001',
      name: 'Bergstaden – historien om Røros (demo)',
      description: 'Byens historie fra kobberverket til verdensarv.',
      translations: { en: { name: 'The mining town – a history of Røros (demo)' } },
      category: 'Bøker',
      priceMinor: 42_900,
      vatBasisPoints: 0,
      stockMode: 'count',
      variants: [{ label: '', stock: 5 }],
    },
    {
      sku: '978-82-02-00002',
      name: 'Turbok for Rørosvidda (demo)',
      description: 'Tretti turer til fots og på ski.',
      translations: { en: { name: 'Walks on the Røros plateau (demo)' } },
      category: 'Bøker',
      priceMinor: 34_900,
      vatBasisPoints: 0,
      stockMode: 'count',
      variants: [{ label: '', stock: 2 }],
    },
  ],
  'bakery-roros': [
    {
      sku: 'SKILLING',
      name: 'Skillingsboller, 6 stk (demo)',
      description: 'Bakt hver morgen.',
      translations: { en: { name: 'Cinnamon buns, 6 (demo)' } },
      category: 'Mat',
      priceMinor: 15_000,
      vatBasisPoints: 1500,
      stockMode: 'ask',
      variants: [{ label: '', stock: null }],
    },
  ],
};

/**
 * The Røros storefront (demo): the wool shop, the bookshop and the bakery of Røros Handel og Næring
 * (demo) publish products; each product's name ends in "(demo)". Idempotent: a demo shop of the
 * organisation means the demo is there.
 */
export const storefrontDemo: DemoSeeder = {
  name: 'storefront',
  async seed(db: Kysely<DB>, world, now) {
    const org = world.orgs['roros-handel'];
    if ((await repo.listShops(db, { organisationIds: [org.id] })).some((s) => s.is_demo)) return undefined;
    const today = now.toISOString().slice(0, 10);
    const until = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    let products = 0;
    await db.transaction().execute(async (trx) => {
      for (const key of Object.keys(catalogues) as (keyof typeof catalogues)[]) {
        const firm = world.firms[key];
        if (await repo.findShopOfUnit(trx, firm.firmId, firm.establishmentId)) continue;
        const owner = world.people[`owner-${key}` as const];
        const shopId = await repo.insertShop(trx, {
          organisationId: org.id,
          firmId: firm.firmId,
          establishmentId: firm.establishmentId,
          name: firm.name,
          notifyEmail: owner?.email ?? null,
          isDemo: true,
        });
        for (const p of catalogues[key]) {
          const { offer, ...rest } = p;
          await repo.upsertProduct(
            trx,
            shopId,
            {
              ...rest,
              currency: 'NOK',
              language: 'nb',
              offerPriceMinor: offer?.[0] ?? null,
              offerFrom: offer ? today : null,
              offerTo: offer ? until(offer[1]) : null,
            },
            true,
          );
          products++;
        }
        await mirrorToDirectory(trx, toShopDto((await repo.findShop(trx, shopId))!), now);
      }
    });
    await announce('firmsChanged', { db });
    return `Røros storefront: 3 shops, ${products} products`;
  },
};
