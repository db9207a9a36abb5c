import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { packageKey, withDependencyPaths } from '../shared/dependency-paths.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { clip } from '../shared/text-input.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';

const ID = 'julia/manifest-toml';
const FORMAT = 'Julia Manifest.toml';

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Entry {
  readonly name: string;
  readonly table: Table;
  readonly line: number | undefined;
}

/**
 * Manifest.toml (Julia's Pkg), format 1 (packages at the top level) and 2 (under `[deps]`),
 * also as JuliaManifest.toml or Manifest-v1.x.toml: every package of the environment as
 * `[[deps.Name]]` with uuid, version and the names it depends on. Standard libraries carry no
 * version; packages tracked from a repository or a local path are not registry releases. The
 * Project.toml beside the manifest says which packages are direct.
 */
export const manifestTomlExtractor: Extractor = {
  id: ID,
  matches: (path) => /(?:^|\/)(?:Julia)?Manifest(?:-v\d+\.\d+)?\.toml$/.test(path),
  async extract(input) {
    const { path, content } = input;
    const document = parseToml(path, content, FORMAT);
    const lines = new TomlLines(content);
    const v2 = isTable(document.deps) && typeof document.manifest_format === 'string';
    const tables = v2 ? (document.deps as Table) : document;
    const entries: Entry[] = [];
    for (const [name, value] of Object.entries(tables)) {
      if (!Array.isArray(value)) continue;
      const headerLines = lines.arrayLines(v2 ? `deps.${name}` : name);
      value.forEach((table, index) => {
        if (isTable(table)) entries.push({ name, table, line: headerLines[index] });
      });
    }
    const versions = new Map<string, string>();
    for (const { name, table } of entries) {
      if (typeof table.version === 'string') versions.set(name, table.version);
    }
    const direct = await projectDependencies(input);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const { name, table, line } of entries) {
      const version = typeof table.version === 'string' ? table.version : '';
      const entry = clip(`${name} ${version}`.trim());
      const repo = typeof table['repo-url'] === 'string' ? table['repo-url'] : undefined;
      const local = typeof table.path === 'string' ? table.path : undefined;
      if (version === '') {
        // A standard library ships with Julia itself; it is not a registry package.
        const detail =
          local === undefined ? 'standard library or unversioned package' : `local path ${local}`;
        skipped.push(skippedEntry({ path, line, entry, reason: 'non-registry', detail }));
        continue;
      }
      if (repo !== undefined || local !== undefined) {
        const detail = repo === undefined ? `local path ${local}` : `tracked from ${repo}`;
        skipped.push(
          skippedEntry({ path, line, name, version, entry, reason: 'non-registry', detail }),
        );
        continue;
      }
      const dependsOn = dependencyNames(table.deps).flatMap((dep) => {
        const v = versions.get(dep);
        return v === undefined ? [] : [packageKey(dep, v)];
      });
      packages.push(
        packageRef({
          ecosystem: 'Julia',
          purlType: 'julia',
          extractor: ID,
          name,
          version,
          path,
          line,
          direct: direct === undefined ? undefined : direct.has(name),
          dependsOn,
        }),
      );
    }
    return { packages: withDependencyPaths(packages), skipped };
  },
};

/** `deps = ["A", "B"]`, or a `[deps.X.deps]` table of name = uuid when names are ambiguous. */
function dependencyNames(deps: unknown): string[] {
  if (Array.isArray(deps)) return deps.filter((d): d is string => typeof d === 'string');
  return isTable(deps) ? Object.keys(deps) : [];
}

/** The `[deps]` names of the Project.toml beside the manifest, if it is there and readable. */
async function projectDependencies(input: ExtractInput): Promise<Set<string> | undefined> {
  const project = input.path
    .replace(/Manifest(?:-v\d+\.\d+)?\.toml$/, 'Project.toml')
    .split('/')
    .at(-1);
  const text = project === undefined ? undefined : await input.readRelated(project);
  if (text === undefined) return undefined;
  try {
    const document = parseToml(project ?? '', text, 'Julia Project.toml');
    return new Set(isTable(document.deps) ? Object.keys(document.deps) : []);
  } catch {
    return undefined;
  }
}
