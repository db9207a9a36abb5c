import { DependencyGraph, type LockNode } from './graph.ts';
import { redactCredentials, splitNameAtRange } from './sources.ts';
import { forEachLine, splitDescriptors, splitField, YarnSyntaxError } from './yarn-lines.ts';

/** One entry of a berry lockfile: the descriptors it satisfies, its fields and dependencies. */
interface Entry {
  readonly descriptors: string[];
  readonly line: number;
  readonly fields: Map<string, string>;
  readonly needs: { name: string; range: string }[];
}

/** A workspace entry ("name@workspace:path") and where its dependencies resolved to. */
export interface Workspace {
  /** Folder relative to the lockfile: "." for the root project. */
  readonly folder: string;
  readonly dependencies: readonly { readonly name: string; readonly node: number }[];
}

const EDGE_FIELDS = new Set(['dependencies', 'optionalDependencies']);

/**
 * Yarn 2+ ("berry") lockfiles: YAML-compatible, but always written by yarn's own serialiser
 * with a fixed shape (top-level entries, two-space fields, one level of maps), which this reads
 * line by line. Resolutions carry the protocol: npm: (registry), patch: (a registry package
 * with a patch applied, still checked as that package), workspace:, portal:, link:, file:,
 * exec: and git sources (skipped). Workspaces are returned so the caller can add them as roots
 * once it knows, from their manifests, which dependencies are dev.
 */
export function readYarnBerry(text: string): { graph: DependencyGraph; workspaces: Workspace[] } {
  const entries = parseEntries(text);
  const graph = new DependencyGraph(text.length);
  const byDescriptor = new Map<string, number>();
  const converted = entries.map((entry) => {
    const { node, workspace } = toNode(entry);
    const index = graph.addNode(node);
    for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, index);
    return { index, workspace };
  });
  const workspaces: Workspace[] = [];
  entries.forEach((entry, i) => {
    const { index, workspace } = converted[i] ?? { index: 0, workspace: undefined };
    const dependencies: { name: string; node: number }[] = [];
    for (const { name, range } of entry.needs) {
      const target = lookup(byDescriptor, name, range);
      if (target === undefined) continue;
      graph.addEdge(index, target);
      dependencies.push({ name, node: target });
    }
    if (workspace !== undefined) workspaces.push({ folder: workspace, dependencies });
  });
  return { graph, workspaces };
}

/** "name@range", falling back to yarn's default npm: protocol for bare ranges. */
function lookup(
  byDescriptor: Map<string, number>,
  name: string,
  range: string,
): number | undefined {
  return byDescriptor.get(`${name}@${range}`) ?? byDescriptor.get(`${name}@npm:${range}`);
}

function parseEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  let entry: Entry | undefined;
  let section: string | undefined;
  let skipping = false;
  forEachLine(text, (line) => {
    if (line.indent === 0) {
      skipping = line.text === '__metadata:';
      if (skipping) return;
      entry = {
        descriptors: splitDescriptors(line.text, line.number),
        line: line.number,
        fields: new Map(),
        needs: [],
      };
      entries.push(entry);
      section = undefined;
      return;
    }
    if (skipping) return;
    if (entry === undefined)
      throw new YarnSyntaxError('indented line outside an entry', line.number);
    if (line.indent === 2) {
      const { key, value } = splitField(line.text, line.number);
      section = value === undefined ? key : undefined;
      if (value !== undefined) entry.fields.set(key, value);
    } else if (line.indent === 4 && section !== undefined && EDGE_FIELDS.has(section)) {
      const { key, value } = splitField(line.text, line.number);
      if (value !== undefined) entry.needs.push({ name: key, range: value });
    } else if (line.indent % 2 !== 0) {
      throw new YarnSyntaxError(`unexpected indentation of ${line.indent} spaces`, line.number);
    }
  });
  return entries;
}

/** The node for an entry, and the workspace folder when it is a workspace. */
function toNode(entry: Entry): { node: LockNode; workspace?: string } {
  const resolution = entry.fields.get('resolution') ?? entry.descriptors[0] ?? '';
  const { name, range: reference } = splitNameAtRange(resolution);
  const version = entry.fields.get('version') ?? '';
  const line = entry.line;
  const protocol = reference.slice(0, reference.indexOf(':') + 1);
  if (protocol === 'workspace:') {
    const folder = reference.slice('workspace:'.length);
    if (folder === '.') return { node: { name, version, line, hidden: true }, workspace: folder };
    const skip = {
      reason: 'non-registry' as const,
      entry: resolution,
      detail: 'workspace package',
    };
    return { node: { name, version, line, skip }, workspace: folder };
  }
  if (protocol === 'npm:' || (protocol === 'patch:' && patchesRegistryPackage(reference))) {
    if (version === '') {
      return {
        node: {
          name,
          version,
          line,
          skip: { reason: 'malformed', entry: resolution, detail: 'no version' },
        },
      };
    }
    return { node: { name, version, line } };
  }
  return {
    node: {
      name,
      version,
      line,
      skip: { reason: 'non-registry', entry: redactCredentials(resolution) },
    },
  };
}

/** "patch:resolve@npm%3A1.22.8#…": the patched package came from the registry. */
function patchesRegistryPackage(reference: string): boolean {
  const hash = reference.indexOf('#');
  const inner = reference.slice('patch:'.length, hash === -1 ? undefined : hash);
  let decoded: string;
  try {
    decoded = decodeURIComponent(inner);
  } catch {
    return false;
  }
  return splitNameAtRange(decoded).range.startsWith('npm:');
}
