import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { parseXml } from '../shared/xml-document.ts';
import { readPackageItems } from './msbuild.ts';
import { nugetPackage, readDeclaredVersion } from './package.ts';

const ID = 'nuget/directory-packages-props';
const FORMAT = 'Directory.Packages.props';

/**
 * Directory.Packages.props (central package management): PackageVersion items set the version
 * every project of the tree uses; PackageReference and GlobalPackageReference items added here
 * apply to every project, so they count as direct dependencies.
 */
export const directoryPackagesPropsExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const root = parseXml(path, content, FORMAT);
    if (root.name !== 'Project')
      throw invalidInput(path, FORMAT, `root element is <${root.name}>, not <Project>`);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const item of readPackageItems(root)) {
      const entry = clip(`${item.kind} ${item.name} ${item.version ?? ''}`.trim());
      if (item.name === '' || item.version === undefined || item.version === '') {
        const detail = item.name === '' ? 'no Include attribute' : 'no Version';
        skipped.push(skippedEntry({ path, line: item.line, entry, reason: 'malformed', detail }));
        continue;
      }
      const version = readDeclaredVersion(item.version);
      if (!version.pinned) {
        skipped.push(
          skippedEntry({
            path,
            line: item.line,
            name: item.name,
            version: version.version,
            entry,
            reason: 'unpinned',
          }),
        );
        continue;
      }
      const direct = item.kind === 'PackageVersion' ? undefined : true;
      packages.push(
        nugetPackage(ID, path, item.name, version.version, { line: item.line, direct }),
      );
    }
    return { packages, skipped };
  },
};
