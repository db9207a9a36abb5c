import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { Span } from './checks/types.ts';

/** Deeper flow collections than this are refused: the composer recurses per level. */
export const MAX_FLOW_DEPTH = 200;
/** Indentation plus compact `- `/`? ` indicators on one line; bounds block nesting the same way. */
export const MAX_BLOCK_COLUMNS = 400;
/** Aliases expanded per document before it counts as a resource-exhaustion attempt. */
export const MAX_ALIAS_COUNT = 100;

/** A parsed YAML file with what is needed to turn node ranges into lines and columns. */
export interface YamlFile {
  readonly path: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export type YamlParseResult =
  | { readonly ok: true; readonly file: YamlFile }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Flow nesting from the lexer (linear, stops early) and block nesting from line prefixes. */
function nestingProblem(text: string): string | undefined {
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_FLOW_DEPTH) return `flow collections nested deeper than ${MAX_FLOW_DEPTH}`;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
  }
  const prefix = /^[ \t]*(?:[-?:][ \t]+)*/gm;
  for (let m = prefix.exec(text); m !== null; m = prefix.exec(text)) {
    if (m[0].length > MAX_BLOCK_COLUMNS)
      return `block nesting deeper than ${MAX_BLOCK_COLUMNS} columns at line ${lineAt(text, m.index)}`;
    if (m[0].length === 0) prefix.lastIndex++;
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Parses a YAML file with source positions. Hostile shapes (deep nesting, alias bombs, syntax
 * errors) come back as a reason instead of an exception or a stack overflow. A file may hold
 * a header document before the configuration (GitLab's `spec:`); the last document is used.
 */
export function parseYaml(path: string, text: string): YamlParseResult {
  const nesting = nestingProblem(text);
  if (nesting !== undefined) return { ok: false, code: 'too-deep', message: nesting };
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, {
    keepSourceTokens: true,
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (docs.length > 2)
    return { ok: false, code: 'parse-error', message: `${docs.length} YAML documents in one file` };
  const doc = docs[docs.length - 1];
  if (doc === undefined) return { ok: false, code: 'empty', message: 'no YAML document' };
  const error = docs.flatMap((d) => d.errors)[0];
  if (error !== undefined) {
    const at = lines.linePos(error.pos[0]);
    return {
      ok: false,
      code: 'parse-error',
      message: `invalid YAML at line ${at.line}, column ${at.col}: ${firstLine(error)}`,
    };
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return {
      ok: false,
      code: 'alias-bomb',
      message: `YAML aliases expand too far (${(e as Error).message}); not checked`,
    };
  }
  return { ok: true, file: { path, text, doc, lines } };
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0] ?? error.message;
}

/** The node an alias points at, or the node itself. */
export function deref(file: YamlFile, node: unknown): Node | undefined {
  if (isAlias(node)) {
    const target = node.resolve(file.doc);
    return target === undefined || isAlias(target) ? undefined : target;
  }
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

export interface MapEntry {
  readonly key: string;
  readonly keyNode: Scalar;
  readonly value: Node | undefined;
}

/** Entries of a mapping in source order, `<<` merge keys folded in after the mapping's own. */
export function entries(file: YamlFile, node: unknown, depth = 0): MapEntry[] {
  const map = deref(file, node);
  if (!isMap(map) || depth > 8) return [];
  const own: MapEntry[] = [];
  const merged: MapEntry[] = [];
  for (const pair of (map as YAMLMap).items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === '<<') {
      const source = deref(file, pair.value);
      const sources = isSeq(source) ? source.items : [source];
      for (const s of sources) merged.push(...entries(file, s, depth + 1));
      continue;
    }
    own.push({ key, keyNode: pair.key, value: deref(file, pair.value) });
  }
  const seen = new Set(own.map((e) => e.key));
  const out = [...own];
  for (const e of merged) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    out.push(e);
  }
  return out;
}

/** One key of a mapping (merge keys included). */
export function entry(file: YamlFile, node: unknown, key: string): MapEntry | undefined {
  return entries(file, node).find((e) => e.key === key);
}

export function get(file: YamlFile, node: unknown, key: string): Node | undefined {
  return entry(file, node, key)?.value;
}

/** Items of a sequence; a lone value counts as a one-item sequence when `single` is set. */
export function items(file: YamlFile, node: unknown, single = false): Node[] {
  const n = deref(file, node);
  if (isSeq(n)) return n.items.flatMap((i) => deref(file, i) ?? []);
  return single && n !== undefined ? [n] : [];
}

/** A scalar's value as text (numbers and booleans too); undefined for collections and null. */
export function text(file: YamlFile, node: unknown): string | undefined {
  const n = deref(file, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return typeof n.value === 'object' ? undefined : String(n.value);
}

export function isMapping(file: YamlFile, node: unknown): boolean {
  return isMap(deref(file, node));
}

/** Line and column span of a node (its value, not its key). */
export function spanOf(file: YamlFile, node: Node | undefined): Span {
  const range = node?.range;
  if (range === undefined || range === null) return { line: 1, column: 1 };
  return spanOfRange(file, range[0], range[1]);
}

/** Span of a character range of the file; the end is exclusive. */
export function spanOfRange(file: YamlFile, start: number, end: number): Span {
  const a = file.lines.linePos(start);
  const b = file.lines.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** The scalar exactly as written in the file (block header and indentation included). */
export function sourceOf(
  file: YamlFile,
  node: Node,
): { readonly raw: string; readonly offset: number } {
  const range = node.range;
  if (range === undefined || range === null) return { raw: '', offset: 0 };
  return { raw: file.text.slice(range[0], range[1]), offset: range[0] };
}

/** Offsets of every occurrence of a piece in a text, computed once per scalar and piece. */
const occurrenceCache = new WeakMap<Node, Map<string, { inValue: number[]; inRaw: number[] }>>();

function occurrences(text: string, piece: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(piece); i !== -1; i = text.indexOf(piece, i + 1)) out.push(i);
  return out;
}

/** Index of the first element ≥ target in a sorted array. */
function lowerBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Span of a piece of a scalar's value (`index`, `length` in the value), found in the scalar's
 * source by occurrence count so quoting and block indentation do not shift it. Falls back to
 * the whole scalar when the piece is written differently in the source (escapes).
 */
export function spanInScalar(
  file: YamlFile,
  node: Node,
  value: string,
  index: number,
  length: number,
): Span {
  const piece = value.slice(index, index + length);
  const { raw, offset } = sourceOf(file, node);
  let byPiece = occurrenceCache.get(node);
  if (byPiece === undefined) {
    byPiece = new Map();
    occurrenceCache.set(node, byPiece);
  }
  let found = byPiece.get(piece);
  if (found === undefined) {
    found = { inValue: occurrences(value, piece), inRaw: occurrences(raw, piece) };
    byPiece.set(piece, found);
  }
  const at = found.inRaw[lowerBound(found.inValue, index)];
  return at === undefined
    ? spanOf(file, node)
    : spanOfRange(file, offset + at, offset + at + length);
}
