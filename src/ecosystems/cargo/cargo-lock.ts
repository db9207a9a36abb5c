import { posix } from 'node:path';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { readCompanion } from '../shared/companion-file.ts';
import { analyzeGraph, type GraphFacts } from '../shared/dependency-paths.ts';
import { groupBy } from '../shared/group-by.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { isRecord, recordsOf, stringOf } from '../shared/parsed-values.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';
import { devOnlyDependencies } from './manifest-dependencies.ts';

const ID = 'cargo/cargo-lock';
const CRATES_IO = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

interface LockedCrate {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source: string | undefined;
  readonly line: number | undefined;
  readonly dependencies: readonly string[];
}

/**
 * Cargo.lock, versions 1 to 4. Packages without a source are the workspace's own crates: their
 * dependencies are the direct ones, and they are skipped as non-registry themselves, like git
 * crates and crates from other registries. Dev-only roots come from the Cargo.toml beside the
 * lockfile when present.
 */
export const cargoLock: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'Cargo.lock',
  async extract(input) {
    const doc = parseToml(input.path, input.content, 'Cargo.lock');
    const crates = lockedCrates(doc, input.content);
    const facts = analyzeCrates(crates, await rootDevOnly(input));
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const c of crates) {
      if (c.source === undefined || !CRATES_IO.has(c.source)) {
        skipped.push(
          skippedEntry({
            path: input.path,
            line: c.line,
            reason: 'non-registry',
            name: c.name,
            version: c.version,
            entry: `${c.name} ${c.version}`,
            detail: c.source === undefined ? 'a crate of this workspace' : `from ${c.source}`,
          }),
        );
        continue;
      }
      packages.push(
        packageRef({
          ecosystem: 'crates.io',
          purlType: 'cargo',
          extractor: ID,
          name: c.name,
          version: c.version,
          path: input.path,
          line: c.line,
          graph: facts.get(c.id),
        }),
      );
    }
    return { packages, skipped };
  },
};

function lockedCrates(doc: Record<string, unknown>, content: string): LockedCrate[] {
  const entries = recordsOf(doc.package);
  const lines = new TomlLines(content).entryLines('package', entries.length);
  return entries.flatMap((entry, i) => {
    const name = stringOf(entry.name);
    const version = stringOf(entry.version);
    if (name === undefined || version === undefined) return [];
    const dependencies = Array.isArray(entry.dependencies)
      ? entry.dependencies.filter((d): d is string => typeof d === 'string')
      : [];
    return [
      { id: `${i}`, name, version, source: stringOf(entry.source), line: lines[i], dependencies },
    ];
  });
}

/** The graph with the workspace crates' dependencies as roots, dev-only ones split off when known. */
function analyzeCrates(
  crates: readonly LockedCrate[],
  devOnly: { member: string; names: Set<string> } | undefined,
): Map<string, GraphFacts> {
  const resolve = resolver(crates);
  const members = crates.filter((c) => c.source === undefined);
  const prod: string[] = [];
  const dev: string[] = [];
  for (const member of members) {
    for (const dep of member.dependencies) {
      const target = resolve(dep);
      if (target === undefined) continue;
      const isDev = devOnly?.member === member.name && devOnly.names.has(dependencyName(dep));
      (isDev ? dev : prod).push(target);
    }
  }
  return analyzeGraph({
    labels: new Map(crates.map((c) => [c.id, `${c.name}@${c.version}`])),
    edges: new Map(
      crates.map((c) => [
        c.id,
        c.dependencies.map(resolve).filter((d): d is string => d !== undefined),
      ]),
    ),
    // Without the manifest, the lockfile cannot tell dev-dependencies apart: dev stays unknown.
    ...(members.length === 0 ? {} : { roots: { prod, ...(devOnly === undefined ? {} : { dev }) } }),
  });
}

/** `"name"`, `"name version"` or `"name version (source)"` → the locked crate it means. */
function resolver(crates: readonly LockedCrate[]): (dep: string) => string | undefined {
  const byName = groupBy(crates, (c) => c.name);
  return (dep) => {
    const m = /^(\S+)(?:\s+(\S+))?(?:\s+\((.+)\))?$/.exec(dep.trim());
    if (m === null) return undefined;
    const candidates = byName.get(m[1] ?? '') ?? [];
    const match = candidates.find(
      (c) =>
        (m[2] === undefined || c.version === m[2]) && (m[3] === undefined || c.source === m[3]),
    );
    return match?.id;
  };
}

function dependencyName(dep: string): string {
  return dep.trim().split(/\s+/, 1)[0] ?? dep;
}

/** The root crate's dev-only dependency names, from the Cargo.toml beside the lockfile. */
async function rootDevOnly(
  input: ExtractInput,
): Promise<{ member: string; names: Set<string> } | undefined> {
  return readCompanion(input, 'Cargo.toml', (content) => {
    const doc = parseToml('Cargo.toml', content, 'Cargo.toml');
    const pkg = isRecord(doc.package) ? stringOf(doc.package.name) : undefined;
    return pkg === undefined ? undefined : { member: pkg, names: devOnlyDependencies(doc) };
  });
}
