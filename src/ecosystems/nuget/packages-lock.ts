import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { JsonLines, parseJson } from '../shared/json-document.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { invalidInput } from '../shared/text-input.ts';
import { nugetPackage } from './package.ts';

const ID = 'nuget/packages-lock';
const FORMAT = 'NuGet packages.lock.json';

/**
 * packages.lock.json (NuGet lock file, version 1 and 2): per target framework, every package
 * with its resolved version and whether the project references it (`Direct`) or not
 * (`Transitive`, `CentralTransitive`). `Project` entries are other projects in the solution.
 */
export const packagesLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === 'packages.lock.json' || path.endsWith('/packages.lock.json'),
  extract({ path, content }) {
    const document = parseJson(path, content, FORMAT);
    if (!isRecord(document) || !isRecord(document.dependencies)) {
      throw invalidInput(path, FORMAT, 'no "dependencies" object');
    }
    const lines = new JsonLines(content, 3);
    const packages = new Map<string, PackageRef>();
    const skipped: SkippedEntry[] = [];
    for (const [framework, entries] of Object.entries(document.dependencies)) {
      if (!isRecord(entries)) continue;
      const keys = new Map<string, string>();
      for (const [name, entry] of Object.entries(entries)) {
        const resolved = isRecord(entry) ? stringOf(entry.resolved) : undefined;
        if (resolved !== undefined) keys.set(name.toLowerCase(), packageKey(name, resolved));
      }
      for (const [name, entry] of Object.entries(entries)) {
        const line = lines.lineOf('dependencies', framework, name);
        if (!isRecord(entry)) continue;
        const type = stringOf(entry.type);
        const resolved = stringOf(entry.resolved);
        if (type === 'Project') {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: name,
              reason: 'non-registry',
              detail: 'a project of the same solution, not a NuGet package',
            }),
          );
          continue;
        }
        if (resolved === undefined || resolved === '') {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: name,
              reason: 'malformed',
              detail: 'no resolved version',
            }),
          );
          continue;
        }
        const key = `${name.toLowerCase()}@${resolved}`;
        const previous = packages.get(key);
        const direct = type === 'Direct';
        if (previous !== undefined) {
          // The same package in another target framework: one entry, direct if any says so.
          if (direct && previous.direct !== true) packages.set(key, { ...previous, direct });
          continue;
        }
        const dependsOn = isRecord(entry.dependencies)
          ? Object.keys(entry.dependencies).flatMap((dep) => keys.get(dep.toLowerCase()) ?? [])
          : [];
        packages.set(key, nugetPackage(ID, path, name, resolved, { line, direct, dependsOn }));
      }
    }
    return { packages: withDependencyPaths([...packages.values()]), skipped };
  },
};
