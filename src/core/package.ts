/** Where something was found: a file (relative to the scan root when possible) and a position. */
export interface SourceLocation {
  readonly path: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** The image layer a package arrived in, so a report can say "your RUN" vs "the base image". */
export interface LayerRef {
  readonly index: number;
  readonly digest: string;
  /** The Dockerfile instruction from the image config history, when known. */
  readonly createdBy?: string;
}

/**
 * One package found in a target: a lockfile entry, an installed OS package, a JAR inside an
 * image. `ecosystem` is an OSV ecosystem string, with a release for distributions ("Debian:11").
 */
export interface PackageRef {
  readonly ecosystem: string;
  readonly name: string;
  /** Empty when the source does not pin a version; such packages are reported as not checkable. */
  readonly version: string;
  readonly purl?: string;
  readonly locations: readonly SourceLocation[];
  /** Declared by the project itself rather than pulled in by another package. */
  readonly direct?: boolean;
  /** Only needed for development or tests, where the format records it. */
  readonly dev?: boolean;
  /** From a direct dependency down to this package, each as "name@version". */
  readonly dependencyPath?: readonly string[];
  /** The packages this one depends on in the same file, each as "name@version". */
  readonly dependsOn?: readonly string[];
  /** OS packages: the source package that advisories are keyed by (Debian, Ubuntu, Alpine, RPM). */
  readonly source?: { readonly name: string; readonly version: string };
  readonly layer?: LayerRef;
  /** Id of the extractor that produced this entry, e.g. "npm/package-lock". */
  readonly extractor?: string;
}

/** Input an extractor skipped, kept as data so the user hears about it. */
export interface SkippedEntry {
  readonly path: string;
  readonly line?: number;
  /** The package name, when the entry names one ("requests" in "requests>=2"). */
  readonly name?: string;
  /** The version or constraint as written ("2" in "requests>=2"), when there is one. */
  readonly version?: string;
  /** The entry as written ("requests>=2", "git+https://…"). */
  readonly entry?: string;
  readonly reason: SkipReason;
  readonly detail?: string;
}

export type SkipReason =
  | 'unpinned' // a range or bare name: no single version to check
  | 'non-registry' // git, path, url or workspace dependency
  | 'invalid-version'
  | 'unsupported' // syntax or feature we do not read yet
  | 'malformed'; // the entry itself is broken
