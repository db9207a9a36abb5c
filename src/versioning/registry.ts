import { SecflowError } from '../core/errors.ts';
import type { VersionScheme } from '../core/version-scheme.ts';
import { apk } from './apk/index.ts';
import { cran } from './cran/index.ts';
import { dpkg } from './dpkg/index.ts';
import { go } from './go/index.ts';
import { hackage } from './hackage/index.ts';
import { maven } from './maven/index.ts';
import { nuget } from './nuget/index.ts';
import { packagist } from './packagist/index.ts';
import { pep440 } from './pep440/index.ts';
import { pub } from './pub/index.ts';
import { rpm } from './rpm/index.ts';
import { rubygems } from './rubygems/index.ts';
import { semver } from './semver/index.ts';

/**
 * Every version scheme secflow knows, by id. Adding a scheme is adding a folder under
 * src/versioning/ and one line here.
 */
export const versionSchemes: Readonly<Record<string, VersionScheme>> = Object.freeze(
  Object.fromEntries(
    [apk, cran, dpkg, go, hackage, maven, nuget, packagist, pep440, pub, rpm, rubygems, semver].map(
      (scheme) => [scheme.id, scheme],
    ),
  ),
);

export function getVersionScheme(id: string): VersionScheme {
  const scheme = Object.hasOwn(versionSchemes, id) ? versionSchemes[id] : undefined;
  if (scheme === undefined)
    throw new SecflowError('internal', `unknown version scheme "${id}"`, {
      hint: `known schemes: ${Object.keys(versionSchemes).join(', ')}`,
    });
  return scheme;
}
