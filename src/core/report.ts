import type { Finding } from './finding.ts';
import type { PackageRef, SkippedEntry } from './package.ts';
import type { Severity, SeverityLevel } from './severity.ts';

/** A problem with one input that did not stop the scan: "package-lock.json: not valid JSON". */
export interface ScanWarning {
  readonly path: string;
  readonly message: string;
  /** Machine-readable kind, e.g. "parse-error", "too-large", "symlink-loop", "unreadable". */
  readonly code: string;
}

export type TargetKind = 'directory' | 'file' | 'sbom' | 'image' | 'rootfs';

export interface ScanTarget {
  readonly path: string;
  readonly kind: TargetKind;
  /** Images and root filesystems: the detected distribution. */
  readonly os?: { readonly id: string; readonly release: string; readonly prettyName?: string };
  /** Images: digest, reference and platform. */
  readonly image?: {
    readonly digest?: string;
    readonly reference?: string;
    readonly platform?: string;
  };
}

/** For one vulnerable package: what to upgrade to, and through which direct dependency. */
export interface Remediation {
  readonly package: PackageRef;
  /** Advisory ids this upgrade fixes. */
  readonly fixes: readonly string[];
  /** Advisory ids with no fix available at all. */
  readonly unfixed: readonly string[];
  /** Lowest version fixing every fixable advisory of this package. */
  readonly fixedVersion?: string;
  /** Lowest such version within the current major, when one exists. */
  readonly fixedVersionSameMajor?: string;
  /** For transitive packages: the direct dependency ("name@version") to upgrade. */
  readonly viaDirect?: string;
}

export interface GateResult {
  readonly failOn: SeverityLevel | 'none';
  readonly failed: boolean;
  /** Unsuppressed findings per severity. */
  readonly counts: Readonly<Record<Severity, number>>;
  /** Why it failed, for the summary line. */
  readonly reasons: readonly string[];
}

/** Everything one `secflow scan` produced; every reporter renders from this alone. */
export interface ScanReport {
  /** Version of the JSON report schema (docs/report-schema.json). */
  readonly schemaVersion: '1.0';
  readonly tool: { readonly name: 'secflow'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly target: ScanTarget;
  readonly scanners: readonly string[];
  readonly database?: {
    readonly path: string;
    readonly updatedAt?: string;
    readonly records: number;
  };
  readonly packages: readonly PackageRef[];
  /** All findings, suppressed ones included and marked, so reports can show what was waived. */
  readonly findings: readonly Finding[];
  /** Entries that could not be checked (unpinned, git, path dependencies…). */
  readonly notCheckable: readonly SkippedEntry[];
  readonly warnings: readonly ScanWarning[];
  readonly remediation: readonly Remediation[];
  readonly gate: GateResult;
}
