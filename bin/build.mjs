// Compiles TypeScript to dist/ when any source is newer than the last build.
// `npm install` runs it once (the `prepare` script), so the first `npm start` on a fresh clone
// does not spend its first ~12 s compiling; the CLI launcher and the test runner run it again
// and it compiles only when a source changed since.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt({ quiet = false, ifTypescript = false } = {}) {
  const sources = Math.max(...['src', 'bench', 'test'].map((dir) => newestMtime(join(root, dir))), statSync(join(root, 'tsconfig.json')).mtimeMs);
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  if (!quiet) process.stderr.write('lokalkraft: compiling TypeScript…\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    // An install without dev dependencies (npm ci --omit=dev) has no compiler; it needs a built dist/.
    if (ifTypescript) return;
    if (existsSync(join(root, 'dist', 'src', 'cli.js'))) {
      process.stderr.write('lokalkraft: sources are newer than dist/, but TypeScript is not installed; running the existing build\n');
      return;
    }
    process.stderr.write('lokalkraft: dist/ is missing and TypeScript is not installed: run `npm install` (with dev dependencies) first\n');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('lokalkraft: TypeScript compilation failed\n');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

// At install: a migrated embedded database to copy into an empty data directory (src/db/template.ts),
// so the first start skips initdb and the migrations. Without it the first start just does them.
function buildTemplate() {
  process.stderr.write('lokalkraft: preparing the embedded database template…\n');
  const result = spawnSync(process.execPath, [join(root, 'dist', 'src', 'make-template.js')], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn' } });
  if (result.status !== 0) process.stderr.write('lokalkraft: no template (the first start will create the database itself)\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const atInstall = process.argv.includes('--if-typescript');
  ensureBuilt({ ifTypescript: atInstall });
  if (atInstall && existsSync(join(root, 'dist', 'src', 'make-template.js'))) buildTemplate();
}
