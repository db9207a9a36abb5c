import type { PackageRef, SourceLocation } from './package.ts';
import type { SeverityAssessment } from './severity.ts';

export type FindingKind =
  | 'vulnerability'
  | 'end-of-life'
  | 'secret'
  | 'default-credential'
  | 'misconfiguration';

/** Why a finding does not count against the gate. */
export interface Suppression {
  readonly by: 'ignore' | 'vex' | 'baseline' | 'inline';
  readonly reason: string;
  /** VEX justification (not_affected) or status (fixed), when the suppression came from VEX. */
  readonly justification?: string;
  readonly expires?: string;
}

interface FindingBase {
  readonly kind: FindingKind;
  /** Stable across runs for the same issue in the same place: the key for baselines and dedup. */
  readonly fingerprint: string;
  /** Advisory id, secret rule id or check id. */
  readonly ruleId: string;
  readonly title: string;
  readonly severity: SeverityAssessment;
  readonly locations: readonly SourceLocation[];
  readonly suppressed?: Suppression;
}

export interface AdvisoryRef {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly published?: string;
  readonly modified: string;
  readonly references: readonly { readonly type: string; readonly url: string }[];
}

export interface VulnerabilityFinding extends FindingBase {
  readonly kind: 'vulnerability';
  readonly advisory: AdvisoryRef;
  readonly package: PackageRef;
  /** `unknown` when only non-evaluable (GIT) ranges name the package. */
  readonly verdict: 'affected' | 'unknown';
  /** Versions that fix it on the affected ranges, lowest first; empty means "no fix yet". */
  readonly fixedVersions: readonly string[];
}

export interface EndOfLifeFinding extends FindingBase {
  readonly kind: 'end-of-life';
  readonly distro: { readonly id: string; readonly release: string; readonly eol: string };
}

export interface SecretFinding extends FindingBase {
  readonly kind: 'secret' | 'default-credential';
  /** Redacted: the first characters, then a fingerprint. Never the secret itself. */
  readonly redacted: string;
  /** Why it matters and what to do, when the rule says more than its title. */
  readonly description?: string;
  readonly remediation?: string;
  readonly commit?: {
    readonly sha: string;
    readonly author: string;
    readonly date: string;
  };
}

export interface MisconfigurationFinding extends FindingBase {
  readonly kind: 'misconfiguration';
  readonly description: string;
  readonly remediation: string;
  readonly helpUri?: string;
}

export type Finding =
  | VulnerabilityFinding
  | EndOfLifeFinding
  | SecretFinding
  | MisconfigurationFinding;
