import { after, afterEach, before, describe, it } from 'node:test';
import { searchListings } from '../../directory/directory.service.js';
import { searchQuerySchema } from '../../directory/directory.schemas.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { importRegisterFiles } from './import.service.js';
import { countRows, createTempFiles, enhet, norwegianIds, resetRegistry, rejectionText } from './test-files.js';

const samplePath = 'test/fixtures/registry/brreg_underenheter_sample.json';
const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as {
  organisasjonsnummer: string;
  overordnetEnhet: string;
  beliggenhetsadresse: { kommunenummer: string };
}[];

for (const backend of await backendsUnderTest()) {
  describe(`brreg import on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    afterEach(async () => resetRegistry(database.db));
    const db = () => database.db;

    it('imports all 40 underenheter of the real sample, with counts per municipality as in the file', async () => {
      const s = await importRegisterFiles(db(), 'brreg', [samplePath]);
      assert.equal(s.status, 'succeeded', s.error);
      assert.deepEqual([s.read, s.created, s.updated, s.rejected], [40, 40, 0, 0]);
      const expected = new Map<string, number>();
      for (const r of sample) expected.set(r.beliggenhetsadresse.kommunenummer, (expected.get(r.beliggenhetsadresse.kommunenummer) ?? 0) + 1);
      const rows = await db()
        .selectFrom('establishments')
        .select(['municipality_code', sql<number>`count(*)::int`.as('n')])
        .groupBy('municipality_code')
        .execute();
      assert.deepEqual(new Map(rows.map((r) => [r.municipality_code, r.n])), expected);
      const fadal = await db().selectFrom('establishments').selectAll().where('national_id', '=', '811553352').executeTakeFirstOrThrow();
      assert.equal(fadal.name, 'FÅDAL BYGG AS');
      assert.equal(fadal.nace_code, '41.000');
      assert.equal(fadal.nace_division, '41');
      assert.equal(fadal.employees, 6);
      assert.equal(fadal.street, 'Savalveien 159');
      assert.equal(fadal.parent_national_id, '999646956');
      assert.equal(fadal.firm_id, null, 'the parent is not imported yet');
      assert.equal(await countRows(db(), 'import_runs'), 1);
    });

    it('is idempotent: the same file twice creates and updates nothing the second time', async () => {
      await importRegisterFiles(db(), 'brreg', [samplePath]);
      const second = await importRegisterFiles(db(), 'brreg', [samplePath]);
      assert.deepEqual([second.read, second.created, second.updated, second.unchanged], [40, 0, 0, 40]);
    });

    it('links establishments to their parent firm, in either order of the files (plain and gzip)', async () => {
      const [, parentOfVy] = [sample[0].overordnetEnhet, sample[5].overordnetEnhet];
      const enheter = files.write('enheter.json.gz', JSON.stringify([enhet(sample[0].overordnetEnhet, { navn: 'FÅDAL BYGG AS' })]));
      // underenheter first: the establishment waits with its parent's number…
      const u = await importRegisterFiles(db(), 'brreg', [samplePath]);
      assert.equal(u.linked, 0);
      // …and is linked when the parent arrives.
      const e = await importRegisterFiles(db(), 'brreg', [enheter]);
      assert.equal(e.created, 1);
      assert.equal(e.linked, 1);
      const firm = await db().selectFrom('firms').select(['id', 'name']).where('national_id', '=', sample[0].overordnetEnhet).executeTakeFirstOrThrow();
      const est = await db().selectFrom('establishments').select('firm_id').where('national_id', '=', '811553352').executeTakeFirstOrThrow();
      assert.equal(est.firm_id, firm.id);
      // the other order: the parent exists, the establishment links on insert
      await resetRegistry(db());
      const vyParent = files.json('enheter.json', [enhet(parentOfVy, { navn: 'VY BUSS AS' })]);
      await importRegisterFiles(db(), 'brreg', [vyParent]);
      await importRegisterFiles(db(), 'brreg', [samplePath]);
      const vy = await db()
        .selectFrom('establishments as e')
        .innerJoin('firms as f', 'f.id', 'e.firm_id')
        .select(['f.name'])
        .where('e.national_id', '=', '812315722')
        .executeTakeFirstOrThrow();
      assert.equal(vy.name, 'VY BUSS AS');
    });

    it('maps an old municipality code to the current one', async () => {
      const [id] = norwegianIds(1);
      const path = files.json('old-code.json', [
        enhet(id, { forretningsadresse: { landkode: 'NO', postnummer: '7374', poststed: 'RØROS', adresse: ['Bergmannsgata 1'], kommunenummer: '1640' } }),
      ]);
      const s = await importRegisterFiles(db(), 'brreg', [path]);
      assert.equal(s.created, 1);
      const firm = await db().selectFrom('firms').selectAll().where('national_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(firm.municipality_code, '5025');
      assert.equal(firm.legal_form, 'AS');
      assert.equal(firm.status, 'active');
    });

    it('rejects a wrong check digit, an unknown municipality and a duplicate number, naming record and field', async () => {
      const [a, b, c] = norwegianIds(3);
      const wrong = a.slice(0, 8) + String((Number(a[8]) + 1) % 10);
      const path = files.json('bad.json', [
        enhet(a),
        enhet(wrong),
        enhet(b, { forretningsadresse: { landkode: 'NO', postnummer: '0001', poststed: 'X', adresse: [], kommunenummer: '9999' } }),
        enhet(a, { navn: 'SAME NUMBER AGAIN' }),
        enhet(c, { stiftelsesdato: '2023-02-30' }),
      ]);
      const s = await importRegisterFiles(db(), 'brreg', [path]);
      assert.equal(s.status, 'succeeded');
      assert.deepEqual([s.read, s.created, s.rejected], [5, 1, 4]);
      assert.deepEqual(
        s.rejections.map((r) => [r.line, r.field]),
        [
          [2, 'organisasjonsnummer'],
          [3, 'forretningsadresse.kommunenummer'],
          [4, 'organisasjonsnummer'],
          [5, 'stiftelsesdato'],
        ],
      );
      assert.match(rejectionText(s.rejections[0]), /wrong check digit/);
      assert.match(rejectionText(s.rejections[1]), /unknown municipality code 9999/);
      assert.match(rejectionText(s.rejections[2]), /duplicate number/);
      const run = await db().selectFrom('import_runs').selectAll().executeTakeFirstOrThrow();
      assert.equal(run.rejected_count, 4);
      assert.equal(run.rejections.length, 4);
    });

    it('stops with a clear message on an empty file, a truncated gzip, non-JSON and truncated JSON', async () => {
      const ids = norwegianIds(3000);
      const big = gzipSync(JSON.stringify(ids.map((id) => enhet(id))));
      const cases: [string, string | Buffer, RegExp][] = [
        ['empty.json', '', /is empty/],
        ['blank.json', '  \n', /contains no JSON/],
        ['truncated.json.gz', big.subarray(0, Math.floor(big.length / 2)), /gzip data ends too early.*truncated/],
        ['not-json.json', 'organisasjonsnummer;navn\n123;x\n', /is not valid JSON: it starts with "o"/],
        ['truncated.json', JSON.stringify([enhet(ids[0]), enhet(ids[1])]).slice(0, -40), /record 2 .*truncated/],
        ['object.json', JSON.stringify({ _embedded: { enheter: [] } }), /not a JSON array/],
      ];
      for (const [name, content, expected] of cases) {
        const path = files.write(name.replace(/\.gz$/, '.bin'), content); // the name must not decide: magic bytes do
        const s = await importRegisterFiles(db(), 'brreg', [path]);
        assert.equal(s.status, 'failed', name);
        assert.match(s.error ?? '', expected, `${name}: ${s.error}`);
      }
      const runs = await db().selectFrom('import_runs').select(['status', 'error']).execute();
      assert.ok(runs.every((r) => r.status === 'failed' && r.error));
      // a truncated gzip still leaves whole batches only: what was committed is a prefix of the file
      assert.ok((await countRows(db(), 'firms')) < 3000);
    });

    it('updates register facts in place and keeps what users wrote', async () => {
      const [id] = norwegianIds(1);
      await importRegisterFiles(db(), 'brreg', [files.json('v1.json', [enhet(id, { hjemmeside: 'www.example.no' })])]);
      await db()
        .updateTable('firms')
        .set({
          description: JSON.stringify({ nb: 'Vi baker brød hver morgen.' }),
          opening_hours: JSON.stringify({ weekly: [{ day: 1, opens: '08:00', closes: '16:00' }] }),
        })
        .where('national_id', '=', id)
        .execute();
      const moved = { landkode: 'NO', postnummer: '7372', poststed: 'GLÅMOS', adresse: ['Glåmosvegen 3'], kommunenummer: '5025' };
      const v2 = files.json('v2.json', [enhet(id, { navn: 'NYTT NAVN AS', antallAnsatte: 9, naeringskode1: { kode: '10.710' }, forretningsadresse: moved })]);
      const s = await importRegisterFiles(db(), 'brreg', [v2]);
      assert.deepEqual([s.created, s.updated], [0, 1]);
      const firm = await db().selectFrom('firms').selectAll().where('national_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(firm.name, 'NYTT NAVN AS');
      assert.equal(firm.employees, 9);
      assert.equal(firm.nace_division, '10');
      assert.equal(firm.street, 'Glåmosvegen 3');
      assert.deepEqual(firm.description, { nb: 'Vi baker brød hver morgen.' });
      assert.equal(firm.opening_hours?.weekly.length, 1);
      assert.equal(firm.website, 'www.example.no', 'a website the register no longer gives is kept');
      const again = await importRegisterFiles(db(), 'brreg', [v2]);
      assert.equal(again.updated, 0);
    });

    it('brings the directory up to date also when a large run switches to one rebuild at the end', async () => {
      const ids = norwegianIds(30);
      const s = await importRegisterFiles(
        db(),
        'brreg',
        [
          files.json(
            'many.json',
            ids.map((id, i) => enhet(id, { navn: `STORIMPORT ${i} AS` })),
          ),
        ],
        { batchSize: 5, incrementalSyncLimit: 10 },
      );
      assert.equal(s.created, 30);
      assert.ok(s.directorySeconds >= 0);
      const found = await searchListings(db(), searchQuerySchema.parse({ q: 'storimport', per_page: '50' }), 'nb');
      assert.equal(found.total, 30, 'every imported firm is in the directory after the run');
    });

    it("keeps contact details the firm's people edited when the register says otherwise", async () => {
      const [id] = norwegianIds(1);
      await importRegisterFiles(db(), 'brreg', [files.json('c1.json', [enhet(id, { hjemmeside: 'www.old-site.no' })])]);
      await db().updateTable('firms').set({ website: 'https://www.new-shop.no' }).where('national_id', '=', id).execute();
      const s = await importRegisterFiles(db(), 'brreg', [files.json('c2.json', [enhet(id, { hjemmeside: 'www.old-site.no', navn: 'RENAMED AS' })])]);
      assert.equal(s.updated, 1);
      const firm = await db().selectFrom('firms').select(['name', 'website']).where('national_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(firm.name, 'RENAMED AS');
      assert.equal(firm.website, 'https://www.new-shop.no');
    });

    it('marks firms the register gives as bankrupt, wound up or deleted as closed, with the date', async () => {
      const [a, b, c, d] = norwegianIds(4);
      await importRegisterFiles(db(), 'brreg', [files.json('v1.json', [enhet(a), enhet(b), enhet(c), enhet(d)])]);
      const v2 = files.json('v2.json', [
        enhet(a, { konkurs: true, konkursdato: '2024-03-01' }),
        enhet(b, { underAvvikling: true, underAvviklingDato: '2024-05-02' }),
        enhet(c, { slettedato: '2024-06-30' }),
        enhet(d, { underTvangsavviklingEllerTvangsopplosning: true }),
      ]);
      const s = await importRegisterFiles(db(), 'brreg', [v2]);
      assert.deepEqual([s.updated, s.closed], [4, 4]);
      const rows = await db()
        .selectFrom('firms')
        .select(['national_id', 'status', sql<string>`closed_on::text`.as('closed_on')])
        .orderBy('national_id')
        .execute();
      assert.deepEqual(rows.map((r) => [r.status, r.closed_on]).slice(0, 3), [
        ['closed', '2024-03-01'],
        ['closed', '2024-05-02'],
        ['closed', '2024-06-30'],
      ]);
      assert.equal(rows[3].status, 'closed');
      assert.ok(rows[3].closed_on, 'a closed firm without a date gets the day of the import');
      const again = await importRegisterFiles(db(), 'brreg', [v2]);
      assert.deepEqual([again.updated, again.closed], [0, 0]);
      // a closed establishment (nedleggelsesdato)
      const u = files.json('u.json', [{ ...sample[0], nedleggelsesdato: '2024-01-31' }]);
      const su = await importRegisterFiles(db(), 'brreg', [u]);
      assert.equal(su.closed, 1);
    });

    it('keeps only the municipalities or the county asked for', async () => {
      const one = await importRegisterFiles(db(), 'brreg', [samplePath], { onlyMunicipalities: ['5025'] });
      assert.deepEqual([one.created, one.skipped], [4, 36]);
      await resetRegistry(db());
      const county = await importRegisterFiles(db(), 'brreg', [samplePath], { onlyCounty: '50' });
      const inCounty = sample.filter((r) => r.beliggenhetsadresse.kommunenummer.startsWith('50')).length;
      assert.deepEqual([county.created, county.skipped], [inCounty, 40 - inCounty]);
      const old = await importRegisterFiles(db(), 'brreg', [samplePath], { onlyMunicipalities: ['1640'] }); // an old code means its successor
      assert.deepEqual([old.status, old.skipped], ['succeeded', 36]);
      const bad = await importRegisterFiles(db(), 'brreg', [samplePath], { onlyMunicipalities: ['9999'] });
      assert.equal(bad.status, 'failed');
      assert.match(bad.error ?? '', /only-municipalities/);
    });

    it('writes nothing on a dry run', async () => {
      const s = await importRegisterFiles(db(), 'brreg', [samplePath], { dryRun: true });
      assert.equal(s.status, 'succeeded');
      assert.deepEqual([s.read, s.created, s.rejected, s.runId], [40, 0, 0, null]);
      assert.equal(await countRows(db(), 'establishments'), 0);
      assert.equal(await countRows(db(), 'import_runs'), 0);
    });

    it('with --strict stops at the first bad record, and nothing of the failing batch is written', async () => {
      const ids = norwegianIds(5);
      const path = files.json('strict.json', [enhet(ids[0]), enhet(ids[1]), enhet(ids[2]), enhet(ids[3], { navn: '' }), enhet(ids[4])]);
      const s = await importRegisterFiles(db(), 'brreg', [path], { strict: true, batchSize: 2 });
      assert.equal(s.status, 'failed');
      assert.match(s.error ?? '', /record 4: navn: is required/);
      const stored = (await db().selectFrom('firms').select('national_id').orderBy('national_id').execute()).map((r) => r.national_id);
      assert.deepEqual(stored, [ids[0], ids[1]], 'batch 1 committed; batch 2 (records 3–4) not written');
      const run = await db().selectFrom('import_runs').selectAll().executeTakeFirstOrThrow();
      assert.equal(run.status, 'failed');
      assert.deepEqual([run.read_count, run.created_count, run.rejected_count], [4, 2, 1], 'the log counts up to the stop');
    });

    it('gives the same result when the records are parsed in a worker thread (big files), also when it fails', async () => {
      const ids = norwegianIds(2500);
      const path = files.write('many.json.gz', JSON.stringify(ids.map((id, i) => enhet(id, i === 7 ? { navn: '' } : {}))));
      const s = await importRegisterFiles(db(), 'brreg', [path], { worker: 'always', batchSize: 1000 });
      assert.equal(s.status, 'succeeded', s.error);
      assert.deepEqual([s.read, s.created, s.rejected], [2500, 2499, 1]);
      assert.deepEqual([s.rejections[0].line, s.rejections[0].field], [8, 'navn']);
      assert.equal(await countRows(db(), 'firms'), 2499);
      const again = await importRegisterFiles(db(), 'brreg', [path], { worker: 'always', batchSize: 1000 });
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2499]);
      await resetRegistry(db());
      const strict = await importRegisterFiles(db(), 'brreg', [path], { worker: 'always', batchSize: 5, strict: true });
      assert.equal(strict.status, 'failed');
      assert.match(strict.error ?? '', /record 8: navn/);
      assert.equal(await countRows(db(), 'firms'), 5, 'the first batch only');
      await resetRegistry(db());
      const whole = readFileSync(path);
      const cut = await importRegisterFiles(db(), 'brreg', [files.write('cut.bin', whole.subarray(0, whole.length - 200))], {
        worker: 'always',
        batchSize: 1000,
      });
      assert.equal(cut.status, 'failed');
      assert.match(cut.error ?? '', /truncated/);
      assert.equal((await countRows(db(), 'firms')) % 1000, 0, 'whole batches only');
    });
  });
}
