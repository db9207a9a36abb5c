import type { MisconfigurationFinding } from '../../core/finding.ts';
import type { Scanner, ScannerContext } from '../scanner.ts';
import { collectCandidates } from './candidates.ts';
import { DOCKERFILE_CHECKS, GITHUB_CHECKS, GITLAB_CHECKS } from './checks/index.ts';
import type { Check } from './checks/types.ts';
import { FileChecker } from './file-checker.ts';

export { ALL_CHECKS, checkMeta } from './checks/index.ts';
export type { CheckMeta } from './checks/types.ts';
export { classifyConfigPath } from './classify.ts';
export { MAX_FINDINGS_PER_CHECK } from './file-checker.ts';

export interface ConfigScannerOptions {
  /** Run only these check ids (all when absent). */
  readonly checks?: readonly string[];
  /** Base URL of docs/checks on the web; without it helpUri is the repository path. */
  readonly docsBaseUrl?: string;
}

/**
 * The pipeline and build definition scanner: GitHub Actions workflows and composite actions,
 * GitLab CI pipelines (with their local includes) and Dockerfiles. Every file is read with a
 * size limit and parsed defensively; a file that cannot be read or parsed becomes a warning
 * naming it, and the scan goes on.
 */
export function createConfigScanner(options: ConfigScannerOptions = {}): Scanner {
  const enabled = <M>(checks: readonly Check<M>[]) =>
    checks.filter((c) => options.checks === undefined || options.checks.includes(c.meta.id));
  const checks = {
    github: enabled(GITHUB_CHECKS),
    gitlab: enabled(GITLAB_CHECKS),
    dockerfile: enabled(DOCKERFILE_CHECKS),
  };

  return {
    id: 'config',
    async scan(ctx: ScannerContext): Promise<{ findings: MisconfigurationFinding[] }> {
      const set = await collectCandidates(ctx);
      const checker = new FileChecker(checks, set, ctx.onWarning, options.docsBaseUrl);
      ctx.progress?.start('config', set.candidates.length);
      let done = 0;
      for (const candidate of set.candidates) {
        ctx.signal?.throwIfAborted();
        try {
          await checker.check(candidate);
        } catch (e) {
          if (ctx.signal?.aborted) throw e;
          // A bug in one check must not lose the other files' results.
          checker.warn({
            path: candidate.path,
            code: 'check-failed',
            message: `internal error while checking: ${(e as Error).message}`,
          });
        }
        ctx.progress?.update(++done);
      }
      const findings = dedupe(checker.findings);
      ctx.progress?.done(`config: ${set.candidates.length} files, ${findings.length} findings`);
      return { findings };
    },
  };
}

/** One finding per fingerprint (a file included by two pipelines is reported once), in file order. */
function dedupe(findings: readonly MisconfigurationFinding[]): MisconfigurationFinding[] {
  const byFingerprint = new Map<string, MisconfigurationFinding>();
  for (const f of findings)
    if (!byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, f);
  const at = (f: MisconfigurationFinding) => f.locations[0];
  return [...byFingerprint.values()].sort(
    (a, b) =>
      (at(a)?.path ?? '').localeCompare(at(b)?.path ?? '') ||
      (at(a)?.line ?? 0) - (at(b)?.line ?? 0) ||
      (at(a)?.column ?? 0) - (at(b)?.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
