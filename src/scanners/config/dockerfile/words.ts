/** A word of an instruction's arguments, unquoted, with where it starts in the arguments. */
export interface Word {
  /** The word with quotes removed and escapes resolved. */
  readonly value: string;
  /** The word as written. */
  readonly raw: string;
  readonly offset: number;
}

/**
 * Splits instruction arguments into words the way BuildKit does for ENV, ARG, LABEL and
 * flags: whitespace separates words, single and double quotes group, the escapeChar character
 * takes the next character literally (inside double quotes only before `"`, `$` and itself).
 */
export function splitWords(text: string, escapeChar = '\\'): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const ch = text[i] as string;
      if (quote === undefined && /\s/.test(ch)) break;
      if (ch === escapeChar && quote !== "'" && i + 1 < text.length) {
        const next = text[i + 1] as string;
        if (quote === undefined || next === '"' || next === '$' || next === escapeChar) {
          value += next;
          i++;
          continue;
        }
      }
      if (quote === undefined && (ch === '"' || ch === "'")) {
        quote = ch;
        continue;
      }
      if (ch === quote) {
        quote = undefined;
        continue;
      }
      value += ch;
    }
    words.push({ value, raw: text.slice(start, i), offset: start });
  }
  return words;
}

/** A `KEY=value` (or bare `KEY`) word split at its first `=`, before unquoting the value. */
export interface Assignment {
  readonly name: string;
  /** Undefined for `ARG NAME` without a default. */
  readonly value?: string;
  /** Value as written (quotes included), for deciding whether it is a literal. */
  readonly rawValue?: string;
  readonly offset: number;
}

/**
 * ENV, ARG and LABEL assignments. `ENV KEY value with spaces` (the legacy form, one pair)
 * is recognised when the first word has no `=`.
 */
export function assignments(text: string, escapeChar = '\\', legacy = false): Assignment[] {
  const words = splitWords(text, escapeChar);
  const first = words[0];
  if (legacy && first !== undefined && !first.raw.includes('=') && words.length > 1) {
    const second = words[1] as Word;
    const rawValue = text.slice(second.offset).trim();
    return [
      {
        name: first.value,
        value: splitWords(rawValue, escapeChar)
          .map((w) => w.value)
          .join(' '),
        rawValue,
        offset: first.offset,
      },
    ];
  }
  return words.map((w) => {
    const eq = w.raw.indexOf('=');
    if (eq === -1) return { name: w.value, offset: w.offset };
    const rawValue = w.raw.slice(eq + 1);
    const value = splitWords(rawValue, escapeChar)[0]?.value ?? '';
    return { name: w.raw.slice(0, eq), value, rawValue, offset: w.offset };
  });
}
