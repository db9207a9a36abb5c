/**
 * Failures secflow reports to users. Each carries a code the CLI maps to an exit code and a
 * message that names what failed and what to do; `cause` keeps the underlying error for --debug.
 */
export type SecflowErrorCode =
  | 'usage' // bad flags or arguments
  | 'config' // secflow.yaml or another config file is invalid
  | 'input' // a file or directory the user pointed at is missing or unreadable
  | 'db-missing' // no advisory database yet
  | 'db-stale' // advisory data older than the configured maximum age
  | 'db-corrupt' // the database file exists but cannot be used
  | 'source' // an advisory source is unreachable or malformed
  | 'disk' // out of space or not writable
  | 'internal';

export class SecflowError extends Error {
  override readonly name = 'SecflowError';
  readonly code: SecflowErrorCode;
  /** What the user can do about it, printed after the message. */
  readonly hint?: string;

  constructor(
    code: SecflowErrorCode,
    message: string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.hint !== undefined) this.hint = options.hint;
  }
}

export function isSecflowError(e: unknown): e is SecflowError {
  return e instanceof SecflowError;
}
