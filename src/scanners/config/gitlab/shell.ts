/** Where a `$VAR` stands in a shell line, as far as quoting goes. */
export type QuoteState = 'unquoted' | 'double' | 'single';

/** One expansion of a variable in a shell line. */
export interface Expansion {
  readonly name: string;
  /** Offset in the line and the text (`$X` or `${X}`). */
  readonly index: number;
  readonly text: string;
  readonly quote: QuoteState;
}

/**
 * Variable expansions in one line of POSIX shell with their quoting: single quotes stop
 * expansion, backslash escapes one character outside single quotes.
 */
export function expansions(line: string): Expansion[] {
  const found: Expansion[] = [];
  let quote: QuoteState = 'unquoted';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === 'single') {
      if (ch === "'") quote = 'unquoted';
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'" && quote === 'unquoted') {
      quote = 'single';
      continue;
    }
    if (ch === '"') {
      quote = quote === 'double' ? 'unquoted' : 'double';
      continue;
    }
    if (ch !== '$') continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(
      line.slice(i, i + 256),
    );
    if (m === null) continue;
    found.push({ name: (m[1] ?? m[2]) as string, index: i, text: m[0], quote });
    i += m[0].length - 1;
  }
  return found;
}

/** Commands that parse their argument as code: a variable inside it is executed, quoted or not. */
const CODE_EVALUATORS =
  /\beval\b|\b(?:ba|z|da|k)?sh\s+(?:-\w+\s+)*-[a-z]*c\b|\bssh\b|\b(?:python3?|node|perl|ruby|php)\s+(?:-\w+\s+)*-[ce]\b|\bxargs\b[^|]{0,200}\bsh\b/;

/** The first command in a line that runs its argument as code, and where it is. */
export function firstEvaluator(
  line: string,
): { readonly text: string; readonly index: number } | undefined {
  const m = CODE_EVALUATORS.exec(line);
  return m === null ? undefined : { text: m[0], index: m.index };
}

/** Splits a line into simple commands at `;`, `&&`, `||` and `|` outside quotes. */
export function commands(line: string): { readonly text: string; readonly piped: boolean }[] {
  const out: { text: string; piped: boolean }[] = [];
  let quote: QuoteState = 'unquoted';
  let start = 0;
  const push = (end: number, piped: boolean) => {
    const text = line.slice(start, end).trim();
    if (text !== '') out.push({ text, piped });
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === 'single') {
      if (ch === "'") quote = 'unquoted';
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'" && quote === 'unquoted') quote = 'single';
    else if (ch === '"') quote = quote === 'double' ? 'unquoted' : 'double';
    if (quote !== 'unquoted') continue;
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      push(i, false);
      start = i + 2;
      i++;
    } else if (ch === ';') {
      push(i, false);
      start = i + 1;
    } else if (ch === '|') {
      push(i, true);
      start = i + 1;
    }
  }
  push(line.length, false);
  return out;
}
