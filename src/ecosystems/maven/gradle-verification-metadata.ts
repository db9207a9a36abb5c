import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { invalidInput } from '../shared/text-input.ts';
import { childElement, childElements, parseXml } from '../shared/xml-document.ts';
import { mavenPackage } from './package.ts';

const ID = 'maven/gradle-verification-metadata';
const FORMAT = 'Gradle verification-metadata.xml';
const FILE = 'gradle/verification-metadata.xml';

/**
 * gradle/verification-metadata.xml (Gradle dependency verification): a `<component>` with
 * group, name and version attributes for every module whose checksums or signatures Gradle
 * verifies, which covers everything the build resolved.
 */
export const gradleVerificationMetadataExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FILE || path.endsWith(`/${FILE}`),
  extract({ path, content }) {
    const root = parseXml(path, content, FORMAT);
    if (root.name !== 'verification-metadata') {
      throw invalidInput(
        path,
        FORMAT,
        `root element is <${root.name}>, not <verification-metadata>`,
      );
    }
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    const seen = new Set<string>();
    const components = childElements(childElement(root, 'components') ?? root, 'component');
    for (const component of components) {
      const { group = '', name = '', version = '' } = component.attributes;
      const line = component.line;
      const entry = `${group}:${name}:${version}`;
      if (group === '' || name === '') {
        // Kept under the name as written so the entry can still be found in the report.
        const detail = group === '' ? 'no group attribute' : 'no name attribute';
        skipped.push(
          skippedEntry({
            path,
            line,
            name: `${group}:${name}`,
            version,
            entry,
            reason: 'malformed',
            detail,
          }),
        );
        continue;
      }
      if (version === '') {
        skipped.push(
          skippedEntry({
            path,
            line,
            name: `${group}:${name}`,
            version,
            entry,
            reason: 'unpinned',
            detail: 'no version attribute',
          }),
        );
        continue;
      }
      if (seen.has(entry)) continue;
      seen.add(entry);
      packages.push(
        mavenPackage(ID, { groupId: group, artifactId: name, version }, { path, line }),
      );
    }
    return { packages, skipped };
  },
};
