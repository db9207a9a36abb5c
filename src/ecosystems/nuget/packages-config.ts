import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { childElements, parseXml } from '../shared/xml-document.ts';
import { nugetPackage } from './package.ts';

const ID = 'nuget/packages-config';
const FORMAT = 'NuGet packages.config';

/**
 * packages.config (NuGet before PackageReference): every installed package with its exact
 * version, transitive ones included; `developmentDependency="true"` marks build-time tools.
 */
export const packagesConfigExtractor: Extractor = {
  id: ID,
  matches: (path) => path === 'packages.config' || path.endsWith('/packages.config'),
  extract({ path, content }) {
    const root = parseXml(path, content, FORMAT);
    if (root.name !== 'packages')
      throw invalidInput(path, FORMAT, `root element is <${root.name}>, not <packages>`);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const element of childElements(root, 'package')) {
      const name = element.attributes.id?.trim() ?? '';
      const version = element.attributes.version?.trim() ?? '';
      if (name === '' || version === '') {
        skipped.push(
          skippedEntry({
            path,
            line: element.line,
            entry: clip(`package ${name} ${version}`.trim()),
            reason: 'malformed',
            detail: name === '' ? 'no id attribute' : 'no version attribute',
          }),
        );
        continue;
      }
      const dev = element.attributes.developmentDependency?.toLowerCase() === 'true';
      packages.push(nugetPackage(ID, path, name, version, { line: element.line, dev }));
    }
    return { packages, skipped };
  },
};
