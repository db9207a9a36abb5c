import type { EcosystemRules } from '../core/affected.ts';
import type { Finding, VulnerabilityFinding } from '../core/finding.ts';
import { type AdvisoryLookup, MemoizedLookup, matchPackages } from '../core/match.ts';
import type { PackageRef, SkippedEntry } from '../core/package.ts';
import { applyIgnores, evaluateGate, type GatePolicy, type IgnoreRule } from '../core/policy.ts';
import type { Progress } from '../core/progress.ts';
import { planRemediation } from '../core/remediation.ts';
import type { Remediation, ScanReport, ScanTarget, ScanWarning } from '../core/report.ts';
import type { Inventory } from './inventory.ts';
import type { Scanner } from './scanner.ts';
import type { WalkOptions } from './walk.ts';

/** Everything the pipeline needs, resolved from flags and secflow.yaml by the CLI. */
export interface PipelineOptions {
  /** Collects the inventory of the target (directory walk, SBOM, image, rootfs). */
  readonly collect: () => Promise<Inventory>;
  /** Present when dependency matching runs. */
  readonly advisories?: {
    readonly lookup: AdvisoryLookup;
    readonly rulesFor: (ecosystem: string) => EcosystemRules | undefined;
    readonly database: ScanReport['database'];
  };
  /** Scanners that produce findings by themselves (secrets, config). */
  readonly scanners: readonly Scanner[];
  readonly scanRoot: string;
  readonly walk: WalkOptions;
  readonly policy: GatePolicy & {
    readonly includeDev: boolean;
    readonly ignoreUnfixed: boolean;
    readonly ignores: readonly IgnoreRule[];
  };
  /** Applies VEX statements; identity when no VEX documents were given. */
  readonly applyVex: (findings: readonly Finding[]) => readonly Finding[];
  readonly toolVersion: string;
  readonly progress?: Progress;
  readonly now: () => Date;
}

export interface PipelineResult {
  readonly report: ScanReport;
  readonly expiredIgnores: readonly IgnoreRule[];
  readonly unusedIgnores: readonly IgnoreRule[];
  /** True when no lockfile, manifest, SBOM or OS package database was found at all. */
  readonly empty: boolean;
}

function suppressUnfixed(findings: readonly Finding[]): Finding[] {
  return findings.map((f) =>
    f.kind === 'vulnerability' && f.suppressed === undefined && f.fixedVersions.length === 0
      ? { ...f, suppressed: { by: 'ignore', reason: 'no fix available (--ignore-unfixed)' } }
      : f,
  );
}

/** Dev-only packages leave the gate unless --include-dev; unknown dev status stays in. */
function selectPackages(packages: readonly PackageRef[], includeDev: boolean) {
  if (includeDev) return { checked: packages, devSkipped: 0 };
  const checked = packages.filter((p) => p.dev !== true);
  return { checked, devSkipped: packages.length - checked.length };
}

const severityOrder = (f: Finding) =>
  ['critical', 'high', 'medium', 'low', 'unknown', 'none'].indexOf(f.severity.level);

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityOrder(a) - severityOrder(b) ||
      (a.locations[0]?.path ?? '').localeCompare(b.locations[0]?.path ?? '') ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}

/**
 * One scan, start to finish: collect → match ← advisories → VEX → ignores → gate. The CLI renders
 * the returned report with any reporter.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const startedAt = options.now().toISOString();
  const inventory = await options.collect();
  const warnings: ScanWarning[] = [...inventory.warnings];
  let findings: Finding[] = [...(inventory.findings ?? [])];
  let notCheckable: SkippedEntry[] = [...inventory.skipped];
  // Matching and remediation planning read the same packages' records: fetch and parse them once.
  const lookup =
    options.advisories === undefined ? undefined : new MemoizedLookup(options.advisories.lookup);

  if (options.advisories !== undefined && lookup !== undefined) {
    const { checked } = selectPackages(inventory.packages, options.policy.includeDev);
    options.progress?.start('Matching advisories', checked.length);
    const matched = matchPackages(checked, lookup, options.advisories.rulesFor);
    options.progress?.done(
      `Matched ${checked.length} packages: ${matched.findings.length} findings`,
    );
    findings.push(...matched.findings);
    notCheckable = [...notCheckable, ...matched.notCheckable];
  }

  for (const scanner of options.scanners) {
    const result = await scanner.scan({
      root: options.scanRoot,
      walk: options.walk,
      onWarning: (w) => warnings.push(w),
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      now: options.now,
    });
    findings.push(...result.findings);
  }

  findings = [...options.applyVex(findings)];
  if (options.policy.ignoreUnfixed) findings = suppressUnfixed(findings);
  const ignored = applyIgnores(findings, options.policy.ignores, options.now());
  findings = sortFindings(ignored.findings);

  const vulnerabilities = findings.filter(
    (f): f is VulnerabilityFinding => f.kind === 'vulnerability',
  );
  const remediation: Remediation[] =
    options.advisories === undefined || lookup === undefined
      ? []
      : planRemediation(vulnerabilities, lookup, options.advisories.rulesFor);

  const target: ScanTarget = inventory.target;
  const report: ScanReport = {
    schemaVersion: '1.0',
    tool: { name: 'secflow', version: options.toolVersion },
    startedAt,
    finishedAt: options.now().toISOString(),
    target,
    scanners: [
      ...(options.advisories === undefined ? [] : ['deps']),
      ...options.scanners.map((s) => s.id),
    ],
    ...(options.advisories?.database === undefined
      ? {}
      : { database: options.advisories.database }),
    packages: inventory.packages,
    findings,
    notCheckable,
    warnings,
    remediation,
    gate: evaluateGate(findings, options.policy),
  };
  return {
    report,
    expiredIgnores: ignored.expired,
    unusedIgnores: ignored.unused,
    empty: inventory.packages.length === 0 && (inventory.filesScanned ?? 0) === 0,
  };
}
