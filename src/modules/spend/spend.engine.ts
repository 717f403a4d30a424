import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { StagedFile } from './spend.files.js';
import type { ColumnMapping, LedgerField } from './spend.mapping.js';

/**
 * The invoice lines and their analysis live in DuckDB (docs/adr/0016-local-spend-on-duckdb.md):
 * one database file, LOKALKRAFT_DATA_DIR/spend/lines.duckdb, beside PostgreSQL (uploads, mappings,
 * supplier matches, sharing). Extension autoloading and autoinstall are off: nothing is downloaded
 * at run time. Money is BIGINT minor units. This is the module's only DuckDB file and SQL.
 */
export interface SpendStore {
  dir: string;
  /** A fresh connection for one piece of reading. */
  read<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Writes one at a time (DuckDB allows one writer); the function runs inside a transaction. */
  write<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T>;
  close(): void;
}

const schema = `
create table if not exists lines (
  org_id integer not null, file_id integer not null, booked date not null,
  raw_key varchar not null, amount_minor bigint not null, account varchar, category varchar, buyer varchar
);
create table if not exists suppliers (
  org_id integer not null, raw_key varchar not null, label varchar, supplier_no varchar, firm_id integer,
  country varchar, division varchar, section varchar, private boolean not null, status varchar not null
);
create table if not exists supplier_places (org_id integer not null, raw_key varchar not null, municipality varchar not null, basis varchar not null);
`;

const stores = new Map<string, Promise<SpendStore>>();

/** The store under `dataDir/spend` (one per process and directory; opened on first use). */
export function spendStore(dataDir: string, options: { threads?: number; memoryLimit?: string } = {}): Promise<SpendStore> {
  const dir = join(dataDir, 'spend');
  let store = stores.get(dir);
  if (!store) {
    store = openStore(dir, options);
    stores.set(dir, store);
    store.catch(() => stores.delete(dir));
  }
  return store;
}

/** Whether lines were ever written under `dataDir` (reading never creates the store). */
export function spendStoreExists(dataDir: string): boolean {
  const dir = join(dataDir, 'spend');
  return stores.has(dir) || existsSync(join(dir, 'lines.duckdb'));
}

export function closeSpendStores(): void {
  for (const [dir, s] of stores) {
    stores.delete(dir);
    void s.then((x) => x.close()).catch(() => undefined);
  }
}

