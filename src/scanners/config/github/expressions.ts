/** A `${{ … }}` expression inside a string: its offsets (end exclusive) and its body. */
export interface ExpressionSpan {
  readonly start: number;
  readonly end: number;
  readonly body: string;
}

/** Expressions longer than this are not parsed (they are still reported by their refs). */
const MAX_EXPRESSION = 4096;
const MAX_DEPTH = 64;

/**
 * Finds every `${{ … }}` in `text`. The closing braces are searched outside single-quoted
 * string literals, the only string syntax GitHub expressions have.
 */
export function findExpressions(text: string): ExpressionSpan[] {
  const found: ExpressionSpan[] = [];
  let from = 0;
  for (let start = text.indexOf('${{', from); start !== -1; start = text.indexOf('${{', from)) {
    let i = start + 3;
    let inString = false;
    let end = -1;
    while (i < text.length) {
      const ch = text[i];
      if (inString) {
        if (ch === "'") {
          if (text[i + 1] === "'") i++;
          else inString = false;
        }
      } else if (ch === "'") inString = true;
      else if (ch === '}' && text[i + 1] === '}') {
        end = i + 2;
        break;
      }
      i++;
    }
    if (end === -1) break;
    found.push({ start, end, body: text.slice(start + 3, end - 2).trim() });
    from = end;
  }
  return found;
}

type Token =
  | { readonly t: 'ident'; readonly v: string }
  | { readonly t: 'lit' }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'op'; readonly v: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '.', '[', ']', '(', ')', ','];
const WORD = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /(?:0x[0-9a-fA-F]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/y;

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let value = '';
      for (; j < body.length; j++) {
        if (body[j] === "'") {
          if (body[j + 1] === "'") {
            value += "'";
            j++;
            continue;
          }
          break;
        }
        value += body[j];
      }
      tokens.push({ t: 'str', v: value });
      i = j + 1;
      continue;
    }
    if (ch === '*') {
      tokens.push({ t: 'ident', v: '*' });
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = /[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(body[i + 1] ?? ''));
    if (num && NUMBER.test(body)) {
      tokens.push({ t: 'num', v: body.slice(i, NUMBER.lastIndex) });
      i = NUMBER.lastIndex;
      continue;
    }
    WORD.lastIndex = i;
    if (WORD.test(body)) {
      const word = body.slice(i, WORD.lastIndex);
      const lower = word.toLowerCase();
      tokens.push(
        lower === 'true' || lower === 'false' || lower === 'null'
          ? { t: 'lit' }
          : { t: 'ident', v: word },
      );
      i = WORD.lastIndex;
      continue;
    }
    const op = OPERATORS.find((o) => body.startsWith(o, i));
    if (op === undefined) throw new Error(`unexpected character ${ch}`);
    tokens.push({ t: 'op', v: op });
    i += op.length;
  }
  return tokens;
}

/** Functions whose result is a boolean or a hash: data passed in cannot come out as text. */
const OPAQUE_FUNCTIONS = new Set([
  'contains',
  'startswith',
  'endswith',
  'success',
  'always',
  'cancelled',
  'failure',
  'hashfiles',
]);

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): string[] {
    const refs = this.or();
    if (this.pos < this.tokens.length) throw new Error('trailing tokens');
    return refs;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new Error(`expected ${v}`);
    this.pos++;
  }

  private nest<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Error('expression nested too deeply');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  // `a || b` and `a && b` evaluate to one of their operands, so both can reach the output.
  private or(): string[] {
    const refs = this.and();
    while (this.isOp('||')) {
      this.pos++;
      refs.push(...this.and());
    }
    return refs;
  }

  private and(): string[] {
    const refs = this.comparison();
    while (this.isOp('&&')) {
      this.pos++;
      refs.push(...this.comparison());
    }
    return refs;
  }

  private comparison(): string[] {
    const refs = this.unary();
    let compared = false;
    while (['==', '!=', '<', '<=', '>', '>='].some((o) => this.isOp(o))) {
      this.pos++;
      this.unary();
      compared = true;
    }
    return compared ? [] : refs;
  }

  private unary(): string[] {
    if (this.isOp('!')) {
      this.pos++;
      this.nest(() => this.unary());
      return [];
    }
    return this.postfix();
  }

  private postfix(): string[] {
    const t = this.peek();
    if (t === undefined) throw new Error('unexpected end');
    this.pos++;
    let refs: string[] = [];
    let path: string[] | undefined;
    if (t.t === 'op' && t.v === '(') {
      refs = this.nest(() => this.or());
      this.expect(')');
    } else if (t.t === 'ident' && this.isOp('(')) {
      this.pos++;
      const args: string[] = [];
      while (!this.isOp(')')) {
        args.push(...this.nest(() => this.or()));
        if (this.isOp(',')) this.pos++;
        else break;
      }
      this.expect(')');
      refs = OPAQUE_FUNCTIONS.has(t.v.toLowerCase()) ? [] : args;
    } else if (t.t === 'ident') {
      path = [t.v];
    } else if (t.t === 'op') {
      throw new Error(`unexpected ${t.v}`);
    }
    for (;;) {
      if (this.isOp('.')) {
        this.pos++;
        const name = this.peek();
        if (name?.t !== 'ident') throw new Error('expected a property name');
        this.pos++;
        path?.push(name.v);
      } else if (this.isOp('[')) {
        this.pos++;
        const index = this.peek();
        const next = this.tokens[this.pos + 1];
        if ((index?.t === 'str' || index?.t === 'num') && next?.t === 'op' && next.v === ']') {
          this.pos++;
          path?.push(index.t === 'str' ? index.v : '*');
        } else {
          // A computed index: the value it selects is unknown, the indexed object is not.
          refs.push(...this.nest(() => this.or()));
          path?.push('*');
        }
        this.expect(']');
      } else break;
    }
    if (path !== undefined) refs.push(path.join('.'));
    return refs;
  }
}

const CONTEXT_CHAIN =
  /\b(github|env|inputs|steps|needs|matrix|vars|secrets|jobs|runner|strategy)((?:\.[A-Za-z0-9_*-]+|\[[^\]\n]{0,256}\])*)/gi;

/**
 * The context paths whose value can flow into the expression's result, dotted, with `*` for
 * array indexes (case kept as written; contexts are case-insensitive, so compare lower-cased): `format('{0}', github.event.issue.title)` gives
 * `github.event.issue.title`; `contains(github.event.issue.title, 'x')` gives nothing.
 * Unparseable expressions fall back to every context reference they mention.
 */
export function reachingContexts(body: string): string[] {
  if (body.length <= MAX_EXPRESSION) {
    try {
      return new Parser(tokenize(body)).parse();
    } catch {
      // fall through to the conservative scan
    }
  }
  const refs: string[] = [];
  for (const m of body.matchAll(CONTEXT_CHAIN)) {
    const rest = (m[2] ?? '').replace(/\[\s*'([^'\]]*)'\s*\]/g, '.$1').replace(/\[[^\]]*\]/g, '.*');
    refs.push(`${m[1]}${rest}`);
  }
  return refs;
}
