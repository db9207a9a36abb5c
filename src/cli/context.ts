import type { Output } from './output.ts';

/** What every command gets besides its own options. */
export interface CliContext {
  readonly output: Output;
  /** Environment, injectable for tests (SECFLOW_DB, XDG_CACHE_HOME, CI…). */
  readonly env: NodeJS.ProcessEnv;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Set by a command to the exit code it wants; main() returns it. */
  exitCode: number;
}
