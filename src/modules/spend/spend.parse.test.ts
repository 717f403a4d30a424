import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile, guessDateFormat, guessDecimalSeparator } from './spend.engine.js';
import { stageLedgerFile } from './spend.files.js';
import { csv, layouts, xlsx } from './spend.fixtures.js';
import { looksPrivate, nameSimilarity, normaliseName, parseSupplierId } from './spend.ids.js';
import { guessMapping, missingFields } from './spend.mapping.js';

describe('spend: supplier ids', () => {
  it('normalises the Nordic firm-number forms', () => {
    assert.deepEqual(parseSupplierId('NO 974 760 673 MVA', 'NO'), { kind: 'firm', country: 'NO', nationalId: '974760673' });
    assert.deepEqual(parseSupplierId('974760673', 'FI'), { kind: 'firm', country: 'NO', nationalId: '974760673' });
    assert.deepEqual(parseSupplierId('FI01120389', 'FI'), { kind: 'firm', country: 'FI', nationalId: '0112038-9' });
    assert.deepEqual(parseSupplierId('0112038-9', 'FI'), { kind: 'firm', country: 'FI', nationalId: '0112038-9' });
    assert.deepEqual(parseSupplierId('556036-0793', 'SE'), { kind: 'firm', country: 'SE', nationalId: '5560360793' });
    assert.deepEqual(parseSupplierId('SE556036079301', 'FI'), { kind: 'firm', country: 'SE', nationalId: '5560360793' });
    assert.equal(parseSupplierId('DE811569869', 'FI').kind, 'foreign');
    assert.equal(parseSupplierId('10234', 'FI').kind, 'internal');
    assert.equal(parseSupplierId('', 'FI').kind, 'none');
  });
  it('never takes an IBAN or a personal identity number for a firm id', () => {
    assert.equal(parseSupplierId('FI21 1234 5600 0007 85', 'FI').kind, 'iban');
    assert.equal(parseSupplierId('NO9386011117947', 'NO').kind, 'iban');
    assert.equal(parseSupplierId('SE4550000000058398257466', 'SE').kind, 'iban');
    assert.equal(parseSupplierId('131052-308T', 'FI').kind, 'person');
    assert.equal(parseSupplierId('811228-9874', 'SE').kind, 'person');
    assert.equal(parseSupplierId('198112289874', 'SE').kind, 'person');
    assert.equal(parseSupplierId('01010112345', 'NO').kind, 'internal'); // 11 digits, wrong check digits: not a person, not a firm
    assert.equal(parseSupplierId('15076500565', 'NO').kind, 'person');
  });
  it('recognises anonymised rows and compares names without legal forms', () => {
    assert.ok(looksPrivate('Anonymisoitu'));
    assert.ok(looksPrivate('Yksityishenkilö'));
    assert.ok(looksPrivate('Privatperson'));
    assert.ok(!looksPrivate('Personalhuset AB'));
    assert.equal(normaliseName('Kemijärven Rakennus Oy'), 'kemijärven rakennus');
    assert.equal(normaliseName('Rörläggar-Nisse AB'), normaliseName('RÖRLÄGGAR NISSE aktiebolag'));
    assert.ok(nameSimilarity('savukosken sähkö', 'savukosken sähköasennus') > 0.5);
    assert.ok(nameSimilarity('savukosken sähkö', 'savukosken sähköasennus') < 0.95);
  });
});

