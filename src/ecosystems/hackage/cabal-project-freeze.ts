import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText, clip, splitLines } from '../shared/text-input.ts';

const ID = 'hackage/cabal-project-freeze';
const FORMAT = 'cabal.project.freeze';

/** `any.name ==1.2.3`, as `cabal freeze` writes every pin. */
const PIN = /^any\.([A-Za-z0-9][A-Za-z0-9-]*)\s*==\s*([0-9][0-9.]*)$/;

/**
 * cabal.project.freeze (`cabal freeze`): a `constraints:` field pinning every package of the
 * build plan as `any.name ==version`, one per line. Flag settings (`name +flag`) pin nothing.
 * Other constraint forms are reported as not checkable.
 */
export const cabalProjectFreezeExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    assertText(path, content, FORMAT);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    let inConstraints = false;
    splitLines(content).forEach((raw, index) => {
      const line = index + 1;
      const text = raw.replace(/--.*$/, '');
      if (text.trim() === '') return;
      let value = text;
      if (!/^\s/.test(text)) {
        const field = /^([A-Za-z][\w-]*)\s*:(.*)$/.exec(text);
        inConstraints = field?.[1]?.toLowerCase() === 'constraints';
        if (field === null) {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(text.trim()),
              reason: 'malformed',
              detail: 'not a "field: value" line',
            }),
          );
          return;
        }
        value = field[2] ?? '';
      }
      if (!inConstraints) return;
      for (const part of value.split(',')) {
        const constraint = part.trim();
        if (constraint === '' || /^\S+(\s+[+-][\w-]+)+$/.test(constraint)) continue;
        const pin = PIN.exec(constraint);
        if (pin !== null) {
          packages.push(
            packageRef({
              ecosystem: 'Hackage',
              purlType: 'hackage',
              extractor: ID,
              name: pin[1] ?? '',
              version: pin[2] ?? '',
              path,
              line,
            }),
          );
          continue;
        }
        const detail = constraint.startsWith('any.')
          ? 'not a single ==version pin'
          : 'not an any.<package> pin as cabal freeze writes them';
        skipped.push(
          skippedEntry({ path, line, entry: clip(constraint), reason: 'unsupported', detail }),
        );
      }
    });
    return { packages, skipped };
  },
};
