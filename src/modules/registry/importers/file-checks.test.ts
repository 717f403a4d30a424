import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { bolagsverketHeader } from './bolagsverket.js';
import { importRegisterFiles } from './import.service.js';
import { countRows, createTempFiles, enhet, norwegianIds, resetRegistry } from './test-files.js';

const prhSample = readFileSync('test/fixtures/registry/prh_ytj_v3_companies_sample.json');
const brregSample = readFileSync('test/fixtures/registry/brreg_underenheter_sample.json');
const bolagsverketFile = `${bolagsverketHeader.join(';')}\n${bolagsverketHeader.map((h) => (h === 'organisationsnamn' ? '"Västerås Bageri AB$FORETAGSNAMN-ORGNAM"' : '""')).join(';')}\n`;

for (const backend of await backendsUnderTest()) {
  describe(`import file checks on ${backend}`, () => {
    let database: TestDatabase;
    const files = createTempFiles();
    before(async () => (database = await createTestDatabase(backend)));
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });
    afterEach(async () => resetRegistry(database.db));
    const db = () => database.db;
    const replacementChars = async () => (await sql<{ n: number }>`select count(*)::int as n from firms where name like ${'%\uFFFD%'}`.execute(db())).rows[0].n;

    const brregText = () => JSON.stringify(norwegianIds(3, 39_000_000).map((id) => enhet(id, { navn: 'RØROS BAKERI OG KONDITORI AS' })));

    it('refuses Latin-1 and UTF-16 files as "not UTF-8", naming the encoding, and writes nothing', async () => {
      const cases: [string, Buffer, RegExp][] = [
        ['latin1.json', Buffer.from(brregText(), 'latin1'), /is not UTF-8 text: it looks like (ISO-8859-1|windows-1252)/],
        ['latin1.json.gz', Buffer.from(brregText(), 'latin1'), /is not UTF-8 text: it looks like (ISO-8859-1|windows-1252)/],
        ['utf16-bom.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(brregText(), 'utf16le')]), /it looks like UTF-16LE \(byte-order mark\)/],
        ['utf16.json', Buffer.from(brregText(), 'utf16le'), /it looks like UTF-16LE \(a NUL byte after each ASCII character\)/],
        ['utf16be.json', Buffer.from(brregText(), 'utf16le').swap16(), /it looks like UTF-16BE/],
      ];
      for (const [name, bytes, expected] of cases) {
        const s = await importRegisterFiles(db(), 'brreg', [files.write(name, bytes)]);
        assert.equal(s.status, 'failed', name);
        assert.match(s.error ?? '', expected, name);
        assert.match(s.error ?? '', new RegExp(`^\\d+-${name.replace(/\./g, '\\.')}: `), 'the file is named');
      }
      const sv = await importRegisterFiles(db(), 'bolagsverket', [files.write('se.txt', Buffer.from(bolagsverketFile, 'latin1'))]);
      assert.match(sv.error ?? '', /is not UTF-8 text: it looks like (ISO-8859-1|windows-1252)/);
      assert.equal(await countRows(db(), 'firms'), 0);
    });

    it('stops at a Latin-1 byte deep in a file instead of importing U+FFFD, naming the byte', async () => {
      const ids = norwegianIds(400, 40_000_000);
      const good = ids.slice(0, 399).map((id) => JSON.stringify(enhet(id, { navn: `GOD ${id} AS`, aktivitet: ['x'.repeat(300)] })));
      const head = Buffer.from(`[${good.join(',')},`);
      assert.ok(head.length > 64 * 1024, 'past the start that is checked before the run');
      const bad = Buffer.from(`${JSON.stringify(enhet(ids[399], { navn: 'BLÅBÆR AS' }))}]`, 'latin1');
      const s = await importRegisterFiles(db(), 'brreg', [files.write('late.json', Buffer.concat([head, bad]))], { batchSize: 100 });
      assert.equal(s.status, 'failed');
      assert.match(s.error ?? '', /is not UTF-8 text: it looks like .* \(the first byte that is not UTF-8 is byte \d+\)/);
      assert.equal(await replacementChars(), 0);
    });

    it('refuses a file of another register at its first record, naming the right command', async () => {
      const cases: [Parameters<typeof importRegisterFiles>[1], Buffer, RegExp][] = [
        ['brreg', prhSample, /is a file of PRH\/YTJ, not of Enhetsregisteret \(Brønnøysund\) — import it with `lokalkraft import prh`/],
        ['prh', Buffer.from(bolagsverketFile), /is a file of Bolagsverket, not of PRH\/YTJ — import it with `lokalkraft import bolagsverket`/],
        ['prh', brregSample, /is a file of Enhetsregisteret \(Brønnøysund\), not of PRH\/YTJ — import it with `lokalkraft import brreg`/],
        ['bolagsverket', brregSample, /import it with `lokalkraft import brreg`/],
      ];
      for (const [source, bytes, expected] of cases) {
        const s = await importRegisterFiles(db(), source, [files.write('other.json.gz', bytes)]);
        assert.equal(s.status, 'failed', source);
        assert.match(s.error ?? '', expected, source);
        assert.equal(s.read, 0, 'refused before any record is read');
      }
      assert.equal((await countRows(db(), 'firms')) + (await countRows(db(), 'establishments')), 0);
    });
  });
}
