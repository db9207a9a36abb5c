import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractResult } from '../extractor.ts';
import { analyzeGraph } from '../shared/dependency-paths.ts';
import { groupBy } from '../shared/group-by.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { normalizePypiName } from './pep508.ts';

/** A dependency edge as a Python lockfile writes it. */
export interface LockedDependency {
  readonly name: string;
  /** Set when the lockfile names which of several locked versions it means. */
  readonly version?: string | undefined;
  /** Extras requested, whose members the dependent also pulls in. */
  readonly extras?: readonly string[] | undefined;
}

/** One package of a Python lockfile, whatever the format. */
export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  readonly line?: number | undefined;
  /** What the format itself records about dev use; graph reachability fills in otherwise. */
  readonly dev?: boolean | undefined;
  /** Why the package does not come from a package index (git, path, url), if it does not. */
  readonly nonRegistry?: string | undefined;
  readonly dependencies: readonly LockedDependency[];
  /** Extra name → the dependencies it adds. */
  readonly extras?: ReadonlyMap<string, readonly LockedDependency[]> | undefined;
}

/** Direct dependencies of the project, by name or as edges from the project itself. */
export interface LockRoots {
  readonly prod: readonly LockedDependency[];
  readonly dev: readonly LockedDependency[];
}

/**
 * Turns a Python lockfile's packages into PackageRefs and SkippedEntries, deriving direct, dev
 * and dependencyPath from the lockfile graph when the roots are known.
 */
export function reportLocked(
  path: string,
  extractor: string,
  locked: readonly LockedPackage[],
  roots: LockRoots | undefined,
): ExtractResult {
  const ids = locked.map((p, i) => `${i}:${normalizePypiName(p.name)}@${p.version}`);
  const byName = groupBy(
    locked.map((_, i) => i),
    (i) => normalizePypiName(locked[i]?.name ?? ''),
  );
  const candidates = (dep: LockedDependency): number[] => {
    const named = byName.get(normalizePypiName(dep.name)) ?? [];
    const exact = named.filter((i) => locked[i]?.version === dep.version);
    return dep.version !== undefined && exact.length > 0 ? exact : named;
  };
  const resolve = (dep: LockedDependency) => candidates(dep).map((i) => ids[i] as string);

  // An extra's members hang off the package that offers it, once anything requests that extra.
  const requested = locked.map(() => new Set<string>());
  const allEdges = [
    ...locked.flatMap((p) => p.dependencies),
    ...(roots?.prod ?? []),
    ...(roots?.dev ?? []),
  ];
  for (const dep of allEdges)
    for (const i of candidates(dep)) for (const extra of dep.extras ?? []) requested[i]?.add(extra);
  const edgesOf = (p: LockedPackage, i: number): string[] => [
    ...p.dependencies.flatMap(resolve),
    ...[...(requested[i] ?? [])].flatMap((extra) => (p.extras?.get(extra) ?? []).flatMap(resolve)),
  ];

  const labels = new Map(locked.map((p, i) => [ids[i] as string, `${p.name}@${p.version}`]));
  const edges = new Map(locked.map((p, i) => [ids[i] as string, edgesOf(p, i)]));
  const facts = analyzeGraph({
    labels,
    edges,
    ...(roots === undefined
      ? {}
      : { roots: { prod: roots.prod.flatMap(resolve), dev: roots.dev.flatMap(resolve) } }),
  });

  const packages: PackageRef[] = [];
  const skipped: SkippedEntry[] = [];
  locked.forEach((p, i) => {
    if (p.nonRegistry !== undefined) {
      skipped.push(
        skippedEntry({
          path,
          line: p.line,
          reason: 'non-registry',
          name: p.name,
          version: p.version,
          entry: `${p.name} ${p.version}`.trim(),
          detail: p.nonRegistry,
        }),
      );
      return;
    }
    packages.push(
      packageRef({
        ecosystem: 'PyPI',
        purlType: 'pypi',
        extractor,
        name: p.name,
        version: p.version,
        path,
        line: p.line,
        dev: p.dev,
        graph: facts.get(ids[i] as string),
      }),
    );
  });
  return { packages, skipped };
}
