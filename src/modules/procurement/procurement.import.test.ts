import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { insertFirm } from '../../../test/support/network-fixtures.js';
import { importNoticeFile, importNoticeSource } from './procurement.import.js';
import { NoticeFormatError } from './procurement.notice.js';
import { firmContext, openMatchesForFirm, runMatching } from './procurement.matching.js';
import { loadPlaceIndex, type PlaceIndex } from './procurement.places.js';
import * as repo from './procurement.repository.js';

const dir = join(process.cwd(), 'test', 'fixtures', 'procurement');
const samples = readdirSync(dir).filter((f) => /\.(xml|json)$/.test(f));
const text = (f: string) => readFileSync(join(dir, f), 'utf8');
async function* chunksOf(s: string, size = 777) {
  for (let i = 0; i < s.length; i += size) yield s.slice(i, i + size);
}

for (const backend of await backendsUnderTest()) {
  describe(`procurement import on ${backend}`, () => {
    let database: TestDatabase;
    let places: PlaceIndex;
    before(async () => {
      database = await createTestDatabase(backend);
      places = await loadPlaceIndex(database.db);
    });
    after(async () => database?.destroy());

    it('imports every real sample (contract, prior-information, award notices; eForms and OCDS), each kept with its fields', async () => {
      for (const f of samples) {
        const s = await importNoticeFile(database.db, join(dir, f), { places });
        assert.equal(s.notices, 1, f);
        assert.equal(s.inserted, 1, f);
      }
      // Every notice type in the samples, as read.
      const kinds = await database.db
        .selectFrom('procurement_notices')
        .select(['source', 'notice_number', 'kind', 'notice_type'])
        .orderBy('notice_number')
        .orderBy('source', 'desc')
        .execute();
      assert.deepEqual(
        kinds.map((k) => `${k.source} ${k.notice_number} ${k.kind} ${k.notice_type}`),
        [
          'eforms 2022-366668 competition pin-cfc-standard',
          'ocds 2022-927623 result award,contract',
          'eforms 2022-902600 competition cn-social',
          'eforms 2022-960991 result can-standard',
          'ocds 2023-307227 planning tender',
          'eforms 2023-307227 planning pin-only',
          'ocds 2023-664435 competition tender',
          'ocds 2023-665410 competition tender',
          'ocds 2248a00d-a0d9-4eee-8db1-d209e7346f13 competition tender',
          'eforms 74f9d169-452b-4a99-b8d2-f54c3c71e163 competition pin-cfc-standard',
        ].sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!)),
      );
      const cn = await repo.findNoticeByKey(database.db, 'eforms', '2022-902600');
      assert.ok(cn);
      assert.equal(cn.kind, 'competition');
      assert.equal(cn.notice_type, 'cn-social');
      assert.equal(cn.buyer_national_id, '921707134');
      assert.equal(cn.cpv_main, '85130000');
      assert.deepEqual(cn.activity_divisions, ['75', '86', '87', '88']);
      assert.equal(cn.estimated_minor, 3_200_000_000);
      assert.equal(cn.currency, 'NOK');
      // "Agder" as the place of performance → the county of Agder.
      assert.deepEqual(cn.county_keys, ['NO:42']);
      assert.equal(new Date(cn.deadline!).toISOString(), '2022-11-24T22:00:00.000Z');
      assert.match(cn.links[0]!, /eu-supply\.com/);

      const pin = await repo.findNoticeByKey(database.db, 'eforms', '2023-307227');
      assert.equal(pin!.kind, 'planning');
      assert.equal(pin!.lots.length, 10);
      // NUTS 2 NO08 (Oslo og Viken) → Oslo, Østfold, Akershus, Buskerud.
      assert.deepEqual(pin!.county_keys, ['NO:03', 'NO:31', 'NO:32', 'NO:33']);

      const can = await repo.findNoticeByKey(database.db, 'eforms', '2022-960991');
      assert.equal(can!.kind, 'result');
      assert.deepEqual(can!.awards, [
        { lotId: 'LOT-0000', winnerName: 'Everbridge Norway AS', winnerNationalId: '980400255', valueMinor: 4_200_000_000, currency: 'NOK' },
      ]);
      assert.equal(can!.award_total_minor, 4_200_000_000);

      const ocdsAward = await repo.findNoticeByKey(database.db, 'ocds', 'ocds-abcd1234-a891e664-6f0a-49e0-a2cf-0c0ff729ca1f');
      assert.equal(ocdsAward!.kind, 'result');
      assert.deepEqual(
        ocdsAward!.awards.map((a) => a.winnerNationalId),
        ['943184097', '920144950'],
      );
      // "OSLO" and "Bodø" as delivery addresses → the municipalities and their counties.
      assert.deepEqual(ocdsAward!.municipality_keys, ['NO:0301', 'NO:1804']);

      const road = await repo.findNoticeByKey(database.db, 'ocds', 'ocds-abcd1234-541af86c-378c-4cd5-858c-f48a937002fa');
      assert.equal(road!.cpv_main, '45000000');
      assert.deepEqual(road!.activity_divisions, ['41', '42', '43']);
      assert.deepEqual(road!.county_keys, ['NO:42']);
      assert.equal(new Date(road!.deadline!).toISOString(), '2023-11-13T23:30:00.000Z');
    });

    it('a changed notice updates the first (eForms version 02, OCDS later release); an older version changes nothing', async () => {
      const v2 = text('ContractNotice_cn-social_2022-902600.xml')
        .replace('<cbc:VersionID>01</cbc:VersionID>', '<cbc:VersionID>02</cbc:VersionID>')
        .replace(/Rammeavtaler – spesialisttjenester tannhelse/g, 'Rammeavtaler – tannhelse (endret)');
      const s = await importNoticeSource(database.db, 'changed.xml', chunksOf(v2), { places });
      assert.deepEqual({ inserted: s.inserted, updated: s.updated }, { inserted: 0, updated: 1 });
      const old = await importNoticeSource(database.db, 'old.xml', chunksOf(text('ContractNotice_cn-social_2022-902600.xml')), { places });
      assert.deepEqual({ inserted: old.inserted, updated: old.updated, unchanged: old.unchanged }, { inserted: 0, updated: 0, unchanged: 1 });
      const row = await repo.findNoticeByKey(database.db, 'eforms', '2022-902600');
      assert.equal(row!.title, 'Rammeavtaler – tannhelse (endret)');

      // A change notice: its own id, version 01, a later issue date, naming the notice it changes.
      const change = text('ContractNotice_cn-social_2022-902600.xml')
        .replace('<cbc:ID schemeName="notice-id">2022-902600</cbc:ID>', '<cbc:ID schemeName="notice-id">c0ffee00-change</cbc:ID>')
        .replace('<cbc:IssueDate>2022-11-09+02:00</cbc:IssueDate>', '<cbc:IssueDate>2022-11-15+02:00</cbc:IssueDate>')
        .replace(
          '<efac:Publication>',
          '<efac:Changes><efbc:ChangedNoticeIdentifier>2022-902600</efbc:ChangedNoticeIdentifier></efac:Changes><efac:Publication>',
        )
        .replace(/Rammeavtaler – spesialisttjenester tannhelse/g, 'Rammeavtaler – tannhelse (endring 2)');
      const c = await importNoticeSource(database.db, 'change.xml', chunksOf(change), { places });
      assert.deepEqual({ inserted: c.inserted, updated: c.updated }, { inserted: 0, updated: 1 });
      const changed = await repo.findNoticeByKey(database.db, 'eforms', '2022-902600');
      assert.equal(changed!.title, 'Rammeavtaler – tannhelse (endring 2)');
      assert.equal(changed!.kind, 'competition');
      assert.equal(changed!.notice_number, 'c0ffee00-change');

      // An OCDS release package holding a later release of the same ocid (a tenderUpdate).
      const release = JSON.parse(text('ContractNotice_cn-desg_2023-665410_release_0.json'));
      const update = {
        ...release,
        id: '2023-665410-2',
        date: '2023-04-10T12:00:00+02:00',
        tag: ['tenderUpdate'],
        tender: { ...release.tender, title: 'Europan 17 Larvik (forlenget)' },
      };
      const pkg = JSON.stringify({ uri: 'x', publishedDate: '2023-04-10T12:00:00+02:00', releases: [update] });
      const p = await importNoticeSource(database.db, 'package.json', chunksOf(pkg, 50), { places });
      assert.equal(p.updated, 1);
      const ocds = await repo.findNoticeByKey(database.db, 'ocds', release.ocid);
      assert.equal(ocds!.title, 'Europan 17 Larvik (forlenget)');
      assert.equal(ocds!.kind, 'change');
      const { n } = await repo.countNotices(database.db);
      assert.ok(Number(n) >= samples.length);
    });

    it('reads record packages and award-only releases (no tender title), and eForms without a type code', async () => {
      const award = JSON.parse(text('ContractAwardNotice_can-social_2022-927623_release_0.json'));
      const awardOnly = {
        ...award,
        ocid: 'ocds-award-only',
        tender: undefined,
        awards: [{ ...award.awards[0], value: { amount: 1250000.5, currency: 'NOK' } }],
      };
      const records = JSON.stringify({ records: [{ ocid: 'ocds-award-only', compiledRelease: awardOnly }] });
      const s = await importNoticeSource(database.db, 'records.json', chunksOf(records), { places });
      assert.equal(s.inserted, 1);
      const row = await repo.findNoticeByKey(database.db, 'ocds', 'ocds-award-only');
      assert.equal(row!.title, 'Rammeavtale vakt- og sikkerhetstjenester Delkontrakt 1');
      assert.equal(row!.award_total_minor, 125_000_050);
      const noType = text('PriorInformationNotice_pin-cfc-standard_2022-366668.xml')
        .replace(/<cbc:NoticeTypeCode[^>]*>[^<]*<\/cbc:NoticeTypeCode>/, '')
        .replace(/2022-366668/g, 'pin-no-type');
      await importNoticeSource(database.db, 'notype.xml', chunksOf(noType), { places });
      assert.equal((await repo.findNoticeByKey(database.db, 'eforms', 'pin-no-type'))!.kind, 'planning');
    });

    it('malformed XML and JSON name the file, the notice and the element; nothing of the file is kept', async () => {
      const broken = text('ContractAwardNotice_can-standard_2022-960991.xml').replace('</cbc:Name>', '</cbc:Nam>');
      await assert.rejects(importNoticeSource(database.db, 'broken.xml', chunksOf(broken), { places }), (err: unknown) => {
        assert.ok(err instanceof NoticeFormatError);
        assert.equal(err.file, 'broken.xml');
        assert.equal(err.notice, null); // the id comes after the first organisation name
        assert.match(err.element, /efac:Organization\/efac:Company\/cac:PartyName/);
        assert.match(err.message, /broken\.xml:\d+: .*malformed XML/);
        return true;
      });
      const lateBreak = text('ContractNotice_cn-social_2022-902600.xml').replace('<cac:RequestedTenderTotal>', '<cac:RequestedTenderTotal><oops>');
      await assert.rejects(importNoticeSource(database.db, 'late.xml', chunksOf(lateBreak), { places }), (err: NoticeFormatError) => {
        assert.equal(err.notice, '2022-902600');
        assert.match(err.element, /^ContractNotice\/cac:ProcurementProject\/cac:RequestedTenderTotal/);
        assert.match(err.problem, /malformed XML: unexpected close tag/);
        return true;
      });
      const badDate = text('ContractNotice_cn-social_2022-902600.xml').replace(
        '<cbc:EndDate>2022-11-25+02:00</cbc:EndDate>\n            <cbc:EndTime>',
        '<cbc:EndDate>25.11.2022</cbc:EndDate>\n            <cbc:EndTime>',
      );
      await assert.rejects(importNoticeSource(database.db, 'date.xml', chunksOf(badDate), { places }), (err: NoticeFormatError) => {
        assert.equal(err.notice, '2022-902600');
        assert.match(err.element, /TenderSubmissionDeadlinePeriod\/cbc:EndDate/);
        assert.match(err.problem, /25\.11\.2022/);
        return true;
      });
      const good = JSON.parse(text('ContractNotice_cn-desg_2023-665410_release_0.json'));
      const pkg = `{"releases":[${JSON.stringify({ ...good, ocid: 'ocds-new-1' })},${JSON.stringify({ ...good, ocid: 'ocds-bad-2', tag: 'tender' })}]}`;
      await assert.rejects(importNoticeSource(database.db, 'pkg.json', chunksOf(pkg), { places }), (err: NoticeFormatError) => {
        assert.equal(err.file, 'pkg.json');
        assert.equal(err.notice, 'ocds-bad-2');
        assert.equal(err.element, 'tag');
        return true;
      });
      // The first (good) release of the refused package was not kept.
      assert.equal(await repo.findNoticeByKey(database.db, 'ocds', 'ocds-new-1'), undefined);
      await assert.rejects(importNoticeSource(database.db, 'cut.json', chunksOf(pkg.slice(0, 3000)), { places }), (err: NoticeFormatError) => {
        assert.equal(err.notice, 'ocds-new-1');
        assert.match(err.message, /cut\.json: notice ocds-new-1, element releases\[0\], after "\w+": malformed JSON/);
        return true;
      });
      await assert.rejects(importNoticeSource(database.db, 'junk.json', chunksOf('{"releases": [ {"ocid": } ]}'), { places }), /junk\.json: .*malformed JSON/);
      await assert.rejects(importNoticeSource(database.db, 'text.txt', chunksOf('hello'), { places }), /neither XML \(eForms\) nor JSON/);
    });

    it('matches a construction firm to an open road-works notice in its county, saying why; counts local firms', async () => {
      // Lillesand (4215, Agder) builder; a Røros shop (47) in another county.
      const builder = await insertFirm(database.db, { name: 'Høvåg Bygg AS', municipality: '4215' });
      await database.db.updateTable('firms').set({ nace_code: '43.120', nace_division: '43' }).where('id', '=', builder).execute();
      await insertFirm(database.db, { name: 'Røros Butikk', municipality: '5025' });
      const now = new Date('2023-11-01T12:00:00Z');
      const ctx = (await firmContext(database.db, builder, places))!;
      const matches = await openMatchesForFirm(database.db, ctx, places, now);
      assert.deepEqual(
        matches.map((m) => m.notice.notice_number),
        ['2248a00d-a0d9-4eee-8db1-d209e7346f13'],
      );
      assert.deepEqual(matches[0]!.reasons, [
        { kind: 'activity', nace: '43', cpv: '45000000' },
        { kind: 'county', key: 'NO:42', name: 'Agder' },
      ]);
      // After the deadline the notice is no longer open.
      assert.equal((await openMatchesForFirm(database.db, ctx, places, new Date('2023-11-14T00:00:00Z'))).length, 0);
      const run = await runMatching(database.db, now, { places });
      assert.ok(run.notices >= 1);
      const road = await repo.findNoticeByKey(database.db, 'ocds', 'ocds-abcd1234-541af86c-378c-4cd5-858c-f48a937002fa');
      assert.equal(road!.local_firm_count, 1);
    });
  });
}
