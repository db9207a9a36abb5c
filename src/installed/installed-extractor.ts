import type { PackageRef, SkippedEntry } from '../core/package.ts';

/** What an installed-package extractor is told about a file before reading it. */
export interface FileInfo {
  readonly size: number;
  /** Permission bits (0o755); 0 when unknown. */
  readonly mode: number;
}

/** A file's bytes, read whole within the extractor's `maxBytes`. */
export interface InstalledFile {
  /** Root-relative path with forward slashes; used in locations. */
  readonly path: string;
  readonly content: Buffer;
}

export interface InstalledResult {
  readonly packages: readonly PackageRef[];
  readonly skipped: readonly SkippedEntry[];
}

/**
 * Reads packages that were installed into a filesystem rather than listed in a lockfile:
 * node_modules/x/package.json, site-packages/*.dist-info, gem specifications, Go binaries, JARs.
 * Like lockfile extractors these are pure functions of their input, so they run the same on a
 * directory, a root filesystem or a file streamed out of an image layer.
 */
export interface InstalledExtractor {
  /** "installed/<format>", e.g. "installed/python-metadata". */
  readonly id: string;
  /** Whether this extractor wants the file, by path and metadata only. */
  matches(path: string, info: FileInfo): boolean;
  /** Files larger than this are not read; the caller warns instead. */
  readonly maxBytes: number;
  /** A cheap look at the first bytes (at least 64) to drop non-candidates before buffering. */
  sniff?(head: Buffer): boolean;
  extract(file: InstalledFile): Promise<InstalledResult> | InstalledResult;
}

/** The part of a path after its last slash. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
