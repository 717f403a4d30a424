// A node:test reporter that prints, at the end of `npm test`, the wall time of each test file
// (its top-level suites added up), slowest first, with the budget docs/ARCHITECTURE.md sets.
// Used by bin/run-tests.mjs next to the spec reporter.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Last known wall time per compiled test file; bin/run-tests.mjs starts the slowest first. */
export const durationsFile = join(process.cwd(), 'dist', 'test-durations.json');

export default async function* durations(source) {
  const byFile = new Map();
  const byCompiled = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const compiled = relative(process.cwd(), event.data.file);
      const file = compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      const ms = event.data.details?.duration_ms ?? 0;
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
      byCompiled.set(compiled, (byCompiled.get(compiled) ?? 0) + ms);
    }
  }
  try {
    let known = {};
    try {
      known = JSON.parse(readFileSync(durationsFile, 'utf8'));
    } catch {
      /* first run */
    }
    writeFileSync(durationsFile, JSON.stringify({ ...known, ...Object.fromEntries([...byCompiled].map(([f, ms]) => [f, Math.round(ms)])) }, null, 1));
  } catch {
    /* ordering is an optimisation only */
  }
  const rows = [...byFile].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  yield `\nTest files by wall time (sum ${(total / 1000).toFixed(0)} s over ${rows.length} files; budgets in docs/ARCHITECTURE.md "Tests"):\n`;
  for (const [file, ms] of rows) yield `  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`;
}
