import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { searchListings } from '../../directory/directory.service.js';
import { searchQuerySchema } from '../../directory/directory.schemas.js';
import { catchUpDirectory } from '../../directory/directory.sync-listener.js';
import { invalidateSearchCache } from '../../directory/directory.cache.js';
import { finishInterruptedWork } from '../../listeners.js';
import { pendingFirmChanges, recordFirmChanges } from '../registry.service.js';
import * as repo from './import.repository.js';
import { failAbandonedImportRuns, importRegisterFiles } from './import.service.js';
import { createTempFiles, enhet, norwegianIds, resetRegistry } from './test-files.js';

/** What a killed import leaves: a committed batch with its change record, the directory never told. */
async function writeBatchWithoutAnnouncing(db: TestDatabase['db'], rows: Record<string, unknown>[]) {
  await db.transaction().execute(async (trx) => {
    const r = await repo.upsertFirms(trx, 'NO', 'brreg', 'nb', JSON.stringify(rows.map(firmInput)));
    await recordFirmChanges(trx, r.firmIds);
  });
}

const firmInput = (e: Record<string, unknown>) => ({
  national_id: e.organisasjonsnummer,
  name: e.navn,
  other_names: [],
  legal_form: 'AS',
  nace_code: null,
  nace_division: null,
  employees: 1,
  street: 'Kjerkgata 1',
  postcode: '7374',
  city: 'RØROS',
  municipality_code: '5025',
  postal_street: null,
  postal_postcode: null,
  postal_city: null,
  website: null,
  email: null,
  phone: null,
  activity: null,
  status: 'active',
  closed_on: null,
  registered_on: '2020-01-01',
});

for (const backend of await backendsUnderTest()) {
  describe(`interrupted imports on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    afterEach(async () => resetRegistry(database.db));
    const db = () => database.db;
    const search = async (q: string) => (await searchListings(db(), searchQuerySchema.parse({ q, per_page: '50' }), 'nb')).total;

    it('a batch committed by a run killed before the directory followed becomes searchable at the next start', async () => {
      const ids = norwegianIds(12, 31_000_000);
      await writeBatchWithoutAnnouncing(
        db(),
        ids.map((id, i) => ({ organisasjonsnummer: id, navn: `AVBRUTT ${i} AS` })),
      );
      assert.equal(await search('avbrutt'), 0, 'killed before the directory heard of them');
      assert.equal((await pendingFirmChanges(db())).firms, 12, 'the change record was committed with the batch');
      await finishInterruptedWork(db());
      assert.equal(await search('avbrutt'), 12);
      assert.equal((await pendingFirmChanges(db())).rows, 0, 'applied records are taken');
    });

    it('the next import run finishes what a killed run left, besides its own firms', async () => {
      const left = norwegianIds(5, 32_000_000);
      await writeBatchWithoutAnnouncing(
        db(),
        left.map((id, i) => ({ organisasjonsnummer: id, navn: `GJENSTAENDE ${i} AS` })),
      );
      const next = norwegianIds(3, 33_000_000);
      const s = await importRegisterFiles(db(), 'brreg', [
        files.json(
          'next.json',
          next.map((id, i) => enhet(id, { navn: `NESTE ${i} AS` })),
        ),
      ]);
      assert.equal(s.status, 'succeeded', s.error);
      assert.equal(await search('gjenstaende'), 5);
      assert.equal(await search('neste'), 3);
    });

    it('with many firms waiting the directory rebuilds once, and takes every record it covered', async () => {
      const ids = norwegianIds(20, 34_000_000);
      for (let i = 0; i < 4; i++)
        await writeBatchWithoutAnnouncing(
          db(),
          ids.slice(i * 5, i * 5 + 5).map((id, k) => ({ organisasjonsnummer: id, navn: `MANGE ${i * 5 + k} AS` })),
        );
      const r = await catchUpDirectory(db(), { rebuildAboveFirms: 10 });
      assert.equal(r.rebuilt, true);
      assert.equal(await search('mange'), 20);
      assert.equal((await pendingFirmChanges(db())).rows, 0);
    });

    it('`directory rebuild` repairs listings that went missing however it happened', async () => {
      const ids = norwegianIds(4, 35_000_000);
      await importRegisterFiles(db(), 'brreg', [
        files.json(
          'r.json',
          ids.map((id, i) => enhet(id, { navn: `REPARER ${i} AS` })),
        ),
      ]);
      assert.equal(await search('reparer'), 4);
      await sql`delete from directory_listings`.execute(db());
      invalidateSearchCache();
      assert.equal(await search('reparer'), 0);
      const r = await catchUpDirectory(db(), { rebuild: true });
      assert.equal(r.rebuilt, true);
      assert.equal(await search('reparer'), 4);
    });

    it('a run left "running" by a process that died is marked failed; a live one is left alone', async () => {
      const gone = spawnSync(process.execPath, ['-e', '0']).pid; // exited: its pid is free (reuse within the test is unlikely)
      const dead = await repo.insertRun(db(), { source: 'brreg', fileName: 'dead.json', options: {}, host: hostname(), pid: gone });
      const alive = await repo.insertRun(db(), { source: 'brreg', fileName: 'alive.json', options: {}, host: hostname(), pid: process.pid });
      const elsewhere = await repo.insertRun(db(), { source: 'brreg', fileName: 'other.json', options: {}, host: 'another-machine', pid: 1 });
      await sql`update import_runs set heartbeat_at = now() - interval '2 hours' where id = ${elsewhere}`.execute(db());
      assert.equal(await failAbandonedImportRuns(db()), 2);
      const runs = await db().selectFrom('import_runs').select(['id', 'status', 'error']).orderBy('id').execute();
      assert.deepEqual(
        runs.map((r) => [Number(r.id), r.status]),
        [
          [dead, 'failed'],
          [alive, 'running'],
          [elsewhere, 'failed'],
        ],
      );
      assert.match(runs[0].error ?? '', /stopped before the run finished/);
    });
  });
}
