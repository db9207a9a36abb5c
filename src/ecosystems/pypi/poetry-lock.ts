import { posix } from 'node:path';
import type { Extractor } from '../extractor.ts';
import { isRecord, recordsOf, stringOf } from '../shared/parsed-values.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';
import { rootsFromPyproject } from './companion-manifest.ts';
import type { LockedDependency, LockedPackage } from './locked-packages.ts';
import { reportLocked } from './locked-packages.ts';

const ID = 'pypi/poetry-lock';
/** Source types that are not a package index. */
const NON_REGISTRY_SOURCES = new Set(['git', 'directory', 'file', 'url']);

/**
 * poetry.lock, both the v1 format (`category = "dev"`) and v2 (`groups = [...]`, dev when the
 * package is in no "main" group). Git, directory, file and url sources are skipped as
 * non-registry. Direct dependencies come from the pyproject.toml beside it when present.
 */
export const poetryLock: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'poetry.lock',
  async extract(input) {
    const doc = parseToml(input.path, input.content, 'poetry.lock');
    const entries = recordsOf(doc.package);
    const lines = new TomlLines(input.content).entryLines('package', entries.length);
    const locked: LockedPackage[] = [];
    entries.forEach((entry, i) => {
      const name = stringOf(entry.name);
      const version = stringOf(entry.version);
      if (name === undefined || version === undefined) return;
      const source = isRecord(entry.source) ? entry.source : {};
      const sourceType = stringOf(source.type);
      locked.push({
        name,
        version,
        line: lines[i],
        dev: devOf(entry),
        nonRegistry:
          sourceType !== undefined && NON_REGISTRY_SOURCES.has(sourceType)
            ? `${sourceType} source ${stringOf(source.url) ?? ''}`.trim()
            : undefined,
        dependencies: dependenciesOf(entry.dependencies),
        extras: extrasOf(entry.extras),
      });
    });
    return reportLocked(input.path, ID, locked, await rootsFromPyproject(input));
  },
};

/** Poetry's default is the "main" category/group, so a package marked nothing is not dev. */
function devOf(entry: Record<string, unknown>): boolean {
  const category = stringOf(entry.category);
  if (category !== undefined) return category === 'dev';
  if (!Array.isArray(entry.groups)) return false;
  const groups = entry.groups.filter((g): g is string => typeof g === 'string');
  return groups.length > 0 && !groups.includes('main');
}

/** `[package.dependencies]`: name → "constraint" | { version, extras, … } | [alternatives]. */
function dependenciesOf(table: unknown): LockedDependency[] {
  if (!isRecord(table)) return [];
  return Object.entries(table).map(([name, spec]) => {
    const first = Array.isArray(spec) ? spec.find(isRecord) : spec;
    const extras =
      isRecord(first) && Array.isArray(first.extras)
        ? first.extras.filter((e) => typeof e === 'string')
        : [];
    return { name, extras };
  });
}

/** `[package.extras]`: extra → ["name (>=1)", …]. */
function extrasOf(table: unknown): Map<string, LockedDependency[]> {
  const extras = new Map<string, LockedDependency[]>();
  if (!isRecord(table)) return extras;
  for (const [extra, list] of Object.entries(table)) {
    if (!Array.isArray(list)) continue;
    const names = list
      .filter((item): item is string => typeof item === 'string')
      .map((item) => /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(item.trim())?.[0])
      .filter((n): n is string => n !== undefined);
    extras.set(
      extra,
      names.map((name) => ({ name })),
    );
  }
  return extras;
}
