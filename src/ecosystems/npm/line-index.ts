/**
 * Turns character offsets into 1-based line numbers. Parsers ask in document order, so a cursor
 * that only counts the newlines since the previous answer makes the whole file one pass with no
 * table; the first question that goes backwards builds a table of newline offsets instead.
 */
export class LineIndex {
  readonly #text: string;
  #offset = 0;
  #line = 1;
  #newlines: Uint32Array | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  lineAt(offset: number): number {
    if (this.#newlines !== undefined) return lineFromTable(this.#newlines, offset);
    if (offset < this.#offset) {
      this.#newlines = newlineTable(this.#text);
      return lineFromTable(this.#newlines, offset);
    }
    const text = this.#text;
    let line = this.#line;
    let i = text.indexOf('\n', this.#offset);
    while (i !== -1 && i < offset) {
      line++;
      i = text.indexOf('\n', i + 1);
    }
    this.#offset = offset;
    this.#line = line;
    return line;
  }
}

function newlineTable(text: string): Uint32Array {
  let table = new Uint32Array(1024);
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (count === table.length) {
      const grown = new Uint32Array(table.length * 2);
      grown.set(table);
      table = grown;
    }
    table[count++] = i;
  }
  return table.subarray(0, count);
}

/** Line of `offset`: one more than the number of newlines before it. */
function lineFromTable(newlines: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((newlines[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/**
 * Finds where each key of a section starts, searching forward from the previous hit, so a
 * section's keys cost one pass over its text. A key the text spells differently (escapes) gets no
 * line; after a few misses the locator stops looking, since each miss scans to the end.
 */
export class KeyLocator {
  readonly #text: string;
  readonly #lines: LineIndex;
  #cursor: number;
  #misses = 0;

  constructor(text: string, lines: LineIndex, from = 0) {
    this.#text = text;
    this.#lines = lines;
    this.#cursor = from;
  }

  /**
   * Line of the next occurrence of `needle` that `isKey` accepts (it sees the match offset);
   * rejected matches are passed over, so the search stays one forward pass.
   */
  find(
    needle: string,
    isKey: (text: string, at: number, end: number) => boolean,
  ): number | undefined {
    if (this.#misses >= MAX_MISSES || needle === '') return undefined;
    const text = this.#text;
    for (
      let at = text.indexOf(needle, this.#cursor);
      at !== -1;
      at = text.indexOf(needle, at + 1)
    ) {
      const end = at + needle.length;
      if (isKey(text, at, end)) {
        this.#cursor = end;
        return this.#lines.lineAt(at);
      }
    }
    this.#misses++;
    return undefined;
  }

  /** Moves the search start, e.g. to the section that holds the next keys. */
  seek(offset: number): void {
    this.#cursor = offset;
  }
}

const MAX_MISSES = 16;

/**
 * `isKey` for JSON: the quoted key is followed by a colon and, when `opening` is given, by that
 * bracket, so `"a": "^1"` inside a dependency map does not pass for the entry `"a": {`.
 */
export function jsonKeyOpening(
  opening?: '{' | '[',
): (text: string, at: number, end: number) => boolean {
  const want = opening === undefined ? -1 : opening.charCodeAt(0);
  return (text, _at, end) => {
    let i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 58) return false;
    i = skipSpace(text, i + 1);
    return want === -1 || text.charCodeAt(i) === want;
  };
}

function skipSpace(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  return i;
}

/**
 * `isKey` for YAML-like block mappings: only indentation (and an opening quote) before the
 * match on its line, and an optional closing quote then a colon after it.
 */
export function blockKeyAt(text: string, at: number, end: number): boolean {
  let i = at - 1;
  let c = text.charCodeAt(i);
  if (c === 34 || c === 39) c = text.charCodeAt(--i);
  while (c === 32) c = text.charCodeAt(--i);
  if (i >= 0 && c !== 10) return false;
  let j = end;
  c = text.charCodeAt(j);
  if (c === 34 || c === 39) c = text.charCodeAt(++j);
  return c === 58;
}
