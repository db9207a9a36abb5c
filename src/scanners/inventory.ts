import type { Finding } from '../core/finding.ts';
import type { PackageRef, SkippedEntry } from '../core/package.ts';
import type { ScanTarget, ScanWarning } from '../core/report.ts';

/**
 * What a collector found in a target before any matching: packages from lockfiles, OS package
 * databases or binaries, the entries it could not check, and problems with individual inputs.
 * Directory walks, SBOM files, container images and root filesystems all produce one.
 */
export interface Inventory {
  readonly target: ScanTarget;
  readonly packages: readonly PackageRef[];
  readonly skipped: readonly SkippedEntry[];
  readonly warnings: readonly ScanWarning[];
  /** Findings that need no advisory matching, e.g. an end-of-life distribution release. */
  readonly findings?: readonly Finding[];
  /** Files examined, for the summary line. */
  readonly filesScanned?: number;
}
