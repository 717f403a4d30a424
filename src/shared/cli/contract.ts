import type { ParseArgsConfig } from 'node:util';
import type { Database } from '../../db/client.js';

// The contract between the `lokalkraft` command (src/cli.ts) and the modules and bench code that
// add subcommands to it. It lives here, not in cli.ts, so a module's commands do not import the
// file that imports them.

export interface CliContext {
  args: string[];
  /** Opens the configured database, migrated and with reference data loaded. */
  openDb(): Promise<Database>;
  out: (line: string) => void;
}

export interface CliCommand {
  /** e.g. "seed demo", "import brreg" */
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  // `void`: most commands return nothing; a number is the exit code (-1: keeps running).
  // biome-ignore lint/suspicious/noConfusingVoidType: an async command body without a return is Promise<void>
  run(ctx: CliContext, parsed: { values: Record<string, unknown>; positionals: string[] }): Promise<number | void>;
}
