import type { DependencyGraph, LockNode } from './graph.ts';
import { type InstallLayout, InstallResolver } from './install-resolver.ts';
import { forEachMember, parseSpan } from './json-scan.ts';
import type { LineIndex } from './line-index.ts';
import { type Declared, declaredDependencies } from './manifest.ts';
import { type PackageEntry, readPackageEntry } from './package-lock-entry.ts';
import { isGitSource, isLocalSource, redactCredentials } from './sources.ts';

const NODE_MODULES = 'node_modules/';

/**
 * Reads lockfile v2/v3 "packages", whose keys are folder paths ("node_modules/a/node_modules/b",
 * "" for the project, "packages/x" for workspaces), in one pass over the text: each entry
 * becomes graph node i (folder i) at once, keeping only its dependency names, which are
 * resolved once all folders are known (Node's lookup through enclosing node_modules). The
 * project and links (symlinks to local folders) are hidden nodes; edges into a link move to its
 * target at the end. Returns the offset after the section.
 */
export function readPackagesSection(
  text: string,
  start: number,
  lines: LineIndex,
  graph: DependencyGraph,
): number {
  const keys: string[] = [];
  const needs: (readonly string[] | undefined)[] = [];
  const linkTargets = new Map<number, string>();
  const declarations: { from: number; declared: readonly Declared[] }[] = [];
  const end = forEachMember(text, start, (path, keyOffset, valueStart) => {
    const i = keys.length;
    keys.push(path);
    const line = lines.lineAt(keyOffset);
    const installedAs = installedName(path);
    if (text.charCodeAt(valueStart) !== 123) {
      const skip = {
        reason: 'malformed',
        entry: path,
        detail: 'package entry is not an object',
      } as const;
      graph.addNode({ name: installedAs ?? path, version: '', line, skip });
      needs.push(undefined);
      return undefined;
    }
    const { entry, end: entryEnd } = readPackageEntry(text, valueStart);
    graph.addNode(toNode(path, installedAs, entry, line));
    if (entry.link) linkTargets.set(i, entry.resolved ?? '');
    // The project and its own folders (workspaces, file: packages) declare direct dependencies;
    // those few entries are parsed in full for their dependency maps.
    if (installedAs === undefined && !entry.link) {
      declarations.push({
        from: i,
        declared: declaredDependencies(parseSpan(text, valueStart, entryEnd)),
      });
    }
    needs.push(path === '' || entry.link || entry.needs.length === 0 ? undefined : entry.needs);
    return entryEnd;
  });

  if (keys.includes('')) graph.markRootsKnown();
  const resolver = new InstallResolver(keys, nodeModulesLayout);
  for (let i = 0; i < keys.length; i++) {
    for (const name of needs[i] ?? []) {
      const target = resolver.resolve(keys[i] ?? '', name);
      if (target !== -1) graph.addEdge(i, target);
    }
  }
  for (const { from, declared } of declarations) {
    for (const dep of declared) {
      const target = resolver.resolve(keys[from] ?? '', dep.name);
      if (target !== -1) graph.addRoot(target, dep.declaredAs);
    }
  }
  if (linkTargets.size > 0) {
    const folderIndex = new Map(keys.map((key, i) => [key, i]));
    graph.retarget((node) => {
      const target = linkTargets.get(node);
      return target === undefined ? node : (folderIndex.get(target) ?? -1);
    });
  }
  return end;
}

/** The package folder name a node_modules path installs ("a/node_modules/@s/b" → "@s/b"). */
function installedName(path: string): string | undefined {
  const at = path.lastIndexOf(NODE_MODULES);
  if (at === -1 || (at > 0 && path.charCodeAt(at - 1) !== 47)) return undefined;
  return path.slice(at + NODE_MODULES.length);
}

function toNode(
  path: string,
  installedAs: string | undefined,
  entry: PackageEntry,
  line: number,
): LockNode {
  const name =
    entry.name !== undefined && entry.name !== '' ? entry.name : (installedAs ?? folderName(path));
  if (path === '' || entry.link) return { name, version: '', line, hidden: true };
  const version = entry.version ?? '';
  const dev = entry.dev || entry.devOptional;
  if (installedAs === undefined) {
    const skip = { reason: 'non-registry', entry: path, detail: 'local package folder' } as const;
    return { name, version, line, dev, skip };
  }
  const { resolved } = entry;
  if (
    resolved !== undefined &&
    !isNpmRegistry(resolved) &&
    (isGitSource(resolved) || isLocalSource(resolved))
  ) {
    const skip = { reason: 'non-registry', entry: redactCredentials(resolved) } as const;
    return { name, version, line, dev, skip };
  }
  if (version === '') {
    const skip = { reason: 'malformed', entry: path, detail: 'no version recorded' } as const;
    return { name, version, line, dev, skip };
  }
  return { name, version, line, dev };
}

/** The common case, answered without the general source checks. */
function isNpmRegistry(resolved: string): boolean {
  return resolved.startsWith('https://registry.npmjs.org/');
}

/** A local folder's package name when its entry has none: the folder, with its scope. */
function folderName(path: string): string {
  const parts = path.split('/');
  const last = parts[parts.length - 1] ?? '';
  const scope = parts[parts.length - 2];
  return scope?.startsWith('@') === true ? `${scope}/${last}` : last;
}

/** package-lock v2/v3: folders, with packages in `node_modules/` ("a/node_modules/@s/b"). */
const nodeModulesLayout: InstallLayout = {
  place(path) {
    const name = installedName(path);
    if (name === undefined) return undefined;
    const holder =
      path.length === NODE_MODULES.length + name.length
        ? ''
        : path.slice(0, path.length - name.length - NODE_MODULES.length - 1);
    return { holder, name };
  },
  parent(path) {
    const cut = path.lastIndexOf(`/${NODE_MODULES}`);
    return cut === -1 ? '' : path.slice(0, cut);
  },
};
