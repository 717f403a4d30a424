#!/usr/bin/env node
import { ensureBuilt, root } from './build.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

ensureBuilt();
const args = process.argv.slice(2);
const load = (file) => import(pathToFileURL(join(root, 'dist', 'src', file)).href);
if (args.length === 1 && args[0] === 'serve') {
  // `npm start`: open the database while the rest loads (src/serve.ts), without the whole CLI first.
  const { serve } = await load('serve.js');
  await serve().catch((err) => {
    process.stderr.write(`lokalkraft serve: ${err.message}\n`);
    process.exitCode = 1;
  });
} else {
  const { runCli } = await load('cli.js');
  await runCli(args);
}