describe('spend: layouts, encodings, line endings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'spend-parse-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const stage = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const staged = await stageLedgerFile(path, dir);
    const { mapping, sources } = guessMapping(staged.headers, new Map());
    const amountCol = mapping.amount_net ?? mapping.amount_gross!;
    const decimal = guessDecimalSeparator(staged.samples.map((r) => r[amountCol] ?? ''));
    const dateFormat = guessDateFormat(staged.samples.map((r) => r[mapping.date!] ?? ''));
    return { staged, mapping, sources, check: await checkFile({ staged, mapping, decimal, dateFormat }) };
  };

  it('Kuntaliitto 2021: UTF-8 with BOM, CRLF, semicolons, "1 234,50"', async () => {
    const r = await stage(
      'q1.csv',
      csv(
        layouts.kuntaliitto2021,
        [
          ['15.1.2024', '0112038-9', 'Kemijärven Rakennus Oy', 'Rakentamispalvelut', 'Kadut ja tiet', '1 234,50', '1 549,30'],
          ['2.2.2024', '0112038-9', 'Kemijärven Rakennus Oy', 'Rakentamispalvelut', 'Kadut ja tiet', '-12,00', '-15,06'],
        ],
        { bom: true },
      ),
    );
    assert.equal(r.staged.encoding, 'utf-8-bom');
    assert.equal(r.staged.lineEnding, 'CRLF');
    assert.equal(r.staged.headers[0], 'Tositepäivämäärä');
    assert.deepEqual(missingFields(r.mapping), []);
    assert.equal(r.mapping.amount_net, 5);
    assert.equal(r.mapping.amount_gross, 6);
    assert.equal(r.check.rows, 2);
    assert.equal(r.check.totalMinor, 123450 - 1200);
    assert.equal(r.check.from, '2024-01-15');
  });

  it('the 2015 headers with a typo, Windows-1252 and LF', async () => {
    const r = await stage(
      'q2.csv',
      csv(layouts.kuntaliitto2015drift, [['10.04.2024', '0112038-9', 'Sallan Leipomo Oy', '4800', 'Elintarvikkeet – leipä', '1.000,00']], {
        encoding: 'windows-1252',
        eol: '\n',
      }),
    );
    assert.equal(r.staged.encoding, 'windows-1252');
    assert.equal(r.staged.lineEnding, 'LF');
    assert.equal(r.mapping.supplier_id, 1);
    assert.equal(r.sources.supplier_id, 'similar');
    assert.equal(r.mapping.supplier_name, 2);
    assert.equal(r.check.totalMinor, 100000);
    assert.equal(r.check.first[0]?.account, '4800 Elintarvikkeet – leipä');
  });

  it('tutkihankintoja export as gzipped XLSX (dates and numbers as cells)', async () => {
    const r = await stage(
      'q3.xlsx.gz',
      await xlsx(
        layouts.tutkihankintoja,
        [
          [2024, 'Valtiokonttori', 'Savukosken Sähkö', '', 'FI', 'Sähkötyöt', '4340', new Date(Date.UTC(2024, 6, 3)), 600],
          [2024, 'Valtiokonttori', 'Ruotsin Tukku AB', 'SE556036079301', 'SE', 'Tarvikkeet', '4900', new Date(Date.UTC(2024, 7, 1)), 700.5],
        ],
        { gzip: true },
      ),
    );
    assert.equal(r.staged.format, 'xlsx');
    assert.equal(r.staged.gzip, false);
    assert.equal(r.mapping.amount_gross, 8);
    assert.equal(r.mapping.category, 5);
    assert.equal(r.check.totalMinor, 60000 + 70050);
    assert.equal(r.check.from, '2024-07-03');
  });

  it('Swedish leverantörsreskontra: commas, decimal point, Windows-1252, net amount preferred', async () => {
    const r = await stage(
      'se.csv',
      csv(layouts.leverantorsreskontra, [['2422', '2024-03-31', 'Sorsele Bygg & Måleri AB', '556036-0793', '4010', 'Byggtjänster', '1250.00', '1000.00']], {
        delimiter: ',',
        encoding: 'windows-1252',
      }),
    );
    assert.equal(r.staged.delimiter, ',');
    assert.equal(r.mapping.amount_net, 7);
    assert.equal(r.mapping.buyer, 0);
    assert.equal(r.check.totalMinor, 100000);
  });

  it('Norwegian KOSTRA-style: a bare CR between lines, tabs, "1.234,50"', async () => {
    const r = await stage(
      'no.csv',
      csv(layouts.kostra, [['31.01.2024', 'NO 974 760 673 MVA', 'Røros Bakeri AS', '1115', '2220', '1.234,50']], {
        delimiter: '\t',
        eol: '\r',
        encoding: 'windows-1252',
      }),
    );
    assert.equal(r.staged.lineEnding, 'CR');
    assert.equal(r.staged.delimiter, '\t');
    assert.equal(r.mapping.supplier_id, 1);
    assert.equal(r.mapping.account, 3);
    assert.equal(r.mapping.category, 4);
    assert.equal(r.check.totalMinor, 123450);
  });

  it('names bad lines by line and column, with what was found', async () => {
    const r = await stage(
      'bad.csv',
      csv(layouts.kuntaliitto2021, [
        ['15.1.2024', '0112038-9', 'A Oy', 'X', 'Y', '10,00', ''],
        ['31.2.2024', '0112038-9', 'A Oy', 'X', 'Y', '10,00', ''],
        ['16.1.2024', '', '', 'X', 'Y', 'kymmenen', ''],
      ]),
    );
    assert.equal(r.check.rows, 3);
    assert.equal(r.check.badRows, 2);
    assert.equal(r.check.totalMinor, 1000);
    assert.deepEqual(
      r.check.problems.map((p) => [p.line, p.column, p.found]),
      [
        [3, 'date', '31.2.2024'],
        [4, 'amount', 'kymmenen'],
        [4, 'supplier', null],
      ],
    );
  });
});
