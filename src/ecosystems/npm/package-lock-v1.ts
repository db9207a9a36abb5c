import type { ExtractInput } from '../extractor.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import type { DependencyGraph, LockNode } from './graph.ts';
import { forEachMember, parseSpan, valueEnd } from './json-scan.ts';
import { jsonKeyOpening, KeyLocator, type LineIndex } from './line-index.ts';
import { declaredDependencies, readManifest } from './manifest.ts';
import { isGitSource, isLocalSource, npmAlias, redactCredentials } from './sources.ts';

/**
 * A level of the nested "dependencies" tree: the packages installed side by side there. Most
 * entries have no nested dependencies, so their level shares the parent's.
 */
interface Level {
  readonly parent: Level | undefined;
  readonly children: Map<string, number>;
}

/** One entry waiting for its "requires" to be resolved, with the level it can see. */
interface Pending {
  readonly node: number;
  readonly level: Level;
  readonly requires: readonly string[];
}

interface StackItem {
  readonly key: string;
  readonly entry: unknown;
  readonly level: Level;
  /** Known for top-level entries (the scanner saw the key); searched for nested ones. */
  readonly line: number | undefined;
}

const MAX_LOOKUP_LEVELS = 64;
/** Entries are objects; the same name in a "requires" map is a string and must not match. */
const objectKeyAt = jsonKeyOpening('{');

/**
 * Reads lockfile v1 "dependencies": a tree of entries keyed by the name they are installed
 * under, each with nested "dependencies" for copies installed below it. Walked with an
 * explicit stack. v1 does not record what the project declares, so direct dependencies come
 * from the package.json beside the lockfile when there is one.
 */
export async function readDependenciesTree(
  text: string,
  start: number,
  lines: LineIndex,
  graph: DependencyGraph,
  input: ExtractInput,
): Promise<void> {
  const top: Level = { parent: undefined, children: new Map() };
  const pending: Pending[] = [];
  forEachMember(text, start, (key, keyOffset, valueStart) => {
    const end = valueEnd(text, valueStart);
    const entry = parseSpan(text, valueStart, end);
    const locator = new KeyLocator(text, lines, valueStart);
    const stack: StackItem[] = [{ key, entry, level: top, line: lines.lineAt(keyOffset) }];
    // Pre-order with children pushed in reverse: entries come off in document order, so each
    // nested key's line is found by a forward search from the previous one.
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const line = item.line ?? locator.find(JSON.stringify(item.key), objectKeyAt);
      const node = graph.addNode(toNode(item.key, item.entry, line));
      item.level.children.set(item.key, node);
      if (!isRecord(item.entry)) continue;
      const nested = item.entry.dependencies;
      // Node looks in the entry's own node_modules first; without one, where the entry sits.
      const level: Level = isRecord(nested)
        ? { parent: item.level, children: new Map() }
        : item.level;
      if (isRecord(item.entry.requires)) {
        pending.push({ node, level, requires: Object.keys(item.entry.requires) });
      }
      if (!isRecord(nested)) continue;
      const children = Object.entries(nested);
      for (let i = children.length - 1; i >= 0; i--) {
        const [childKey, child] = children[i] ?? ['', undefined];
        stack.push({ key: childKey, entry: child, level, line: undefined });
      }
    }
    return end;
  });

  for (const { node, level, requires } of pending) {
    for (const name of requires) {
      const target = lookup(level, name);
      if (target !== undefined) graph.addEdge(node, target);
    }
  }
  const manifest = await readManifest(input, 'package.json');
  if (manifest === undefined) return;
  graph.markRootsKnown();
  for (const dep of declaredDependencies(manifest)) {
    const target = top.children.get(dep.name);
    if (target !== undefined) graph.addRoot(target, dep.declaredAs);
  }
}

function toNode(key: string, entry: unknown, line: number | undefined): LockNode {
  const at = line === undefined ? {} : { line };
  if (!isRecord(entry)) {
    return {
      name: key,
      version: '',
      ...at,
      skip: { reason: 'malformed', entry: key, detail: 'entry is not an object' },
    };
  }
  const written = stringOf(entry.version) ?? '';
  const dev = entry.dev === true;
  const alias = npmAlias(written);
  if (alias !== undefined) return { name: alias.name, version: alias.range, ...at, dev };
  if (isGitSource(written) || isLocalSource(written)) {
    // The version field holds the source; there is no registry version to check.
    return {
      name: key,
      version: '',
      ...at,
      dev,
      skip: { reason: 'non-registry', entry: redactCredentials(written) },
    };
  }
  if (written === '') {
    return {
      name: key,
      version: '',
      ...at,
      dev,
      skip: { reason: 'malformed', entry: key, detail: 'no version recorded' },
    };
  }
  return { name: key, version: written, ...at, dev };
}

/** Node's lookup: this level, then each enclosing one. */
function lookup(level: Level, name: string): number | undefined {
  let at: Level | undefined = level;
  for (let i = 0; at !== undefined && i < MAX_LOOKUP_LEVELS; i++, at = at.parent) {
    const found = at.children.get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}
