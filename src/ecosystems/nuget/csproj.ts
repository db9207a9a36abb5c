import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { parseXml } from '../shared/xml-document.ts';
import { type PackageItem, readPackageItems } from './msbuild.ts';
import { nugetPackage, readDeclaredVersion } from './package.ts';

const ID = 'nuget/csproj';
const FORMAT = 'MSBuild project file';
const CENTRAL_FILE = 'Directory.Packages.props';

/**
 * SDK-style project files (.csproj, .fsproj, .vbproj): each PackageReference is a direct
 * dependency. Under central package management the version lives in the nearest
 * Directory.Packages.props above the project, which is read to fill it in.
 */
export const csprojExtractor: Extractor = {
  id: ID,
  matches: (path) => /\.(?:cs|fs|vb)proj$/.test(path),
  async extract(input) {
    const root = parseXml(input.path, input.content, FORMAT);
    if (root.name !== 'Project')
      throw invalidInput(input.path, FORMAT, `root element is <${root.name}>, not <Project>`);
    const items = readPackageItems(root);
    const central = await centralVersions(input, items);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const item of items) {
      if (item.kind === 'PackageVersion') continue;
      const result = readReference(input.path, item, central);
      if ('ecosystem' in result) packages.push(result);
      else skipped.push(result);
    }
    return { packages, skipped };
  },
};

/** One PackageReference as a package, or as a skipped entry saying why it is not one. */
function readReference(
  path: string,
  item: PackageItem,
  central: ReadonlyMap<string, string>,
): PackageRef | SkippedEntry {
  const entry = clip(`${item.kind} ${item.name} ${item.version ?? ''}`.trim());
  const line = item.line;
  if (item.name === '') {
    return skippedEntry({ path, line, entry, reason: 'malformed', detail: 'no Include attribute' });
  }
  const declared = item.versionOverride || item.version || central.get(item.name.toLowerCase());
  if (declared === undefined || declared === '') {
    // Without central management NuGet refuses such a reference (NU1015): nothing to check.
    const detail = `no Version, and no ${CENTRAL_FILE} above the project sets one`;
    return skippedEntry({ path, line, entry, reason: 'malformed', detail });
  }
  const version = readDeclaredVersion(declared);
  if (!version.pinned) {
    const written = clip(`${item.name} ${declared}`);
    return skippedEntry({
      path,
      line,
      name: item.name,
      version: version.version,
      entry: written,
      reason: 'unpinned',
    });
  }
  return nugetPackage(ID, path, item.name, version.version, { line, direct: true });
}

/**
 * Versions from PackageVersion items: the project's own, then the nearest
 * Directory.Packages.props in this folder or above (MSBuild imports the first one it finds).
 */
async function centralVersions(
  input: ExtractInput,
  items: readonly PackageItem[],
): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const add = (list: readonly PackageItem[]) => {
    for (const item of list) {
      if (
        item.kind === 'PackageVersion' &&
        item.version &&
        !versions.has(item.name.toLowerCase())
      ) {
        versions.set(item.name.toLowerCase(), item.version);
      }
    }
  };
  add(items);
  const depth = input.path.split('/').length - 1;
  for (let up = 0; up <= depth; up++) {
    const relative = `${'../'.repeat(up)}${CENTRAL_FILE}`;
    const text = await input.readRelated(relative);
    if (text === undefined) continue;
    try {
      add(readPackageItems(parseXml(relative, text, CENTRAL_FILE)));
    } catch {
      // A broken props file is reported by its own extractor; here it just sets no versions.
    }
    break;
  }
  return versions;
}
