import { posix } from 'node:path';
import type { Extractor } from '../extractor.ts';
import { isRecord, recordsOf, stringOf } from '../shared/parsed-values.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';
import { isDevGroupName } from './dev-groups.ts';
import type { LockedDependency, LockedPackage, LockRoots } from './locked-packages.ts';
import { reportLocked } from './locked-packages.ts';

const ID = 'pypi/uv-lock';

/**
 * uv.lock. Workspace members (`virtual` or `editable` sources) are the project itself: not
 * reported, but their dependencies are the direct ones — `dependencies` and non-dev extras for
 * production, `dev-dependencies` groups and dev-named extras for development. Git, path,
 * directory and url sources are skipped as non-registry.
 */
export const uvLock: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'uv.lock',
  extract(input) {
    const doc = parseToml(input.path, input.content, 'uv.lock');
    const entries = recordsOf(doc.package);
    const lines = new TomlLines(input.content).entryLines('package', entries.length);
    const locked: LockedPackage[] = [];
    const roots: { prod: LockedDependency[]; dev: LockedDependency[] } = { prod: [], dev: [] };
    let hasMembers = false;
    entries.forEach((entry, i) => {
      const name = stringOf(entry.name);
      if (name === undefined) return;
      const source = isRecord(entry.source) ? entry.source : {};
      const extras = groupsOf(entry['optional-dependencies']);
      if ('virtual' in source || 'editable' in source) {
        hasMembers = true;
        addMemberRoots(roots, entry, extras);
        return;
      }
      const version = stringOf(entry.version) ?? '';
      const origin = ['git', 'path', 'directory', 'url'].find((k) => typeof source[k] === 'string');
      locked.push({
        name,
        version,
        line: lines[i],
        nonRegistry: origin === undefined ? undefined : `${origin} ${String(source[origin])}`,
        dependencies: dependencyList(entry.dependencies),
        extras,
      });
    });
    const known: LockRoots | undefined = hasMembers ? roots : undefined;
    return reportLocked(input.path, ID, locked, known);
  },
};

function addMemberRoots(
  roots: { prod: LockedDependency[]; dev: LockedDependency[] },
  entry: Record<string, unknown>,
  extras: Map<string, LockedDependency[]>,
): void {
  roots.prod.push(...dependencyList(entry.dependencies));
  for (const [extra, deps] of extras)
    (isDevGroupName(extra) ? roots.dev : roots.prod).push(...deps);
  for (const deps of groupsOf(entry['dev-dependencies']).values()) roots.dev.push(...deps);
}

/** `[{ name, version?, extra? }]` edges. */
function dependencyList(list: unknown): LockedDependency[] {
  return recordsOf(list).flatMap((d) => {
    const name = stringOf(d.name);
    if (name === undefined) return [];
    const extras = Array.isArray(d.extra)
      ? d.extra.filter((e): e is string => typeof e === 'string')
      : [];
    return [{ name, version: stringOf(d.version), extras }];
  });
}

/** `[package.optional-dependencies]` / `[package.dev-dependencies]`: group → edges. */
function groupsOf(table: unknown): Map<string, LockedDependency[]> {
  const groups = new Map<string, LockedDependency[]>();
  if (isRecord(table))
    for (const [group, list] of Object.entries(table)) groups.set(group, dependencyList(list));
  return groups;
}
