import { PackageURL } from 'packageurl-js';
import type { PackageRef, SkippedEntry, SkipReason } from '../../core/package.ts';
import type { GraphFacts } from './dependency-paths.ts';
import { clip } from './text-input.ts';

/** purl types whose registry names carry the namespace before the last slash. */
const NAMESPACE_IN_NAME = new Set(['golang', 'composer']);

/** A purl, or undefined when the parts cannot form one (an empty or hostile name). */
export function purlOf(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string,
  qualifiers?: Readonly<Record<string, string>>,
): string | undefined {
  try {
    const v = version === '' ? undefined : version;
    return new PackageURL(type, namespace, name, v, qualifiers).toString();
  } catch {
    return undefined;
  }
}

/** The purl of a package named as its registry names it (`vendor/name` splits for Composer). */
export function registryPurl(
  type: string,
  name: string,
  version: string,
  qualifiers?: Readonly<Record<string, string>>,
): string | undefined {
  const slash = NAMESPACE_IN_NAME.has(type) ? name.lastIndexOf('/') : -1;
  return slash > 0
    ? purlOf(type, name.slice(0, slash), name.slice(slash + 1), version, qualifiers)
    : purlOf(type, undefined, name, version, qualifiers);
}

/** What a file says about one package besides its identity. */
export interface PackageFacts {
  readonly path: string;
  readonly line?: number | undefined;
  readonly direct?: boolean | undefined;
  readonly dev?: boolean | undefined;
  readonly dependsOn?: readonly string[] | undefined;
  /** From analyzeGraph: fills direct, dev and dependsOn the fields above leave out. */
  readonly graph?: GraphFacts | undefined;
}

/** Which package it is; the purl is built from a purl type, or given whole where it differs. */
export type PackageIdentity = {
  readonly ecosystem: string;
  readonly extractor: string;
  readonly name: string;
  readonly version: string;
} & (
  | {
      readonly purlType: string;
      /** purl qualifiers, e.g. a gem's platform. */
      readonly qualifiers?: Readonly<Record<string, string>> | undefined;
    }
  | { readonly purl: string | undefined }
);

/** Builds a PackageRef, leaving out what the format does not record. */
export function packageRef(f: PackageIdentity & PackageFacts): PackageRef {
  const purl = 'purl' in f ? f.purl : registryPurl(f.purlType, f.name, f.version, f.qualifiers);
  const direct = f.direct ?? f.graph?.direct;
  const dev = f.dev ?? f.graph?.dev;
  const path = f.graph?.dependencyPath;
  const dependsOn = f.dependsOn ?? f.graph?.dependsOn;
  return {
    ecosystem: f.ecosystem,
    name: f.name,
    version: f.version,
    ...(purl === undefined ? {} : { purl }),
    locations: [{ path: f.path, ...(f.line === undefined ? {} : { line: f.line }) }],
    ...(direct === undefined ? {} : { direct }),
    ...(dev === undefined ? {} : { dev }),
    ...(path === undefined ? {} : { dependencyPath: path }),
    ...(dependsOn === undefined || dependsOn.length === 0 ? {} : { dependsOn }),
    extractor: f.extractor,
  };
}

/** What an extractor knows about an entry it cannot check. */
export interface SkipFields {
  readonly path: string;
  readonly line?: number | undefined;
  readonly reason: SkipReason;
  /** Left out for entries the extractor could not parse or does not list as a package. */
  readonly name?: string | undefined;
  /** Reported only with a name; '' when the entry names no version. */
  readonly version?: string | undefined;
  readonly entry?: string | undefined;
  readonly detail?: string | undefined;
}

/** Builds a SkippedEntry with clipped entry and detail text, leaving out unknown fields. */
export function skippedEntry(f: SkipFields): SkippedEntry {
  return {
    path: f.path,
    ...(f.line === undefined ? {} : { line: f.line }),
    ...(f.name === undefined ? {} : { name: f.name, version: f.version ?? '' }),
    ...(f.entry === undefined ? {} : { entry: clip(f.entry) }),
    reason: f.reason,
    ...(f.detail === undefined ? {} : { detail: clip(f.detail) }),
  };
}
