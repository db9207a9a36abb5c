import type { SecflowError } from '../../core/errors.ts';
import { assertText, invalidInput, stripBom } from '../shared/text-input.ts';

/**
 * The one error an npm extractor throws for a file it cannot read at all:
 * "<path>: not a valid <format>: <what>" (the shared wording), with the tool that rewrites it.
 */
export function inputError(
  path: string,
  format: string,
  what: string,
  hint: string,
  cause?: unknown,
): SecflowError {
  return invalidInput(path, format, what, { hint, ...(cause === undefined ? {} : { cause }) });
}

/** The text after the shared binary-data check and without a byte-order mark. */
export function textOf(path: string, content: string, format: string): string {
  assertText(path, content, format);
  return stripBom(content);
}

/** The message of a caught error, on one line and short enough for a terminal. */
export function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
