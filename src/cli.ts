import { parseArgs } from 'node:util';
import { loadEnv } from './config/env.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrator.js';
import { loadReferenceData } from './modules/reference-data.js';
import { cliCommands } from './modules/commands.js';
import { registerListeners } from './modules/listeners.js';
import type { CliCommand, CliContext } from './shared/cli/contract.js';

const builtins: CliCommand[] = [
  {
    name: 'serve',
    summary: 'Serve the platform (PORT, DATABASE_URL or LOKALKRAFT_DATA_DIR)',
    usage: 'lokalkraft serve',
    async run() {
      const { serve } = await import('./serve.js');
      await serve();
      return -1; // keep running
    },
  },
  {
    name: 'migrate',
    summary: 'Apply pending database migrations and load reference data',
    usage: 'lokalkraft migrate',
    async run(ctx) {
      const env = loadEnv();
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.LOKALKRAFT_DATA_DIR });
      try {
        const result = await migrate(database.db, (name) => ctx.out(`applied ${name}`));
        const reference = await loadReferenceData(database.db);
        ctx.out(
          `${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place; ${
            reference.loaded ? `${reference.municipalities} municipalities, ${reference.naceDivisions} NACE divisions loaded` : 'reference data unchanged'
          }`,
        );
      } finally {
        await database.close();
      }
    },
  },
];

/** `bench …` commands live in bench/ (outside the modules): loaded only for `bench …` and for help. */
async function benchCommands(): Promise<CliCommand[]> {
  const { benchCommands } = await import('../bench/commands.js');
  return benchCommands;
}

async function allCommands(withBench: boolean): Promise<CliCommand[]> {
  return [...builtins, ...cliCommands(), ...(withBench ? await benchCommands() : [])];
}

async function help(out: (s: string) => void) {
  out('Usage: lokalkraft <command> [options]\n');
  for (const c of await allCommands(true)) out(`  ${c.usage.padEnd(60)} ${c.summary}`);
  out('\nEnvironment: PORT, HOST, DATABASE_URL, LOKALKRAFT_DATA_DIR, LOG_LEVEL (see README).');
}

export async function runCli(argv: string[]): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  registerListeners(); // commands write the registry too: the directory must hear "firms changed"
  const commands = await allCommands(argv[0] === 'bench');
  // longest match first: "seed demo" before "seed"
  const command = commands
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
  if (!command || (argv.includes('--help') && argv.length === 1)) {
    await help(out);
    process.exitCode = argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' ? 0 : 2;
    if (argv.length && !['--help', 'help'].includes(argv[0])) process.stderr.write(`lokalkraft: unknown command "${argv.join(' ')}"\n`);
    return;
  }
  const rest = argv.slice(command.name.split(' ').length);
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { help: { type: 'boolean' }, ...(command.options ?? {}) }, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`lokalkraft ${command.name}: ${(err as Error).message}\nUsage: ${command.usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.values.help) {
    out(`Usage: ${command.usage}\n\n${command.summary}`);
    return;
  }
  const ctx: CliContext = {
    args: rest,
    out,
    async openDb() {
      const env = loadEnv();
      // CLI work is bulk work: a small PGlite buffer cache keeps imports within their memory budget.
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.LOKALKRAFT_DATA_DIR, pgliteSharedBuffers: '32MB' });
      await migrate(database.db);
      await loadReferenceData(database.db);
      return database;
    },
  };
  try {
    const code = await command.run(ctx, parsed);
    if (code === -1) return; // long-running (serve)
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    process.stderr.write(`lokalkraft ${command.name}: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
  if (process.exitCode !== undefined) setImmediate(() => process.exit(process.exitCode as number));
}
