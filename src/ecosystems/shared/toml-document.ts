import { parse as parseTomlText, TomlError } from 'smol-toml';
import { assertText, invalidInput, splitLines, stripBom, tooDeeplyNested } from './text-input.ts';

/** Deeper than any real lockfile or manifest; bounds work on hostile input. */
const MAX_NESTING = 128;

/**
 * Parses a TOML lockfile or manifest (a byte-order mark is allowed); any failure is one
 * SecflowError naming the file, with the line and column of a syntax error. smol-toml bounds
 * inline nesting itself (maxDepth) but nests dotted keys without a bound, so a linear pre-check
 * refuses absurdly long key paths first. Prototype keys (`__proto__`) are dropped.
 */
export function parseToml(path: string, content: string, format: string): Record<string, unknown> {
  assertText(path, content, format);
  const text = stripBom(content);
  if (maxKeyParts(text) > MAX_NESTING) {
    throw tooDeeplyNested(path, format, `a key nests more than ${MAX_NESTING} levels deep`);
  }
  try {
    return parseTomlText(text, { maxDepth: MAX_NESTING, unsafeKeyBehaviour: 'drop' });
  } catch (cause) {
    if (!(cause instanceof TomlError)) {
      throw invalidInput(path, format, 'unreadable TOML', { cause });
    }
    const what = `${firstLine(cause.message)} (line ${cause.line}, column ${cause.column})`;
    throw invalidInput(path, format, what, { cause });
  }
}

/**
 * The most parts in one key path (`a.b.c` or `[a.b.c]`), counting dots outside quotes before a
 * line's `=` or inside its table header. Stops early once past the limit.
 */
function maxKeyParts(content: string): number {
  let most = 0;
  let parts = 1;
  let quote = 0;
  let inKey = true;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 0x0a) {
      parts = 1;
      quote = 0;
      inKey = true;
    } else if (!inKey) continue;
    else if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3d || c === 0x5d || c === 0x23)
      inKey = false; // = ] #
    else if (c === 0x2e && ++parts > most) {
      most = parts;
      if (most > MAX_NESTING) return most;
    }
  }
  return most;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).trim();
}

/** A multi-line string delimiter. */
type TripleQuote = '"""' | "'''";

/**
 * Lines of TOML table headers and keys, found by a line scan because smol-toml keeps no
 * positions. Good enough for locations: it reads `[table]`, `[[array]]` and `key =` lines and
 * skips multi-line strings, so a header or key quoted inside a description never counts.
 */
export class TomlLines {
  readonly #keys = new Map<string, number>();
  readonly #arrays = new Map<string, number[]>();

  constructor(content: string) {
    const lines = splitLines(stripBom(content));
    let table = '';
    let openQuote: TripleQuote | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (openQuote !== undefined) {
        if (line.includes(openQuote)) openQuote = openStringAtEnd(line, openQuote);
        continue;
      }
      const trimmed = line.trim();
      const header = /^\[(\[?)([^\]]*)\]/.exec(trimmed);
      if (header !== null) {
        table = normalizeKey(header[2] ?? '');
        if (header[1] === '[') {
          const found = this.#arrays.get(table) ?? [];
          found.push(i + 1);
          this.#arrays.set(table, found);
        } else if (!this.#keys.has(table)) this.#keys.set(table, i + 1);
        continue;
      }
      const key = assignedKey(trimmed);
      if (key !== undefined) {
        const at = `${table}\0${normalizeKey(key)}`;
        if (!this.#keys.has(at)) this.#keys.set(at, i + 1);
      }
      openQuote = openStringAtEnd(line, undefined);
    }
  }

  /** The line of `key =` inside `[table]` ('' for the top level), or of the table header. */
  lineOf(table: string, key?: string): number | undefined {
    const t = normalizeKey(table);
    return this.#keys.get(key === undefined ? t : `${t}\0${normalizeKey(key)}`);
  }

  /** Lines of the `[[table]]` headers, in order, so the n-th parsed entry maps to a line. */
  arrayLines(table: string): readonly number[] {
    return this.#arrays.get(normalizeKey(table)) ?? [];
  }

  /**
   * Lines for the `count` parsed entries of an array of tables: the header lines when their
   * count matches (the usual case), else undefined for each (inline arrays carry no headers).
   */
  entryLines(table: string, count: number): readonly (number | undefined)[] {
    const headers = this.arrayLines(table);
    if (headers.length === count) return headers;
    return Array.from({ length: count }, () => undefined);
  }
}

/** A pattern matching a TOML key line `key = …` (bare or quoted), for LineIndex.match. */
export function tomlKeyPattern(key: string): RegExp {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^[ \\t]*["']?${escaped}["']?[ \\t]*=`, 'gm');
}

/**
 * Tracks triple-quoted strings across one line: returns the delimiter still open at its end.
 * Single-line strings cannot hold a triple quote, so counting delimiters is enough; a `#`
 * outside strings ends the scan.
 */
function openStringAtEnd(line: string, open: TripleQuote | undefined): TripleQuote | undefined {
  let state = open;
  let i = 0;
  while (i < line.length) {
    if (state === undefined) {
      const dq = line.indexOf('"""', i);
      const sq = line.indexOf("'''", i);
      const hash = line.indexOf('#', i);
      const next = [dq, sq].filter((n) => n !== -1);
      if (next.length === 0) return undefined;
      const at = Math.min(...next);
      if (hash !== -1 && hash < at && !insideBasicString(line, hash)) return undefined;
      state = at === dq ? '"""' : "'''";
      i = at + 3;
    } else {
      const close = line.indexOf(state, i);
      if (close === -1) return state;
      state = undefined;
      i = close + 3;
    }
  }
  return state;
}

/** Whether position `at` lies inside a one-line "…" or '…' string. */
function insideBasicString(line: string, at: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < at; i++) {
    const c = line[i];
    if (quote === undefined) {
      if (c === '"' || c === "'") quote = c;
    } else if (c === '\\' && quote === '"') i++;
    else if (c === quote) quote = undefined;
  }
  return quote !== undefined;
}

/** The key text left of `=` on a `key = value` line; undefined for any other line. */
function assignedKey(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i === 0 ? undefined : line.slice(0, i);
    else if (c === '#' || c === '[') return undefined;
  }
  return undefined;
}

/** `a . "b"` and `a.b` name the same key: split on dots outside quotes, drop the quotes. */
function normalizeKey(key: string): string {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of key) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '.') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts.join('.');
}
