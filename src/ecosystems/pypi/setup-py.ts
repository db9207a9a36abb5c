import { posix } from 'node:path';
import { valid as validPep440 } from '@renovatebot/pep440';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { LineIndex } from '../shared/line-index.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText } from '../shared/text-input.ts';
import { isDevGroupName } from './dev-groups.ts';
import { exactPin, parseRequirement, type VersionClause } from './pep508.ts';
import { literalsInBrackets, type StringLiteral } from './python-literals.ts';

const ID = 'pypi/setup-py';
const KEYWORDS = /\b(install_requires|tests_require|extras_require)\s*[=:]\s*/g;

/**
 * setup.py, read without running it: the literal lists passed as install_requires,
 * tests_require and extras_require. Exact pins are packages; a constraint that names a version
 * (`>=2.20,<3`) is skipped with its first named version, as scalibr reports it; computed lists
 * and templates are skipped as unsupported.
 */
export const setupPy: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'setup.py',
  extract(input) {
    assertText(input.path, input.content, 'setup.py');
    const source = input.content;
    const lines = new LineIndex(source);
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    for (const match of source.matchAll(KEYWORDS)) {
      const keyword = match[1] as string;
      if (isInComment(source, match.index)) continue;
      const open = match.index + match[0].length;
      const line = lines.lineAt(match.index);
      if (!'[({'.includes(source[open] ?? '')) {
        skipped.push(
          skippedEntry({
            path: input.path,
            line,
            reason: 'unsupported',
            entry: source.slice(match.index, source.indexOf('\n', open)).trim(),
            detail: `${keyword} is computed, not a literal list`,
          }),
        );
        continue;
      }
      let group = keyword === 'install_requires' ? 'main' : 'test';
      for (const literal of literalsInBrackets(source, open).literals) {
        if (literal.isKey) {
          group = literal.value;
          continue;
        }
        const dev =
          keyword === 'tests_require' || (keyword === 'extras_require' && isDevGroupName(group));
        readLiteral(literal, lines.lineAt(literal.offset), dev, input.path, packages, skipped);
      }
    }
    return { packages, skipped };
  },
};

function readLiteral(
  literal: StringLiteral,
  line: number,
  dev: boolean,
  path: string,
  packages: PackageRef[],
  skipped: SkippedEntry[],
): void {
  const entry = literal.value.trim();
  if (literal.template) {
    skipped.push(
      skippedEntry({
        path,
        line,
        entry,
        reason: 'unsupported',
        detail: 'a template filled in when setup.py runs',
      }),
    );
    return;
  }
  const parsed = parseRequirement(entry);
  if (!parsed.ok) {
    skipped.push(skippedEntry({ path, line, entry, reason: 'malformed', detail: parsed.error }));
    return;
  }
  const req = parsed.requirement;
  if (req.url !== undefined) {
    skipped.push(
      skippedEntry({
        path,
        line,
        entry,
        reason: 'non-registry',
        name: req.name,
        detail: `installs from ${req.url}`,
      }),
    );
    return;
  }
  const pin = exactPin(req.clauses);
  if (pin !== undefined && validPep440(pin) !== null) {
    packages.push(
      packageRef({
        ecosystem: 'PyPI',
        purlType: 'pypi',
        extractor: ID,
        name: req.name,
        version: pin,
        path,
        line,
        direct: true,
        dev,
      }),
    );
    return;
  }
  const named = firstNamedVersion(req.clauses);
  skipped.push(
    skippedEntry({
      path,
      line,
      entry,
      reason: pin === undefined ? 'unpinned' : 'invalid-version',
      // A constraint naming no version (a bare name, `>1`) is kept without a name, as scalibr omits it.
      ...(named === undefined ? {} : { name: req.name, version: named }),
    }),
  );
}

/** The version of the first clause when it includes that version (`>=`, `<=`, `~=`, `==`). */
function firstNamedVersion(clauses: readonly VersionClause[]): string | undefined {
  const first = clauses[0];
  if (first === undefined || first.version.includes('*')) return undefined;
  return ['===', '==', '>=', '<=', '~='].includes(first.operator) ? first.version : undefined;
}

function isInComment(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset) + 1;
  return source.slice(lineStart, offset).includes('#');
}
