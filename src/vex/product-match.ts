import type { PackageURL } from 'packageurl-js';
import type { PackageRef } from '../core/package.ts';
import { parsePurl, purlForPackage } from '../sbom/purl.ts';

/** purl types whose names compare case-insensitively (purl-spec type definitions). */
const CASE_INSENSITIVE = new Set([
  'pypi',
  'nuget',
  'composer',
  'hex',
  'pub',
  'deb',
  'apk',
  'github',
  'bitbucket',
  'npm',
]);

/** A VEX product, parsed once: a purl, or a bare name with an optional "@version". */
export type ProductMatcher =
  | { readonly kind: 'purl'; readonly purl: PackageURL }
  | { readonly kind: 'name'; readonly name: string; readonly version?: string };

export function productMatcher(product: string): ProductMatcher | undefined {
  const text = product.trim();
  if (text === '') return undefined;
  if (text.startsWith('pkg:')) {
    const purl = parsePurl(text);
    return purl === undefined ? undefined : { kind: 'purl', purl };
  }
  const at = text.lastIndexOf('@');
  return at > 0
    ? { kind: 'name', name: text.slice(0, at), version: text.slice(at + 1) }
    : { kind: 'name', name: text };
}

/** Whether a VEX product covers a package found by the scan. */
export function productMatches(matcher: ProductMatcher, pkg: PackageRef): boolean {
  if (matcher.kind === 'name') {
    return (
      matcher.name.toLowerCase() === pkg.name.toLowerCase() &&
      (matcher.version === undefined || matcher.version === pkg.version)
    );
  }
  const text = purlForPackage(pkg);
  const found = text === undefined ? undefined : parsePurl(text);
  return found !== undefined && purlCovers(matcher.purl, found);
}

/**
 * A VEX purl covers a package purl when type, namespace and name agree, its version (if it has
 * one) is the package's, and every qualifier it states that the package also states agrees.
 */
export function purlCovers(vex: PackageURL, pkg: PackageURL): boolean {
  const type = vex.type.toLowerCase();
  if (type !== pkg.type.toLowerCase()) return false;
  const same = CASE_INSENSITIVE.has(type)
    ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
    : (a: string, b: string) => a === b;
  if (!same(vex.namespace ?? '', pkg.namespace ?? '') || !same(vex.name, pkg.name)) return false;
  if (vex.version !== undefined && vex.version !== '') {
    if (normalizeVersion(type, vex.version) !== normalizeVersion(type, pkg.version ?? '')) {
      return false;
    }
  }
  const found = pkg.qualifiers ?? {};
  for (const [key, value] of Object.entries(vex.qualifiers ?? {})) {
    const other = found[key];
    if (other !== undefined && other !== value) return false;
  }
  return true;
}

/** Go purls carry the "v" prefix that OSV versions drop; compare without it. */
function normalizeVersion(type: string, version: string): string {
  return type === 'golang' ? version.replace(/^v/, '') : version;
}
