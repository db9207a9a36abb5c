/**
 * JSON with comments and trailing commas (bun.lock, deno.jsonc): removed before JSON.parse,
 * by one regex for the common machine-written shape, else by an exact linear pass that copies
 * strings untouched and does not nest.
 */

/** Where JSONC text is not valid, as a character offset for the caller's message. */
export class JsoncError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/**
 * Commas before a closing bracket on a later line. A JSON string cannot hold a raw newline, so
 * a match can never be inside one: removing them is safe without tracking strings. Only one
 * way to match each comma, so no backtracking blow-up on long whitespace.
 */
const TRAILING_COMMA_BEFORE_NEWLINE = /,([ \t\r]*\n\s*[}\]])/g;

export function parseJsonc(text: string): unknown {
  // Fast path for machine-written files (bun.lock): trailing commas at line ends, no comments.
  try {
    return JSON.parse(text.replace(TRAILING_COMMA_BEFORE_NEWLINE, '$1'));
  } catch {
    // Comments, same-line trailing commas or a real error: the exact pass decides.
  }
  const clean = stripJsonc(text);
  try {
    return JSON.parse(clean);
  } catch (error) {
    throw new JsoncError(error instanceof Error ? error.message : String(error), 0);
  }
}

/** The text with comments blanked out and trailing commas dropped; offsets shift only at commas. */
export function stripJsonc(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i === 1) copied = 1;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i);
    } else if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      const end = commentEnd(text, i);
      parts.push(text.slice(copied, i));
      copied = end;
      i = end;
    } else if (c === 44 && closesNext(text, i + 1)) {
      parts.push(text.slice(copied, i));
      copied = i + 1;
      i++;
    } else {
      i++;
    }
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

function stringEnd(text: string, from: number): number {
  let quote = text.indexOf('"', from + 1);
  for (;;) {
    if (quote === -1) throw new JsoncError('unterminated string', from);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
}

function commentEnd(text: string, from: number): number {
  if (text.charCodeAt(from + 1) === 47) {
    const newline = text.indexOf('\n', from);
    return newline === -1 ? text.length : newline;
  }
  const close = text.indexOf('*/', from + 2);
  if (close === -1) throw new JsoncError('unterminated comment', from);
  return close + 2;
}

/** Whether the next token after whitespace and comments closes an object or array. */
function closesNext(text: string, from: number): boolean {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      i = commentEnd(text, i);
    } else return c === 125 || c === 93;
  }
}
