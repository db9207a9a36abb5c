import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { JsonLines, parseJson } from '../shared/json-document.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { conanPackage, parseConanReference } from './package.ts';

const ID = 'conan/conan-lock';
const FORMAT = 'conan.lock';

/** Conan 2 lock lists, and whether their packages are only needed to build. */
const V2_LISTS = [
  ['requires', false],
  ['build_requires', true],
  ['python_requires', true],
  ['config_requires', true],
] as const;

/**
 * conan.lock in every layout Conan wrote: Conan 2 (`version` 0.5: flat `requires` and
 * `build_requires` lists) and Conan 1 (`graph_lock.nodes`, with `ref` from 0.4 or `pref` in
 * 0.0–0.3, and `requires` as ids or as a ref→id map). In Conan 1 locks node "0" is the consumer
 * itself; its requires are the direct dependencies and build-requires-only nodes are dev.
 */
export const conanLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const document = parseJson(path, content, FORMAT);
    if (!isRecord(document)) throw invalidInput(path, FORMAT, 'not a JSON object');
    const lines = new JsonLines(content, 3);
    const skipped: SkippedEntry[] = [];
    const packages = isRecord(document.graph_lock)
      ? fromGraph(path, document.graph_lock, lines, skipped)
      : fromLists(path, document, lines, skipped);
    return { packages: withDependencyPaths(packages), skipped };
  },
};

function fromLists(
  path: string,
  document: Record<string, unknown>,
  lines: JsonLines,
  skipped: SkippedEntry[],
): PackageRef[] {
  const packages: PackageRef[] = [];
  for (const [list, dev] of V2_LISTS) {
    const refs = document[list];
    if (!Array.isArray(refs)) continue;
    refs.forEach((text, index) => {
      const line = lines.lineOf(list, index);
      const ref = typeof text === 'string' ? parseConanReference(text) : undefined;
      if (ref === undefined) {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(String(text)),
            reason: 'malformed',
            detail: 'not a name/version reference',
          }),
        );
        return;
      }
      packages.push(conanPackage(ID, ref, { path, line, dev }));
    });
  }
  return packages;
}

interface GraphNode {
  readonly id: string;
  readonly ref: string | undefined;
  readonly isConsumer: boolean;
  readonly requires: readonly string[];
  readonly buildRequires: readonly string[];
}

function fromGraph(
  path: string,
  graph: Record<string, unknown>,
  lines: JsonLines,
  skipped: SkippedEntry[],
): PackageRef[] {
  const nodes = isRecord(graph.nodes) ? graph.nodes : {};
  const graphNodes: GraphNode[] = Object.entries(nodes).flatMap(([id, node]) => {
    if (!isRecord(node)) return [];
    const ref = stringOf(node.ref) ?? stringOf(node.pref);
    // The consumer (the project's own conanfile) has a path, or no reference at all.
    const isConsumer = node.path !== undefined || ref === undefined || id === '0';
    return [
      {
        id,
        ref,
        isConsumer,
        requires: nodeIds(node.requires),
        buildRequires: nodeIds(node.build_requires),
      },
    ];
  });
  const refs = new Map<string, ReturnType<typeof parseConanReference>>();
  for (const node of graphNodes)
    if (node.ref !== undefined) refs.set(node.id, parseConanReference(node.ref));
  const direct = new Set(
    graphNodes.filter((n) => n.isConsumer).flatMap((n) => [...n.requires, ...n.buildRequires]),
  );
  const runtime = new Set(graphNodes.flatMap((n) => n.requires));
  const build = new Set(graphNodes.flatMap((n) => n.buildRequires));
  const packages: PackageRef[] = [];
  for (const node of graphNodes) {
    if (node.isConsumer) continue;
    const line = lines.lineOf('graph_lock', 'nodes', node.id);
    const ref = refs.get(node.id);
    if (ref === undefined) {
      skipped.push(
        skippedEntry({
          path,
          line,
          entry: clip(node.ref ?? node.id),
          reason: 'malformed',
          detail: 'not a name/version reference',
        }),
      );
      continue;
    }
    const dependsOn = [...node.requires, ...node.buildRequires].flatMap((id) => {
      const target = refs.get(id);
      return target === undefined ? [] : [packageKey(target.name, target.version)];
    });
    const dev = build.has(node.id) && !runtime.has(node.id);
    packages.push(
      conanPackage(ID, ref, { path, line, direct: direct.has(node.id), dev, dependsOn }),
    );
  }
  return packages;
}

/** Node ids from a `requires` list, or from the values of an older ref→id map. */
function nodeIds(requires: unknown): string[] {
  if (Array.isArray(requires)) return requires.filter((id): id is string => typeof id === 'string');
  if (isRecord(requires))
    return Object.values(requires).filter((id): id is string => typeof id === 'string');
  return [];
}
