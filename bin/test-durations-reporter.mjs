// A node:test reporter that prints, at the end of `npm test`, the wall time of each test file
// (its top-level suites added up), slowest first, with the budget docs/ARCHITECTURE.md sets.
// Used by bin/run-tests.mjs next to the spec reporter.
import { relative } from 'node:path';

export default async function* durations(source) {
  const byFile = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const file = relative(process.cwd(), event.data.file).replace(/^dist\//, '').replace(/\.js$/, '.ts');
      byFile.set(file, (byFile.get(file) ?? 0) + (event.data.details?.duration_ms ?? 0));
    }
  }
  const rows = [...byFile].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  yield `\nTest files by wall time (sum ${(total / 1000).toFixed(0)} s over ${rows.length} files; budgets in docs/ARCHITECTURE.md "Tests"):\n`;
  for (const [file, ms] of rows) yield `  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`;
}
