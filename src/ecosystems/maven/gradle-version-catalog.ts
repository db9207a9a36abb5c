import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { clip } from '../shared/text-input.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';
import { mavenPackage, readDeclaredVersion } from './package.ts';

const ID = 'maven/gradle-version-catalog';
const FORMAT = 'Gradle version catalog';

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * gradle/*.versions.toml (Gradle version catalogs): the `[libraries]` a build may use, as
 * `"group:artifact:version"` strings or tables with `module` or `group`+`name` and a version
 * that is a string, a `ref` into `[versions]`, or a rich version (`strictly`, `require`,
 * `prefer`). Bundles and plugins are not libraries. A catalog lists what may be used, so
 * nothing is marked direct.
 */
export const gradleVersionCatalogExtractor: Extractor = {
  id: ID,
  matches: (path) => /(?:^|\/)gradle\/[^/]+\.versions\.toml$/.test(path),
  extract({ path, content }) {
    const document = parseToml(path, content, FORMAT);
    const versions = isTable(document.versions) ? document.versions : {};
    const libraries = isTable(document.libraries) ? document.libraries : {};
    const lines = new TomlLines(content);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const [alias, library] of Object.entries(libraries)) {
      const line = lines.lineOf('libraries', alias);
      const coordinates = readLibrary(library, versions);
      if (coordinates === undefined) {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry: clip(alias),
            reason: 'malformed',
            detail: 'no module or group and name',
          }),
        );
        continue;
      }
      const { groupId, artifactId, written } = coordinates;
      const name = `${groupId}:${artifactId}`;
      const declared = readDeclaredVersion(written);
      if (!declared.pinned) {
        const detail = written === '' ? 'no version: the build or a platform sets it' : undefined;
        skipped.push(
          skippedEntry({
            path,
            line,
            name,
            version: declared.version,
            entry: clip(`${alias} = ${name}:${written}`),
            reason: 'unpinned',
            ...(detail === undefined ? {} : { detail }),
          }),
        );
        continue;
      }
      packages.push(
        mavenPackage(ID, { groupId, artifactId, version: declared.version }, { path, line }),
      );
    }
    return { packages, skipped };
  },
};

function readLibrary(
  library: unknown,
  versions: Table,
): { groupId: string; artifactId: string; written: string } | undefined {
  if (typeof library === 'string') {
    const [groupId = '', artifactId = '', version = ''] = library.split(':');
    return groupId && artifactId ? { groupId, artifactId, written: version } : undefined;
  }
  if (!isTable(library)) return undefined;
  let groupId = typeof library.group === 'string' ? library.group : '';
  let artifactId = typeof library.name === 'string' ? library.name : '';
  if (typeof library.module === 'string')
    [groupId = '', artifactId = ''] = library.module.split(':');
  if (!groupId || !artifactId) return undefined;
  return { groupId, artifactId, written: readVersion(library.version, versions) };
}

/** A catalog version: a string, `{ ref }` into [versions], or a rich version table. */
function readVersion(version: unknown, versions: Table): string {
  let value = version;
  // A ref names an entry of [versions], which may itself be a rich table (one step only).
  if (isTable(value) && typeof value.ref === 'string') value = versions[value.ref];
  if (typeof value === 'string') return value;
  if (!isTable(value)) return '';
  for (const key of ['strictly', 'require', 'prefer'] as const) {
    if (typeof value[key] === 'string') return value[key];
  }
  return '';
}
