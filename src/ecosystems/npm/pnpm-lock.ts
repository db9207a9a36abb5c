import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { Extractor } from '../extractor.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { type DeclaredAs, DependencyGraph, type LockNode } from './graph.ts';
import { inputError, reason, textOf } from './input-error.ts';
import { blockKeyAt, KeyLocator, LineIndex } from './line-index.ts';
import {
  InvalidDependencyPath,
  type KeyStyle,
  keyStyleOf,
  packageKeyOfSnapshot,
  parseKey,
  referenceKey,
} from './pnpm-keys.ts';
import { toResult } from './result.ts';
import { isGitSource, redactCredentials } from './sources.ts';

const ID = 'npm/pnpm-lock';
const FORMAT = 'pnpm-lock.yaml';
const HINT = 'Regenerate it with `pnpm install --lockfile-only`, or remove it if it is not used.';

/** Importer fields and how they count for dev; other *Dependencies fields count as unknown. */
const IMPORTER_FIELDS: Record<string, DeclaredAs> = {
  dependencies: 'prod',
  optionalDependencies: 'prod',
  devDependencies: 'dev',
};
const EDGE_FIELDS = ['dependencies', 'optionalDependencies'] as const;
const DEPENDENCY_FIELD = /^(?:dependencies|\w+Dependencies)$/;
const GIT_HOST_PATH = /^(?:github\.com|gitlab\.com|bitbucket\.org)\//;

/**
 * pnpm-lock.yaml, lockfile v5.x, v6 and v9, including pnpm 11+ files that hold an "env"
 * document (config and package-manager dependencies) before the project's own: every document
 * is read, since everything in it gets installed. Parsed with js-yaml 4 (see README.md for why
 * not `yaml`), which refuses nesting past 100 levels; alias amplification ends in the work
 * budget below, since pnpm never writes aliases.
 */
export const pnpmLockExtractor: Extractor = {
  id: ID,
  matches(path) {
    const parts = path.split('/');
    return (
      parts[parts.length - 1] === 'pnpm-lock.yaml' && !parts.slice(0, -1).includes('node_modules')
    );
  },
  extract(input) {
    const text = textOf(input.path, input.content, FORMAT);
    let documents: unknown[];
    try {
      documents = loadAll(text, null, { schema: CORE_SCHEMA, filename: input.path });
    } catch (error) {
      // js-yaml's own errors, its nesting limit included, and anything else it may throw.
      throw inputError(input.path, FORMAT, reason(error), HINT, error);
    }
    const graph = new DependencyGraph(text.length);
    const lines = new LineIndex(text);
    const budget = new WorkBudget(text.length);
    let searchFrom = 0;
    for (const document of documents) {
      if (document === null || document === undefined) continue;
      if (!isRecord(document)) {
        throw inputError(input.path, FORMAT, 'expected a mapping with lockfileVersion', HINT);
      }
      const sections = new LocatorFactory(text, lines, searchFrom);
      try {
        searchFrom = readDocument(document, graph, sections, budget);
      } catch (error) {
        if (!(error instanceof InvalidDependencyPath || error instanceof WorkBudgetExceeded)) {
          throw error;
        }
        throw inputError(input.path, FORMAT, error.message, HINT, error);
      }
    }
    return toResult(graph, { path: input.path, extractor: ID });
  },
};

/** Finds a document's sections in the text, in order, so keys can be given lines. */
class LocatorFactory {
  readonly #text: string;
  readonly #lines: LineIndex;
  readonly #from: number;

  constructor(text: string, lines: LineIndex, from: number) {
    this.#text = text;
    this.#lines = lines;
    this.#from = from;
  }

