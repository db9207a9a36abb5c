import { type Document, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { LineIndex } from './line-index.ts';
import { assertText, invalidInput, stripBom, tooDeeplyNested } from './text-input.ts';

/** Deeper than any real lockfile; the YAML parser recurses on flow nesting, so it is checked first. */
const MAX_FLOW_NESTING = 128;

/** A YAML document with a way to turn node offsets into lines. */
export interface YamlDocument {
  readonly root: unknown;
  readonly lines: LineIndex;
}

/**
 * Parses a YAML lockfile into its node tree, where every node keeps its offset. The tree is never
 * converted to plain JS, so aliases are never expanded (no alias bomb). A document nested deeper
 * than the parser can follow fails with one SecflowError naming the file.
 */
export function parseYaml(path: string, content: string, format: string): YamlDocument {
  assertText(path, content, format);
  const text = stripBom(content);
  if (flowNesting(text) > MAX_FLOW_NESTING) {
    throw tooDeeplyNested(path, format, `nested more than ${MAX_FLOW_NESTING} levels deep`);
  }
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  } catch (cause) {
    throw invalidInput(path, format, 'unreadable YAML', { cause });
  }
  const lines = new LineIndex(text);
  const [error] = document.errors;
  if (error !== undefined) {
    const what = error.message.includes('Maximum call stack')
      ? 'nested too deeply to read'
      : (error.message.split('\n')[0] ?? 'syntax error');
    throw invalidInput(path, format, `${what} (line ${lines.lineAt(error.pos[0])})`, {
      cause: error,
    });
  }
  return { root: document.contents, lines };
}

/**
 * The deepest `[`/`{` nesting outside quoted scalars and comments, in one linear pass; stops
 * counting once past the limit. A quote only opens a scalar at a token start (not in `it's`).
 * Brackets in plain scalars count too, which only errs towards refusing documents no lockfile
 * resembles.
 */
function flowNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length && deepest <= MAX_FLOW_NESTING; i++) {
    const c = text[i];
    const startsScalar = i === 0 || /[\s[{,:-]/.test(text[i - 1] ?? '');
    if (c === '"' && startsScalar) {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === "'" && startsScalar) {
      for (i++; i < text.length && text[i] !== "'"; i++);
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return deepest;
}

/** One `key: value` of a YAML mapping, with the offset its key starts at. */
export interface YamlEntry {
  readonly key: string;
  readonly value: unknown;
  readonly offset: number;
}

/** The entries of a mapping node whose keys are scalars; [] for anything else. */
export function mapEntries(node: unknown): YamlEntry[] {
  if (!isMap(node)) return [];
  const entries: YamlEntry[] = [];
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    entries.push({
      key: String(pair.key.value),
      value: pair.value,
      offset: pair.key.range?.[0] ?? 0,
    });
  }
  return entries;
}

/** The value node of `key` in a mapping node. */
export function mapValue(node: unknown, key: string): unknown {
  return mapEntries(node).find((entry) => entry.key === key)?.value;
}

/** The items of a sequence node; [] for anything else. */
export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

/** A scalar node's value as text (numbers and booleans included); undefined otherwise. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  return String(node.value);
}

/** Where a node starts, as a character offset. */
export function nodeOffset(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.range?.[0];
  return undefined;
}

/** Whether the node is a mapping. */
export function isMapping(node: unknown): boolean {
  return isMap(node);
}
