import type { PackageRef, SkippedEntry, SourceLocation } from '../../core/package.ts';
import type { ExtractResult } from '../extractor.ts';
import { clip } from '../shared/text-input.ts';
import { DEV, type DependencyGraph, type LockNode, PROD } from './graph.ts';
import { npmPurl } from './purl.ts';

export interface ResultOptions {
  readonly path: string;
  readonly extractor: string;
}

/** Paths longer than this are left out: real trees are far shallower, hostile ones are not. */
const MAX_PATH_LENGTH = 64;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** "name@version", or the bare name when there is no version. */
export function nodeLabel(name: string, version: string): string {
  return version === '' ? name : `${name}@${version}`;
}

/**
 * A copy of `text` that does not keep the string it was sliced from alive. Parsers slice names
 * out of the lockfile text; a result that outlives the text should not pin hundreds of
 * megabytes for a few names. V8 copies slices shorter than 13 characters already.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** Every graph node with the same name@version, folded into one package. */
class Merged {
  readonly name: string;
  readonly version: string;
  /** Lines of every copy; most packages have one, which needs no array. */
  line: number | undefined;
  moreLines: number[] | undefined;
  direct = false;
  dev: boolean | undefined = undefined;
  devSeen = false;
  bestNode: number;
  bestDepth = Number.MAX_SAFE_INTEGER;
  dependsOn: string[] | Set<string> = [];

  constructor(name: string, version: string, index: number) {
    this.name = name;
    this.version = version;
    this.bestNode = index;
  }

  /** Lines arrive in document order, so a repeat can only be the last one seen. */
  addLine(line: number): void {
    if (this.line === undefined) this.line = line;
    else if (this.moreLines === undefined) {
      if (line !== this.line) this.moreLines = [line];
    } else if (line !== this.moreLines.at(-1)) this.moreLines.push(line);
  }

  /** A package needed in production anywhere is not dev; unknown anywhere leaves it unknown. */
  addDev(dev: boolean | undefined): void {
    if (!this.devSeen) {
      this.devSeen = true;
      this.dev = dev;
    } else if (dev === false || this.dev === false) this.dev = false;
    else if (dev === undefined) this.dev = undefined;
  }

  /** Adds the labels of targets[start..end); a Set only once lists get long or merge. */
  addDependencies(
    own: string,
    labels: readonly string[],
    targets: Int32Array,
    start: number,
    end: number,
    duplicate: boolean,
  ): void {
    if (!duplicate && end - start < 16) {
      const list = this.dependsOn as string[];
      for (let e = start; e < end; e++) {
        const label = labels[targets[e] ?? 0] ?? '';
        if (label !== own && !list.includes(label)) list.push(label);
      }
      return;
    }
    const set = this.dependsOn instanceof Set ? this.dependsOn : new Set(this.dependsOn);
    for (let e = start; e < end; e++) set.add(labels[targets[e] ?? 0] ?? '');
    set.delete(own);
    this.dependsOn = set;
  }
}

/**
 * Turns the graph into the extractor result: one PackageRef per name@version (an entry that
 * appears at several places in the tree keeps all its lines), one SkippedEntry per distinct
 * non-registry entry. Direct, dev and dependencyPath need the project's declared dependencies
 * (graph roots); without them they are left out rather than guessed.
 */
