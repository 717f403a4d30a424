import type { CliCommand } from '../../../cli.js';

export const demoCommands: CliCommand[] = [];
