import type { ExtractInput } from '../extractor.ts';
import { readCompanion } from '../shared/companion-file.ts';
import { parseToml } from '../shared/toml-document.ts';
import type { LockRoots } from './locked-packages.ts';
import { declaredNames, projectDeclarations } from './project-declarations.ts';

/**
 * The project's direct dependencies from the pyproject.toml beside a lockfile, which the
 * lockfile itself does not record. Undefined when there is none or it cannot be read: a broken
 * companion costs the direct/transitive split, not the lockfile.
 */
export async function rootsFromPyproject(input: ExtractInput): Promise<LockRoots | undefined> {
  const doc = await readPyproject(input);
  if (doc === undefined) return undefined;
  const declarations = projectDeclarations(doc);
  if (declarations.length === 0) return undefined;
  const { prod, dev } = declaredNames(declarations);
  return {
    prod: [...prod].map((name) => ({ name })),
    dev: [...dev].map((name) => ({ name })),
  };
}

/** The pyproject.toml beside a lockfile, parsed; undefined when it is missing or unreadable. */
export function readPyproject(input: ExtractInput): Promise<Record<string, unknown> | undefined> {
  return readCompanion(input, 'pyproject.toml', (content) =>
    parseToml('pyproject.toml', content, 'pyproject.toml'),
  );
}
