// The shape of the import graph, checked on every test run: no import cycles, shared code that
// does not depend on modules, a db layer that knows modules only through db/types.ts's table
// types, and bench code kept out of src/ (src reaches bench/ only through the CLI's one lazy import;
// tests beside the code may use bench/'s synthetic firms and probes, as they use test/support).
// Imports are read with a regex over import/export-from lines and import() calls; type-only
// imports count too, since a type cycle is still two files that must change together.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { projectRoot } from '../src/shared/paths.js';

type Graph = Map<string, { to: string; line: number }[]>;

const sourceFile = /\.tsx?$/;

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return listSources(p);
    return sourceFile.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Module specifiers with the line they are on: `import … from`, `export … from`, `import '…'`, `import('…')`. */
export function importsOf(text: string): { spec: string; line: number }[] {
  const found: { spec: string; index: number }[] = [];
  const patterns = [
    /(?:^|[\s;}])(?:import|export)\s[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|[\s;}])import\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*[,)]/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push({ spec: m[1], index: m.index + m[0].lastIndexOf(m[1]) });
  return found.map(({ spec, index }) => ({ spec, line: text.slice(0, index).split('\n').length }));
}

/** './x.js' from a .ts file means './x.ts' or './x.tsx'. Non-relative and data (.json) imports are not edges. */
function resolveRelative(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = resolve(dirname(from), spec);
  const base = target.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, target]) if (sourceFile.test(candidate) && existsSync(candidate)) return candidate;
  return undefined;
}

function buildGraph(roots: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of roots.flatMap((r) => listSources(join(projectRoot, r)))) {
    const rel = relative(projectRoot, file).split(sep).join('/');
    const edges = importsOf(readFileSync(file, 'utf8')).flatMap(({ spec, line }) => {
      const to = resolveRelative(file, spec);
      return to ? [{ to: relative(projectRoot, to).split(sep).join('/'), line }] : [];
    });
    graph.set(rel, edges);
  }
  return graph;
}

/** Every strongly connected component with more than one file (or a file importing itself), each as one cycle path. */
export function findCycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).some((e) => e.to === v);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  // One concrete cycle per component (shortest path back to its first file), easier to act on than a set.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const { to } of graph.get(v) ?? []) {
        if (!members.has(to)) continue;
        if (to === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(previous.get(path[0])!);
          return [...path, start];
        }
        if (!previous.has(to)) {
          previous.set(to, v);
          queue.push(to);
        }
      }
    }
    return component;
  });
}

function violations(graph: Graph, rule: (from: string, to: string) => boolean): string[] {
  return [...graph].flatMap(([from, edges]) => edges.filter((e) => rule(from, e.to)).map((e) => `${from}:${e.line} imports ${e.to}`));
}

describe('import structure', () => {
  const graph = buildGraph(['src', 'bench', 'test']);

  it('the reader sees static, type-only, re-export, side-effect and dynamic imports, and nothing in plain strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import type {\n  B,\n  C,\n} from './b.js';",
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "const text = 'imported from somewhere';",
    ].join('\n');
    assert.deepEqual(
      importsOf(text)
        .map((i) => i.spec)
        .sort(),
      ['./a.js', './b.js', './d.js', './e.js', './f.js', './g.js'],
    );
    assert.equal(importsOf(text).find((i) => i.spec === './b.js')?.line, 5);
  });

  it('finds a cycle when there is one, and none in a chain', () => {
    const g: Graph = new Map([
      ['a.ts', [{ to: 'b.ts', line: 1 }]],
      ['b.ts', [{ to: 'c.ts', line: 1 }]],
      ['c.ts', [{ to: 'a.ts', line: 1 }]],
      ['d.ts', [{ to: 'a.ts', line: 1 }]],
    ]);
    assert.deepEqual(findCycles(g), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    g.set('c.ts', []);
    assert.deepEqual(findCycles(g), []);
  });

  it('reads the real tree (the graph is not empty, so the checks below check something)', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files found under src/, bench/ and test/`);
    assert.ok((graph.get('src/cli.ts') ?? []).length > 3, 'src/cli.ts has no imports: the reader is broken');
  });

  it('has no import cycles in src/, bench/ or test/', () => {
    const cycles = findCycles(graph);
    assert.deepEqual(
      cycles.map((c) => c.join(' → ')),
      [],
    );
  });

  it('src/shared does not import from src/modules', () => {
    assert.deepEqual(
      violations(graph, (from, to) => from.startsWith('src/shared/') && to.startsWith('src/modules/')),
      [],
    );
  });

  it('src/db imports from src/modules only the table types, only in db/types.ts', () => {
    const allowed = (from: string, to: string) => from === 'src/db/types.ts' && /\.tables\.ts$/.test(to);
    assert.deepEqual(
      violations(graph, (from, to) => from.startsWith('src/db/') && to.startsWith('src/modules/') && !allowed(from, to)),
      [],
    );
  });

  it('src/ reaches bench/ only through the CLI registration point (tests may use its synthetic data and probes)', () => {
    const allowed = (from: string) => from === 'src/cli.ts' || /\.test\.tsx?$/.test(from);
    assert.deepEqual(
      violations(graph, (from, to) => from.startsWith('src/') && to.startsWith('bench/') && !allowed(from)),
      [],
    );
  });

  it('module code has no bench or synthetic-data files left in it', () => {
    const stray = [...graph.keys()].filter((f) => f.startsWith('src/') && /(^|[./-])(bench|synthetic)([./-]|$)/.test(f.split('/').pop()!));
    assert.deepEqual(stray, []);
  });
});
