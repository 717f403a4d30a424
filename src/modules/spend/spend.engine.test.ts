import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  checkFile,
  closeSpendStores,
  importFile,
  lineSpan,
  outsideByDivision,
  rekeyLines,
  replaceSuppliers,
  spendByBand,
  spendStore,
  textsPathOf,
  topSuppliers,
  wholeMonths,
  type AnalysisScope,
} from './spend.engine.js';
import { stageLedgerFile } from './spend.files.js';
import { guessMapping } from './spend.mapping.js';

const header = 'Tositepäivämäärä;Toimittajan Y-tunnus;Toimittajan nimi;Tilin nimi;Palveluluokka;Summa ALV0 euroina';
// Two firms and a private person over January–March 2024; amounts in cents in the comments.
const ledger = [
  header,
  '2.1.2024;0112038-9;Kemijärven Rakennus Oy;Rakentamispalvelut;Kadut ja tiet;1 000,00', // A 100000, January
  '20.1.2024;0112038-9;Kemijärven Rakennus Oy;Rakentamispalvelut;Kadut ja tiet;500,00', // A 50000, January (after the 15th)
  '3.2.2024; 2345678-1 ;Rovaniemen Siivous Oy;Siivouspalvelut;Perusopetus;2 000,00', // B 200000 (id written with blanks)
  '4.2.2024;2345678-1;Rovaniemen Siivous Oy;Siivouspalvelut;;300,00', // B 30000, no category
  '9.3.2024;131052-308T;Matti Meikäläinen;Asiantuntijapalvelut;Hallinto;250,00', // private 25000, March (before the 10th)
  '28.3.2024;0112038-9;Kemijärven Rakennus Oy;Rakentamispalvelut;Kadut ja tiet;-100,00', // A -10000, March (after the 10th)
].join('\n');

