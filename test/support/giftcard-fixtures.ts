import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import * as repo from '../../src/modules/giftcard/giftcard.repository.js';
import type { SessionUser } from '../../src/shared/http/auth.js';
import { insertFirm, insertMembership, insertOrganisation } from './network-fixtures.js';

/** Valid Norwegian test IBANs (mod 97) for shops and the issuer. */
export const testIbans = ['NO9386011117947', 'NO8330001234567', 'NO0201234567892', 'NO5015032080119', 'NO2915031234560'];

export interface GiftcardWorld {
  orgId: number;
  programmeId: number;
  firmIds: number[];
  shopIds: number[];
}

/**
 * A gift-card programme straight into the tables: an issuing organisation, `shops` member firms
 * (memberships from 2024), each a member shop from 2024-01-01. For tests of the ledger and the
 * pages; the service's own checks (membership with the issuer) are tested through the forms.
 */
export async function insertGiftcardWorld(
  db: Kysely<DB>,
  options: {
    shops?: number;
    orgId?: number;
    firmIds?: number[];
    feeBasisPoints?: number;
    feeFixedMinor?: number;
    settlementPeriod?: 'week' | 'month';
    validityMonths?: number | null;
  } = {},
): Promise<GiftcardWorld> {
  const orgId =
    options.orgId ?? (await insertOrganisation(db, { name: 'Røros Handel', type: 'retail_association', coverage: [{ code: '5025', from: '2020-01-01' }] }));
  const firmIds = options.firmIds ?? [];
  for (let i = firmIds.length; i < (options.shops ?? 2); i++) firmIds.push(await insertFirm(db, { name: `Butikk ${i + 1}`, municipality: '5025' }));
  for (const firmId of firmIds) {
    const existing = await db.selectFrom('memberships').select('id').where('organisation_id', '=', orgId).where('firm_id', '=', firmId).executeTakeFirst();
    if (!existing) await insertMembership(db, orgId, firmId);
  }
  const programmeId = await repo.insertProgramme(db, {
    organisationId: orgId,
    name: 'Rørosgavekortet',
    town: 'Røros',
    country: 'NO',
    currency: 'NOK',
    allowedValuesMinor: [25_000, 50_000, 100_000],
    validityMonths: options.validityMonths ?? null,
    feeBasisPoints: options.feeBasisPoints ?? 200,
    feeFixedMinor: options.feeFixedMinor ?? 0,
    settlementPeriod: options.settlementPeriod ?? 'month',
    issuerIban: testIbans[0]!,
    issuerBic: 'DNBANOKK',
  });
  const shopIds: number[] = [];
  for (const [i, firmId] of firmIds.entries())
    shopIds.push(
      await repo.insertShop(db, {
        programmeId,
        firmId,
        establishmentId: null,
        name: `Butikk ${i + 1}`,
        iban: testIbans[(i % 4) + 1]!,
        bic: null,
        joinedOn: '2024-01-01',
      }),
    );
  return { orgId, programmeId, firmIds, shopIds };
}

/** A session user (for calling services directly) with the given roles. */
export const sessionUser = (id: number, extra: Partial<SessionUser> = {}): SessionUser => ({
  id,
  email: `u${id}@example.no`,
  displayName: `U${id}`,
  isEmailVerified: true,
  isNetworkAdmin: false,
  roles: [],
  managedFirmIds: [],
  sessionId: 's',
  ...extra,
});

/**
 * The gift card in the authorization matrix's world: org A issues a programme in which firm F (its
 * member, managed by the matrix's firmMember) is a shop; one batch of one card, one redemption at
 * F (for the receipt routes) and one settlement of the current period (with a payment, so the
 * pain.001 route has a file).
 */
export async function seedGiftcardMatrix(db: Kysely<DB>, fx: { orgId: number; firmId: number }, adminEmail: string) {
  const { insertCard } = repo;
  const { bookSale, redeem } = await import('../../src/modules/giftcard/giftcard.ledger.js');
  const { runSettlement } = await import('../../src/modules/giftcard/giftcard.settlement.js');
  const { generateCode } = await import('../../src/modules/giftcard/giftcard.code.js');
  const w = await insertGiftcardWorld(db, { orgId: fx.orgId, firmIds: [fx.firmId] });
  const admin = await db.selectFrom('users').select('id').where('email', '=', adminEmail).executeTakeFirstOrThrow();
  const batchId = await repo.insertBatch(db, {
    programmeId: w.programmeId,
    buyer: 'Matrix AS',
    count: 1,
    valueMinor: 50_000,
    paymentReference: 'INV-1',
    createdBy: Number(admin.id),
  });
  const cardId = await db.transaction().execute(async (trx) => {
    const id = await insertCard(trx, {
      programmeId: w.programmeId,
      code: generateCode(),
      batchId,
      orderId: null,
      valueMinor: 50_000,
      expiresOn: '2099-01-01',
      holderUserId: null,
    });
    await bookSale(trx, { programmeId: w.programmeId, key: 'matrix-sale', cardId: id, amountMinor: 50_000 });
    return id;
  });
  const r = await redeem(db, { programmeId: w.programmeId, key: 'matrix-redeem', cardId, shopId: w.shopIds[0]!, amountMinor: 18_000, feeMinor: 360 });
  const today = new Date().toISOString().slice(0, 10);
  const s = await runSettlement(
    db,
    sessionUser(Number(admin.id), { roles: [{ organisationId: fx.orgId, role: 'org_admin' }] }),
    w.programmeId,
    today,
    new Date(Date.now() + 40 * 86_400_000),
  );
  return {
    giftProgrammeId: w.programmeId,
    giftShopId: w.shopIds[0]!,
    giftBatchId: batchId,
    giftCardId: cardId,
    giftEntryId: r.entryId,
    giftSettlementId: s.settlementId,
  };
}
