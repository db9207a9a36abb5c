import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { isSecflowError } from '../core/errors.ts';
import { commands } from './commands/index.ts';
import type { CliContext } from './context.ts';
import { ExitCode, exitCodeFor } from './exit-codes.ts';
import { detectOutput, type Output } from './output.ts';
import { VERSION } from './version.ts';

/** Runs the CLI in-process and returns the exit code; tests call this with captured output. */
export async function run(
  argv: readonly string[],
  options: { output?: Output; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<number> {
  const debug = argv.includes('--debug');
  const output = options.output ?? detectOutput(debug, argv.includes('--no-color'));
  const ctx: CliContext = {
    output,
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    exitCode: ExitCode.ok,
  };
  const program = new Command('secflow')
    .description(
      'Security in the flow of delivery: scan dependencies against an offline OSV database.',
    )
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces and internal detail on errors')
    .option('--no-color', 'never colour output (colour is used only on a TTY anyway)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => output.out.write(s),
      writeErr: (s) => output.err.write(s),
    });
  for (const register of commands) register(program, ctx);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, output);
  }
}

function reportError(error: unknown, output: Output): number {
  if (error instanceof CommanderError) {
    // Help and --version exit through here with code 0; real usage errors were printed already.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isSecflowError(error)) {
    output.err.write(`secflow: ${error.message}\n`);
    if (error.hint !== undefined) output.err.write(`  ${error.hint}\n`);
    if (output.debug && error.stack !== undefined) output.err.write(`${formatStack(error)}\n`);
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  output.err.write(`secflow: internal error: ${message}\n`);
  if (output.debug) output.err.write(`${formatStack(error)}\n`);
  else output.err.write('  run again with --debug for details, and report it if it persists\n');
  return ExitCode.internal;
}

function formatStack(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.stack ?? String(current));
    current = current.cause;
  }
  return parts.join('\ncaused by: ');
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await run(process.argv.slice(2));
}
