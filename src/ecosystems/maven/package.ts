import type { PackageRef } from '../../core/package.ts';
import { type PackageFacts, packageRef, purlOf } from '../shared/package-ref.ts';

/** A Maven artifact as a file names it. */
export interface MavenCoordinates {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly type?: string | undefined;
  readonly classifier?: string | undefined;
}

/** The purl of an artifact; `type` is left out when it is the default `jar`. */
export function mavenPurl(c: MavenCoordinates): string | undefined {
  const qualifiers: Record<string, string> = {};
  if (c.classifier) qualifiers.classifier = c.classifier;
  if (c.type && c.type !== 'jar') qualifiers.type = c.type;
  return purlOf('maven', c.groupId, c.artifactId, c.version, qualifiers);
}

/** A Maven PackageRef named `groupId:artifactId`, leaving out facts the file does not record. */
export function mavenPackage(
  extractor: string,
  c: MavenCoordinates,
  facts: PackageFacts,
): PackageRef {
  const name = `${c.groupId}:${c.artifactId}`;
  return packageRef({
    ecosystem: 'Maven',
    extractor,
    name,
    version: c.version,
    purl: mavenPurl(c),
    ...facts,
  });
}

/** How a declared Maven version reads: one version, or a range / dynamic version. */
export type DeclaredVersion =
  | { readonly pinned: true; readonly version: string }
  | { readonly pinned: false; readonly version: string };

/**
 * Maven treats `1.2.3` as that version (a soft requirement) and `[1.2.3]` as exactly it; other
 * bracketed forms are ranges resolved against a repository. For a range the version reported is
 * its lower bound as written, like other scanners do. Gradle's `1.+` and `latest.release` are
 * dynamic.
 */
export function readDeclaredVersion(spec: string): DeclaredVersion {
  const text = spec.trim();
  if (text === '' || text.includes('${')) return { pinned: false, version: text };
  const open = text[0];
  if (open === '[' || open === '(') {
    const exact = /^\[([^,\]]+)\]$/.exec(text);
    if (exact !== null) return { pinned: true, version: (exact[1] ?? '').trim() };
    const lower = (text.slice(1).split(',')[0] ?? '').replace(/[\])[]$/, '').trim();
    return { pinned: false, version: lower };
  }
  if (text.endsWith('+') || text.startsWith('latest.')) return { pinned: false, version: text };
  return { pinned: true, version: text };
}
