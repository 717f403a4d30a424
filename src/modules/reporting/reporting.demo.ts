import type { Kysely } from 'kysely';
import { loadEnv } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import { localDateOf } from '../../shared/i18n/zoned.js';
import type { DemoSeeder, DemoWorld } from '../demo/demo-world.types.js';
import { ensureDemoMembership } from '../network/network.demo.js';
import * as repo from './reporting.repository.js';
import { computeFor, gatherInput, halfYearOf, resolveScope } from './reporting.service.js';
import { templateOf } from './reporting.catalogue.js';

/**
 * Reporting's demo (every row is_demo, names end in "(demo)"): NiMR's ERDF half-year report for
 * Region 10 and its municipalities, and Fjellregionen næringshage's Siva figures. The figures
 * come from the other modules' demo activity (cases, workshops, courses, memberships); this seeder
 * adds only reporting's own records: the three projects (NiMR, Fjellregionen, Osta paikallista), firm sizes and key figures on dates (some
 * firms deliberately left without, so "what is missing" has something to say), and one frozen
 * report. Runs after the other demos (demo-seeds.ts) and only once.
 */
async function seed(db: Kysely<DB>, world: DemoWorld, now: Date): Promise<string | undefined> {
  if (await repo.hasDemoProject(db)) return undefined;
  const dataDir = loadEnv().LOKALKRAFT_DATA_DIR;
  const year = Number(localDateOf(now, 'Europe/Stockholm').slice(0, 4));
  const o = world.orgs;

  // Fjellregionen's programme firms: its members, and the firms it coaches join the programme.
  const fjellScope = await resolveScope(db, { kind: 'org', id: o.fjellregionen.id });
  const fjellHalf = halfYearOf(now, fjellScope.timeZone);
  const coached = await gatherInput(db, dataDir, fjellScope, templateOf('siva')!, { from: `${year - 1}-01-01`, to: fjellHalf.to });
  const coachedFirms = [...new Set(coached.facts.filter((f) => f.kind === 'coaching.case').map((f) => f.firmId))];
  for (const firmId of [world.firms['wool-roros'].firmId, ...coachedFirms]) await ensureDemoMembership(db, o.fjellregionen.id, firmId, 'Demo');

  const ids = await db.transaction().execute(async (trx) => {
    const nimr = await repo.insertProject(trx, {
      name: 'NiMR – Näringsliv i Region 10 (demo)',
      organisationId: o.region10.id,
      startsOn: `${year - 1}-01-01`,
      endsOn: `${year + 1}-12-31`,
      description: 'Tio inlandskommuner, hälften finansierat av Europeiska regionala utvecklingsfonden (demo).',
      isDemo: true,
      createdBy: world.people['coordinator-region10'].id,
    });
    await repo.insertProjectOrganisations(trx, Number(nimr.id), [o.region10.id, o.sorsele.id, o.arjeplog.id]);
    await repo.insertFunders(trx, Number(nimr.id), [
      { template: 'erdf', funderName: 'Europeiska regionala utvecklingsfonden (demo)', budgetMinor: 6_000_000_00, currency: 'SEK' },
      { template: 'plain', funderName: 'Region Västerbotten och Region Norrbotten (demo)', budgetMinor: 3_000_000_00, currency: 'SEK' },
    ]);
    const garden = await repo.insertProject(trx, {
      name: 'Næringshageprogrammet Fjellregionen (demo)',
      organisationId: o.fjellregionen.id,
      startsOn: `${year - 1}-01-01`,
      endsOn: `${year + 2}-12-31`,
      description: 'Siva-finansiert næringshage i åtte kommuner (demo).',
      isDemo: true,
      createdBy: world.people['admin-fjellregionen'].id,
    });
    await repo.insertProjectOrganisations(trx, Number(garden.id), [o.fjellregionen.id]);
    await repo.insertFunders(trx, Number(garden.id), [
      { template: 'siva', funderName: 'Siva – næringshageprogrammet (demo)', budgetMinor: 2_400_000_00, currency: 'NOK' },
      { template: 'leader', funderName: 'Innlandet fylkeskommune (demo)', budgetMinor: 500_000_00, currency: 'NOK' },
    ]);
    // Osta paikallista (Leader, East Lapland): its plain counts include the local share of the
    // municipality's 2025 purchases, which the spend demo analyses.
    const ostaPaikallista = await repo.insertProject(trx, {
      name: 'Osta paikallista – Itä-Lappi (demo)',
      organisationId: o['east-lapland'].id,
      startsOn: '2025-01-01',
      endsOn: `${Math.max(year + 1, 2027)}-12-31`,
      description: 'Leader-hanke viidessä Itä-Lapin kunnassa: paikallisen ostamisen edistäminen (demo).',
      isDemo: true,
      createdBy: world.people['admin-east-lapland'].id,
    });
    await repo.insertProjectOrganisations(trx, Number(ostaPaikallista.id), [o['east-lapland'].id]);
    await repo.insertFunders(trx, Number(ostaPaikallista.id), [
      { template: 'leader', funderName: 'Leader Itä-Lappi (demo)', budgetMinor: 180_000_00, currency: 'EUR' },
      { template: 'plain', funderName: 'Itä-Lapin kunnat (demo)', budgetMinor: 60_000_00, currency: 'EUR' },
    ]);
    return { nimr: Number(nimr.id), garden: Number(garden.id), ostaPaikallista: Number(ostaPaikallista.id) };
  });

  // Sizes and key figures on dates: the firms Region 10 and Fjellregionen worked with, every other one
  // left to the register (shown under "what is missing" as size from today's register).
  const nimrScope = await resolveScope(db, { kind: 'project', id: ids.nimr });
  const half = halfYearOf(now, nimrScope.timeZone);
  const nimrInput = await gatherInput(db, dataDir, nimrScope, templateOf('erdf')!, half);
  const gardenScope = await resolveScope(db, { kind: 'project', id: ids.garden });
  const gardenInput = await gatherInput(db, dataDir, gardenScope, templateOf('siva')!, halfYearOf(now, gardenScope.timeZone));
  const firms = [...new Set([...nimrInput.facts.map((f) => f.firmId), ...gardenInput.facts.map((f) => f.firmId)])].sort((a, b) => a - b);
  let recorded = 0;
  for (const [i, firmId] of firms.entries()) {
    if (i % 4 === 3) continue;
    const employees = [3, 7, 14, 42, 2][i % 5]!;
    const isNo = gardenInput.facts.some((f) => f.firmId === firmId);
    const currency = isNo ? 'NOK' : 'SEK';
    const base = { firmId, currency, source: 'demo', recordedBy: null, isDemo: true };
    await repo.upsertFirmFact(db, {
      ...base,
      observedOn: `${year - 1}-12-31`,
      employees,
      turnoverMinor: (1_500_000 + i * 400_000) * 100,
      // Value creation (Siva): operating result + wage costs; one firm in five ran at a loss.
      operatingResultMinor: (i % 5 === 4 ? -60_000 : 90_000 + i * 15_000) * 100,
      wageCostsMinor: employees * 520_000 * 100,
      leaders: 2 + (i % 3),
      womenLeaders: 1 + (i % 2),
    });
    await repo.upsertFirmFact(db, {
      ...base,
      observedOn: localDateOf(now, nimrScope.timeZone),
      employees: employees + (i % 3),
      turnoverMinor: (1_650_000 + i * 460_000) * 100,
      operatingResultMinor: (i % 5 === 4 ? 20_000 : 110_000 + i * 17_000) * 100,
      wageCostsMinor: (employees + (i % 3)) * 535_000 * 100,
      leaders: 2 + (i % 3),
      womenLeaders: 1 + ((i + 1) % 2),
    });
    recorded += 1;
  }

  // NiMR's half-year ERDF report, frozen as sent to the managing authority.
  const { result, version } = await computeFor(db, dataDir, nimrScope, 'erdf', half);
  await repo.insertFrozen(db, {
    organisationId: null,
    projectId: ids.nimr,
    template: 'erdf',
    from: half.from,
    to: half.to,
    timeZone: nimrScope.timeZone,
    result,
    dataVersion: version,
    frozenBy: world.people['coordinator-region10'].id,
    isDemo: true,
  });
  // Osta paikallista's plain counts for 2025, frozen: the year of the spend demo's ledger (local share).
  const ostaScope = await resolveScope(db, { kind: 'project', id: ids.ostaPaikallista });
  const year2025 = { from: '2025-01-01', to: '2025-12-31' };
  const plain = await computeFor(db, dataDir, ostaScope, 'plain', year2025);
  await repo.insertFrozen(db, {
    organisationId: null,
    projectId: ids.ostaPaikallista,
    template: 'plain',
    ...year2025,
    timeZone: ostaScope.timeZone,
    result: plain.result,
    dataVersion: plain.version,
    frozenBy: world.people['admin-east-lapland'].id,
    isDemo: true,
  });
  return `3 projects, key figures for ${recorded} firms, 2 frozen reports (NiMR's ERDF half-year: ${result.firmsCounted} firms counted once; Osta paikallista's 2025 plain counts)`;
}

export const reportingDemo: DemoSeeder = { name: 'reporting', seed };
