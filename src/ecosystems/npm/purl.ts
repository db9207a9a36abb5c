import { PackageURL } from 'packageurl-js';

// Names and versions made only of these characters encode to themselves, so the common case
// skips packageurl-js (about 3 µs a call, more than parsing the entry). purl.test.ts checks
// that both paths agree.
const PLAIN_NAME = /^(?:@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$/;
const PLAIN_VERSION = /^[A-Za-z0-9._~+-]+$/;

/**
 * The package URL of an npm package, e.g. "pkg:npm/%40babel/code-frame@7.0.0"; undefined when
 * packageurl-js rejects the name.
 */
export function npmPurl(name: string, version: string): string | undefined {
  if (PLAIN_NAME.test(name) && PLAIN_VERSION.test(version)) {
    return name.charCodeAt(0) === 64
      ? `pkg:npm/%40${name.slice(1)}@${version}`
      : `pkg:npm/${name}@${version}`;
  }
  try {
    return packageUrl(name, version);
  } catch {
    return undefined;
  }
}

/** packageurl-js's rendering, used for anything outside the plain character set. */
export function packageUrl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const namespace = slash > 0 ? name.slice(0, slash) : undefined;
  const bare = slash > 0 ? name.slice(slash + 1) : name;
  return new PackageURL('npm', namespace, bare, version === '' ? undefined : version).toString();
}
