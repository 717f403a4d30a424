import type { CliCommand } from '../shared/cli/contract.js';
import { demoCommands } from './demo/demo.cli.js';
import { accountCommands } from './accounts/accounts.cli.js';
import { directoryCommands } from './directory/directory.cli.js';
import { importCommands } from './registry/importers/import.cli.js';
import { filesCommands } from './files/files.cli.js';
import { jobsCommands } from './jobs/jobs.cli.js';
import { spendCommands } from './spend/spend.cli.js';
import { procurementCommands } from './procurement/procurement.cli.js';

/** One line per module that adds CLI commands. */
export function cliCommands(): CliCommand[] {
  return [
    ...demoCommands,
    ...importCommands,
    ...accountCommands,
    ...directoryCommands,
    ...filesCommands,
    ...jobsCommands,
    ...spendCommands,
    ...procurementCommands,
  ];
}
