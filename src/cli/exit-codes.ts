import type { SecflowErrorCode } from '../core/errors.ts';

/**
 * The CI contract: the only place exit codes are defined. Documented in README.md ("Exit codes")
 * and tested end to end in test/e2e.
 */
export const ExitCode = {
  /** Nothing at or above the gate's threshold. */
  ok: 0,
  /** The gate failed: findings at or above --fail-on. */
  gateFailed: 1,
  /** Bad flags, bad config, a missing or unreadable input. */
  usage: 2,
  /** secflow itself, or its advisory database, could not do the job. */
  internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(code: SecflowErrorCode): ExitCode {
  switch (code) {
    case 'usage':
    case 'config':
    case 'input':
      return ExitCode.usage;
    case 'db-missing':
    case 'db-stale':
    case 'db-corrupt':
    case 'source':
    case 'disk':
    case 'internal':
      return ExitCode.internal;
    default:
      return code satisfies never;
  }
}
