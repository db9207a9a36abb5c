import type { PackageRef } from '../../core/package.ts';

/** Longer chains are left without a path: no real tree is that deep, and it bounds memory. */
const MAX_PATH_LENGTH = 64;

/** The "name@version" key that dependsOn and dependencyPath use. */
export function packageKey(name: string, version: string): string {
  return `${name}@${version}`;
}

/** A lockfile's resolved graph: nodes by id, each with a "name@version" label. */
export interface DependencyGraphInput {
  /** Node id → "name@version" as reported in dependencyPath and dependsOn. */
  readonly labels: ReadonlyMap<string, string>;
  /** Node id → ids it depends on (unknown ids are ignored). */
  readonly edges: ReadonlyMap<string, readonly string[]>;
  /**
   * The ids the project itself declares, for production and for development only (tests,
   * linters…). Undefined when the format does not record them: then only dependsOn is known.
   * Without `dev` roots the format records no dev split and `dev` stays unknown.
   */
  readonly roots?: { readonly prod: Iterable<string>; readonly dev?: Iterable<string> };
}

/** What the graph says about one node. */
export interface GraphFacts {
  /** Undefined when the roots are unknown. */
  readonly direct?: boolean;
  /** Reachable from development roots only; undefined when no root reaches the node. */
  readonly dev?: boolean;
  /** Shortest chain of labels from a direct dependency to this node, itself included. */
  readonly dependencyPath?: readonly string[];
  readonly dependsOn: readonly string[];
}

/**
 * Derives direct/dev/dependencyPath for every node with breadth-first searches (no recursion,
 * linear in nodes plus edges, safe on cycles). A node counts as dev only when production roots
 * cannot reach it. Direct nodes get a one-element path.
 */
export function analyzeGraph(input: DependencyGraphInput): Map<string, GraphFacts> {
  const isNode = (id: string) => input.labels.has(id);
  const rootsKnown = input.roots !== undefined;
  const devKnown = input.roots?.dev !== undefined;
  const prodRoots = [...(input.roots?.prod ?? [])].filter(isNode);
  const devRoots = [...(input.roots?.dev ?? [])].filter(isNode);
  const reachedByProd = shortestParents(input.edges, isNode, prodRoots);
  const reachedByDev = shortestParents(input.edges, isNode, devRoots);
  const parents = shortestParents(input.edges, isNode, [...prodRoots, ...devRoots]);
  const direct = new Set([...prodRoots, ...devRoots]);
  const label = (id: string) => input.labels.get(id) ?? id;

  const facts = new Map<string, GraphFacts>();
  for (const [id, own] of input.labels) {
    const dependsOn = (input.edges.get(id) ?? [])
      .map((dep) => input.labels.get(dep))
      .filter((l): l is string => l !== undefined);
    const path = pathTo(id, parents, label);
    const known = devKnown && (reachedByProd.has(id) || reachedByDev.has(id));
    facts.set(id, {
      ...(rootsKnown ? { direct: direct.has(id) } : {}),
      ...(known ? { dev: !reachedByProd.has(id) } : {}),
      ...(path === undefined ? {} : { dependencyPath: path }),
      dependsOn: [...new Set(dependsOn)].filter((l) => l !== own),
    });
  }
  return facts;
}

/**
 * Adds `dependencyPath` to every package that is not itself direct but is reachable from a direct
 * one through `dependsOn` ("name@version" keys): the shortest chain from a direct dependency down
 * to it. Direct packages and unreachable ones are returned as they are.
 */
export function withDependencyPaths(packages: readonly PackageRef[]): PackageRef[] {
  const edges = new Map(packages.map((p) => [packageKey(p.name, p.version), p.dependsOn ?? []]));
  const roots = packages.filter((p) => p.direct === true).map((p) => packageKey(p.name, p.version));
  const parents = shortestParents(edges, (key) => edges.has(key), roots);
  return packages.map((p) => {
    if (p.direct === true) return p;
    const path = pathTo(packageKey(p.name, p.version), parents, (key) => key);
    return path === undefined ? p : { ...p, dependencyPath: path };
  });
}

/**
 * Multi-source BFS: each node reached from `roots` mapped to its predecessor on a shortest path
 * (null for the roots themselves). Parent links instead of recursion keep deep graphs cheap.
 */
function shortestParents(
  edges: ReadonlyMap<string, readonly string[]>,
  isNode: (id: string) => boolean,
  roots: readonly string[],
): Map<string, string | null> {
  const parent = new Map<string, string | null>(roots.map((r) => [r, null]));
  const queue = [...new Set(roots)];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    for (const next of edges.get(id) ?? []) {
      if (!parent.has(next) && isNode(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return parent;
}

/** The labels from a root down to `id`; undefined when unreached or longer than the limit. */
function pathTo(
  id: string,
  parents: ReadonlyMap<string, string | null>,
  label: (id: string) => string,
): string[] | undefined {
  if (!parents.has(id)) return undefined;
  const path: string[] = [];
  for (let at: string | null | undefined = id; at !== null && at !== undefined; ) {
    if (path.length >= MAX_PATH_LENGTH) return undefined;
    path.push(label(at));
    at = parents.get(at);
  }
  return path.reverse();
}
