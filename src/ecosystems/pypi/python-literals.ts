/** A string literal found in Python source, with what surrounds it. */
export interface StringLiteral {
  readonly value: string;
  /** Offset of the literal's opening quote (or prefix) in the source. */
  readonly offset: number;
  /** Formatted later (`'…'.format(…)`, `'…' % x`) or an f-string: its text is a template. */
  readonly template: boolean;
  /** Followed by `:`, i.e. a dict key. */
  readonly isKey: boolean;
}

/**
 * Reads the bracketed expression starting at `start` (which must be `[`, `(` or `{`) and
 * returns its string literals and the offset after its closing bracket. A single loop with a
 * depth counter: no recursion whatever the nesting.
 */
export function literalsInBrackets(
  source: string,
  start: number,
): { literals: StringLiteral[]; end: number } {
  const literals: StringLiteral[] = [];
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '#') {
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? source.length : eol + 1;
      continue;
    }
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') {
      depth--;
      if (depth <= 0) return { literals, end: i + 1 };
    } else if (isStringStart(source, i)) {
      const lit = readString(source, i);
      literals.push(lit.literal);
      i = lit.end;
      continue;
    }
    i++;
  }
  return { literals, end: source.length };
}

function isStringStart(source: string, i: number): boolean {
  const c = source[i];
  if (c === '"' || c === "'") return true;
  // String prefixes (r, b, u, f and pairs) directly before a quote, not inside a name.
  const m = /^[rRbBuUfF]{1,2}["']/.exec(source.slice(i, i + 3));
  return m !== null && !/[\w]/.test(source[i - 1] ?? ' ');
}

function readString(source: string, start: number): { literal: StringLiteral; end: number } {
  let i = start;
  let prefix = '';
  while (source[i] !== '"' && source[i] !== "'") prefix += source[i++];
  const quote = source[i] as string;
  const triple = source.startsWith(quote.repeat(3), i);
  const delimiter = triple ? quote.repeat(3) : quote;
  i += delimiter.length;
  let value = '';
  while (i < source.length && !source.startsWith(delimiter, i)) {
    if (source[i] === '\\' && !/r/i.test(prefix)) {
      value += source[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (!triple && source[i] === '\n') break; // unterminated: stop at the line end
    value += source[i++];
  }
  i = Math.min(source.length, i + delimiter.length);
  const after = /^\s*(\S)/.exec(source.slice(i, i + 64))?.[1];
  return {
    literal: {
      value,
      offset: start,
      template: /f/i.test(prefix) || after === '.' || after === '%' || /%s|\{\}/.test(value),
      isKey: after === ':',
    },
    end: i,
  };
}
