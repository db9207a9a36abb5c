import type { SeverityLevel } from '../../../core/severity.ts';

/** Which kind of file a check reads. */
export type CheckTarget = 'github' | 'gitlab' | 'dockerfile';

/** A 1-based position range in a file; the end column is exclusive. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * Everything a user reads about a check: the finding text, the SARIF rule help and
 * docs/checks/<id>.md are all rendered from this one record.
 */
export interface CheckMeta {
  /** Stable id: the finding's ruleId, the inline-allow key and the doc file name. */
  readonly id: string;
  readonly title: string;
  /** Default severity; `severityNote` says when a finding is rated otherwise. */
  readonly severity: SeverityLevel;
  readonly severityNote?: string;
  readonly target: CheckTarget;
  /** Why it matters. */
  readonly description: string;
  /** How to fix, in one or two sentences with a short inline example. */
  readonly remediation: string;
  readonly references: readonly string[];
  /** Complete files: the bad one must fire this check, the good one must not. */
  readonly examples: {
    readonly bad: string;
    readonly good: string;
    /** File name the examples are checked as, when not the target's usual name. */
    readonly file?: string;
  };
}

/** One occurrence found by a detector, before it becomes a finding. */
export interface CheckHit {
  /** The file, when the model spans several (a GitLab pipeline and its includes). */
  readonly path?: string;
  readonly span: Span;
  /** Short, specific title for this occurrence; the check title when absent. */
  readonly title?: string;
  /** Extra sentence put before the check's description. */
  readonly detail?: string;
  readonly severity?: SeverityLevel;
  /**
   * Where in the file's structure the hit is (e.g. `jobs.build.steps[checkout].run`) and the
   * offending text, normalised: with the check id and path they make the fingerprint, so a
   * finding keeps its identity when lines move.
   */
  readonly anchor: string;
  readonly snippet: string;
}

/** A check: its metadata and a detector over one parsed model. */
export interface Check<Model> {
  readonly meta: CheckMeta;
  detect(model: Model): CheckHit[];
}
