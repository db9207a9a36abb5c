import type { VersionScheme } from '../core/version-scheme.ts';

/**
 * Every version scheme secflow knows, by id. Adding a scheme is adding a folder under
 * src/versioning/ and one line here.
 */
export const versionSchemes: Readonly<Record<string, VersionScheme>> = {};

export function getVersionScheme(id: string): VersionScheme {
  const scheme = versionSchemes[id];
  if (scheme === undefined) throw new Error(`unknown version scheme "${id}"`);
  return scheme;
}
