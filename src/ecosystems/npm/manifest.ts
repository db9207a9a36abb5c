import type { ExtractInput } from '../extractor.ts';
import { readCompanion } from '../shared/companion-file.ts';
import { isRecord } from '../shared/parsed-values.ts';
import type { DeclaredAs } from './graph.ts';

/** One dependency a package.json (or a lockfile's copy of it) declares. */
export interface Declared {
  readonly name: string;
  /** The range or alias as written ("^1.2.0", "npm:foo@^1", "workspace:*"). */
  readonly range: string;
  readonly declaredAs: DeclaredAs;
}

/** The package.json fields that declare dependencies, and how each counts for dev. */
const FIELDS: readonly (readonly [string, DeclaredAs])[] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'prod'],
  ['peerDependencies', 'prod'],
  ['devDependencies', 'dev'],
];

/**
 * The dependencies a manifest-shaped object declares. A name in both dependencies and
 * devDependencies counts as prod, the way npm installs it.
 */
export function declaredDependencies(manifest: unknown): Declared[] {
  if (!isRecord(manifest)) return [];
  const byName = new Map<string, Declared>();
  for (const [field, declaredAs] of FIELDS) {
    const deps = manifest[field];
    if (!isRecord(deps)) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (typeof range !== 'string' || byName.has(name)) continue;
      byName.set(name, { name, range, declaredAs });
    }
  }
  return [...byName.values()];
}

/** A package.json beside the lockfile as an object; undefined when missing or not JSON. */
export async function readManifest(
  input: ExtractInput,
  relativePath: string,
): Promise<Record<string, unknown> | undefined> {
  const manifest = await readCompanion(input, relativePath, (text) => JSON.parse(text) as unknown);
  return isRecord(manifest) ? manifest : undefined;
}
