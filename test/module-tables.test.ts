import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { projectRoot } from '../src/shared/paths.js';

/**
 * Modules own their tables: only a module's repositories name them; other modules ask its service.
 * A module is a folder under src/modules (with its sub-folders: registry/profile and
 * registry/importers are the registry's) or a shared service with tables (src/shared/mail,
 * src/shared/files). Its tables are the keys of the `…Tables` interfaces in its `*.tables.ts`.
 */
const src = join(projectRoot, 'src');

/**
 * The one documented exception (docs/ARCHITECTURE.md "Modules own their tables"): the directory's
 * listing sync rebuilds its read model from the registry's tables and place names set-based, in
 * one statement per batch — a per-firm service call would make a national rebuild take hours.
 */
const exceptions: Record<string, string[]> = {
  'src/modules/directory/directory.sync.repository.ts': ['firms', 'establishments', 'products', 'nace_divisions', 'municipalities'],
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
const files = walk(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const moduleOf = (file: string): string => {
  const parts = relative(src, file).split(sep);
  return parts[0] === 'modules' || parts[0] === 'shared' ? `${parts[0]}/${parts[1]}` : parts[0]!;
};
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Table name → owning module, from every module's `*.tables.ts`. */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.tables.ts'))) {
    const code = withoutComments(readFileSync(file, 'utf8'));
    for (const m of code.matchAll(/export interface \w+Tables(?: extends [^{]*)?\s*\{/g)) {
      let depth = 1;
      let body = '';
      for (let i = m.index + m[0].length; depth > 0 && i < code.length; i++) {
        if (code[i] === '{') depth++;
        if (code[i] === '}') depth--;
        if (depth === 1) body += code[i];
      }
      for (const t of body.matchAll(/^\s*([a-z_][a-z0-9_]*)\s*:/gm)) owners.set(t[1]!, moduleOf(file));
    }
  }
  return owners;
}

/** The tables a piece of code names: Kysely's `'table'` / `'table as t'`, or raw SQL after from/join/into/update. */
export function tablesNamedIn(code: string, tables: Iterable<string>): string[] {
  const plain = withoutComments(code);
  return [...tables].filter((t) => new RegExp(`['"\`]${t}(?: as \\w+)?['"\`]|\\b(?:from|join|into|update|table)\\s+${t}\\b`, 'i').test(plain));
}

describe('modules own their tables', () => {
  const owners = tableOwners();

  it('finds the tables of every module (the parser still reads the *.tables.ts files)', () => {
    for (const [table, owner] of [
      ['users', 'modules/accounts'],
      ['firms', 'modules/registry'],
      ['firm_links', 'modules/registry'],
      ['organisations', 'modules/network'],
      ['municipalities', 'modules/places'],
      ['directory_listings', 'modules/directory'],
      ['audit_log', 'modules/audit'],
      ['mail_outbox', 'shared/mail'],
      ['files', 'shared/files'],
    ])
      assert.equal(owners.get(table), owner, table);
  });

  it("catches a repository that names another module's table (the check can fail)", () => {
    assert.deepEqual(tablesNamedIn("db.selectFrom('staff_roles as r').innerJoin('users as u', 'u.id', 'r.user_id')", owners.keys()).sort(), [
      'staff_roles',
      'users',
    ]);
    assert.deepEqual(tablesNamedIn('sql`select f.name from firms f join memberships ms on ms.firm_id = f.id`', owners.keys()).sort(), ['firms', 'memberships']);
    assert.deepEqual(tablesNamedIn("// reads firms\n/* from users */ db.selectFrom('organisations')", owners.keys()), ['organisations']);
  });

  it('no repository names a table of another module', () => {
    const foreign: string[] = [];
    for (const file of files.filter((f) => /repository\.ts$/.test(f))) {
      const rel = relative(projectRoot, file).split(sep).join('/');
      const allowed = exceptions[rel] ?? [];
      for (const t of tablesNamedIn(readFileSync(file, 'utf8'), owners.keys()))
        if (owners.get(t) !== moduleOf(file) && !allowed.includes(t)) foreign.push(`${rel} names ${t} (owned by ${owners.get(t)})`);
    }
    assert.deepEqual(foreign, []);
  });

  it('no SQL outside repositories names a table (routes and services go through a repository)', () => {
    const outside: string[] = [];
    for (const file of files.filter((f) => !/repository\.ts$/.test(f) && !/\.tables\.ts$/.test(f) && !f.includes(`${sep}db${sep}`))) {
      const code = readFileSync(file, 'utf8');
      if (!/selectFrom\(|insertInto\(|updateTable\(|deleteFrom\(|sql`/.test(code)) continue;
      const named = tablesNamedIn(code, owners.keys()).filter((t) =>
        new RegExp(`(selectFrom|insertInto|updateTable|deleteFrom)\\(['"\`]${t}|(from|join|into|update)\\s+${t}\\b`, 'i').test(withoutComments(code)),
      );
      if (named.length) outside.push(`${relative(projectRoot, file)}: ${named.join(', ')}`);
    }
    assert.deepEqual(outside, []);
  });
});
