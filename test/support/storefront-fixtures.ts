import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import * as repo from '../../src/modules/storefront/storefront.repository.js';

/** A product of 349 NOK with 100 in stock (clothing, no translations), or with what `more` says. */
export const product = (sku: string, name: string, more: Partial<repo.ProductValues> = {}): repo.ProductValues => ({
  sku,
  name,
  description: null,
  language: 'nb',
  translations: {},
  category: 'Klær',
  priceMinor: 34_900,
  vatBasisPoints: 2500,
  currency: 'NOK',
  stockMode: 'count',
  offerPriceMinor: null,
  offerFrom: null,
  offerTo: null,
  variants: [{ label: '', stock: 100 }],
  ...more,
});

/**
 * The matrix's storefront: firm F (a member of A through the gift-card world) as a shop of A's
 * storefront, a product, a spare product (the unpublish route's target) and one open reservation.
 */
export async function seedStorefrontMatrix(db: Kysely<DB>, fx: { orgId: number; firmId: number }) {
  return db.transaction().execute(async (trx) => {
    const shopId = await repo.insertShop(trx, { organisationId: fx.orgId, firmId: fx.firmId, establishmentId: null, name: 'Matrix Ull', notifyEmail: null });
    const productId = await repo.upsertProduct(trx, shopId, product('M1', 'Ullsokker'));
    const spareId = await repo.upsertProduct(trx, shopId, product('M2', 'Lue'));
    const [variant] = await repo.listVariants(trx, [productId]);
    await repo.holdStock(trx, Number(variant!.id), 1);
    const now = new Date();
    const reservationId = await repo.insertReservation(
      trx,
      {
        shopId,
        token: 'matrix-reservation-token',
        basketToken: 'matrix-basket-token',
        name: 'Kari',
        email: 'kari@example.no',
        phone: null,
        locale: 'nb',
        readyBy: now,
        expiresAt: new Date(now.getTime() + 30 * 86_400_000),
        totalMinor: 34_900,
        currency: 'NOK',
      },
      [{ productId, variantId: Number(variant!.id), name: 'Ullsokker', variantLabel: '', quantity: 1, unitPriceMinor: 34_900 }],
    );
    return {
      sfShopId: shopId,
      sfProductId: productId,
      sfSpareProductId: spareId,
      sfReservationId: reservationId,
      sfReservationToken: 'matrix-reservation-token',
      sfBasketToken: 'matrix-basket-token',
    };
  });
}
