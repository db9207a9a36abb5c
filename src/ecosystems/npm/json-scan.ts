/**
 * Walks the members of a JSON object (or the elements of an array) in a large text without
 * building the whole tree: each value is handed over by where it starts, so a caller decodes
 * only what it needs and memory stays proportional to one entry, not to the file. Loops only;
 * nesting depth costs a counter, never a stack frame. Comments and trailing commas (JSONC, as
 * bun.lock and deno.jsonc use) are accepted; npm never writes them, so accepting them costs
 * nothing there.
 */

/** Where a scan found the text not to be JSON; `offset` is a character offset. */
export class JsonScanError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** The offset of the next token: whitespace and comments skipped. */
export function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else if (c === 47) i = commentEnd(text, i);
    else return i;
  }
}

/** End of the comment at `from`, or `from` itself when a lone "/" is not one. */
function commentEnd(text: string, from: number): number {
  const next = text.charCodeAt(from + 1);
  if (next === 47) {
    const newline = text.indexOf('\n', from);
    return newline === -1 ? text.length : newline;
  }
  if (next !== 42) throw new JsonScanError('unexpected "/"', from);
  const close = text.indexOf('*/', from + 2);
  if (close === -1) throw new JsonScanError('unterminated comment', from);
  return close + 2;
}

/** End (exclusive) of the string whose opening quote is at `from`. */
export function stringEnd(text: string, from: number): number {
  let quote = text.indexOf('"', from + 1);
  for (;;) {
    if (quote === -1) throw new JsonScanError('unterminated string', from);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
}

/** The string whose opening quote is at `start` and whose span ends at `end`, decoded. */
export function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (parseSpan(text, start, end) as string) : raw;
}

/**
 * End (exclusive) of the value starting at `from`. Containers are matched by counting brackets
 * outside strings and comments; their contents are checked when a caller decodes them.
 */
export function valueEnd(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first === 34) return stringEnd(text, from);
  if (first !== 123 && first !== 91) {
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      // , } ] / whitespace or the end of text close a number, true, false or null.
      if (Number.isNaN(c) || c === 44 || c === 125 || c === 93 || c === 47 || c <= 32) break;
      i++;
    }
    if (i === from) throw new JsonScanError('expected a value', from);
    return i;
  }
  let depth = 0;
  const length = text.length;
  for (let i = from; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 47) i = commentEnd(text, i) - 1;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new JsonScanError('unexpected end of text inside an object or array', from);
}

/**
 * Calls `visit(key, keyOffset, valueStart)` for each member of the object whose `{` is at
 * `from`, in document order, and returns the offset after its closing `}`. A visitor that reads
 * the value itself returns where it ends; one that returns undefined has it skipped.
 */
export function forEachMember(
  text: string,
  from: number,
  visit: (key: string, keyOffset: number, valueStart: number) => number | undefined,
): number {
  if (text.charCodeAt(from) !== 123) throw new JsonScanError('expected an object', from);
  let i = skipWhitespace(text, from + 1);
  for (;;) {
    if (text.charCodeAt(i) === 125) return i + 1;
    if (text.charCodeAt(i) !== 34) throw new JsonScanError('expected a quoted key', i);
    const keyEnd = stringEnd(text, i);
    const key = decodeKey(text, i, keyEnd);
    const keyOffset = i;
    i = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(i) !== 58) throw new JsonScanError('expected a colon after the key', i);
    const valueStart = skipWhitespace(text, i + 1);
    i = skipWhitespace(text, visit(key, keyOffset, valueStart) ?? valueEnd(text, valueStart));
    const c = text.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 44) throw new JsonScanError('expected a comma or a closing brace', i);
    i = skipWhitespace(text, i + 1);
  }
}

/**
 * Calls `visit(index, valueStart)` for each element of the array whose `[` is at `from` and
 * returns the offset after its `]`; the visitor returns where an element ends, as above.
 */
export function forEachElement(
  text: string,
  from: number,
  visit: (index: number, valueStart: number) => number | undefined,
): number {
  if (text.charCodeAt(from) !== 91) throw new JsonScanError('expected an array', from);
  let i = skipWhitespace(text, from + 1);
  for (let index = 0; ; index++) {
    if (text.charCodeAt(i) === 93) return i + 1;
    i = skipWhitespace(text, visit(index, i) ?? valueEnd(text, i));
    const c = text.charCodeAt(i);
    if (c === 93) return i + 1;
    if (c !== 44) throw new JsonScanError('expected a comma or a closing bracket', i);
    i = skipWhitespace(text, i + 1);
  }
}

function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    throw new JsonScanError('invalid escape in a key', start);
  }
}

/** JSON.parse of one span, with failures reported at the span's offset. */
export function parseSpan(text: string, start: number, end: number): unknown {
  try {
    return JSON.parse(text.slice(start, end));
  } catch (error) {
    throw new JsonScanError(error instanceof Error ? error.message : String(error), start);
  }
}
