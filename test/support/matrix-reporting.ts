import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import * as repo from '../../src/modules/reporting/reporting.repository.js';
import { computeFor, resolveScope } from '../../src/modules/reporting/reporting.service.js';
import { testDataDir } from './test-env.js';

/** The reporting part of the matrix world: org A's report scope, a project led by A and a frozen report of A. */
export async function buildReportingFixture(db: Kysely<DB>, orgA: number) {
  const { id } = await repo.insertProject(db, {
    name: 'Matrix project',
    organisationId: orgA,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    description: '',
    isDemo: false,
    createdBy: null,
  });
  await repo.insertProjectOrganisations(db, Number(id), [orgA]);
  await repo.insertFunders(db, Number(id), [{ template: 'erdf', funderName: 'ERDF', budgetMinor: 100_000_00, currency: 'SEK' }]);
  const scope = await resolveScope(db, { kind: 'org', id: orgA });
  const period = { from: '2026-07-01', to: '2026-12-31' };
  const { result, version } = await computeFor(db, testDataDir(), scope, 'erdf', period);
  const frozen = await repo.insertFrozen(db, {
    organisationId: orgA,
    projectId: null,
    template: 'erdf',
    from: period.from,
    to: period.to,
    timeZone: scope.timeZone,
    result,
    dataVersion: version,
    frozenBy: null,
  });
  return { reportScope: `org-${orgA}`, reportTemplate: 'erdf', reportProjectId: Number(id), frozenReportId: Number(frozen.id) };
}
