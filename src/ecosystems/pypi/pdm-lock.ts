import { posix } from 'node:path';
import type { ExtractInput, Extractor } from '../extractor.ts';
import { isRecord, recordsOf, stringOf } from '../shared/parsed-values.ts';
import { parseToml, TomlLines } from '../shared/toml-document.ts';
import { readPyproject } from './companion-manifest.ts';
import { isDevGroupName } from './dev-groups.ts';
import type { LockedDependency, LockedPackage } from './locked-packages.ts';
import { reportLocked } from './locked-packages.ts';
import { parseRequirement } from './pep508.ts';
import { projectDeclarations } from './project-declarations.ts';

const ID = 'pypi/pdm-lock';

/**
 * pdm.lock: `[[package]]` entries with their `groups`. A package is dev when every group it is
 * in is a development group: the pyproject.toml beside the lockfile names those (pdm
 * dev-dependencies, PEP 735 groups); without it, conventional names (dev, test, lint, docs).
 * Git, path and url packages are skipped as non-registry.
 */
export const pdmLock: Extractor = {
  id: ID,
  matches: (path) => posix.basename(path) === 'pdm.lock',
  async extract(input) {
    const doc = parseToml(input.path, input.content, 'pdm.lock');
    const project = await companionProject(input);
    const isDevGroup = (group: string) =>
      project === undefined ? isDevGroupName(group) : project.devGroups.has(group);
    const entries = recordsOf(doc.package);
    const lines = new TomlLines(input.content).entryLines('package', entries.length);
    const locked: LockedPackage[] = [];
    entries.forEach((entry, i) => {
      const name = stringOf(entry.name);
      const version = stringOf(entry.version);
      if (name === undefined || version === undefined) return;
      const groups = Array.isArray(entry.groups)
        ? entry.groups.filter((g): g is string => typeof g === 'string')
        : [];
      const origin = ['git', 'path', 'url'].find((k) => typeof entry[k] === 'string');
      locked.push({
        name,
        version,
        line: lines[i],
        dev: groups.length === 0 ? undefined : groups.every(isDevGroup),
        nonRegistry: origin === undefined ? undefined : `${origin} ${String(entry[origin])}`,
        dependencies: requirementNames(entry.dependencies),
      });
    });
    return reportLocked(input.path, ID, locked, project?.roots);
  },
};

/** Names of PEP 508 strings in a `dependencies = [...]` list. */
function requirementNames(list: unknown): LockedDependency[] {
  if (!Array.isArray(list)) return [];
  const deps: LockedDependency[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const parsed = parseRequirement(item);
    if (parsed.ok) deps.push({ name: parsed.requirement.name, extras: parsed.requirement.extras });
  }
  return deps;
}

/** The pyproject.toml beside pdm.lock: its direct dependencies and which groups are dev. */
async function companionProject(
  input: ExtractInput,
): Promise<
  | { roots: { prod: LockedDependency[]; dev: LockedDependency[] }; devGroups: Set<string> }
  | undefined
> {
  const doc = await readPyproject(input);
  if (doc === undefined) return undefined;
  const declarations = projectDeclarations(doc);
  const devGroups = new Set(declarations.filter((d) => d.dev).map((d) => d.group));
  const tool = isRecord(doc.tool) ? doc.tool : {};
  const pdm = isRecord(tool.pdm) ? tool.pdm : {};
  for (const table of [pdm['dev-dependencies'], doc['dependency-groups']])
    if (isRecord(table)) for (const group of Object.keys(table)) devGroups.add(group);
  return {
    roots: {
      prod: declarations.filter((d) => !d.dev).map((d) => ({ name: d.name })),
      dev: declarations.filter((d) => d.dev).map((d) => ({ name: d.name })),
    },
    devGroups,
  };
}