async function openStore(dir: string, options: { threads?: number; memoryLimit?: string }): Promise<SpendStore> {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const instance = await DuckDBInstance.create(join(dir, 'lines.duckdb'), {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '1GB',
    temp_directory: join(dir, 'tmp'),
    preserve_insertion_order: 'false',
  });
  const setup = await instance.connect();
  await setup.run(schema);
  setup.closeSync();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dir,
    async read(fn) {
      const c = await instance.connect();
      try {
        return await fn(c);
      } finally {
        c.closeSync();
      }
    },
    write(fn) {
      const next = queue.then(async () => {
        const c = await instance.connect();
        try {
          await c.run('begin transaction');
          try {
            const out = await fn(c);
            await c.run('commit');
            return out;
          } catch (err) {
            await c.run('rollback').catch(() => undefined);
            throw err;
          }
        } finally {
          c.closeSync();
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    close() {
      instance.closeSync();
    },
  };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Which way a file writes decimals, judged from sample amounts ("1 234,50" → comma). */
export function guessDecimalSeparator(values: string[]): ',' | '.' {
  let comma = 0;
  let point = 0;
  for (const v of values) {
    const t = v.replace(/[^0-9,.]/g, '');
    const lastComma = t.lastIndexOf(',');
    const lastPoint = t.lastIndexOf('.');
    if (lastComma > lastPoint && /,\d{1,2}$/.test(t)) comma++;
    else if (lastPoint > lastComma && /\.\d{1,2}$/.test(t)) point++;
    else if (lastComma > lastPoint && !/,\d{3}$/.test(t)) comma++;
  }
  return comma >= point && comma > 0 ? ',' : '.';
}

/** Date formats a ledger may use, in the order they are tried (strptime syntax). */
export const dateFormats = ['%Y-%m-%d', '%d.%m.%Y', '%d/%m/%Y', '%Y%m%d', '%Y/%m/%d', '%d-%m-%Y', '%d.%m.%y', '%Y-%m'] as const;
const formatRegex: Record<(typeof dateFormats)[number], RegExp> = {
  '%Y-%m-%d': /^\d{4}-\d{1,2}-\d{1,2}/,
  '%d.%m.%Y': /^\d{1,2}\.\d{1,2}\.\d{4}/,
  '%d/%m/%Y': /^\d{1,2}\/\d{1,2}\/\d{4}/,
  '%Y%m%d': /^(19|20)\d{6}$/,
  '%Y/%m/%d': /^\d{4}\/\d{1,2}\/\d{1,2}/,
  '%d-%m-%Y': /^\d{1,2}-\d{1,2}-\d{4}/,
  '%d.%m.%y': /^\d{1,2}\.\d{1,2}\.\d{2}$/,
  '%Y-%m': /^\d{4}-\d{2}$/,
};
/** The date format most sample dates are written in (the SQL tries it first, then the others). */
export function guessDateFormat(values: string[]): (typeof dateFormats)[number] {
  let best: (typeof dateFormats)[number] = '%Y-%m-%d';
  let bestHits = 0;
  for (const f of dateFormats) {
    const hits = values.filter((v) => formatRegex[f].test(v.trim())).length;
    if (hits > bestHits) {
      best = f;
      bestHits = hits;
    }
  }
  return best;
}

export interface ReadOptions {
  staged: StagedFile;
  mapping: ColumnMapping;
  decimal: ',' | '.';
  dateFormat: string;
}

const col = (m: ColumnMapping, f: LedgerField) => (m[f] === undefined ? null : `c${m[f]}`);

/** Amount text → DECIMAL: the file's own form first (fast), any other written form second. */
function amountSql(c: string, decimal: ',' | '.'): string {
  const spaceless = `replace(replace(replace(${c}, ' ', ''), '\u00a0', ''), '\u202f', '')`;
  const fast = decimal === ',' ? `replace(replace(${spaceless}, '.', ''), ',', '.')` : `replace(${spaceless}, ',', '')`;
  const cleaned = `regexp_replace(replace(${c}, '−', '-'), '[^0-9,.\\-]', '', 'g')`;
  const signed = `(case when ${cleaned} like '%-' then '-' || rtrim(${cleaned}, '-') else ${cleaned} end)`;
  const slow = decimal === ',' ? `replace(replace(${signed}, '.', ''), ',', '.')` : `replace(${signed}, ',', '')`;
  return `coalesce(try_cast(${fast} as decimal(18,2)), try_cast(${slow} as decimal(18,2)))`;
}

function dateSql(c: string, first: string): string {
  const t = `left(trim(${c}), 10)`;
  const others = dateFormats.filter((f) => f !== first);
  return `coalesce(try_strptime(${t}, ${quote(first)}), try_strptime(${t}, [${others.map(quote).join(', ')}]))::date`;
}

const textSql = (c: string | null, max = 200) => (c ? `nullif(left(trim(${c}), ${max}), '')` : 'null');

/** What DuckDB reads: the CSV, every column as text, named c0…cN. */
function sourceSql(staged: StagedFile): string {
  const width = staged.headers.length;
  const columns = `{${Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  return `read_csv(${quote(staged.csvPath)}, delim=${quote(staged.delimiter)}, header=true, columns=${columns}, quote='"', escape='"',
    null_padding=true, strict_mode=false, compression=${staged.gzip ? "'gzip'" : "'none'"}, encoding='utf-8', auto_detect=false)`;
}

/**
 * The typed projection of a file: the parsed values of each data line and whether the line is
 * usable (an amount, a date between 1990 and 2100, a supplier id or name). The supplier key is the
 * id and the name as written (separated by U+001F); they are normalised once per distinct key.
 */
export function typedSelect({ staged, mapping, decimal, dateFormat }: ReadOptions, withLineNumbers = false): string {
  const net = col(mapping, 'amount_net');
  const gross = col(mapping, 'amount_gross');
  const amountRaw = net && gross ? `coalesce(nullif(trim(${net}), ''), ${gross})` : (net ?? gross ?? 'null::varchar');
  const date = col(mapping, 'date') ?? 'null::varchar';
  const idText = textSql(col(mapping, 'supplier_id'), 60);
  const nameText = textSql(col(mapping, 'supplier_name'), 200);
  const account = col(mapping, 'account');
  const accountName = col(mapping, 'account_name');
  const accountSql =
    account && accountName ? `nullif(concat_ws(' ', ${textSql(account, 40)}, ${textSql(accountName, 160)}), '')` : textSql(account ?? accountName, 200);
  return `select *, amount is not null and booked is not null and booked between date '1990-01-01' and date '2100-12-31' and raw_key is not null as ok
    from (select
      ${withLineNumbers ? '(row_number() over ())::integer + 1' : 'null::integer'} as line_no,
      ${amountRaw} as amount_raw,
      ${date} as date_raw,
      ${amountRaw === 'null::varchar' ? 'null::decimal(18,2)' : amountSql(amountRaw, decimal)} as amount,
      ${date === 'null::varchar' ? 'null::date' : dateSql(date, dateFormat)} as booked,
      ${idText} as supplier_id,
      ${nameText} as supplier_name,
      case when ${idText} is not null or ${nameText} is not null then coalesce(${idText}, '') || chr(31) || coalesce(${nameText}, '') end as raw_key,
      ${accountSql} as account,
      ${textSql(col(mapping, 'category'))} as category,
      ${textSql(col(mapping, 'buyer'))} as buyer,
      ${textSql(col(mapping, 'supplier_country'), 40)} as supplier_country
    from ${sourceSql(staged)})`;
}

export interface FileCheck {
  rows: number;
  badRows: number;
  totalMinor: number;
  from: string | null;
  to: string | null;
  suppliers: number;
  /** The first named problems (file line, column, the text found). */
  problems: { line: number; column: 'amount' | 'date' | 'supplier'; found: string | null }[];
  /** The first rows as parsed. */
  first: {
    line: number;
    booked: string | null;
    supplierId: string | null;
    supplierName: string | null;
    amountMinor: number | null;
    account: string | null;
    category: string | null;
  }[];
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

let checker: Promise<DuckDBInstance> | undefined;
/** Checks run in their own in-memory DuckDB (insertion order kept, so line numbers follow the file). */
function checkInstance(): Promise<DuckDBInstance> {
  checker ??= DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: '2',
    memory_limit: '512MB',
    preserve_insertion_order: 'true',
  });
  return checker;
}

/** Reads a whole file through the mapping without writing anything: counts, totals, problems, first rows. */
export async function checkFile(options: ReadOptions, maxProblems = 50): Promise<FileCheck> {
  const c = await (await checkInstance()).connect();
  try {
    const [totals] = (
      await c.runAndReadAll(`select count(*) as n, count(*) filter (where not ok) as bad,
        coalesce(sum(round(amount * 100)) filter (where ok), 0)::bigint as total,
        min(booked) filter (where ok)::varchar as d0, max(booked) filter (where ok)::varchar as d1,
        count(distinct raw_key) filter (where ok) as sup from (${typedSelect(options)})`)
    ).getRowObjectsJS();
    const bad = num(totals!.bad);
    const problems = bad
      ? (
          await c.runAndReadAll(`select line_no, amount_raw, date_raw, amount is null as no_amount,
              booked is null or not (booked between date '1990-01-01' and date '2100-12-31') as no_date, raw_key is null as no_supplier
            from (${typedSelect(options, true)}) where not ok order by line_no limit ${maxProblems}`)
        ).getRowObjectsJS()
      : [];
    const first = (
      await c.runAndReadAll(`select line_no, booked::varchar as booked, supplier_id, supplier_name, round(amount * 100)::bigint as minor, account, category
        from (${typedSelect(options, true)}) limit 8`)
    ).getRowObjectsJS();
    const named: FileCheck['problems'] = [];
    for (const p of problems) {
      if (p.no_amount) named.push({ line: num(p.line_no), column: 'amount', found: str(p.amount_raw) });
      if (p.no_date) named.push({ line: num(p.line_no), column: 'date', found: str(p.date_raw) });
      if (p.no_supplier) named.push({ line: num(p.line_no), column: 'supplier', found: null });
    }
    return {
      rows: num(totals!.n),
      badRows: bad,
      totalMinor: num(totals!.total),
      from: str(totals!.d0),
      to: str(totals!.d1),
      suppliers: num(totals!.sup),
      problems: named.slice(0, maxProblems),
      first: first.map((r) => ({
        line: num(r.line_no),
        booked: str(r.booked),
        supplierId: str(r.supplier_id),
        supplierName: str(r.supplier_name),
        amountMinor: r.minor === null ? null : num(r.minor),
        account: str(r.account),
        category: str(r.category),
      })),
    };
  } finally {
    c.closeSync();
  }
}

export interface ImportedFile {
  lines: number;
  skipped: number;
  totalMinor: number;
  /** One row per supplier key in the file: what matching needs. */
  suppliers: { rawKey: string; lines: number; amountMinor: number }[];
}

export class BadRowsError extends Error {
  constructor(readonly badRows: number) {
    super(`${badRows} rows could not be read`);
  }
}

/**
 * Writes a file's usable lines in one DuckDB transaction. `expect` is what the check counted for
 * the same bytes and mapping: when the rows written and the rows skipped do not add up to it, or
 * rows would be skipped without skipBad, nothing is written (BadRowsError).
 */
export async function importFile(
  store: SpendStore,
  options: ReadOptions & { orgId: number; fileId: number; skipBad: boolean; expect: { rows: number; badRows: number } },
  onStage?: (stage: 'reading' | 'suppliers') => void,
): Promise<ImportedFile> {
  if (options.expect.badRows > 0 && !options.skipBad) throw new BadRowsError(options.expect.badRows);
  return store.write(async (c) => {
    onStage?.('reading');
    await c.run(`delete from lines where org_id = ${options.orgId} and file_id = ${options.fileId}`);
    const [ins] = (
      await c.runAndReadAll(`insert into lines select ${options.orgId}, ${options.fileId}, booked, raw_key, round(amount * 100)::bigint, account, category, buyer
        from (${typedSelect(options)}) where ok`)
    ).getRowsJS();
    const written = num(ins?.[0]);
    if (written + options.expect.badRows !== options.expect.rows) throw new BadRowsError(options.expect.rows - written);
    onStage?.('suppliers');
    const suppliers = (
      await c.runAndReadAll(`select raw_key, count(*) as n, sum(amount_minor)::bigint as minor from lines
        where org_id = ${options.orgId} and file_id = ${options.fileId} group by raw_key`)
    ).getRowObjectsJS();
    return {
      lines: written,
      skipped: options.expect.badRows,
      totalMinor: suppliers.reduce((a, s) => a + num(s.minor), 0),
      suppliers: suppliers.map((s) => ({ rawKey: String(s.raw_key), lines: num(s.n), amountMinor: num(s.minor) })),
    };
  });
}

/** Splits a supplier key back into the id and the name as the ledger wrote them. */
export function splitRawKey(rawKey: string): { id: string | null; name: string | null } {
  const at = rawKey.indexOf('\u001f');
  const id = at < 0 ? rawKey : rawKey.slice(0, at);
  const name = at < 0 ? '' : rawKey.slice(at + 1);
  return { id: id || null, name: name || null };
}

/** Gives lines new supplier keys (private persons: a digest instead of their id and name). */
export function rekeyLines(store: SpendStore, orgId: number, pairs: { from: string; to: string }[]): Promise<void> {
  return store.write(async (c) => {
    const stmt = await c.prepare(`update lines set raw_key = $2 where org_id = ${orgId} and raw_key = $1`);
    for (const p of pairs) {
      stmt.bindVarchar(1, p.from);
      stmt.bindVarchar(2, p.to);
      await stmt.run();
    }
  });
}

/** Removes a file's lines (when PostgreSQL could not record the import, or the user deletes it). */
export function deleteFileLines(store: SpendStore, orgId: number, fileId: number): Promise<void> {
  return store.write(async (c) => {
    await c.run(`delete from lines where org_id = ${orgId} and file_id = ${fileId}`);
  });
}

/** What the analysis knows of a supplier key (copied from PostgreSQL's matches). */
export interface SupplierFacts {
  rawKey: string;
  label: string | null;
  supplierNo: string | null;
  firmId: number | null;
  country: string | null;
  division: string | null;
  section: string | null;
  private: boolean;
  status: string;
  /** Municipalities it delivers from: registered address and establishments. */
  places: { municipality: string; basis: 'registered' | 'establishment' }[];
}

/** Replaces the organisation's supplier facts (a few thousand rows: appended, not parsed). */
export function replaceSuppliers(store: SpendStore, orgId: number, suppliers: SupplierFacts[]): Promise<void> {
  return store.write(async (c) => {
    await c.run(`delete from suppliers where org_id = ${orgId}`);
    await c.run(`delete from supplier_places where org_id = ${orgId}`);
    const a = await c.createAppender('suppliers');
    for (const s of suppliers) {
      a.appendInteger(orgId);
      a.appendVarchar(s.rawKey);
      s.label === null ? a.appendNull() : a.appendVarchar(s.label);
      s.supplierNo === null ? a.appendNull() : a.appendVarchar(s.supplierNo);
      s.firmId === null ? a.appendNull() : a.appendInteger(s.firmId);
      s.country === null ? a.appendNull() : a.appendVarchar(s.country);
      s.division === null ? a.appendNull() : a.appendVarchar(s.division);
      s.section === null ? a.appendNull() : a.appendVarchar(s.section);
      a.appendBoolean(s.private);
      a.appendVarchar(s.status);
      a.endRow();
    }
    a.closeSync();
    const p = await c.createAppender('supplier_places');
    for (const s of suppliers)
      for (const place of s.places) {
        p.appendInteger(orgId);
        p.appendVarchar(s.rawKey);
        p.appendVarchar(place.municipality);
        p.appendVarchar(place.basis);
        p.endRow();
      }
    p.closeSync();
  });
}

// ---- analysis ------------------------------------------------------------------------------

export type Band = 'municipality' | 'region' | 'country' | 'abroad' | 'unknown';
export const bands: Band[] = ['municipality', 'region', 'country', 'abroad', 'unknown'];

export interface AnalysisScope {
  orgId: number;
  from: string;
  to: string;
  /** The buyer's municipality and the region's municipalities (home included). */
  home: string[];
  region: string[];
  country: string;
}

const codeList = (codes: string[]) => (codes.length ? codes.map((c) => quote(c.replace(/[^0-9A-Za-z]/g, ''))).join(', ') : "''");
const dateLit = (d: string) => `date ${quote(d.replace(/[^0-9-]/g, ''))}`;

/** Each supplier key of the organisation with its band for this area and how it was placed. */
function bandedSuppliers(s: AnalysisScope): string {
  return `banded as (
    select sp.raw_key, sp.label, sp.supplier_no, sp.firm_id, sp.division, sp.section, sp.private,
      case when sp.private then 'unknown'
           when bool_or(pl.municipality in (${codeList(s.home)})) then 'municipality'
           when bool_or(pl.municipality in (${codeList(s.region)})) then 'region'
           when sp.country is not null and sp.country <> ${quote(s.country)} then 'abroad'
           when sp.status <> 'matched' then 'unknown'
           when sp.country = ${quote(s.country)} then 'country'
           else 'unknown' end as band,
      case when bool_or(pl.basis = 'establishment' and pl.municipality in (${codeList([...s.home, ...s.region])})) then 'establishment'
           when sp.firm_id is not null then 'registered' end as basis
    from suppliers sp left join supplier_places pl on pl.org_id = sp.org_id and pl.raw_key = sp.raw_key
    where sp.org_id = ${s.orgId}
    group by sp.raw_key, sp.label, sp.supplier_no, sp.firm_id, sp.division, sp.section, sp.private, sp.status, sp.country)`;
}

const linesIn = (s: AnalysisScope) => `l.org_id = ${s.orgId} and l.booked between ${dateLit(s.from)} and ${dateLit(s.to)}`;

async function rows(store: SpendStore, sql: string): Promise<Record<string, unknown>[]> {
  return store.read(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
}

export interface BandRow {
  key: string;
  band: Band;
  minor: number;
  lines: number;
}

const bandRows = (r: Record<string, unknown>[]) =>
  r.map((x) => ({ key: String(x.k ?? ''), band: String(x.band ?? 'unknown') as Band, minor: num(x.minor), lines: num(x.n) }));

/** Spend per band (key ''), or per band and a grouping: 'year', 'quarter', 'section', 'division', 'account', 'category'. */
export async function spendByBand(
  store: SpendStore,
  s: AnalysisScope,
  by: 'total' | 'year' | 'quarter' | 'section' | 'division' | 'account' | 'category',
): Promise<BandRow[]> {
  // Group by integers (year, year·10+quarter) and turn them into text after grouping: cheaper than a string per line.
  const key =
    by === 'total'
      ? '0'
      : by === 'year'
        ? 'year(l.booked)'
        : by === 'quarter'
          ? 'year(l.booked) * 10 + quarter(l.booked)'
          : by === 'section'
            ? "coalesce(b.section, '')"
            : by === 'division'
              ? "coalesce(b.division, '')"
              : by === 'account'
                ? "coalesce(l.account, '')"
                : "coalesce(l.category, '')";
  const label = by === 'total' ? "''" : by === 'year' ? 'k::varchar' : by === 'quarter' ? "(k // 10)::varchar || '-Q' || (k % 10)::varchar" : 'k';
  return bandRows(
    await rows(
      store,
      `with ${bandedSuppliers(s)},
       grouped as (
         select ${key} as k, coalesce(b.band, 'unknown') as band, sum(l.amount_minor)::bigint as minor, count(*) as n
         from lines l left join banded b on b.raw_key = l.raw_key
         where ${linesIn(s)} group by all)
       select ${label} as k, band, minor, n from grouped order by grouped.k, band`,
    ),
  );
}

export interface TopSupplier {
  band: Band;
  label: string | null;
  supplierNo: string | null;
  firmId: number | null;
  division: string | null;
  basis: string | null;
  private: boolean;
  minor: number;
  lines: number;
}

/** The largest suppliers per band; private persons and anonymised rows as one unnamed row per band. */
export async function topSuppliers(store: SpendStore, s: AnalysisScope, perBand = 10): Promise<TopSupplier[]> {
  const r = await rows(
    store,
    `with ${bandedSuppliers(s)},
     per_key as (
       select l.raw_key, sum(l.amount_minor)::bigint as minor, count(*) as n from lines l where ${linesIn(s)} group by l.raw_key),
     per as (
       select coalesce(b.band, 'unknown') as band, coalesce(b.private, false) as private,
         case when coalesce(b.private, false) then '~private' else coalesce(b.firm_id::varchar, b.supplier_no, p.raw_key) end as who,
         any_value(case when coalesce(b.private, false) then null else b.label end) as label,
         any_value(case when coalesce(b.private, false) then null else b.supplier_no end) as supplier_no,
         any_value(b.firm_id) as firm_id, any_value(b.division) as division, any_value(b.basis) as basis,
         sum(p.minor)::bigint as minor, sum(p.n)::bigint as n
       from per_key p left join banded b on b.raw_key = p.raw_key
       group by all)
     select * from per qualify row_number() over (partition by band order by minor desc) <= ${perBand} order by band, minor desc`,
  );
  return r.map((x) => ({
    band: String(x.band) as Band,
    label: x.private ? null : str(x.label),
    supplierNo: x.private ? null : str(x.supplier_no),
    firmId: x.private || x.firm_id === null ? null : num(x.firm_id),
    division: str(x.division),
    basis: str(x.basis),
    private: Boolean(x.private),
    minor: num(x.minor),
    lines: num(x.n),
  }));
}

/** Spend with suppliers outside the area (country or abroad) per NACE division, with the buyer's largest accounts. */
export async function outsideByDivision(
  store: SpendStore,
  s: AnalysisScope,
): Promise<{ division: string; minor: number; suppliers: number; accounts: string[] }[]> {
  const r = await rows(
    store,
    `with ${bandedSuppliers(s)},
     per_key as (
       select l.raw_key, coalesce(l.account, l.category) as acc, sum(l.amount_minor)::bigint as amount_minor
       from lines l where ${linesIn(s)} group by all),
     outside as (
       select b.division, p.raw_key, p.acc, p.amount_minor
       from per_key p join banded b on b.raw_key = p.raw_key
       where b.band in ('country', 'abroad') and b.division is not null),
     acc as (select division, acc, sum(amount_minor) as m from outside where acc is not null group by all)
     select o.division, sum(o.amount_minor)::bigint as minor, count(distinct o.raw_key) as suppliers,
       (select list(acc order by m desc)[1:3] from acc where acc.division = o.division) as accounts
     from outside o group by o.division order by minor desc`,
  );
  return r.map((x) => ({ division: String(x.division), minor: num(x.minor), suppliers: num(x.suppliers), accounts: (x.accounts as string[] | null) ?? [] }));
}

/** First and last booking date of the organisation's lines (for the default period). */
export async function lineSpan(store: SpendStore, orgId: number): Promise<{ from: string | null; to: string | null; lines: number }> {
  const [r] = await rows(store, `select min(booked)::varchar as a, max(booked)::varchar as b, count(*) as n from lines where org_id = ${orgId}`);
  return { from: str(r?.a), to: str(r?.b), lines: num(r?.n) };
}

/** Removes every line and supplier fact of an organisation (tests, erasure). */
export function deleteOrganisationLines(store: SpendStore, orgId: number): Promise<void> {
  return store.write(async (c) => {
    for (const t of ['lines', 'suppliers', 'supplier_places']) await c.run(`delete from ${t} where org_id = ${orgId}`);
  });
}
