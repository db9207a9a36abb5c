import { posix } from 'node:path';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { readCompanion } from '../shared/companion-file.ts';
import { parseJson } from '../shared/json-document.ts';
import { LineIndex } from '../shared/line-index.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { isRecord, stringOf } from '../shared/parsed-values.ts';
import { invalidInput } from '../shared/text-input.ts';
import { parseToml } from '../shared/toml-document.ts';
import { normalizePypiName } from './pep508.ts';

const ID = 'pypi/pipfile-lock';
const SECTIONS = [
  { key: 'default', dev: false },
  { key: 'develop', dev: true },
] as const;

/**
 * Pipfile.lock: `default` and `develop` sections of `==` pins. A package locked in both with the
 * same version is reported once, as production. Direct dependencies come from the Pipfile
 * beside it when present. Git, path and file entries carry no version: skipped non-registry.
 */
export const pipfileLock: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'Pipfile.lock',
  async extract(input) {
    if (input.content.trim() === '') return { packages: [], skipped: [] };
    const doc = parseJson(input.path, input.content, 'Pipfile.lock');
    if (!isRecord(doc)) {
      throw invalidInput(input.path, 'Pipfile.lock', 'not a JSON object', {
        hint: 'Regenerate it with `pipenv lock`.',
      });
    }
    const declared = await declaredInPipfile(input);
    const lines = new LineIndex(input.content);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    const reported = new Set<string>();
    for (const section of SECTIONS) {
      const table = doc[section.key];
      if (!isRecord(table)) continue;
      const sectionAt = lines.find([`"${section.key}"`])?.offset ?? 0;
      for (const [name, entry] of Object.entries(table)) {
        const line = lines.find([`"${name}"`], sectionAt)?.line;
        const spec = isRecord(entry) ? entry : {};
        const version = stringOf(spec.version);
        if (version === undefined) {
          // Git, path and file entries: the peer inventory does not list them by name.
          const source = ['git', 'path', 'file'].find((k) => typeof spec[k] === 'string');
          skipped.push(
            skippedEntry({
              path: input.path,
              line,
              reason: source === undefined ? 'malformed' : 'non-registry',
              entry: `${name}: ${source === undefined ? 'no version' : `${source} ${String(spec[source])}`}`,
            }),
          );
          continue;
        }
        if (!version.startsWith('==') || version.includes('*')) {
          skipped.push(
            skippedEntry({
              path: input.path,
              line,
              reason: 'unpinned',
              name,
              version: version.replace(/^[=<>~!]+/, ''),
              entry: `${name} ${version}`,
            }),
          );
          continue;
        }
        const pinned = version.slice(2).trim();
        const key = `${normalizePypiName(name)}@${pinned}`;
        if (reported.has(key)) continue; // in both sections: production wins
        reported.add(key);
        const direct = declared?.has(normalizePypiName(name));
        packages.push(
          packageRef({
            ecosystem: 'PyPI',
            purlType: 'pypi',
            extractor: ID,
            name,
            version: pinned,
            path: input.path,
            line,
            dev: section.dev,
            direct,
          }),
        );
      }
    }
    return { packages, skipped };
  },
};

/** Names listed in the Pipfile beside the lockfile; undefined when it is absent or unreadable. */
async function declaredInPipfile(input: ExtractInput): Promise<Set<string> | undefined> {
  return readCompanion(input, 'Pipfile', (content) => {
    const doc = parseToml('Pipfile', content, 'Pipfile');
    const names = [doc.packages, doc['dev-packages']].flatMap((t) =>
      isRecord(t) ? Object.keys(t) : [],
    );
    return new Set(names.map(normalizePypiName));
  });
}
