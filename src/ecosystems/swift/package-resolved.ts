import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { JsonLines, parseJson } from '../shared/json-document.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import { swiftName, swiftPackage } from './package.ts';

const ID = 'swift/package-resolved';
const FORMAT = 'Package.resolved';

/**
 * Package.resolved (Swift Package Manager), versions 1 to 3: the pins SwiftPM resolved, each a
 * repository with a `state` of version, branch or revision. Version 1 nests the pins under
 * `object` and names the URL `repositoryURL`; later versions use `location` and a `kind`. Pins
 * without a version (a branch or bare revision) and local packages are not checkable.
 */
export const packageResolvedExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const document = parseJson(path, content, FORMAT);
    if (!isRecord(document)) throw invalidInput(path, FORMAT, 'not a JSON object');
    const nested = isRecord(document.object);
    const pins = nested && isRecord(document.object) ? document.object.pins : document.pins;
    if (!Array.isArray(pins)) throw invalidInput(path, FORMAT, 'no "pins" list');
    const lines = new JsonLines(content, 3);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    pins.forEach((pin, index) => {
      const line = nested ? lines.lineOf('object', 'pins', index) : lines.lineOf('pins', index);
      if (!isRecord(pin)) return;
      const location = stringOf(pin.location) ?? stringOf(pin.repositoryURL) ?? '';
      const identity = stringOf(pin.identity) ?? stringOf(pin.package) ?? location;
      const state = isRecord(pin.state) ? pin.state : {};
      const version = stringOf(state.version) ?? '';
      const kind = stringOf(pin.kind);
      const name = swiftName(location);
      const entry = clip(`${identity} ${location} ${version}`.trim());
      if (kind === 'registry') {
        const detail = 'a Swift registry package; SwiftURL advisories are keyed by repository URL';
        skipped.push(skippedEntry({ path, line, entry, reason: 'unsupported', detail }));
        return;
      }
      if (kind === 'localSourceControl' || name === undefined) {
        skipped.push(
          skippedEntry({
            path,
            line,
            entry,
            reason: 'non-registry',
            detail: `local package ${location}`,
          }),
        );
        return;
      }
      if (version === '') {
        const at = stringOf(state.branch) ?? stringOf(state.revision) ?? 'no version';
        skipped.push(
          skippedEntry({
            path,
            line,
            name,
            version: '',
            entry,
            reason: 'unpinned',
            detail: `pinned to ${at}`,
          }),
        );
        return;
      }
      packages.push(swiftPackage(ID, name, version, { path, line }));
    });
    return { packages, skipped };
  },
};
