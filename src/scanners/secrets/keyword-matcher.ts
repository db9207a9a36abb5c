/**
 * Aho-Corasick automaton over ASCII keywords, matched case-insensitively without lowercasing the
 * text: one table lookup per character however many keywords there are. This is the prefilter
 * that decides which rule regexes run where.
 */
export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** Character code (0–127) → alphabet class; 0 is "a character no keyword uses". */
  readonly #classOf = new Uint8Array(128);
  readonly #classes: number;
  /** Dense transitions on premultiplied states: row(s) + class → row(next), row(s) = s * classes. */
  readonly #delta: Int32Array;
  /** Per premultiplied state: 1 when some keyword ends there. */
  readonly #accepts: Uint8Array;
  /** Per state, the keyword ids ending there (including through failure links). */
  readonly #output: readonly (readonly number[])[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    let classes = 1;
    for (const k of keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c >= 128) throw new Error(`keyword "${k}" is not ASCII`);
        const lower = lowerCode(c);
        if (this.#classOf[lower] === 0) {
          this.#classOf[lower] = classes++;
          if (classes > 255) throw new Error('too many distinct keyword characters');
        }
      }
    }
    for (let c = 65; c <= 90; c++) this.#classOf[c] = this.#classOf[c + 32] as number;
    this.#classes = classes;

    // Trie first, then breadth-first failure links folded into a full transition table.
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const cls = this.#classOf[lowerCode(k.charCodeAt(i))] as number;
        let next = goto[s]?.get(cls);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]?.set(cls, next);
        }
        s = next;
      }
      out[s]?.push(id);
    });
    const states = goto.length;
    const delta = new Int32Array(states * classes);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let cls = 0; cls < classes; cls++) {
      const next = goto[0]?.get(cls);
      if (next !== undefined) {
        delta[cls] = next;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      const f = fail[s] as number;
      const outS = out[s] as number[];
      for (const id of out[f] as number[]) outS.push(id);
      for (let cls = 0; cls < classes; cls++) {
        const next = goto[s]?.get(cls);
        if (next === undefined) {
          delta[s * classes + cls] = delta[f * classes + cls] as number;
        } else {
          delta[s * classes + cls] = next;
          fail[next] = delta[f * classes + cls] as number;
          queue.push(next);
        }
      }
    }
    for (let i = 0; i < delta.length; i++) delta[i] = (delta[i] as number) * classes;
    this.#delta = delta;
    this.#accepts = new Uint8Array(states * classes);
    out.forEach((o, state) => {
      if (o.length > 0) this.#accepts[state * classes] = 1;
    });
    this.#output = out;
  }

  /** Calls `onHit(keywordId, endIndex)` (end exclusive) for every occurrence in `text`. */
  scan(text: string, onHit: (keywordId: number, end: number) => void): void {
    const delta = this.#delta;
    const classOf = this.#classOf;
    const classes = this.#classes;
    const output = this.#output;
    const accepts = this.#accepts;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      const cls = c < 128 ? (classOf[c] as number) : 0;
      // The common case: no keyword in progress and a character no keyword uses.
      if (row === 0 && cls === 0) continue;
      row = delta[row + cls] as number;
      if (accepts[row] === 1) for (const id of output[row / classes] as number[]) onHit(id, i + 1);
    }
  }
}

function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
