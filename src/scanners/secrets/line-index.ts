/** 1-based line and column of offsets in a text, from its newline positions (built on demand). */
export class LineIndex {
  readonly #text: string;
  #newlines: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  #lines(): number[] {
    if (this.#newlines !== undefined) return this.#newlines;
    const found: number[] = [];
    for (let i = this.#text.indexOf('\n'); i !== -1; i = this.#text.indexOf('\n', i + 1)) {
      found.push(i);
    }
    this.#newlines = found;
    return found;
  }

  /** Number of newlines before `offset`: the 0-based line index. */
  lineIndexOf(offset: number): number {
    const nl = this.#lines();
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((nl[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Offset where the 0-based line `index` starts. */
  lineStart(index: number): number {
    return index === 0 ? 0 : (this.#lines()[index - 1] as number) + 1;
  }

  /** Text of the 0-based line `index`, without its newline; undefined past the ends. */
  lineText(index: number): string | undefined {
    const nl = this.#lines();
    if (index < 0 || index > nl.length) return undefined;
    const end = index < nl.length ? (nl[index] as number) : this.#text.length;
    return this.#text.slice(this.lineStart(index), end);
  }

  /** Total newline count. */
  get newlineCount(): number {
    return this.#lines().length;
  }
}
