import type { Finding, VulnerabilityFinding } from '../../core/finding.ts';
import type { PackageRef, SourceLocation } from '../../core/package.ts';
import type { GateResult, ScanReport } from '../../core/report.ts';
import { type Severity, severityRank } from '../../core/severity.ts';
import type { RenderOptions } from '../reporter.ts';

/** Most severe first, the order every report lists things in. */
export const SEVERITY_ORDER: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'unknown',
  'none',
];

/** The findings a format should show under `includeSuppressed` (default: all of them). */
export function visibleFindings(report: ScanReport, options: RenderOptions): readonly Finding[] {
  return options.includeSuppressed === false
    ? report.findings.filter((f) => f.suppressed === undefined)
    : report.findings;
}

export function isVulnerability(f: Finding): f is VulnerabilityFinding {
  return f.kind === 'vulnerability';
}

/** Where a finding points: its own first location, else its package's. */
export function primaryLocation(f: Finding): SourceLocation | undefined {
  return f.locations[0] ?? (isVulnerability(f) ? f.package.locations[0] : undefined);
}

/** Whether this finding is one the gate counts against the build. */
export function failsGate(f: Finding, gate: GateResult): boolean {
  return (
    gate.failOn !== 'none' &&
    f.suppressed === undefined &&
    severityRank(f.severity.level) >= severityRank(gate.failOn)
  );
}

export function packageLabel(pkg: Pick<PackageRef, 'name' | 'version'>): string {
  return pkg.version === '' ? pkg.name : `${pkg.name}@${pkg.version}`;
}

/** Severity first (worst first), then file, package and rule id: stable for snapshots. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity.level) - severityRank(a.severity.level) ||
    compareText(primaryLocation(a)?.path ?? '', primaryLocation(b)?.path ?? '') ||
    compareText(subjectOf(a), subjectOf(b)) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/** What a finding is about: the package, or the file and line. */
export function subjectOf(f: Finding): string {
  if (isVulnerability(f)) return packageLabel(f.package);
  const loc = primaryLocation(f);
  return loc === undefined ? '' : formatLocation(loc);
}

export function formatLocation(loc: SourceLocation): string {
  return loc.line === undefined ? loc.path : `${loc.path}:${loc.line}`;
}

/** Code-unit order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "reason (justification)", the one-line form of why a finding is waived. */
export function suppressionText(f: Finding): string {
  const s = f.suppressed;
  if (s === undefined) return '';
  const extra = [s.justification, s.expires === undefined ? undefined : `until ${s.expires}`]
    .filter((x) => x !== undefined)
    .join(', ');
  return extra === '' ? `${s.by}: ${s.reason}` : `${s.by}: ${s.reason} (${extra})`;
}
