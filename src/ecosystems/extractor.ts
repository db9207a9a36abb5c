import type { PackageRef, SkippedEntry } from '../core/package.ts';

/** What an extractor gets: one file's text and a way to read its companions (go.sum, parent POMs). */
export interface ExtractInput {
  /** Path relative to the scan root, with forward slashes; used in locations. */
  readonly path: string;
  readonly content: string;
  /**
   * Reads another file by path relative to this file's directory, confined to the scan root.
   * Resolves to undefined when the file is missing, unreadable or outside the root.
   */
  readRelated(relativePath: string): Promise<string | undefined>;
}

export interface ExtractResult {
  readonly packages: readonly PackageRef[];
  readonly skipped: readonly SkippedEntry[];
}

/**
 * One file format's parser: package-lock.json, poetry.lock, dpkg status… Extractors are pure
 * functions of their input (no fs, no network) so they can run on files inside images and
 * archives too. A file that cannot be parsed at all throws a SecflowError('input', …) naming
 * it; a bad entry inside an otherwise good file becomes a SkippedEntry instead.
 */
export interface Extractor {
  /** "<ecosystem folder>/<format>", e.g. "npm/package-lock". */
  readonly id: string;
  /** Whether this extractor reads the file at `path` (decided by file name, like scalibr). */
  matches(path: string): boolean;
  extract(input: ExtractInput): Promise<ExtractResult> | ExtractResult;
}
