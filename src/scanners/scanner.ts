import type { Finding } from '../core/finding.ts';
import type { Progress } from '../core/progress.ts';
import type { ScanWarning } from '../core/report.ts';
import type { WalkOptions } from './walk.ts';

/** What a scanner gets from the pipeline: where to look and where to report problems. */
export interface ScannerContext {
  /** Absolute path of the directory (or single file) to scan. */
  readonly root: string;
  /** Skip globs, gitignore handling and the like, passed to `walkFiles`. */
  readonly walk: WalkOptions;
  readonly onWarning: (warning: ScanWarning) => void;
  readonly progress?: Progress;
  readonly signal?: AbortSignal;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
}

/** A source of findings that needs no advisory matching: secrets, configuration checks. */
export interface Scanner {
  readonly id: 'secrets' | 'config' | 'deps' | (string & {});
  scan(ctx: ScannerContext): Promise<{ findings: Finding[] }>;
}
