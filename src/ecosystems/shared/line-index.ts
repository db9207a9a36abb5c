/** Where a search found something: its 1-based line and its character offset. */
export interface LineMatch {
  readonly line: number;
  readonly offset: number;
}

/**
 * Maps character offsets to 1-based line numbers (\n, \r\n and lone \r all end a line) with one
 * pass over the text and a binary search per lookup, and finds text by line.
 */
export class LineIndex {
  readonly #starts: number[] = [0];
  readonly #content: string;

  constructor(content: string) {
    this.#content = content;
    for (let i = 0; i < content.length; i++) {
      const c = content.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && content.charCodeAt(i + 1) !== 0x0a)) {
        this.#starts.push(i + 1);
      }
    }
  }

  /** The 1-based line holding `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** Where the first needle (in the order given) that occurs at or after `from` is found. */
  find(needles: readonly string[], from = 0): LineMatch | undefined {
    for (const needle of needles) {
      const at = this.#content.indexOf(needle, from);
      if (at !== -1) return { line: this.lineAt(at), offset: at };
    }
    return undefined;
  }

  /** Where `pattern` (built with the g flag) first matches at or after `from`. */
  match(pattern: RegExp, from = 0): LineMatch | undefined {
    pattern.lastIndex = from;
    const m = pattern.exec(this.#content);
    return m === null ? undefined : { line: this.lineAt(m.index), offset: m.index };
  }
}