describe('spend engine: lines as integers, texts once, month sums', () => {
  let dir: string;
  const scope = (from: string, to: string): AnalysisScope => ({ orgId: 7, from, to, home: ['320'], region: ['320', '732'], country: 'FI' });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spend-engine-'));
    const path = join(dir, 'q1.csv');
    writeFileSync(path, ledger);
    const staged = await stageLedgerFile(path, dir);
    const { mapping } = guessMapping(staged.headers, new Map());
    const options = { staged, mapping, decimal: ',' as const, dateFormat: '%d.%m.%Y' };
    const check = await checkFile(options);
    assert.equal(check.rows, 6);
    assert.equal(check.badRows, 0);
    assert.equal(check.totalMinor, 395000);
    // The id written with blanks is the same supplier once normalised.
    assert.equal(check.suppliers, 3);
    const store = await spendStore(join(dir, 'data'));
    const imported = await importFile(store, { ...options, orgId: 7, fileId: 1, skipBad: false, expect: check });
    assert.equal(imported.lines, 6);
    assert.deepEqual(imported.suppliers.map((s) => [s.rawKey, s.lines, s.amountMinor]).sort(), [
      ['0112038-9\u001fKemijärven Rakennus Oy', 3, 140000],
      ['131052-308T\u001fMatti Meikäläinen', 1, 25000],
      ['2345678-1\u001fRovaniemen Siivous Oy', 2, 230000],
    ]);
    // The private person's id and name leave the store: one text changes, no line does.
    await rekeyLines(store, 7, [{ from: '131052-308T\u001fMatti Meikäläinen', to: '~p:digest' }]);
    await replaceSuppliers(store, 7, [
      {
        rawKey: '0112038-9\u001fKemijärven Rakennus Oy',
        label: 'Kemijärven Rakennus Oy',
        supplierNo: '0112038-9',
        firmId: 1,
        country: 'FI',
        division: '41',
        section: 'F',
        private: false,
        status: 'matched',
        places: [{ municipality: '320', basis: 'registered' }],
      },
      {
        rawKey: '2345678-1\u001fRovaniemen Siivous Oy',
        label: 'Rovaniemen Siivous Oy',
        supplierNo: '2345678-1',
        firmId: 2,
        country: 'FI',
        division: '81',
        section: 'N',
        private: false,
        status: 'matched',
        places: [{ municipality: '698', basis: 'registered' }],
      },
      {
        rawKey: '~p:digest',
        label: null,
        supplierNo: null,
        firmId: null,
        country: null,
        division: null,
        section: null,
        private: true,
        status: 'private',
        places: [],
      },
    ]);
  });
  after(() => {
    closeSpendStores();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the written forms of an amount and a date first, then any other written form', async () => {
    const path = join(dir, 'forms.csv');
    writeFileSync(
      path,
      [
        header,
        '2.1.2024;0112038-9;A Oy;Tili;Luokka;12,00-', // trailing minus: -1200
        '2.1.2024;0112038-9;A Oy;Tili;Luokka;−5,00', // the minus sign: -500
        '2024-01-03;0112038-9;A Oy;Tili;Luokka;1.234,50', // another date form, a thousands point: 123450
        ' 4.1.2024 ;0112038-9;A Oy;Tili;Luokka;EUR 1 000,00', // blanks around the date, a currency: 100000
      ].join('\n'),
    );
    const staged = await stageLedgerFile(path, dir);
    const { mapping } = guessMapping(staged.headers, new Map());
    const check = await checkFile({ staged, mapping, decimal: ',', dateFormat: '%d.%m.%Y' });
    assert.equal(check.badRows, 0);
    assert.equal(check.totalMinor, -1200 - 500 + 123450 + 100000);
    assert.equal(check.from, '2024-01-02');
    assert.equal(check.to, '2024-01-04');
  });

  it('writes nothing when a hash of the file has no text', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, [header, '2.1.2024;1234567-8;Toinen Oy;Tili;Luokka;10,00'].join('\n'));
    writeFileSync(b, [header, '2.1.2024;7654321-0;Kolmas Oy;Tili;Luokka;10,00'].join('\n'));
    const read = async (path: string) => {
      const staged = await stageLedgerFile(path, dir);
      const { mapping } = guessMapping(staged.headers, new Map());
      const options = { staged, mapping, decimal: ',' as const, dateFormat: '%d.%m.%Y' };
      return { options, check: await checkFile(options) };
    };
    const fileA = await read(a);
    const fileB = await read(b);
    // The texts beside file a are file b's: its supplier's hash has no text.
    copyFileSync(textsPathOf(fileB.options.staged), textsPathOf(fileA.options.staged));
    const store = await spendStore(join(dir, 'data'));
    await assert.rejects(importFile(store, { ...fileA.options, orgId: 8, fileId: 2, skipBad: false, expect: fileA.check }), /changed after it was checked/);
    assert.deepEqual(await lineSpan(store, 8), { from: null, to: null, lines: 0 });
  });

  it('knows the whole months of a period', () => {
    assert.deepEqual(wholeMonths('2024-01-01', '2024-12-31'), { first: '2024-01-01', end: '2025-01-01' });
    assert.deepEqual(wholeMonths('2024-01-15', '2024-03-10'), { first: '2024-02-01', end: '2024-03-01' });
    assert.deepEqual(wholeMonths('2024-02-01', '2024-02-29'), { first: '2024-02-01', end: '2024-03-01' });
    assert.deepEqual(wholeMonths('2024-02-02', '2024-02-28'), { first: '2024-03-01', end: '2024-02-01' });
  });

  it('gives the same figures from month sums and from the lines of cut months', async () => {
    const store = await spendStore(join(dir, 'data'));
    const bandsOf = async (from: string, to: string) => Object.fromEntries((await spendByBand(store, scope(from, to), 'total')).map((r) => [r.band, r.minor]));
    assert.deepEqual(await bandsOf('2024-01-01', '2024-03-31'), { municipality: 140000, country: 230000, unknown: 25000 });
    // 15 January – 10 March: A's second January line, all of February, the private March line.
    assert.deepEqual(await bandsOf('2024-01-15', '2024-03-10'), { municipality: 50000, country: 230000, unknown: 25000 });
    // Within one month, cut at both ends.
    assert.deepEqual(await bandsOf('2024-02-04', '2024-02-28'), { country: 30000 });
    const quarters = await spendByBand(store, scope('2024-01-15', '2024-12-31'), 'quarter');
    assert.deepEqual(
      quarters.map((r) => [r.key, r.band, r.minor, r.lines]),
      [
        ['2024-Q1', 'country', 230000, 2],
        ['2024-Q1', 'municipality', 40000, 2],
        ['2024-Q1', 'unknown', 25000, 1],
      ],
    );
  });

  it('names accounts and categories after grouping, never the private person', async () => {
    const store = await spendStore(join(dir, 'data'));
    const s = scope('2024-01-01', '2024-03-31');
    const accounts = await spendByBand(store, s, 'account');
    assert.deepEqual(
      accounts.map((r) => [r.key, r.band, r.minor]),
      [
        ['Asiantuntijapalvelut', 'unknown', 25000],
        ['Rakentamispalvelut', 'municipality', 140000],
        ['Siivouspalvelut', 'country', 230000],
      ],
    );
    // The same from the account sums and the lines of cut months (15 January – 10 March).
    const cut = await spendByBand(store, scope('2024-01-15', '2024-03-10'), 'account');
    assert.deepEqual(
      cut.map((r) => [r.key, r.band, r.minor]),
      [
        ['Asiantuntijapalvelut', 'unknown', 25000],
        ['Rakentamispalvelut', 'municipality', 50000],
        ['Siivouspalvelut', 'country', 230000],
      ],
    );
    const categories = await spendByBand(store, s, 'category');
    assert.ok(categories.some((r) => r.key === '' && r.minor === 30000));
    const top = await topSuppliers(store, s);
    assert.ok(top.every((t) => !/Matti|131052/.test(`${t.label} ${t.supplierNo}`)));
    assert.equal(top.find((t) => t.private)?.minor, 25000);
    const outside = await outsideByDivision(store, s);
    assert.deepEqual(outside, [{ division: '81', minor: 230000, suppliers: 1, accounts: ['Siivouspalvelut'] }]);
  });

  it('converts a store written with text lines once, with the same figures', async () => {
    const old = join(dir, 'old');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(old, 'spend'), { recursive: true });
    const instance = await DuckDBInstance.create(join(old, 'spend', 'lines.duckdb'));
    const c = await instance.connect();
    await c.run(`create table lines (org_id integer not null, file_id integer not null, booked date not null, raw_key varchar not null,
      amount_minor bigint not null, account varchar, category varchar, buyer varchar);
      insert into lines values (7, 1, date '2024-01-02', 'A', 100000, 'Rakentamispalvelut', null, null), (7, 1, date '2024-02-03', 'B', 200000, null, 'Perusopetus', null);
      create table suppliers (org_id integer not null, raw_key varchar not null, label varchar, supplier_no varchar, firm_id integer,
        country varchar, division varchar, section varchar, private boolean not null, status varchar not null);
      insert into suppliers values (7, 'A', 'A Oy', null, 1, 'FI', '41', 'F', false, 'matched');
      create table supplier_places (org_id integer not null, raw_key varchar not null, municipality varchar not null, basis varchar not null);
      insert into supplier_places values (7, 'A', '320', 'registered');`);
    c.closeSync();
    instance.closeSync();
    const store = await spendStore(old);
    const total = await spendByBand(store, scope('2024-01-01', '2024-12-31'), 'total');
    assert.deepEqual(
      total.map((r) => [r.band, r.minor]),
      [
        ['municipality', 100000],
        ['unknown', 200000],
      ],
    );
    const accounts = await spendByBand(store, scope('2024-01-01', '2024-12-31'), 'account');
    assert.deepEqual(
      accounts.map((r) => [r.key, r.minor]),
      [
        ['', 200000],
        ['Rakentamispalvelut', 100000],
      ],
    );
  });
});
