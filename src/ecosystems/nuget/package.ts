import type { PackageRef } from '../../core/package.ts';
import { type PackageFacts, packageRef } from '../shared/package-ref.ts';

/** A NuGet PackageRef, leaving out every fact the file does not record. */
export function nugetPackage(
  extractor: string,
  path: string,
  name: string,
  version: string,
  facts: Omit<PackageFacts, 'path'> = {},
): PackageRef {
  return packageRef({
    ecosystem: 'NuGet',
    purlType: 'nuget',
    extractor,
    name,
    version,
    path,
    ...facts,
  });
}

/** How a declared NuGet version reads: one version NuGet will restore, or a range/float. */
export type DeclaredVersion =
  | { readonly pinned: true; readonly version: string }
  | { readonly pinned: false; readonly version: string };

/**
 * NuGet restores the lowest version a requirement allows, so `1.2.3` (meaning >= 1.2.3),
 * `[1.2.3]` and `[1.2.3, 2.0)` all restore 1.2.3. Floating versions (`1.*`), exclusive lower
 * bounds and unresolved `$(Property)` references name no single version.
 */
export function readDeclaredVersion(spec: string): DeclaredVersion {
  const text = spec.trim();
  if (text === '' || text.includes('*') || text.includes('$(')) {
    return { pinned: false, version: text };
  }
  const open = text[0];
  if (open === '[' || open === '(') {
    const lower = (text.slice(1).split(',')[0] ?? '').replace(/[\])]$/, '').trim();
    return { pinned: open === '[' && lower !== '', version: lower };
  }
  return { pinned: true, version: text };
}
