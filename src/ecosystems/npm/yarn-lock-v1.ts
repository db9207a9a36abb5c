import { DependencyGraph, type LockNode } from './graph.ts';
import { type Declared, declaredDependencies } from './manifest.ts';
import {
  isGitSource,
  isLocalSource,
  npmAlias,
  redactCredentials,
  splitNameAtRange,
} from './sources.ts';
import { forEachLine, splitDescriptors, splitField, YarnSyntaxError } from './yarn-lines.ts';

/** One block of a v1 yarn.lock: the descriptors it satisfies and its fields. */
interface Block {
  readonly descriptors: string[];
  readonly line: number;
  readonly fields: Map<string, string>;
  readonly needs: { name: string; range: string }[];
}

const EDGE_FIELDS = new Set(['dependencies', 'optionalDependencies']);

/**
 * Yarn classic's lockfile: not YAML but its own indented "key value" format. It has no record
 * of the project itself, so direct and dev come from the package.json beside it, when given.
 */
export function readYarnV1(
  text: string,
  manifest: Record<string, unknown> | undefined,
): DependencyGraph {
  const blocks = parseBlocks(text);
  const graph = new DependencyGraph(text.length);
  const byDescriptor = new Map<string, number>();
  const nodes = blocks.map((block) => {
    const node = graph.addNode(toNode(block));
    for (const descriptor of block.descriptors) byDescriptor.set(descriptor, node);
    return node;
  });
  blocks.forEach((block, i) => {
    for (const { name, range } of block.needs) {
      const target = byDescriptor.get(`${name}@${range}`);
      if (target !== undefined) graph.addEdge(nodes[i] ?? 0, target);
    }
  });
  // Workspaces declare dependencies in manifests the lockfile does not name, so the root
  // manifest alone would call some direct dependencies transitive.
  if (manifest !== undefined && manifest.workspaces === undefined) {
    graph.markRootsKnown();
    addRoots(graph, declaredDependencies(manifest), byDescriptor);
  }
  return graph;
}

function addRoots(
  graph: DependencyGraph,
  declared: readonly Declared[],
  byDescriptor: Map<string, number>,
): void {
  for (const dep of declared) {
    const target = byDescriptor.get(`${dep.name}@${dep.range}`);
    if (target !== undefined) graph.addRoot(target, dep.declaredAs);
  }
}

function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let block: Block | undefined;
  let section: string | undefined;
  forEachLine(text, (line) => {
    if (line.indent === 0) {
      block = {
        descriptors: splitDescriptors(line.text, line.number),
        line: line.number,
        fields: new Map(),
        needs: [],
      };
      blocks.push(block);
      section = undefined;
      return;
    }
    if (block === undefined)
      throw new YarnSyntaxError('indented line outside an entry', line.number);
    const { key, value } = splitField(line.text, line.number);
    if (line.indent === 2) {
      section = value === undefined ? key : undefined;
      if (value !== undefined) block.fields.set(key, value);
    } else if (line.indent === 4 && section !== undefined) {
      if (EDGE_FIELDS.has(section) && value !== undefined)
        block.needs.push({ name: key, range: value });
    } else {
      throw new YarnSyntaxError(`unexpected indentation of ${line.indent} spaces`, line.number);
    }
  });
  return blocks;
}

function toNode(block: Block): LockNode {
  const first = splitNameAtRange(block.descriptors[0] ?? '');
  const alias = npmAlias(first.range);
  const name = alias?.name ?? first.name;
  const version = block.fields.get('version') ?? '';
  const resolved = block.fields.get('resolved') ?? '';
  const source = block.descriptors
    .map((d) => splitNameAtRange(d).range)
    .find((range) => isGitSource(range) || isLocalSource(range));
  if (source !== undefined || isGitSource(resolved) || resolved.startsWith('file:')) {
    const entry = redactCredentials(source ?? resolved);
    return { name, version, line: block.line, skip: { reason: 'non-registry', entry } };
  }
  if (version === '') {
    const entry = block.descriptors.join(', ');
    return {
      name,
      version,
      line: block.line,
      skip: { reason: 'malformed', entry, detail: 'no version' },
    };
  }
  return { name, version, line: block.line };
}
