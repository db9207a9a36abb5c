import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { JsonLines, parseJson } from '../shared/json-document.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { nugetPackage } from './package.ts';

const ID = 'nuget/deps-json';
const FORMAT = '.NET deps.json';

/**
 * <app>.deps.json, written next to a built .NET application: every library it loads, per
 * target, as "Name/Version" keys. `libraries` says whether each is a NuGet package or a project;
 * the projects' own dependencies are the direct ones.
 */
export const depsJsonExtractor: Extractor = {
  id: ID,
  matches: (path) => path.endsWith('.deps.json'),
  extract({ path, content }) {
    const document = parseJson(path, content, FORMAT);
    if (!isRecord(document) || !isRecord(document.targets)) {
      throw invalidInput(path, FORMAT, 'no "targets" object');
    }
    const libraries = isRecord(document.libraries) ? document.libraries : {};
    const lines = new JsonLines(content, 3);
    const found = new Map<
      string,
      { name: string; version: string; line: number | undefined; deps: string[] }
    >();
    const projects = new Map<string, { name: string; version: string; line: number | undefined }>();
    const directNames = new Set<string>();
    const skipped: SkippedEntry[] = [];
    for (const [target, entries] of Object.entries(document.targets)) {
      if (!isRecord(entries)) continue;
      for (const [key, entry] of Object.entries(entries)) {
        const line = lines.lineOf('targets', target, key);
        const slash = key.lastIndexOf('/');
        if (slash <= 0 || slash === key.length - 1) {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(key),
              reason: 'malformed',
              detail: 'not a "Name/Version" key',
            }),
          );
          continue;
        }
        const name = key.slice(0, slash);
        const version = key.slice(slash + 1);
        const library = libraries[key];
        const type = (isRecord(library) ? stringOf(library.type) : undefined) ?? 'package';
        const dependencies =
          isRecord(entry) && isRecord(entry.dependencies) ? entry.dependencies : {};
        if (type === 'project') {
          for (const dep of Object.keys(dependencies)) directNames.add(dep.toLowerCase());
          if (!projects.has(key)) projects.set(key, { name, version, line });
          continue;
        }
        if (type !== 'package') {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(key),
              reason: 'non-registry',
              detail: `library type "${type}"`,
            }),
          );
          continue;
        }
        const previous = found.get(key.toLowerCase());
        const deps = Object.entries(dependencies).flatMap(([dep, v]) =>
          typeof v === 'string' ? [packageKey(dep, v)] : [],
        );
        if (previous === undefined) found.set(key.toLowerCase(), { name, version, line, deps });
      }
    }
    for (const project of projects.values()) {
      skipped.push(
        skippedEntry({
          path,
          line: project.line,
          name: project.name,
          version: project.version,
          entry: `${project.name}/${project.version}`,
          reason: 'non-registry',
          detail: 'the application itself or a project it references, not a NuGet package',
        }),
      );
    }
    const knowsDirect = projects.size > 0;
    const packages: PackageRef[] = [...found.values()].map((p) =>
      nugetPackage(ID, path, p.name, p.version, {
        line: p.line,
        direct: knowsDirect ? directNames.has(p.name.toLowerCase()) : undefined,
        dependsOn: p.deps,
      }),
    );
    return { packages: withDependencyPaths(packages), skipped };
  },
};