export function toResult(graph: DependencyGraph, options: ResultOptions): ExtractResult {
  const { nodes } = graph;
  const isRoot = new Uint8Array(nodes.length);
  for (const root of graph.roots) isRoot[root] = 1;
  const tree = graph.rootsKnown ? graph.shortestParents() : undefined;
  const kinds = graph.rootsKnown ? graph.reachableKinds() : undefined;
  // Names and versions copied off the lockfile text once; labels and results share them.
  const names = nodes.map((node) => detach(node.name));
  const versions = nodes.map((node) => detach(node.version));
  const labels = names.map((name, i) => nodeLabel(name, versions[i] ?? ''));
  const { offsets, targets } = graph.adjacency();

  const merged = new Map<string, Merged>();
  const skipped = new Map<string, SkippedEntry>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as LockNode;
    if (node.hidden === true) continue;
    if (node.skip !== undefined) {
      const key = `${node.name}\u0000${node.version}\u0000${node.skip.entry}`;
      if (!skipped.has(key)) skipped.set(key, toSkipped(node, options.path));
      continue;
    }
    const label = labels[i] ?? '';
    let entry = merged.get(label);
    const duplicate = entry !== undefined;
    if (entry === undefined) {
      entry = new Merged(names[i] ?? '', versions[i] ?? '', i);
      merged.set(label, entry);
    }
    if (node.line !== undefined) entry.addLine(node.line);
    if (isRoot[i] === 1) entry.direct = true;
    entry.addDev(devOf(node, kinds?.[i]));
    const depth = tree?.depth[i] ?? -1;
    if (depth !== -1 && depth < entry.bestDepth) {
      entry.bestDepth = depth;
      entry.bestNode = i;
    }
    entry.addDependencies(label, labels, targets, offsets[i] ?? 0, offsets[i + 1] ?? 0, duplicate);
  }

  const packages: PackageRef[] = [];
  for (const entry of merged.values()) {
    const path =
      tree !== undefined && entry.bestDepth < MAX_PATH_LENGTH
        ? pathTo(entry.bestNode, tree.parent, labels)
        : undefined;
    packages.push(toPackageRef(entry, options, graph.rootsKnown, path));
  }
  const skippedList = [...skipped.values()];
  if (graph.droppedEdges > 0) {
    skippedList.push({
      path: options.path,
      reason: 'malformed',
      detail: `${graph.droppedEdges} dependency edges beyond what a file of this size can hold were ignored`,
    });
  }
  return { packages, skipped: skippedList };
}

/**
 * The format's own dev flag when it records one; otherwise dev when only dev declarations
 * reach the package, not dev when a prod one does, unknown when neither is known.
 */
function devOf(node: LockNode, kind: number | undefined): boolean | undefined {
  if (node.dev !== undefined) return node.dev;
  if (kind === undefined) return undefined;
  if ((kind & PROD) !== 0) return false;
  return kind === DEV ? true : undefined;
}

function toPackageRef(
  entry: Merged,
  options: ResultOptions,
  rootsKnown: boolean,
  path: string[] | undefined,
): PackageRef {
  const { name, version } = entry;
  const dependsOn = entry.dependsOn instanceof Set ? [...entry.dependsOn] : entry.dependsOn;
  const ref: Mutable<PackageRef> = {
    ecosystem: 'npm',
    name,
    version,
    locations: locations(options.path, entry),
    extractor: options.extractor,
  };
  const purl = npmPurl(name, version);
  if (purl !== undefined) ref.purl = purl;
  if (rootsKnown) ref.direct = entry.direct;
  if (entry.dev !== undefined) ref.dev = entry.dev;
  if (path !== undefined) ref.dependencyPath = path;
  if (dependsOn.length > 0) ref.dependsOn = dependsOn;
  return ref;
}

function locations(path: string, entry: Merged): SourceLocation[] {
  if (entry.line === undefined) return [{ path }];
  const first: SourceLocation = { path, line: entry.line };
  if (entry.moreLines === undefined) return [first];
  return [first, ...entry.moreLines.map((line) => ({ path, line }))];
}

function pathTo(node: number, parent: Int32Array, labels: readonly string[]): string[] {
  const path: string[] = [];
  for (let at = node; at !== -1 && path.length <= MAX_PATH_LENGTH; at = parent[at] ?? -1) {
    path.push(labels[at] ?? '');
  }
  return path.reverse();
}

function toSkipped(node: LockNode, path: string): SkippedEntry {
  const entry: Mutable<SkippedEntry> = {
    path,
    entry: detach(clip(node.skip?.entry ?? '')),
    reason: node.skip?.reason ?? 'non-registry',
  };
  if (node.line !== undefined) entry.line = node.line;
  if (node.name !== '') entry.name = detach(node.name);
  if (node.version !== '') entry.version = detach(node.version);
  if (node.skip?.detail !== undefined) entry.detail = clip(node.skip.detail);
  return entry;
}
