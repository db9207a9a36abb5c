import { invalidInput } from '../shared/text-input.ts';

/** Real lockfiles nest a few levels; past this the file is refused. */
const MAX_DEPTH = 64;

/** A value of the Elixir term syntax mix.lock is written in. */
export type Term =
  | {
      readonly kind: 'string' | 'atom' | 'number' | 'word';
      readonly value: string;
      readonly line: number;
    }
  | { readonly kind: 'tuple' | 'list' | 'map'; readonly items: Term[]; readonly line: number };

type Container = Extract<Term, { items: Term[] }>;

/**
 * Parses the subset of Elixir term syntax that mix.lock uses: maps (`%{"k": v}` and
 * `%{"k" => v}`), tuples, lists, keyword lists (`[hex: :x]`, read as 2-tuples as Elixir does),
 * strings, atoms and numbers. One pass with an explicit stack: input depth never becomes call
 * depth. Trailing commas are accepted.
 */
export function parseTerm(path: string, text: string, format: string): Term {
  const stack: Container[] = [];
  const pendingKey: (Term | undefined)[] = [];
  let result: Term | undefined;
  let line = 1;
  let i = 0;
  const fail = (what: string) => invalidInput(path, format, `${what} (line ${line})`);
  const emit = (term: Term) => {
    const top = stack.at(-1);
    if (top === undefined) {
      if (result !== undefined) throw fail('more than one value');
      result = term;
      return;
    }
    const key = pendingKey[stack.length - 1];
    if (key !== undefined) {
      pendingKey[stack.length - 1] = undefined;
      if (top.kind === 'map') top.items.push(key, term);
      else top.items.push({ kind: 'tuple', items: [key, term], line: key.line });
    } else top.items.push(term);
  };
  const open = (kind: Container['kind']) => {
    if (stack.length >= MAX_DEPTH) throw fail(`nested more than ${MAX_DEPTH} levels deep`);
    stack.push({ kind, items: [], line });
    pendingKey.push(undefined);
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === ',') i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '%' && text[i + 1] === '{') {
      open('map');
      i += 2;
    } else if (c === '{' || c === '[') {
      open(c === '{' ? 'tuple' : 'list');
      i++;
    } else if (c === '}' || c === ']') {
      const top = stack.pop();
      pendingKey.pop();
      if (top === undefined || (c === ']') !== (top.kind === 'list'))
        throw fail(`unexpected "${c}"`);
      emit(top);
      i++;
    } else if (c === '=' && text[i + 1] === '>') {
      i += 2; // `%{"k" => v}`: the key was pushed as an item, the value follows it.
    } else if (c === '"') {
      const start = line;
      const [value, end] = readString(text, i, () => line++);
      if (end === -1) throw fail('unterminated string');
      i = end;
      if (text[i] === ':' && /\s/.test(text[i + 1] ?? ' ')) {
        setKey({ kind: 'string', value, line: start });
        i++;
      } else emit({ kind: 'string', value, line: start });
    } else if (c === ':' && text[i + 1] === '"') {
      const [value, end] = readString(text, i + 1, () => line++);
      if (end === -1) throw fail('unterminated atom');
      emit({ kind: 'atom', value, line });
      i = end;
    } else if (c === ':') {
      const word = /^:([A-Za-z_][\w@]*[?!]?)/.exec(text.slice(i, i + 256));
      if (word === null) throw fail('unexpected ":"');
      emit({ kind: 'atom', value: word[1] ?? '', line });
      i += word[0].length;
    } else {
      const token = /^(?:[A-Za-z_][\w@]*[?!]?:(?=\s)|[A-Za-z_][\w@.]*[?!]?|-?\d[\w.+-]*)/.exec(
        text.slice(i, i + 256),
      );
      if (token === null) throw fail(`unexpected "${c}"`);
      const word = token[0];
      if (word.endsWith(':')) setKey({ kind: 'atom', value: word.slice(0, -1), line });
      else emit({ kind: /^-?\d/.test(word) ? 'number' : 'word', value: word, line });
      i += word.length;
    }
  }
  if (stack.length > 0) throw fail('unexpected end of file');
  if (result === undefined) throw fail('no value');
  return result;

  function setKey(key: Term) {
    if (stack.length === 0) throw fail('a key outside any map or list');
    pendingKey[stack.length - 1] = key;
  }
}

/** Reads the string whose quote is at `start`; returns its value and the index after it. */
function readString(text: string, start: number, newline: () => void): [string, number] {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return [value, i + 1];
    if (c === '\n') newline();
    if (c === '\\') {
      i++;
      const escaped = text[i];
      value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : (escaped ?? '');
    } else value += c;
  }
  return [value, -1];
}

/** The text of a string or atom term. */
export function termText(term: Term | undefined): string | undefined {
  return term !== undefined && (term.kind === 'string' || term.kind === 'atom')
    ? term.value
    : undefined;
}

/** The items of a tuple or list term; [] for anything else. */
export function termItems(term: Term | undefined): readonly Term[] {
  return term !== undefined && 'items' in term ? term.items : [];
}
