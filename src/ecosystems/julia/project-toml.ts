import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { clip } from '../shared/text-input.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';

const ID = 'julia/project-toml';
const FORMAT = 'Julia Project.toml';

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Project.toml (also JuliaProject.toml): a package's own name and version, which advisories
 * for that package concern when the scanned tree is a checkout of it, and its `[deps]` with the
 * `[compat]` ranges they allow. Ranges name no single version, so dependencies are reported as
 * not checkable unless compat pins one exactly (`=1.2.3`); Manifest.toml has the resolved ones.
 */
export const projectTomlExtractor: Extractor = {
  id: ID,
  matches: (path) => /(?:^|\/)(?:Julia)?Project\.toml$/.test(path),
  extract({ path, content }) {
    const document = parseToml(path, content, FORMAT);
    const lines = new TomlLines(content);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    if (typeof document.name === 'string' && typeof document.version === 'string') {
      packages.push(
        packageRef({
          ecosystem: 'Julia',
          purlType: 'julia',
          extractor: ID,
          name: document.name,
          version: document.version,
          path,
          line: lines.lineOf('', 'name'),
        }),
      );
    }
    const compat = isTable(document.compat) ? document.compat : {};
    const extras = isTable(document.extras) ? document.extras : {};
    const testTargets =
      isTable(document.targets) && Array.isArray(document.targets.test)
        ? document.targets.test
        : [];
    const declared: [string, string, boolean][] = [
      ...Object.keys(isTable(document.deps) ? document.deps : {}).map(
        (n): [string, string, boolean] => [n, 'deps', false],
      ),
      ...Object.keys(isTable(document.weakdeps) ? document.weakdeps : {}).map(
        (n): [string, string, boolean] => [n, 'weakdeps', false],
      ),
      ...Object.keys(extras)
        .filter((n) => testTargets.includes(n))
        .map((n): [string, string, boolean] => [n, 'extras', true]),
    ];
    for (const [name, table, dev] of declared) {
      const line = lines.lineOf(table, name);
      const range = typeof compat[name] === 'string' ? compat[name].trim() : '';
      const exact = /^=\s*(\d+\.\d+\.\d+\S*)$/.exec(range);
      if (exact !== null) {
        packages.push(
          packageRef({
            ecosystem: 'Julia',
            purlType: 'julia',
            extractor: ID,
            name,
            version: exact[1] ?? '',
            path,
            line,
            direct: true,
            dev,
          }),
        );
        continue;
      }
      const detail = range === '' ? 'no [compat] entry' : `[compat] allows ${range}`;
      skipped.push(
        skippedEntry({
          path,
          line,
          name,
          version: range,
          entry: clip(`${name} ${range}`.trim()),
          reason: 'unpinned',
          detail,
        }),
      );
    }
    return { packages, skipped };
  },
};
