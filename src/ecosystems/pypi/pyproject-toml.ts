import { posix } from 'node:path';
import { valid as validPep440 } from '@renovatebot/pep440';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { LineIndex } from '../shared/line-index.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { parseToml, tomlKeyPattern } from '../shared/toml-document.ts';
import { type Declaration, projectDeclarations } from './project-declarations.ts';

const ID = 'pypi/pyproject-toml';

/**
 * pyproject.toml as a manifest: PEP 621 dependencies and extras, PEP 735 dependency groups, and
 * Poetry/pdm/uv tool tables. Exact pins are packages; everything else is a declared constraint,
 * reported as skipped with the version it names.
 */
export const pyprojectToml: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'pyproject.toml',
  extract(input) {
    const doc = parseToml(input.path, input.content, 'pyproject.toml');
    const lines = new LineIndex(input.content);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const d of projectDeclarations(doc)) {
      const line = lineOf(lines, d);
      const c = d.constraint;
      if (c.kind === 'pinned' && validPep440(c.version) !== null) {
        packages.push(
          packageRef({
            ecosystem: 'PyPI',
            purlType: 'pypi',
            extractor: ID,
            name: d.name,
            version: c.version,
            path: input.path,
            line,
            direct: true,
            dev: d.dev,
          }),
        );
        continue;
      }
      const base = { path: input.path, line, entry: d.entry };
      if (c.kind === 'pinned')
        skipped.push(
          skippedEntry({ ...base, reason: 'invalid-version', name: d.name, version: c.version }),
        );
      else if (c.kind === 'range')
        skipped.push(skippedEntry({ ...base, reason: 'unpinned', name: d.name, version: c.named }));
      else if (c.kind === 'non-registry')
        skipped.push(
          skippedEntry({ ...base, reason: 'non-registry', name: d.name, detail: c.detail }),
        );
      else skipped.push(skippedEntry({ ...base, reason: 'malformed', detail: c.detail }));
    }
    return { packages, skipped };
  },
};

/** The declaration's line: its quoted requirement, else a string or key starting with its name. */
function lineOf(lines: LineIndex, d: Declaration): number | undefined {
  return (
    lines.find([`"${d.entry}"`, `'${d.entry}'`]) ??
    lines.match(tomlKeyPattern(d.name)) ??
    lines.find([`"${d.name}`, `'${d.name}`])
  )?.line;
}
