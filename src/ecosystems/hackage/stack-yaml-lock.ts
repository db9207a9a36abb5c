import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { clip, invalidInput } from '../shared/text-input.ts';
import {
  isMapping,
  mapValue,
  nodeOffset,
  parseYaml,
  scalarText,
  seqItems,
} from '../shared/yaml-document.ts';

const ID = 'hackage/stack-yaml-lock';
const FORMAT = 'stack.yaml.lock';

/**
 * stack.yaml.lock (Stack): the `packages` that stack.yaml adds on top of its snapshot
 * (extra-deps), each `completed` with an exact `hackage: name-version@sha256:…` or a git/url
 * location. The snapshot's own packages are not listed and need the snapshot to resolve.
 */
export const stackYamlLockExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const { root, lines } = parseYaml(path, content, FORMAT);
    if (!isMapping(root)) throw invalidInput(path, FORMAT, 'not a YAML mapping');
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const item of seqItems(mapValue(root, 'packages'))) {
      const offset = nodeOffset(item);
      const line = offset === undefined ? undefined : lines.lineAt(offset);
      const completed = mapValue(item, 'completed');
      const hackage = scalarText(mapValue(completed, 'hackage'));
      if (hackage !== undefined) {
        const parsed = /^(.+)-(\d[\d.]*)(?:@|$)/.exec(hackage);
        if (parsed === null) {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(hackage),
              reason: 'malformed',
              detail: 'not name-version',
            }),
          );
        } else
          packages.push(
            packageRef({
              ecosystem: 'Hackage',
              purlType: 'hackage',
              extractor: ID,
              name: parsed[1] ?? '',
              version: parsed[2] ?? '',
              path,
              line,
              direct: true,
            }),
          );
        continue;
      }
      const name = scalarText(mapValue(completed, 'name'));
      const version = scalarText(mapValue(completed, 'version')) ?? '';
      const location =
        scalarText(mapValue(completed, 'git')) ??
        scalarText(mapValue(completed, 'url')) ??
        'an unknown location';
      skipped.push(
        skippedEntry({
          path,
          line,
          ...(name === undefined ? {} : { name, version }),
          entry: clip(`${name ?? ''} ${location}`.trim()),
          reason: 'non-registry',
          detail: `from ${location}`,
        }),
      );
    }
    return { packages, skipped };
  },
};
