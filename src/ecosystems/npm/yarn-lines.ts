/**
 * The line structure both yarn.lock formats share: indented "key value" (v1) or "key: value"
 * (berry) lines, double-quoted strings where needed, '#' comments. The two format parsers only
 * decide what the fields mean.
 */

/** A content line: its indentation, the text after it and its 1-based number. */
export interface YarnLine {
  readonly indent: number;
  readonly text: string;
  readonly number: number;
}

/** Where a yarn.lock stops making sense. */
export class YarnSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Calls `visit` for every line that is neither blank nor a comment. */
export function forEachLine(text: string, visit: (line: YarnLine) => void): void {
  let number = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    number++;
    let indent = start;
    while (text.charCodeAt(indent) === 32) indent++;
    let stop = end;
    if (text.charCodeAt(stop - 1) === 13) stop--;
    const first = text.charCodeAt(indent);
    if (indent < stop && first !== 35) {
      if (first === 9) throw new YarnSyntaxError('tab in indentation', number);
      visit({ indent: indent - start, text: text.slice(indent, stop), number });
    }
    start = end + 1;
  }
}

/** End (exclusive) of the quoted string at the start of `text`. */
function quotedEnd(text: string, line: number): number {
  const quote = text.charCodeAt(0);
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && quote === 34) i++;
    else if (c === quote) {
      // YAML single quotes escape a quote by doubling it.
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i + 1;
    }
  }
  throw new YarnSyntaxError('unterminated quoted string', line);
}

/** A scalar as written: quotes removed and escapes decoded; plain text as is. */
export function unquote(raw: string, line: number): string {
  const first = raw.charCodeAt(0);
  if (first === 34) {
    if (!raw.includes('\\')) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new YarnSyntaxError(`bad escape in ${raw}`, line);
    }
  }
  if (first === 39) return raw.slice(1, -1).replaceAll("''", "'");
  return raw;
}

/**
 * Splits a field line into key and value. Berry writes "key: value", v1 "key value"; both
 * write "key:" for a nested map, returned with value undefined.
 */
export function splitField(text: string, line: number): { key: string; value: string | undefined } {
  const quoted = text.charCodeAt(0) === 34 || text.charCodeAt(0) === 39;
  let keyEnd: number;
  if (quoted) keyEnd = quotedEnd(text, line);
  else {
    const colon = text.indexOf(': ');
    const space = text.indexOf(' ');
    keyEnd = colon !== -1 && (space === -1 || colon < space) ? colon : space;
    if (keyEnd === -1) keyEnd = text.endsWith(':') ? text.length - 1 : text.length;
  }
  const key = unquote(text.slice(0, keyEnd), line);
  let rest = text.slice(keyEnd);
  if (rest.startsWith(':')) rest = rest.slice(1);
  rest = rest.trim();
  if (rest === '') return { key, value: undefined };
  return { key, value: unquote(stripComment(rest), line) };
}

/** A trailing " # comment" after a plain value. */
function stripComment(value: string): string {
  if (value.charCodeAt(0) === 34 || value.charCodeAt(0) === 39) return value;
  const hash = value.indexOf(' #');
  return hash === -1 ? value : value.slice(0, hash).trimEnd();
}

/** The descriptors of an entry header: `"a@^1", a@^1.2:` → ["a@^1", "a@^1.2"]. */
export function splitDescriptors(header: string, line: number): string[] {
  if (!header.endsWith(':'))
    throw new YarnSyntaxError('expected an entry header ending in ":"', line);
  const body = header.slice(0, -1);
  const descriptors: string[] = [];
  let i = 0;
  while (i < body.length) {
    while (body.charCodeAt(i) === 32) i++;
    let end: number;
    if (body.charCodeAt(i) === 34 || body.charCodeAt(i) === 39) {
      end = i + quotedEnd(body.slice(i), line);
      descriptors.push(...unquote(body.slice(i, end), line).split(', '));
    } else {
      end = body.indexOf(',', i);
      if (end === -1) end = body.length;
      descriptors.push(body.slice(i, end).trim());
    }
    i = end;
    while (body.charCodeAt(i) === 32) i++;
    if (i < body.length && body.charCodeAt(i) !== 44) {
      throw new YarnSyntaxError('expected a comma between descriptors', line);
    }
    i++;
  }
  return descriptors.filter((d) => d !== '');
}
