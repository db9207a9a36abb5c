import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { isMapping, mapEntries, mapValue, parseYaml, scalarText } from '../shared/yaml-document.ts';

const ID = 'pub/pubspec-lock';
const FORMAT = 'pubspec.lock';

/**
 * pubspec.lock (Dart and Flutter): every package with its resolved version, its `dependency`
 * kind (`direct main`, `direct dev`, `direct overridden`, `transitive`) and its `source`. Only
 * `hosted` packages come from a registry; `git`, `path` and `sdk` ones are reported as not
 * checkable, with the version their pubspec declares.
 */
export const pubspecLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const { root, lines } = parseYaml(path, content, FORMAT);
    if (!isMapping(root)) throw invalidInput(path, FORMAT, 'not a YAML mapping');
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const { key: name, value, offset } of mapEntries(mapValue(root, 'packages'))) {
      const line = lines.lineAt(offset);
      const version = scalarText(mapValue(value, 'version')) ?? '';
      const source = scalarText(mapValue(value, 'source')) ?? '';
      const dependency = scalarText(mapValue(value, 'dependency')) ?? '';
      const entry = clip(`${name} ${version} (${source || 'no source'})`);
      if (version === '') {
        skipped.push(
          skippedEntry({ path, line, entry, reason: 'malformed', detail: 'no version' }),
        );
        continue;
      }
      if (source !== 'hosted') {
        const detail = source === '' ? 'no source' : `${source} source, not a package registry`;
        skipped.push(
          skippedEntry({ path, line, name, version, entry, reason: 'non-registry', detail }),
        );
        continue;
      }
      const direct = dependency === '' ? undefined : dependency.startsWith('direct');
      // Transitive entries do not say whether only dev dependencies pull them in.
      const dev =
        dependency === 'direct dev' ? true : dependency.startsWith('direct') ? false : undefined;
      packages.push(
        packageRef({
          ecosystem: 'Pub',
          purlType: 'pub',
          extractor: ID,
          name,
          version,
          path,
          line,
          direct,
          dev,
        }),
      );
    }
    return { packages, skipped };
  },
};
