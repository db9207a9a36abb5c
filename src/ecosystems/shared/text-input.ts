import { SecflowError } from '../../core/errors.ts';

/** Longest entry text kept in a SkippedEntry; a hostile 50k-character line stays readable. */
const MAX_ENTRY_CHARS = 200;

/** How much of a file the binary check looks at; enough to tell text from binary data. */
const SNIFF_CHARS = 65_536;

/** Cuts long entry text so reports stay readable whatever the input holds. */
export function clip(text: string): string {
  return text.length <= MAX_ENTRY_CHARS ? text : `${text.slice(0, MAX_ENTRY_CHARS)}…`;
}

/** What to tell the user beside an invalid-input message. */
export interface InvalidInputOptions {
  readonly cause?: unknown;
  /** Defaults to "check the file is complete, regenerate it". */
  readonly hint?: string;
}

/** The one-line error for a file that cannot be read as `format` at all. */
export function invalidInput(
  path: string,
  format: string,
  what: string,
  options: InvalidInputOptions = {},
): SecflowError {
  return new SecflowError('input', `${path}: not a valid ${format}: ${what}`, {
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    hint:
      options.hint ??
      `Check that ${path} is a complete ${format}; regenerate it with its tool if it was cut short.`,
  });
}

/** The error for a document nested deeper than any its tool writes; parsers refuse it unread. */
export function tooDeeplyNested(path: string, format: string, what: string): SecflowError {
  return invalidInput(path, format, what, {
    hint: `Check that ${path} is the ${format} its tool wrote.`,
  });
}

/**
 * Rejects content that is not text before any parser reads it: a NUL byte or a run of
 * undecodable bytes (U+FFFD after UTF-8 decoding) means binary data that merely carries a
 * lockfile's name. Only the first 64 KiB are sniffed, so the check is cheap on any size.
 */
export function assertText(path: string, content: string, format: string): void {
  const sample = content.length > SNIFF_CHARS ? content.slice(0, SNIFF_CHARS) : content;
  let replacement = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) throw binaryError(path, format);
    if (code === 0xfffd) replacement++;
  }
  if (replacement > 8 && replacement * 100 > sample.length) throw binaryError(path, format);
}

function binaryError(path: string, format: string): SecflowError {
  return new SecflowError('input', `${path}: binary data, not a ${format}`, {
    hint: `Remove or rename the file if it is not a ${format}.`,
  });
}

/** Drops a leading byte-order mark, which editors on Windows like to write. */
export function stripBom(content: string): string {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

/** Splits text into lines, accepting \n, \r\n and lone \r line ends. */
export function splitLines(content: string): string[] {
  return content.split(/\r\n|\n|\r/);
}
