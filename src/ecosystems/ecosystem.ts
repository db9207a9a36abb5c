import type { VersionScheme } from '../core/version-scheme.ts';
import type { Extractor } from './extractor.ts';

/**
 * One OSV ecosystem: how its versions order, how its names compare, and which files list its
 * packages. A folder under src/ecosystems/ plus one line in registry.ts.
 */
export interface Ecosystem {
  /** The OSV ecosystem name without release: "npm", "PyPI", "Debian". */
  readonly id: string;
  /** The purl type its packages use ("npm", "pypi", "deb"); absent when none exists. */
  readonly purlType?: string;
  readonly versioning: VersionScheme;
  /**
   * The key two names are equal under: PEP 503 for PyPI, case-folded for NuGet and Composer.
   * Used for the advisory index and for matching; must be idempotent.
   */
  normalizeName(name: string): string;
  readonly extractors: readonly Extractor[];
}
