import type { PackageRef } from '../../core/package.ts';
import { packageRef, purlOf } from '../shared/package-ref.ts';

/**
 * The SwiftURL name of a package: its repository URL without scheme, credentials and `.git`
 * (`https://github.com/apple/swift-nio.git` → `github.com/apple/swift-nio`), as OSV keys it.
 * Undefined for locations that are not URLs, such as local paths.
 */
export function swiftName(location: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(location);
  const text = scp === null ? location : `ssh://${scp[1]}/${scp[2]}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  return `${url.hostname}${path}`;
}

/** A SwiftURL PackageRef; the purl uses the host and owner as its namespace. */
export function swiftPackage(
  extractor: string,
  name: string,
  version: string,
  facts: { readonly path: string; readonly line?: number | undefined },
): PackageRef {
  const slash = name.lastIndexOf('/');
  const purl = purlOf('swift', name.slice(0, slash), name.slice(slash + 1), version);
  return packageRef({ ecosystem: 'SwiftURL', extractor, name, version, purl, ...facts });
}
