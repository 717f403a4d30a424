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

/*
 * Lines are stored narrow: every text of a line (the supplier's id and name, the account, the
 * category, the buying unit) is a 64-bit hash of the values as written, and `texts` maps each hash
 * to its text (normalised: trimmed, cut to length) once per organisation. Writing integers is
 * several times cheaper than writing strings (DuckDB compresses strings column by column), grouping
 * and joining by integers is cheaper too, and a private person's id and name are replaced in one
 * `texts` row instead of in every line.
 */
const schema = `
create table if not exists lines (
  org_id integer not null, file_id integer not null, booked date not null,
  key_h ubigint not null, amount_minor bigint not null, account_h ubigint, category_h ubigint, buyer_h ubigint
);
create table if not exists texts (org_id integer not null, kind varchar not null, h ubigint not null, text varchar);
create table if not exists month_sums (org_id integer not null, file_id integer not null, month date not null, key_h ubigint not null, minor bigint not null, n bigint not null);
create table if not exists suppliers (
  org_id integer not null, raw_key varchar not null, label varchar, supplier_no varchar, firm_id integer,
  country varchar, division varchar, section varchar, private boolean not null, status varchar not null
);
create table if not exists supplier_places (org_id integer not null, raw_key varchar not null, municipality varchar not null, basis varchar not null);
`;

