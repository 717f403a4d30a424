import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import * as repo from './giftcard.repository.js';

/**
 * How a card is paid for online. A real provider (Vipps, Swish, a card acquirer) implements this
 * interface later; the platform issues a card only when `status` answers 'paid' — never on the
 * word of the buyer's browser. The test provider keeps its own book in giftcard_test_payments
 * and has its own "pay" page under /giftcard/pay/test/:ref.
 */
export interface PaymentProvider {
  name: string;
  /** Starts a payment; the buyer is sent to `redirectUrl`. */
  start(
    db: Kysely<DB>,
    p: { orderReference: string; amountMinor: number; currency: string; returnUrl: string },
  ): Promise<{ providerRef: string; redirectUrl: string }>;
  /** What the provider says about the payment now. */
  status(db: Kysely<DB>, providerRef: string): Promise<'pending' | 'paid' | 'failed'>;
}

export const testProvider: PaymentProvider = {
  name: 'test',
  async start(db, p) {
    const ref = randomUUID();
    await repo.insertTestPayment(db, ref, p.amountMinor, p.currency);
    return { providerRef: ref, redirectUrl: `/giftcard/pay/test/${ref}?return=${encodeURIComponent(p.returnUrl)}` };
  },
  async status(db, ref) {
    return (await repo.findTestPayment(db, ref))?.status ?? 'failed';
  },
};

const providers = new Map<string, PaymentProvider>([[testProvider.name, testProvider]]);
export const paymentProvider = (name: string) => providers.get(name);
/** A deployment registers its real provider here (one line in its composition root). */
export const registerPaymentProvider = (p: PaymentProvider) => providers.set(p.name, p);
