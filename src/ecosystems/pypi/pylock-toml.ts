import { posix } from 'node:path';
import type { Extractor } from '../extractor.ts';
import { isRecord, recordsOf, stringOf } from '../shared/parsed-values.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';
import type { LockedPackage } from './locked-packages.ts';
import { reportLocked } from './locked-packages.ts';

const ID = 'pypi/pylock-toml';

/**
 * PEP 751 lock files (`pylock.toml`, `pylock.<name>.toml`). The project's own directory entry
 * (`directory.path = "."`) is the project itself and is not reported; other vcs, directory and
 * archive packages are skipped as non-registry. The format records no direct/dev split.
 */
export const pylockToml: Extractor = {
  id: ID,
  matches: (path) => /^pylock\.([^.]+\.)?toml$/.test(posix.basename(path)),
  extract(input) {
    const doc = parseToml(input.path, input.content, 'pylock.toml');
    const entries = recordsOf(doc.packages);
    const lines = new TomlLines(input.content).entryLines('packages', entries.length);
    const locked: LockedPackage[] = [];
    entries.forEach((entry, i) => {
      const name = stringOf(entry.name);
      if (name === undefined) return;
      const directory = isRecord(entry.directory) ? entry.directory : undefined;
      if (directory !== undefined && posix.normalize(stringOf(directory.path) ?? '') === '.')
        return;
      const origin = (['vcs', 'directory', 'archive'] as const).find((k) => isRecord(entry[k]));
      const where = origin === undefined ? undefined : (entry[origin] as Record<string, unknown>);
      locked.push({
        name,
        version: stringOf(entry.version) ?? '',
        line: lines[i],
        nonRegistry:
          origin === undefined
            ? undefined
            : `${origin} ${stringOf(where?.url) ?? stringOf(where?.path) ?? ''}`.trim(),
        dependencies: recordsOf(entry.dependencies).flatMap((d) => {
          const dep = stringOf(d.name);
          return dep === undefined ? [] : [{ name: dep, version: stringOf(d.version) }];
        }),
      });
    });
    return reportLocked(input.path, ID, locked, undefined);
  },
};
