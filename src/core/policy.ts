import picomatch from 'picomatch';
import type { Finding } from './finding.ts';
import type { GateResult } from './report.ts';
import { SEVERITY_LEVELS, type Severity, type SeverityLevel, severityRank } from './severity.ts';

/** A waiver written in secflow.yaml: which finding, where, why, and until when. */
export interface IgnoreRule {
  /** Advisory id or any alias (CVE, GHSA…), secret rule id or check id. */
  readonly id: string;
  /** Package name, "name@version" or purl prefix the waiver is limited to. */
  readonly package?: string;
  /** Glob over finding locations (relative paths) the waiver is limited to. */
  readonly path?: string;
  /** Mandatory: a waiver nobody can explain is a waiver nobody can revisit. */
  readonly reason: string;
  /** YYYY-MM-DD; the waiver stops applying after that day (UTC) and is reported. */
  readonly expires?: string;
}

export interface GatePolicy {
  readonly failOn: SeverityLevel | 'none';
  /** How findings without any severity data count against the gate. */
  readonly unknownSeverityAs: SeverityLevel;
}

export interface IgnoreOutcome {
  readonly findings: readonly Finding[];
  readonly expired: readonly IgnoreRule[];
  /** Valid rules that matched nothing: candidates for cleanup. */
  readonly unused: readonly IgnoreRule[];
}

export function isExpired(rule: IgnoreRule, now: Date): boolean {
  if (rule.expires === undefined) return false;
  const end = Date.parse(`${rule.expires}T23:59:59.999Z`);
  return Number.isFinite(end) && now.getTime() > end;
}

function idsOf(finding: Finding): readonly string[] {
  return finding.kind === 'vulnerability'
    ? [finding.ruleId, ...finding.advisory.aliases]
    : [finding.ruleId];
}

function packageMatches(pattern: string, finding: Finding): boolean {
  if (finding.kind !== 'vulnerability') return false;
  const pkg = finding.package;
  if (pattern.startsWith('pkg:')) return pkg.purl?.startsWith(pattern) ?? false;
  return pattern === pkg.name || pattern === `${pkg.name}@${pkg.version}`;
}

function ruleMatches(rule: IgnoreRule, finding: Finding): boolean {
  const id = rule.id.toUpperCase();
  if (!idsOf(finding).some((i) => i.toUpperCase() === id)) return false;
  if (rule.package !== undefined && !packageMatches(rule.package, finding)) return false;
  if (rule.path !== undefined) {
    const match = picomatch(rule.path, { dot: true });
    if (!finding.locations.some((l) => match(l.path))) return false;
  }
  return true;
}

/** Marks findings waived by a live ignore rule; expired rules apply to nothing and are returned. */
export function applyIgnores(
  findings: readonly Finding[],
  rules: readonly IgnoreRule[],
  now: Date,
): IgnoreOutcome {
  const live = rules.filter((r) => !isExpired(r, now));
  const used = new Set<IgnoreRule>();
  const out = findings.map((finding): Finding => {
    if (finding.suppressed !== undefined) return finding;
    const rule = live.find((r) => ruleMatches(r, finding));
    if (rule === undefined) return finding;
    used.add(rule);
    return {
      ...finding,
      suppressed: {
        by: 'ignore',
        reason: rule.reason,
        ...(rule.expires === undefined ? {} : { expires: rule.expires }),
      },
    };
  });
  return {
    findings: out,
    expired: rules.filter((r) => isExpired(r, now)),
    unused: live.filter((r) => !used.has(r)),
  };
}

/** The CI decision: fail when an unsuppressed finding is at or above the threshold. */
export function evaluateGate(findings: readonly Finding[], policy: GatePolicy): GateResult {
  const counts: Record<Severity, number> = {
    none: 0,
    unknown: 0,
    low: 0,
    medium: 0,
    high: 0,
    critical: 0,
  };
  const reasons: string[] = [];
  const active = findings.filter((f) => f.suppressed === undefined);
  for (const f of active) counts[f.severity.level]++;
  if (policy.failOn !== 'none') {
    const threshold = severityRank(policy.failOn);
    const effective = (s: Severity) => (s === 'unknown' ? policy.unknownSeverityAs : s);
    for (const level of [...SEVERITY_LEVELS].reverse()) {
      const n = active.filter((f) => effective(f.severity.level) === level).length;
      if (n > 0 && severityRank(level) >= threshold) {
        reasons.push(`${n} ${level} finding${n === 1 ? '' : 's'}`);
      }
    }
  }
  return { failOn: policy.failOn, failed: reasons.length > 0, counts, reasons };
}