  /** A locator positioned at `section:` and the offset it starts at (-1 if not found). */
  section(name: string): { locator: KeyLocator; offset: number } {
    const at = this.#text.startsWith(`${name}:`, this.#from)
      ? this.#from
      : this.#text.indexOf(`\n${name}:`, this.#from);
    return { locator: new KeyLocator(this.#text, this.#lines, Math.max(at, 0)), offset: at };
  }
}

/** Adds one lockfile document to the graph; returns where the next document's text starts. */
function readDocument(
  doc: Record<string, unknown>,
  graph: DependencyGraph,
  find: LocatorFactory,
  budget: WorkBudget,
): number {
  const packages = isRecord(doc.packages) ? doc.packages : {};
  const snapshots = isRecord(doc.snapshots) ? doc.snapshots : undefined;
  const style = keyStyleOf(
    Number.parseFloat(String(doc.lockfileVersion ?? '')),
    snapshots !== undefined,
  );
  // In v9 each snapshot (a package with its peers resolved) is a node; before, each package.
  const nodeEntries = snapshots ?? packages;
  const { locator, offset } = find.section(snapshots === undefined ? 'packages' : 'snapshots');

  const byKey = new Map<string, number>();
  for (const key of Object.keys(nodeEntries)) {
    const packageKey = style === 'v9' ? packageKeyOfSnapshot(key) : key;
    const meta = packages[packageKey];
    const line = locator.find(key, blockKeyAt);
    byKey.set(key, graph.addNode(toNode(key, packageKey, isRecord(meta) ? meta : {}, style, line)));
  }
  for (const [key, node] of byKey) {
    const entry = nodeEntries[key];
    if (!isRecord(entry)) continue;
    for (const field of EDGE_FIELDS) {
      forEachReference(entry[field], style, budget, (target) => {
        const to = byKey.get(target);
        if (to !== undefined) graph.addEdge(node, to);
      });
    }
  }
  addImporterRoots(doc, style, byKey, graph, budget);
  return offset === -1 ? 0 : offset + 1;
}

function toNode(
  key: string,
  packageKey: string,
  meta: Record<string, unknown>,
  style: KeyStyle,
  line: number | undefined,
): LockNode {
  const fromKey = parseKey(packageKey, style);
  const name = stringOf(meta.name) ?? fromKey?.name ?? '';
  const version = versionField(meta) ?? fromKey?.version ?? '';
  const at = line === undefined ? {} : { line };
  // v5/v6 record dev per package: true only dev, false only prod, absent both (so not dev-only).
  const dev = style === 'v9' ? {} : { dev: meta.dev === true };
  const source = nonRegistrySource(packageKey, meta);
  if (source !== undefined) {
    return { name, version, ...at, ...dev, skip: { reason: 'non-registry', entry: source } };
  }
  if (name === '' || version === '') {
    return {
      name: version === '' ? '' : name,
      version,
      ...at,
      ...dev,
      skip: { reason: 'malformed', entry: key, detail: 'no name or version' },
    };
  }
  return { name, version, ...at, ...dev };
}

/** The version field, which YAML may have read as a number ("version: 1.0"). */
function versionField(meta: Record<string, unknown>): string | undefined {
  const v = meta.version;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Where a non-registry package came from, as written; undefined for registry packages. */
function nonRegistrySource(key: string, meta: Record<string, unknown>): string | undefined {
  if (key.startsWith('file:') || key.startsWith('link:')) return key;
  const resolution = isRecord(meta.resolution) ? meta.resolution : {};
  const tarball = stringOf(resolution.tarball);
  if (resolution.type === 'directory' || typeof resolution.directory === 'string') {
    return `file:${stringOf(resolution.directory) ?? key}`;
  }
  if (resolution.type === 'git' || typeof resolution.commit === 'string') {
    const repo = stringOf(resolution.repo) ?? key;
    const commit = stringOf(resolution.commit);
    return redactCredentials(commit === undefined ? repo : `${repo}#${commit}`);
  }
  if (tarball !== undefined && (tarball.startsWith('file:') || isGitSource(tarball))) {
    return redactCredentials(tarball);
  }
  if (tarball === undefined && GIT_HOST_PATH.test(key)) return key;
  return undefined;
}

class WorkBudgetExceeded extends Error {
  constructor() {
    super('dependency maps hold more entries than the file has bytes (YAML aliases?)');
  }
}

/**
 * Map entries the documents may make us visit. A map written out costs several bytes per entry,
 * so more entries than the file has bytes means a map is reused through aliases; stopping
 * there keeps hostile files linear.
 */
class WorkBudget {
  #left: number;

  constructor(inputLength: number) {
    this.#left = Math.max(1_000_000, inputLength);
  }

  spend(entries: number): void {
    this.#left -= entries;
    if (this.#left < 0) throw new WorkBudgetExceeded();
  }
}

/** Calls `visit` with the node key of each entry of a dependency map. */
function forEachReference(
  deps: unknown,
  style: KeyStyle,
  budget: WorkBudget,
  visit: (key: string) => void,
): void {
  if (!isRecord(deps)) return;
  const names = Object.keys(deps);
  budget.spend(names.length);
  for (const name of names) {
    const value = deps[name];
    // v6 and v9 importers write { specifier, version }; packages and v5 write the version.
    const reference = isRecord(value) ? value.version : value;
    if (typeof reference !== 'string' && typeof reference !== 'number') continue;
    const key = referenceKey(name, String(reference), style);
    if (key !== undefined) visit(key);
  }
}

/**
 * Importers are the projects of the workspace ("." alone for a single project; v5 and v6
 * single projects keep the same fields at the top of the file).
 */
function addImporterRoots(
  doc: Record<string, unknown>,
  style: KeyStyle,
  byKey: Map<string, number>,
  graph: DependencyGraph,
  budget: WorkBudget,
): void {
  const topLevel = ['dependencies', 'devDependencies', 'optionalDependencies'].some(
    (f) => f in doc,
  );
  const importers = isRecord(doc.importers) ? doc.importers : topLevel ? { '.': doc } : undefined;
  if (importers === undefined) return;
  graph.markRootsKnown();
  for (const importer of Object.values(importers)) {
    if (!isRecord(importer)) continue;
    for (const [field, deps] of Object.entries(importer)) {
      if (!DEPENDENCY_FIELD.test(field) || field === 'peerDependencies') continue;
      const declaredAs = IMPORTER_FIELDS[field] ?? 'unknown';
      forEachReference(deps, style, budget, (key) => {
        const to = byKey.get(key);
        if (to !== undefined) graph.addRoot(to, declaredAs);
      });
    }
  }
}