/** A store written before lines were hashed (lines.raw_key, account … as text) is converted once on open. */
const fromTextLines = `
alter table lines rename to lines_v1;
create table lines (
  org_id integer not null, file_id integer not null, booked date not null,
  key_h ubigint not null, amount_minor bigint not null, account_h ubigint, category_h ubigint, buyer_h ubigint
);
create table if not exists texts (org_id integer not null, kind varchar not null, h ubigint not null, text varchar);
insert into texts
  select org_id, 'k', hash(raw_key), raw_key from lines_v1 group by all
  union all select org_id, 'a', hash(account), account from lines_v1 where account is not null group by all
  union all select org_id, 'c', hash(category), category from lines_v1 where category is not null group by all
  union all select org_id, 'b', hash(buyer), buyer from lines_v1 where buyer is not null group by all;
insert into lines select org_id, file_id, booked, hash(raw_key), amount_minor,
  case when account is not null then hash(account) end, case when category is not null then hash(category) end,
  case when buyer is not null then hash(buyer) end from lines_v1;
drop table lines_v1;
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
  const old = await setup.runAndReadAll(`select 1 from information_schema.columns where table_name = 'lines' and column_name = 'raw_key'`);
  if (old.currentRowCount > 0) {
    await setup.run('begin transaction');
    await setup.run(fromTextLines);
    await setup.run('commit');
  }
  await setup.run(schema);
  // Stores written before month_sums existed: sum their lines once.
  const [[unsummed]] = (await setup.runAndReadAll('select (select count(*) from month_sums) = 0 and exists (select 1 from lines)')).getRowsJS() as [[boolean]];
  if (unsummed)
    await setup.run(
      `insert into month_sums select org_id, file_id, date_trunc('month', booked)::date, key_h, sum(amount_minor), count(*) from lines group by all`,
    );
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
  // Each subexpression of the slow form appears once: DuckDB hoists a repeated one out of the lazy
  // coalesce and would then run it on every line (measured: a regexp per line doubled the scan).
  const cleaned = `regexp_replace(replace(${c}, '−', '-'), '[^0-9,.\\-]', '', 'g')`;
  const signed = `regexp_replace(${cleaned}, '^([^-].*)-$', '-\\1')`;
  const slow = decimal === ',' ? `replace(replace(${signed}, '.', ''), ',', '.')` : `replace(${signed}, ',', '')`;
  return `coalesce(try_cast(${fast} as decimal(18,2)), try_cast(${slow} as decimal(18,2)))`;
}

/** The file's own date format on the text as it is first; trimmed and any other format only for the rest (coalesce is lazy). */
function dateSql(c: string, first: string): string {
  const others = dateFormats.filter((f) => f !== first);
  return `coalesce(try_strptime(${c}, ${quote(first)}), try_strptime(left(trim(${c}), 10), [${[first, ...others].map(quote).join(', ')}]))::date`;
}

const textSql = (c: string | null, max = 200) => (c ? `nullif(left(trim(${c}), ${max}), '')` : 'null');
/** Whether a column holds more than blanks; the trim runs only for values that start with a blank. */
const presentSql = (c: string) => `(case when ${c} is null then false when not prefix(${c}, ' ') then true else trim(${c}) <> '' end)`;
/** The hash of the values as written (null when all are null): per line, no string is built. */
const hashSql = (cs: string[]) => `case when ${cs.map((c) => `${c} is null`).join(' and ')} then null else hash(${cs.join(', ')}) end`;

/** What DuckDB reads: the CSV, every column as text, named c0…cN. */
function sourceSql(staged: StagedFile): string {
  const width = staged.headers.length;
  const columns = `{${Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  return `read_csv(${quote(staged.csvPath)}, delim=${quote(staged.delimiter)}, header=true, columns=${columns}, quote='"', escape='"',
    null_padding=true, strict_mode=false, compression=${staged.gzip ? "'gzip'" : "'none'"}, encoding='utf-8', auto_detect=false)`;
}

/** The columns of each text the lines keep as a hash (see `texts`), by kind: k supplier, a account, c category, b buying unit. */
function textColumns(mapping: ColumnMapping): Record<'k' | 'a' | 'c' | 'b', string[]> {
  const pick = (...fs: LedgerField[]) => fs.map((f) => col(mapping, f)).filter((c): c is string => c !== null);
  return { k: pick('supplier_id', 'supplier_name'), a: pick('account', 'account_name'), c: pick('category'), b: pick('buyer') };
}

/** The normalised text of a kind, from its columns as written (run once per distinct hash, not per line). */
function textOf(mapping: ColumnMapping, kind: 'k' | 'a' | 'c' | 'b', alias: (c: string) => string = (c) => c): string {
  const m = (f: LedgerField) => {
    const c = col(mapping, f);
    return c ? alias(c) : null;
  };
  if (kind === 'k') {
    const id = textSql(m('supplier_id'), 60);
    const name = textSql(m('supplier_name'), 200);
    return `case when ${id} is not null or ${name} is not null then coalesce(${id}, '') || chr(31) || coalesce(${name}, '') end`;
  }
  if (kind === 'a') {
    const account = m('account');
    const accountName = m('account_name');
    return account && accountName ? `nullif(concat_ws(' ', ${textSql(account, 40)}, ${textSql(accountName, 160)}), '')` : textSql(account ?? accountName, 200);
  }
  return textSql(m(kind === 'c' ? 'category' : 'buyer'));
}

/**
 * The typed projection of a file: the parsed values of each data line, the hashes of its texts and
 * whether the line is usable (an amount, a date between 1990 and 2100, a supplier id or name). The
 * supplier key is the id and the name as written; they are normalised once per distinct key.
 */
export function typedSelect({ staged, mapping, decimal, dateFormat }: ReadOptions, withLineNumbers = false, limit?: number): string {
  const net = col(mapping, 'amount_net');
  const gross = col(mapping, 'amount_gross');
  const amountRaw = net && gross ? `coalesce(case when ${presentSql(net)} then ${net} end, ${gross})` : (net ?? gross ?? 'null::varchar');
  const date = col(mapping, 'date') ?? 'null::varchar';
  const texts = textColumns(mapping);
  const hashOrNull = (cs: string[]) => (cs.length ? hashSql(cs) : 'null::ubigint');
  const keyPresent = texts.k.length ? texts.k.map(presentSql).join(' or ') : 'false';
  const raw = [...new Set(Object.values(texts).flat())].map((c) => `${c} as r_${c}`);
  return `select *, amount is not null and booked is not null and booked between date '1990-01-01' and date '2100-12-31' and key_ok as ok
    from (select
      ${withLineNumbers ? '(row_number() over ())::integer + 1' : 'null::integer'} as line_no,
      ${amountRaw} as amount_raw,
      ${date} as date_raw,
      ${amountRaw === 'null::varchar' ? 'null::decimal(18,2)' : amountSql(amountRaw, decimal)} as amount,
      ${date === 'null::varchar' ? 'null::date' : dateSql(date, dateFormat)} as booked,
      coalesce(${keyPresent}, false) as key_ok,
      ${hashOrNull(texts.k)} as key_h,
      ${hashOrNull(texts.a)} as account_h,
      ${hashOrNull(texts.c)} as category_h,
      ${hashOrNull(texts.b)} as buyer_h${raw.length ? ',' : ''}
      ${raw.join(', ')}
    from ${limit === undefined ? sourceSql(staged) : `(select * from ${sourceSql(staged)} limit ${limit})`})`;
}

/** The first lines of a file as parsed (only those lines are read). */
function firstRowsSql(options: ReadOptions, n: number): string {
  const { mapping } = options;
  const r = (f: LedgerField) => {
    const c = col(mapping, f);
    return c ? `r_${c}` : null;
  };
  const alias = (c: string) => `r_${c}`;
  return `select line_no, booked::varchar as booked, ${textSql(r('supplier_id'), 60)} as supplier_id,
      ${textSql(r('supplier_name'), 200)} as supplier_name, round(amount * 100)::bigint as minor,
      ${textOf(mapping, 'a', alias)} as account, ${textOf(mapping, 'c', alias)} as category
    from (${typedSelect(options, true, n)})`;
}

/** Where the check leaves a file's texts (hash → text) for the import: beside the CSV DuckDB reads. */
export const textsPathOf = (staged: StagedFile) => `${staged.csvPath}.texts.parquet`;

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

/**
 * Reads a whole file through the mapping without writing anything to the store: counts, totals,
 * problems, first rows — one pass over the file, grouped by the hashes of the texts (so the same
 * pass finds each distinct supplier, account, category and unit). The distinct texts are left
 * beside the file (`textsPathOf`) for the import, which then reads the file once more and writes
 * integers only.
 */
export async function checkFile(options: ReadOptions, maxProblems = 50): Promise<FileCheck> {
  const c = await (await checkInstance()).connect();
  const { mapping } = options;
  const texts = textColumns(mapping);
  const raw = (cs: string[]) => cs.map((x) => `any_value(r_${x}) as r_${x}`);
  const alias = (x: string) => `r_${x}`;
  const table = `chk_${Math.random().toString(36).slice(2)}`;
  try {
    await c.run(`create temp table ${table} as
      select key_h, account_h, category_h, buyer_h, ok, grouping(key_h) as gk, grouping(account_h) as ga, grouping(category_h) as gc, grouping(buyer_h) as gb,
        count(*) as n, sum(amount) filter (where ok) as total, min(booked) filter (where ok) as d0, max(booked) filter (where ok) as d1
        ${raw([...new Set(Object.values(texts).flat())])
          .map((x) => `, ${x}`)
          .join('')}
      from (${typedSelect(options)})
      group by grouping sets ((key_h, ok), (account_h), (category_h), (buyer_h))`);
    const [totals] = (
      await c.runAndReadAll(`select coalesce(sum(n), 0) as n, coalesce(sum(n) filter (where not ok), 0) as bad,
        coalesce(round(sum(total) * 100), 0)::bigint as total, min(d0)::varchar as d0, max(d1)::varchar as d1,
        count(distinct ${textOf(mapping, 'k', alias)}) filter (where ok) as sup
        from ${table} where gk = 0`)
    ).getRowObjectsJS();
    const kinds = (['k', 'a', 'c', 'b'] as const).filter((k) => texts[k].length);
    const hashOf = { k: ['key_h', 'gk'], a: ['account_h', 'ga'], c: ['category_h', 'gc'], b: ['buyer_h', 'gb'] } as const;
    await c.run(`copy (
        select kind, h, any_value(text) as text from (
          ${kinds.map((k) => `select '${k}' as kind, ${hashOf[k][0]} as h, ${textOf(mapping, k, alias)} as text from ${table} where ${hashOf[k][1]} = 0 and ${hashOf[k][0]} is not null`).join(' union all ')}
          ${kinds.length ? '' : "select 'k' as kind, null::ubigint as h, null::varchar as text where false"})
        group by kind, h
      ) to ${quote(textsPathOf(options.staged))} (format parquet)`);
    const bad = num(totals!.bad);
    const problems = bad
      ? (
          await c.runAndReadAll(`select line_no, amount_raw, date_raw, amount is null as no_amount,
              booked is null or not (booked between date '1990-01-01' and date '2100-12-31') as no_date, not key_ok as no_supplier
            from (${typedSelect(options, true)}) where not ok order by line_no limit ${maxProblems}`)
        ).getRowObjectsJS()
      : [];
    const first = (await c.runAndReadAll(`${firstRowsSql(options, 8)} order by line_no`)).getRowObjectsJS();
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
    await c.run(`drop table if exists ${table}`).catch(() => undefined);
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
 * Writes a file's usable lines in one DuckDB transaction: one pass over the file writing integers
 * (dates, minor units, the hashes of the texts), and the file's distinct texts from the check.
 * `expect` is what the check counted for the same bytes and mapping: when the rows written and the
 * rows skipped do not add up to it, a hash has no text, or rows would be skipped without skipBad,
 * nothing is written (BadRowsError).
 */
export async function importFile(
  store: SpendStore,
  options: ReadOptions & { orgId: number; fileId: number; skipBad: boolean; expect: { rows: number; badRows: number } },
  onStage?: (stage: 'reading' | 'suppliers') => void,
): Promise<ImportedFile> {
  if (options.expect.badRows > 0 && !options.skipBad) throw new BadRowsError(options.expect.badRows);
  const textsPath = textsPathOf(options.staged);
  // An upload checked before the check kept its texts: check it again (same bytes, same mapping).
  if (!existsSync(textsPath)) await checkFile(options, 0);
  const org = options.orgId;
  return store.write(async (c) => {
    onStage?.('reading');
    await c.run(`delete from lines where org_id = ${org} and file_id = ${options.fileId}`);
    // A file the check found clean is written without judging each line again: the same bytes
    // (hashed at upload), and the table's not-null columns refuse a line without date, amount or key.
    const [ins] = (
      await c.runAndReadAll(`insert into lines select ${org}, ${options.fileId}, booked, key_h, round(amount * 100)::bigint, account_h, category_h, buyer_h
        from (${typedSelect(options)})${options.expect.badRows > 0 ? ' where ok' : ''}`)
    ).getRowsJS();
    const written = num(ins?.[0]);
    if (written + options.expect.badRows !== options.expect.rows) throw new BadRowsError(options.expect.rows - written);
    onStage?.('suppliers');
    // Sums per month and supplier key: what most views read instead of the lines (a few thousand rows a month).
    await c.run(`delete from month_sums where org_id = ${org} and file_id = ${options.fileId}`);
    await c.run(`insert into month_sums select ${org}, ${options.fileId}, date_trunc('month', booked)::date, key_h, sum(amount_minor), count(*)
      from lines where org_id = ${org} and file_id = ${options.fileId} group by all`);
    // Texts already known keep theirs (a private person's digest stays a digest).
    await c.run(`insert into texts select ${org}, p.kind, p.h, p.text from read_parquet(${quote(textsPath)}) p
      where not exists (select 1 from texts t where t.org_id = ${org} and t.kind = p.kind and t.h = p.h)`);
    // Every hash the file's lines carry has a text: keys from the month sums, the rest from one
    // pass over the new lines' account, category and unit hashes (far fewer combinations than lines).
    const file = `org_id = ${org} and file_id = ${options.fileId}`;
    const [missing] = (
      await c.runAndReadAll(`with combos as (select distinct account_h, category_h, buyer_h from lines where ${file}),
        hs as (select distinct 'k' as kind, key_h as h from month_sums where ${file}
          union select 'a', account_h from combos where account_h is not null
          union select 'c', category_h from combos where category_h is not null
          union select 'b', buyer_h from combos where buyer_h is not null)
        select count(*) from hs anti join (select kind, h from texts where org_id = ${org}) t on t.kind = hs.kind and t.h = hs.h`)
    ).getRowsJS();
    if (num(missing?.[0]) > 0) throw new Error('the file changed after it was checked');
    const suppliers = (
      await c.runAndReadAll(`select t.text as raw_key, sum(g.n)::bigint as n, sum(g.minor)::bigint as minor
        from month_sums g join texts t on t.org_id = ${org} and t.kind = 'k' and t.h = g.key_h
        where g.org_id = ${org} and g.file_id = ${options.fileId}
        group by t.text`)
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

/** Gives supplier keys new texts (private persons: a digest instead of their id and name) — one `texts` row each, no line changes. */
export function rekeyLines(store: SpendStore, orgId: number, pairs: { from: string; to: string }[]): Promise<void> {
  return store.write(async (c) => {
    const stmt = await c.prepare(`update texts set text = $2 where org_id = ${orgId} and kind = 'k' and text = $1`);
    for (const p of pairs) {
      stmt.bindVarchar(1, p.from);
      stmt.bindVarchar(2, p.to);
      await stmt.run();
    }
  });
}

/** Removes a file's lines (when PostgreSQL could not record the import, or the user deletes it), and texts no line uses any more. */
export function deleteFileLines(store: SpendStore, orgId: number, fileId: number): Promise<void> {
  return store.write(async (c) => {
    await c.run(`delete from lines where org_id = ${orgId} and file_id = ${fileId}`);
    await c.run(`delete from month_sums where org_id = ${orgId} and file_id = ${fileId}`);
    for (const [kind, column] of [
      ['k', 'key_h'],
      ['a', 'account_h'],
      ['c', 'category_h'],
      ['b', 'buyer_h'],
    ])
      await c.run(
        `delete from texts where org_id = ${orgId} and kind = '${kind}' and h not in (select ${column} from lines where org_id = ${orgId} and ${column} is not null)`,
      );
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

/**
 * Each supplier key of the organisation with its band for this area and how it was placed, then
 * each hash of the lines with its key (`keyed`): the views group the lines by integers first and
 * join these few thousand rows after.
 */
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
    group by sp.raw_key, sp.label, sp.supplier_no, sp.firm_id, sp.division, sp.section, sp.private, sp.status, sp.country),
  keyed as (
    select t.h, t.text as raw_key, coalesce(b.band, 'unknown') as band, b.label, b.supplier_no, b.firm_id, b.division, b.section,
      coalesce(b.private, false) as private, b.basis
    from texts t left join banded b on b.raw_key = t.text
    where t.org_id = ${s.orgId} and t.kind = 'k')`;
}

/** hash → text of the organisation's accounts and categories (a category stands in for a missing account). */
const labelsOf = (orgId: number, kinds: string[]) =>
  `(select h, any_value(text) as text from texts where org_id = ${orgId} and kind in (${kinds.map(quote).join(', ')}) group by h)`;

/** The whole months inside the period: [first, end) as ISO dates (empty when first >= end). */
export function wholeMonths(from: string, to: string): { first: string; end: string } {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return { first: '2000-01-01', end: '2000-01-01' };
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(fy, fm - 1 + (fd === 1 ? 0 : 1), 1));
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const end = new Date(Date.UTC(ty, tm - 1 + (td === lastDay ? 1 : 0), 1));
  return { first: iso(first), end: iso(end) };
}

/**
 * Spend per month and supplier key in the period: the import's month sums for whole months, the
 * lines themselves only for the days of a month the period cuts.
 */
function monthKeys(s: AnalysisScope): string {
  const { first, end } = wholeMonths(s.from, s.to);
  const inWhole = `booked >= ${dateLit(first)} and booked < ${dateLit(end)}`;
  return `(select month, key_h, minor, n from month_sums where org_id = ${s.orgId} and month >= ${dateLit(first)} and month < ${dateLit(end)}
    union all
    select date_trunc('month', booked)::date, key_h, sum(amount_minor), count(*) from lines
    where org_id = ${s.orgId} and booked between ${dateLit(s.from)} and ${dateLit(s.to)} and not (${inWhole}) group by all)`;
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
  // The lines are grouped by integers (year, year·10+quarter, the hashes of key and account), and
  // turned into text after grouping: cheaper than a string per line.
  const perLine = by === 'account' || by === 'category';
  const lineKey =
    by === 'year'
      ? 'year(l.month)'
      : by === 'quarter'
        ? 'year(l.month) * 10 + quarter(l.month)'
        : by === 'account'
          ? 'l.account_h'
          : by === 'category'
            ? 'l.category_h'
            : '0';
  const label =
    by === 'total'
      ? "''"
      : by === 'year'
        ? 'g.k::varchar'
        : by === 'quarter'
          ? "(g.k // 10)::varchar || '-Q' || (g.k % 10)::varchar"
          : by === 'section'
            ? "coalesce(kd.section, '')"
            : by === 'division'
              ? "coalesce(kd.division, '')"
              : "coalesce(tx.text, '')";
  return bandRows(
    await rows(
      store,
      `with ${bandedSuppliers(s)},
       g as (${
         perLine
           ? `select ${lineKey} as k, l.key_h, sum(l.amount_minor) as minor, count(*) as n from lines l where ${linesIn(s)} group by all`
           : `select ${lineKey} as k, l.key_h, sum(l.minor) as minor, sum(l.n) as n from ${monthKeys(s)} l group by all`
       })
       select ${label} as k, coalesce(kd.band, 'unknown') as band, sum(g.minor)::bigint as minor, sum(g.n)::bigint as n
       from g left join keyed kd on kd.h = g.key_h
       ${by === 'account' || by === 'category' ? `left join ${labelsOf(s.orgId, [by === 'account' ? 'a' : 'c'])} tx on tx.h = g.k` : ''}
       group by all order by 1, 2`,
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
     per_key as (select l.key_h, sum(l.minor)::bigint as minor, sum(l.n)::bigint as n from ${monthKeys(s)} l group by l.key_h),
     per as (
       select coalesce(b.band, 'unknown') as band, coalesce(b.private, false) as private,
         case when coalesce(b.private, false) then '~private' else coalesce(b.firm_id::varchar, b.supplier_no, b.raw_key, p.key_h::varchar) end as who,
         any_value(case when coalesce(b.private, false) then null else b.label end) as label,
         any_value(case when coalesce(b.private, false) then null else b.supplier_no end) as supplier_no,
         any_value(b.firm_id) as firm_id, any_value(b.division) as division, any_value(b.basis) as basis,
         sum(p.minor)::bigint as minor, sum(p.n)::bigint as n
       from per_key p left join keyed b on b.h = p.key_h
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
     outside_keys as (select h, division, raw_key from keyed where band in ('country', 'abroad') and division is not null),
     per_key as (
       select l.key_h, coalesce(l.account_h, l.category_h) as acc_h, sum(l.amount_minor)::bigint as amount_minor
       from lines l where ${linesIn(s)} and l.key_h in (select h from outside_keys) group by all),
     outside as (
       select b.division, b.raw_key, tx.text as acc, p.amount_minor
       from per_key p join outside_keys b on b.h = p.key_h left join ${labelsOf(s.orgId, ['a', 'c'])} tx on tx.h = p.acc_h),
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

/** Removes every line, text and supplier fact of an organisation (tests, erasure). */
export function deleteOrganisationLines(store: SpendStore, orgId: number): Promise<void> {
  return store.write(async (c) => {
    for (const t of ['lines', 'month_sums', 'texts', 'suppliers', 'supplier_places']) await c.run(`delete from ${t} where org_id = ${orgId}`);
  });
}
