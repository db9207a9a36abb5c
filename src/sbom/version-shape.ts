import type { SkipReason } from '../core/package.ts';

/**
 * A version that names a range or wildcard rather than one release: "4.*.*", "^1.2", ">=2",
 * "[1.0,2.0)", "1.x". Only leading operators count: "~" and "^" inside Debian or RPM versions
 * ("3.0.11-1~deb12u2") are part of one release.
 */
export function isVersionRange(version: string): boolean {
  const v = version.trim();
  return /^[~^<>=![(]/.test(v) || /[*\s]|\|\|/.test(v) || /(?:^|\.)x(?:\.|$)/i.test(v);
}

/** A "version" that is really a VCS, URL or path reference (git+ssh://…, file:…). */
export function isNonRegistryReference(version: string): boolean {
  return /^(?:git\+|git:|https?:|file:|link:|workspace:|github:|npm:)/i.test(version.trim());
}

type Unchecked = { readonly reason: SkipReason; readonly detail: string };

/** Why a package's version cannot be checked against advisories, if it cannot. */
export function uncheckableVersion(version: string): Unchecked | undefined {
  if (version.trim() === '') return { reason: 'unpinned', detail: 'no version in the SBOM' };
  if (isNonRegistryReference(version)) {
    return { reason: 'non-registry', detail: 'version is a VCS, URL or path reference' };
  }
  if (isVersionRange(version)) return { reason: 'unpinned', detail: 'version is a range' };
  return undefined;
}

/** Why an entry without a purl is skipped: a VCS/URL dependency, or simply unidentifiable. */
export function withoutPurl(version: string | undefined): Unchecked {
  return version !== undefined && isNonRegistryReference(version)
    ? { reason: 'non-registry', detail: 'no purl; version is a VCS, URL or path reference' }
    : { reason: 'unsupported', detail: 'no purl to identify the package' };
}
