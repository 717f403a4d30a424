#!/usr/bin/env node
// `npm test`: compile, then run every *.test.js under dist/ with node's test runner.
// Unit and integration tests run on PGlite always and on PostgreSQL when it is reachable
// (always under CI=true). Browser tests (test/e2e) need Chromium at CHROMIUM_PATH or
// /usr/bin/chromium; under CI=true they must run, elsewhere they are skipped with a note.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, root } from './build.mjs';

ensureBuilt();

const filter = process.argv.slice(2);
function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

// A compiled test whose source was deleted or renamed stays in dist/ (tsc never removes output): skip it.
const hasSource = (compiled) => {
  const source = relative(join(root, 'dist'), compiled).replace(/\.js$/, '');
  return existsSync(join(root, `${source}.ts`)) || existsSync(join(root, `${source}.tsx`));
};
let files = ['src', 'bench', 'test'].flatMap((dir) => findTests(join(root, 'dist', dir))).filter(hasSource);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI === 'true') {
    console.error(`Browser tests need Chromium at ${chromium} (apt-get install -y chromium).`);
    process.exit(1);
  }
  const e2e = files.filter((f) => f.includes(`${join('dist', 'test', 'e2e')}`));
  if (e2e.length) console.warn(`note: skipping ${e2e.length} browser test file(s): no Chromium at ${chromium}`);
  files = files.filter((f) => !e2e.includes(f));
}
if (filter.length) files = files.filter((f) => filter.some((x) => relative(root, f).includes(x)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// Slowest files first (their last wall time, from bin/test-durations-reporter.mjs; unknown ones
// count as slow): with two at a time, a long file started last would keep the run waiting alone.
let lastDurations = {};
try {
  lastDurations = JSON.parse(readFileSync(join(root, 'dist', 'test-durations.json'), 'utf8'));
} catch {
  /* no earlier run */
}
// Without an earlier run (a fresh clone, CI), the browser and fuzz files are the known long ones.
const guess = (path) => (/input-fuzz|[/\\]e2e[/\\]/.test(path) ? 2 : /^dist[/\\]test[/\\]/.test(path) ? 1 : 0);
const cost = (f) => lastDurations[relative(root, f)] ?? 1e12 + guess(relative(root, f));
files.sort((a, b) => cost(b) - cost(a));

const reporters = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'bin', 'test-durations-reporter.mjs')}`,
  '--test-reporter-destination=stdout',
];
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...reporters, ...files], {
  stdio: 'inherit',
  cwd: root,
  // A low scrypt cost for the test accounts (the password module honours it only under NODE_ENV=test;
  // accounts.password.test.ts still checks the production cost).
  env: { ...process.env, NODE_ENV: 'test', PASSWORD_HASH_TEST_LN: process.env.PASSWORD_HASH_TEST_LN ?? '10' },
});
process.exit(result.status ?? 1);
