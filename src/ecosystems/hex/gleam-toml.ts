import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { clip } from '../shared/text-input.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';

const ID = 'hex/gleam-toml';
const FORMAT = 'gleam.toml';

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `1.2.3` or `== 1.2.3`: the only requirements that name one version. */
const EXACT = /^(?:==\s*)?(\d+\.\d+\.\d+(?:[-+][\w.+-]*)?)$/;

/**
 * gleam.toml, the Gleam project manifest: `[dependencies]` and `[dev-dependencies]` map Hex
 * package names to version requirements (`">= 0.34.0 and < 2.0.0"`), or to `{ git, ref }` and
 * `{ path }` tables. Requirements other than one exact version are reported as not checkable,
 * with the requirement as written.
 */
export const gleamTomlExtractor: Extractor = {
  id: ID,
  matches: (path) => path === FORMAT || path.endsWith(`/${FORMAT}`),
  extract({ path, content }) {
    const document = parseToml(path, content, FORMAT);
    const lines = new TomlLines(content);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    const groups = [
      ['dependencies', false],
      ['dev-dependencies', true],
      ['dev_dependencies', true],
    ] as const;
    for (const [table, dev] of groups) {
      const dependencies = document[table];
      if (!isTable(dependencies)) continue;
      for (const [name, spec] of Object.entries(dependencies)) {
        const line = lines.lineOf(table, name);
        const requirement =
          typeof spec === 'string'
            ? spec
            : isTable(spec) && typeof spec.version === 'string'
              ? spec.version
              : undefined;
        if (requirement !== undefined) {
          const exact = EXACT.exec(requirement.trim());
          if (exact !== null) {
            packages.push(
              packageRef({
                ecosystem: 'Hex',
                purlType: 'hex',
                extractor: ID,
                name,
                version: exact[1] ?? '',
                path,
                line,
                direct: true,
                dev,
              }),
            );
          } else {
            skipped.push(
              skippedEntry({
                path,
                line,
                name,
                version: requirement,
                entry: clip(`${name} = "${requirement}"`),
                reason: 'unpinned',
              }),
            );
          }
        } else if (isTable(spec) && typeof spec.git === 'string') {
          const ref = typeof spec.ref === 'string' ? spec.ref : 'the default branch';
          skipped.push(
            skippedEntry({
              path,
              line,
              name,
              version: '',
              entry: clip(`${name} = git ${spec.git}`),
              reason: 'non-registry',
              detail: `git ${spec.git} at ${ref}`,
            }),
          );
        } else if (isTable(spec) && typeof spec.path === 'string') {
          // A local folder: its name is not a Hex package, so it carries none.
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(`${name} = path ${spec.path}`),
              reason: 'non-registry',
              detail: `local path ${spec.path}`,
            }),
          );
        } else {
          skipped.push(
            skippedEntry({
              path,
              line,
              entry: clip(name),
              reason: 'malformed',
              detail: 'not a requirement, git or path dependency',
            }),
          );
        }
      }
    }
    return { packages, skipped };
  },
};
