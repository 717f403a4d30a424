import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { announce } from '../../../shared/events.js';
import type { DemoSeeder } from '../../demo/demo-world.types.js';
import { recordFirmChanges } from '../registry.service.js';
import type { OpeningHours } from '../registry.tables.js';
import * as repo from './profile.repository.js';

/**
 * Issue 9's story in the demo: the Røros branch of the demo bakery keeps its own profile (its own
 * description, hours with a holiday, phone, category and a product of its own), so "the editor
 * opened from the shop's page edits that shop" can be tried at once by signing in as its owner
 * (Kari Aas, /demo). The firm's own profile gets a description the other shops fall back on.
 * Idempotent: a branch that has a product of its own is left alone. Demo firms are marked
 * is_demo by the demo register and show "(demo)" in the directory.
 */
export const branchProfileDemo: DemoSeeder = {
  name: 'branch profiles',
  async seed(db, world, now) {
    const bakery = world.firms['bakery-roros'];
    if (!bakery?.establishmentId) return undefined;
    const unit = { firmId: bakery.firmId, establishmentId: bakery.establishmentId };
    const seeded = await db.transaction().execute(async (trx: Kysely<DB>) => {
      await repo.lockFirm(trx, bakery.firmId);
      const shop = await repo.findEstablishment(trx, bakery.firmId, bakery.establishmentId!);
      if (!shop) return false;
      // Seeded once: the branch's own product is the mark (the demo register may give a shop a description already).
      if ((await repo.listProducts(trx, bakery.firmId, bakery.establishmentId)).length) return false;
      const firm = await repo.findFirm(trx, bakery.firmId);
      const firmDescription = typeof firm?.description === 'string' ? JSON.parse(firm.description) : (firm?.description ?? {});
      if (!Object.keys(firmDescription).length)
        await repo.updateFirmProfile(
          trx,
          { firmId: bakery.firmId, establishmentId: null },
          {
            description: { nb: 'Håndverksbakeri med butikker i Fjellregionen (demo).', en: 'Craft bakery with shops in the mountain region (demo).' },
            email: firm?.email ?? null,
            phone: firm?.phone ?? null,
            website: firm?.website ?? null,
            category: null,
          },
        );
      const christmasEve = `${now.getUTCFullYear()}-12-24`;
      const hours: OpeningHours = {
        weekly: [...[1, 2, 3, 4, 5].map((day) => ({ day, opens: '07:30', closes: '17:00' })), { day: 6, opens: '09:00', closes: '15:00' }],
        exceptions: [{ date: christmasEve, opens: '08:00', closes: '12:00', note: 'Julaften' }],
        timeZone: 'Europe/Oslo',
      };
      await repo.updateFirmProfile(trx, unit, {
        description: {
          nb: 'Butikken vår i Kjerkgata: surdeigsbrød, skillingsboller og kaffe å ta med (demo).',
          en: 'Our shop in Kjerkgata: sourdough bread, cinnamon buns and coffee to go (demo).',
        },
        email: null,
        phone: '+47 72 40 00 00',
        website: null,
        category: 'bakery',
      });
      await repo.updateOpeningHours(trx, unit, hours);
      await repo.insertProduct(
        trx,
        bakery.firmId,
        { kind: 'product', name: 'Rørosbolle', description: 'Bare i butikken på Røros (demo).', price_minor: 3900, currency: 'NOK', language: 'nb' },
        bakery.establishmentId,
      );
      await recordFirmChanges(trx, [bakery.firmId]);
      return true;
    });
    if (!seeded) return undefined;
    await announce('firmsChanged', { db });
    return `the Røros branch of ${bakery.name} has its own profile`;
  },
};
