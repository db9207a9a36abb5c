import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { JsonLines, parseJson } from '../shared/json-document.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { nugetPackage } from './package.ts';

const ID = 'nuget/project-assets';
const FORMAT = 'NuGet project.assets.json';

/**
 * obj/project.assets.json, NuGet's restore result: per target framework, every package with
 * the version restored and its dependencies; `project.frameworks.*.dependencies` lists the
 * ones the project references itself.
 */
export const projectAssetsExtractor: Extractor = {
  id: ID,
  matches: (path) => path === 'project.assets.json' || path.endsWith('/project.assets.json'),
  extract({ path, content }) {
    const document = parseJson(path, content, FORMAT);
    if (!isRecord(document) || !isRecord(document.targets)) {
      throw invalidInput(path, FORMAT, 'no "targets" object');
    }
    const direct = declaredNames(document.project);
    const lines = new JsonLines(content, 3);
    const packages = new Map<string, PackageRef>();
    const skipped = new Map<string, SkippedEntry>();
    for (const [target, entries] of Object.entries(document.targets)) {
      if (!isRecord(entries)) continue;
      const keys = new Map<string, string>();
      for (const key of Object.keys(entries)) {
        const slash = key.lastIndexOf('/');
        if (slash > 0)
          keys.set(
            key.slice(0, slash).toLowerCase(),
            packageKey(key.slice(0, slash), key.slice(slash + 1)),
          );
      }
      for (const [key, entry] of Object.entries(entries)) {
        const line = lines.lineOf('targets', target, key);
        const slash = key.lastIndexOf('/');
        const type = isRecord(entry) ? stringOf(entry.type) : undefined;
        if (slash <= 0 || slash === key.length - 1 || type !== 'package') {
          if (skipped.has(key)) continue;
          const detail =
            type === 'project'
              ? 'a project reference, not a NuGet package'
              : 'not a "Name/Version" package entry';
          const reason = type === 'project' ? 'non-registry' : 'malformed';
          skipped.set(key, skippedEntry({ path, line, entry: clip(key), reason, detail }));
          continue;
        }
        if (packages.has(key.toLowerCase())) continue;
        const name = key.slice(0, slash);
        const dependsOn =
          isRecord(entry) && isRecord(entry.dependencies)
            ? Object.keys(entry.dependencies).flatMap((dep) => keys.get(dep.toLowerCase()) ?? [])
            : [];
        packages.set(
          key.toLowerCase(),
          nugetPackage(ID, path, name, key.slice(slash + 1), {
            line,
            direct: direct === undefined ? undefined : direct.has(name.toLowerCase()),
            dependsOn,
          }),
        );
      }
    }
    return {
      packages: withDependencyPaths([...packages.values()]),
      skipped: [...skipped.values()],
    };
  },
};

/** Lower-cased names the project references itself, or undefined when the file does not say. */
function declaredNames(project: unknown): Set<string> | undefined {
  if (!isRecord(project) || !isRecord(project.frameworks)) return undefined;
  const names = new Set<string>();
  for (const framework of Object.values(project.frameworks)) {
    if (!isRecord(framework) || !isRecord(framework.dependencies)) continue;
    for (const name of Object.keys(framework.dependencies)) names.add(name.toLowerCase());
  }
  return names;
}
