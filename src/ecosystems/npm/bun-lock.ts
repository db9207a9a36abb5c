import type { Extractor } from '../extractor.ts';
import { isRecord } from '../shared/parsed-values.ts';
import { clip } from '../shared/text-input.ts';
import { DependencyGraph, type LockNode } from './graph.ts';
import { inputError, reason, textOf } from './input-error.ts';
import { bunLayout, InstallResolver } from './install-resolver.ts';
import {
  decodeString,
  forEachElement,
  forEachMember,
  JsonScanError,
  skipWhitespace,
  stringEnd,
  valueEnd,
} from './json-scan.ts';
import { parseJsonc } from './jsonc.ts';
import { LineIndex } from './line-index.ts';
import { declaredDependencies } from './manifest.ts';
import { toResult } from './result.ts';
import { isGitSource, isLocalSource, redactCredentials, splitNameAtRange } from './sources.ts';

const ID = 'npm/bun-lock';
const FORMAT = 'bun.lock';
const HINT = 'Regenerate it with `bun install --lockfile-only`, or remove it if it is not used.';
const EDGE_FIELDS = new Set(['dependencies', 'optionalDependencies', 'peerDependencies']);

/** Thrown for a "packages" entry that is not a ["name@version", …] tuple. */
class BadTuple extends Error {}

/**
 * bun.lock, Bun's text lockfile (JSON with trailing commas). "packages" maps an install path
 * ("a", "a/b" for b nested under a, "@s/a/@s/b") to a tuple whose first element is
 * "name@version" or "name@<source>" and whose first object holds its dependencies; it is read
 * entry by entry from the text (json-scan.ts), like package-lock.json. "workspaces" holds each
 * workspace's declared dependencies, which give direct and dev.
 */
export const bunLockExtractor: Extractor = {
  id: ID,
  matches(path) {
    const parts = path.split('/');
    return parts[parts.length - 1] === 'bun.lock' && !parts.slice(0, -1).includes('node_modules');
  },
  extract(input) {
    const text = textOf(input.path, input.content, FORMAT);
    const lines = new LineIndex(text);
    try {
      return readLockfile(text, lines, input.path);
    } catch (error) {
      if (error instanceof BadTuple) throw inputError(input.path, FORMAT, error.message, HINT);
      if (!(error instanceof JsonScanError)) throw error;
      const at = `line ${lines.lineAt(Math.min(error.offset, text.length))}`;
      throw inputError(input.path, FORMAT, `${at}: ${reason(error)}`, HINT, error);
    }
  },
};

function readLockfile(text: string, lines: LineIndex, path: string) {
  const graph = new DependencyGraph(text.length);
  const paths: string[] = [];
  const needs: (readonly string[])[] = [];
  let workspaces: unknown;
  const start = skipWhitespace(text, 0);
  const end = forEachMember(text, start, (key, _keyOffset, valueStart) => {
    if (key === 'workspaces') {
      const stop = valueEnd(text, valueStart);
      workspaces = parseJsonc(text.slice(valueStart, stop));
      return stop;
    }
    if (key !== 'packages' || text.charCodeAt(valueStart) !== 123) return undefined;
    return forEachMember(text, valueStart, (installPath, keyOffset, tupleStart) => {
      const tuple = readTuple(text, tupleStart, installPath);
      paths.push(installPath);
      needs.push(tuple.needs);
      graph.addNode(toNode(tuple.descriptor, lines.lineAt(keyOffset)));
      return tuple.end;
    });
  });
  const after = skipWhitespace(text, end);
  if (after < text.length)
    throw new JsonScanError('unexpected text after the top-level object', after);

  const resolver = new InstallResolver(paths, bunLayout);
  for (let node = 0; node < paths.length; node++) {
    for (const name of needs[node] ?? []) {
      const target = resolver.resolve(paths[node] ?? '', name);
      if (target !== -1) graph.addEdge(node, target);
    }
  }
  addWorkspaceRoots(workspaces, resolver, graph);
  return toResult(graph, { path, extractor: ID });
}

/** The descriptor (first element) and the dependency names of the first object in a tuple. */
function readTuple(
  text: string,
  start: number,
  installPath: string,
): { descriptor: string; needs: string[]; end: number } {
  let descriptor: string | undefined;
  let metaSeen = false;
  const needs: string[] = [];
  const bad = () =>
    new BadTuple(`package "${clip(installPath)}" is not a ["name@version", …] entry`);
  if (text.charCodeAt(start) !== 91) throw bad();
  const end = forEachElement(text, start, (index, valueStart) => {
    const first = text.charCodeAt(valueStart);
    if (index === 0) {
      if (first !== 34) throw bad();
      const stop = stringEnd(text, valueStart);
      descriptor = decodeString(text, valueStart, stop);
      return stop;
    }
    if (first !== 123 || metaSeen) return undefined;
    metaSeen = true;
    return forEachMember(text, valueStart, (field, _offset, depsStart) => {
      if (!EDGE_FIELDS.has(field) || text.charCodeAt(depsStart) !== 123) return undefined;
      return forEachMember(text, depsStart, (name) => {
        needs.push(name);
        return undefined;
      });
    });
  });
  if (descriptor === undefined) throw bad();
  return { descriptor, needs, end };
}

function toNode(descriptor: string, line: number): LockNode {
  const { name, range } = splitNameAtRange(descriptor);
  if (
    isGitSource(range) ||
    isLocalSource(range) ||
    (!range.startsWith('npm:') && range.includes(':'))
  ) {
    return {
      name,
      version: '',
      line,
      skip: { reason: 'non-registry', entry: redactCredentials(descriptor) },
    };
  }
  if (range === '') {
    return {
      name,
      version: '',
      line,
      skip: { reason: 'malformed', entry: descriptor, detail: 'no version' },
    };
  }
  return { name, version: range, line };
}

function addWorkspaceRoots(
  workspaces: unknown,
  resolver: InstallResolver,
  graph: DependencyGraph,
): void {
  if (!isRecord(workspaces)) return;
  graph.markRootsKnown();
  for (const workspace of Object.values(workspaces)) {
    // A workspace's own nested copies sit under its name, then the hoisted ones.
    const own = isRecord(workspace) && typeof workspace.name === 'string' ? workspace.name : '';
    for (const dep of declaredDependencies(workspace)) {
      const target = resolver.resolve(own, dep.name);
      if (target !== -1) graph.addRoot(target, dep.declaredAs);
    }
  }
}
