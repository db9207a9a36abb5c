import { assertText, invalidInput, stripBom, tooDeeplyNested } from './text-input.ts';

/** Deeper than any real lockfile; bounds work on hostile input. */
const MAX_NESTING = 128;

/**
 * Parses a JSON lockfile or manifest (a byte-order mark is allowed) after checking its nesting
 * depth in one linear pass, so a hostile document is refused with a clear message rather than
 * walked. Any failure is one SecflowError naming the file.
 */
export function parseJson(path: string, content: string, format: string): unknown {
  assertText(path, content, format);
  const text = stripBom(content);
  if (maxNesting(text) > MAX_NESTING) {
    throw tooDeeplyNested(path, format, `nested more than ${MAX_NESTING} levels deep`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const what = cause instanceof SyntaxError ? cause.message : 'unreadable JSON';
    throw invalidInput(path, format, what, { cause });
  }
}

/** The deepest bracket nesting outside strings; stops counting once past the limit. */
function maxNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_NESTING) return deepest;
    } else if (c === '}' || c === ']') depth--;
  }
  return deepest;
}

/** Index of the quote closing the string that opens at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

interface Frame {
  readonly isObject: boolean;
  key: string;
  index: number;
  expectKey: boolean;
  expectValue: boolean;
}

/**
 * The 1-based line where each key or array element starts, by its path from the root (keys and
 * element indexes), for paths up to `maxDepth` long. JSON.parse keeps no positions; one
 * iterative pass over the already-validated text recovers them.
 */
export class JsonLines {
  readonly #lines = new Map<string, number>();

  constructor(content: string, maxDepth: number) {
    const text = stripBom(content);
    const stack: Frame[] = [];
    let line = 1;
    const record = () => {
      if (stack.length > maxDepth) return;
      const key = stack.map((f) => (f.isObject ? f.key : String(f.index))).join('\0');
      if (!this.#lines.has(key)) this.#lines.set(key, line);
    };
    const valueStarts = () => {
      const top = stack.at(-1);
      if (top !== undefined && !top.isObject && top.expectValue) {
        top.index++;
        top.expectValue = false;
        record();
      }
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c === '"') {
        const end = stringEnd(text, i);
        const top = stack.at(-1);
        if (top?.isObject === true && top.expectKey) {
          const raw = text.slice(i, end + 1);
          top.key = raw.includes('\\') ? String(JSON.parse(raw)) : raw.slice(1, -1);
          top.expectKey = false;
          record();
        } else valueStarts();
        i = end;
      } else if (c === '{' || c === '[') {
        valueStarts();
        stack.push({
          isObject: c === '{',
          key: '',
          index: -1,
          expectKey: c === '{',
          expectValue: c === '[',
        });
      } else if (c === '}' || c === ']') stack.pop();
      else if (c === ',') {
        const top = stack.at(-1);
        if (top?.isObject === true) top.expectKey = true;
        else if (top !== undefined) top.expectValue = true;
      } else if (c !== undefined && c !== ':' && c.trim() !== '') valueStarts();
    }
  }

  /** The line of the key or element at `path`, when the document has it. */
  lineOf(...path: readonly (string | number)[]): number | undefined {
    return this.#lines.get(path.map(String).join('\0'));
  }
}
