#!/usr/bin/env node
import { ensureBuilt, root } from './build.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

ensureBuilt();
const { runCli } = await import(pathToFileURL(join(root, 'dist', 'src', 'cli.js')).href);
await runCli(process.argv.slice(2));
