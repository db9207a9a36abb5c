import type { SkipReason } from '../../core/package.ts';

/** One lockfile entry, before it becomes a PackageRef or a SkippedEntry. */
export interface LockNode {
  readonly name: string;
  /** The resolved version; '' when the lockfile records none (git commit, local folder). */
  readonly version: string;
  readonly line?: number | undefined;
  /** Dev flag as the format records it; undefined when the graph decides (or nobody can). */
  readonly dev?: boolean;
  /** Why this entry is not a registry package; undefined for registry packages. */
  readonly skip?: { readonly reason: SkipReason; readonly entry: string; readonly detail?: string };
  /** An entry that is part of the graph but not reported (the project itself, a link). */
  readonly hidden?: boolean;
}

/** How a project (root or workspace) declares a dependency; 'unknown' when nothing says. */
export type DeclaredAs = 'prod' | 'dev' | 'unknown';

/** Bits of DependencyGraph.reachableKinds(). */
export const PROD = 1;
export const DEV = 2;
export const UNKNOWN = 4;
const KIND_BITS: Record<DeclaredAs, number> = { prod: PROD, dev: DEV, unknown: UNKNOWN };

/** Edges in compressed form: node i's targets are targets[offsets[i]] … targets[offsets[i+1]-1]. */
export interface Adjacency {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/**
 * The dependency graph of one lockfile. Edges go into two growing typed arrays and are
 * compacted on first read, since lockfiles have thousands of nodes with a few edges each and
 * an array per node costs more in allocation than the edges themselves. Edges are capped at a
 * budget proportional to the input size: lockfile formats spend several bytes per edge, so only
 * aliases or other amplification could exceed it, and the cap keeps later passes linear.
 */
export class DependencyGraph {
  readonly nodes: LockNode[] = [];
  #from = new Int32Array(1024);
  #to = new Int32Array(1024);
  #edgeCount = 0;
  #adjacency: Adjacency | undefined;
  readonly #roots: number[] = [];
  readonly #rootKinds: number[] = [];
  #edgeBudget: number;
  /** Edges dropped because the budget ran out. */
  droppedEdges = 0;
  /** Whether the lockfile (or its manifest) says which dependencies the project declares. */
  rootsKnown = false;

  constructor(inputLength: number) {
    this.#edgeBudget = Math.max(1_000_000, inputLength);
  }

  addNode(node: LockNode): number {
    this.nodes.push(node);
    return this.nodes.length - 1;
  }

  addEdge(from: number, to: number): void {
    if (this.#edgeCount >= this.#edgeBudget) {
      this.droppedEdges++;
      return;
    }
    if (this.#edgeCount === this.#from.length) {
      this.#from = grow(this.#from);
      this.#to = grow(this.#to);
    }
    this.#from[this.#edgeCount] = from;
    this.#to[this.#edgeCount] = to;
    this.#edgeCount++;
    this.#adjacency = undefined;
  }

  /** The lockfile records what the project declares, even if that is nothing. */
  markRootsKnown(): void {
    this.rootsKnown = true;
  }

  /** A dependency the project itself declares (root or workspace manifest). */
  addRoot(to: number, declaredAs: DeclaredAs): void {
    this.rootsKnown = true;
    this.#roots.push(to);
    this.#rootKinds.push(KIND_BITS[declaredAs]);
  }

  /**
   * Moves every edge and root to `map(target)`, dropping those mapped below 0; for formats
   * whose edges can point at placeholders (npm links) until the whole file is read.
   */
  retarget(map: (node: number) => number): void {
    for (let i = 0; i < this.#edgeCount; i++) this.#to[i] = map(this.#to[i] ?? -1);
    for (let i = this.#roots.length - 1; i >= 0; i--) {
      const to = map(this.#roots[i] ?? -1);
      if (to >= 0) this.#roots[i] = to;
      else {
        this.#roots.splice(i, 1);
        this.#rootKinds.splice(i, 1);
      }
    }
    this.#adjacency = undefined;
  }

  /** All edges by source node, built once (a counting sort) and kept until an edge is added. */
  adjacency(): Adjacency {
    if (this.#adjacency !== undefined) return this.#adjacency;
    const offsets = new Int32Array(this.nodes.length + 1);
    for (let i = 0; i < this.#edgeCount; i++) {
      const slot = (this.#from[i] ?? 0) + 1;
      if ((this.#to[i] ?? -1) >= 0) offsets[slot] = (offsets[slot] ?? 0) + 1;
    }
    for (let i = 0; i < this.nodes.length; i++)
      offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
    const targets = new Int32Array(offsets[this.nodes.length] ?? 0);
    const fill = offsets.slice(0, this.nodes.length);
    for (let i = 0; i < this.#edgeCount; i++) {
      const to = this.#to[i] ?? -1;
      if (to < 0) continue;
      const from = this.#from[i] ?? 0;
      targets[fill[from] ?? 0] = to;
      fill[from] = (fill[from] ?? 0) + 1;
    }
    this.#adjacency = { offsets, targets };
    return this.#adjacency;
  }

  /** Targets of one node's edges, in the order they were added. */
  edgesOf(node: number): Int32Array {
    const { offsets, targets } = this.adjacency();
    return targets.subarray(offsets[node] ?? 0, offsets[node + 1] ?? 0);
  }

  get roots(): readonly number[] {
    return this.#roots;
  }

  /** For each node, the kinds of root it is reachable from (bits PROD, DEV, UNKNOWN). */
  reachableKinds(): Uint8Array {
    const { offsets, targets } = this.adjacency();
    const marks = new Uint8Array(this.nodes.length);
    const queue = new Int32Array(this.nodes.length);
    for (const bit of [PROD, DEV, UNKNOWN]) {
      let tail = 0;
      for (let i = 0; i < this.#roots.length; i++) {
        const root = this.#roots[i] ?? 0;
        if (this.#rootKinds[i] === bit && ((marks[root] ?? 0) & bit) === 0) {
          marks[root] = (marks[root] ?? 0) | bit;
          queue[tail++] = root;
        }
      }
      for (let head = 0; head < tail; head++) {
        const node = queue[head] ?? 0;
        for (let e = offsets[node] ?? 0, end = offsets[node + 1] ?? 0; e < end; e++) {
          const next = targets[e] ?? 0;
          if (((marks[next] ?? 0) & bit) === 0) {
            marks[next] = (marks[next] ?? 0) | bit;
            queue[tail++] = next;
          }
        }
      }
    }
    return marks;
  }

  /** Breadth-first parents from the declared dependencies: -1 for roots and unreached nodes. */
  shortestParents(): { parent: Int32Array; depth: Int32Array } {
    const { offsets, targets } = this.adjacency();
    const parent = new Int32Array(this.nodes.length).fill(-1);
    const depth = new Int32Array(this.nodes.length).fill(-1);
    const queue = new Int32Array(this.nodes.length);
    let tail = 0;
    for (const root of this.#roots) {
      if (depth[root] === -1) {
        depth[root] = 0;
        queue[tail++] = root;
      }
    }
    for (let head = 0; head < tail; head++) {
      const node = queue[head] ?? 0;
      const nextDepth = (depth[node] ?? 0) + 1;
      for (let e = offsets[node] ?? 0, end = offsets[node + 1] ?? 0; e < end; e++) {
        const next = targets[e] ?? 0;
        if (depth[next] === -1) {
          depth[next] = nextDepth;
          parent[next] = node;
          queue[tail++] = next;
        }
      }
    }
    return { parent, depth };
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
