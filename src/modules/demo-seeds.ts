import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { ensureDemoWorld } from './demo/demo-world.js';
import type { DemoSeeder } from './demo/demo-world.types.js';
import { branchProfileDemo } from './registry/profile/profile.demo.js';
import { coachingDemo } from './coaching/coaching.demo.js';
import { navigatorDemo } from './navigator/navigator.demo.js';
import { eventsDemo } from './events/events.demo.js';
import { academyDemo } from './academy/academy.demo.js';
import { spendDemo } from './spend/spend.demo.js';
import { procurementDemo } from './procurement/procurement.demo.js';
import { giftcardDemo } from './giftcard/giftcard.demo.js';
import { surveysDemo } from './surveys/surveys.demo.js';
import { storefrontDemo } from './storefront/storefront.demo.js';
import { reportingDemo } from './reporting/reporting.demo.js';

/** Every module's demo (demo/demo-world.types.ts: DemoSeeder), in order; one line per module. */
const seeders: DemoSeeder[] = [
  branchProfileDemo,
  coachingDemo,
  navigatorDemo,
  eventsDemo,
  academyDemo,
  spendDemo,
  procurementDemo,
  giftcardDemo,
  surveysDemo,
  storefrontDemo,
  // Reporting last: it counts what the other demos recorded.
  reportingDemo,
];

/**
 * After the demo firms: the demo world (organisations, people, agreements), then each module's
 * demo. Idempotent, so a database seeded before a module existed gets that module's demo on the
 * next start.
 */
export async function seedModuleDemos(db: Kysely<DB>, options: { now?: Date; log?: (msg: string) => void } = {}): Promise<void> {
  const world = await ensureDemoWorld(db);
  if (!world) return;
  for (const seeder of seeders) {
    const summary = await seeder.seed(db, world, options.now ?? new Date());
    if (summary) options.log?.(`demo ${seeder.name}: ${summary}`);
  }
}
