import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerDbCommand } from './db.ts';
import { registerExplainCommand } from './explain.ts';
import { registerSbomCommand } from './sbom.ts';
import { registerScanCommand } from './scan.ts';

/** A CLI command: adds itself (and its subcommands) to the program. */
export type CommandModule = (program: Command, ctx: CliContext) => void;

/** Every command, in help order. Adding a command is a file in this folder and one line here. */
export const commands: readonly CommandModule[] = [
  registerScanCommand,
  registerSbomCommand,
  registerDbCommand,
  registerExplainCommand,
];
