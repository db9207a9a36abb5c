import { type EcosystemRules, evaluateRecord } from './affected.ts';
import type { VulnerabilityFinding } from './finding.ts';
import type { AdvisoryLookup } from './match.ts';
import type { OsvRecord } from './osv.ts';
import type { PackageRef } from './package.ts';
import type { Remediation } from './report.ts';

const packageKey = (p: PackageRef) => `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;

/** The first number of a version after any epoch: "2:1.20.11-1" → "1", "v4.17.21" → "4". */
export function majorOf(version: string): string | undefined {
  return /^(?:\d+:)?v?(\d+)/.exec(version)?.[1];
}

/** The name and version advisories were evaluated under (source package for distributions). */
function matchedAs(pkg: PackageRef): { name: string; version: string } {
  return pkg.source?.name
    ? { name: pkg.source.name, version: pkg.source.version || pkg.version }
    : pkg;
}

/**
 * For one package: the lowest candidate (a fixed version of one of its advisories) above the
 * installed version at which none of its advisories applies. Candidates are re-evaluated against
 * every record, because the fix for one advisory can land inside another advisory's range.
 */
function lowestClearVersion(
  candidates: readonly string[],
  records: readonly OsvRecord[],
  pkg: PackageRef,
  rules: EcosystemRules,
): string | undefined {
  const { name, version } = matchedAs(pkg);
  for (const candidate of candidates) {
    if (rules.scheme.compare(candidate, version) <= 0) continue;
    const clear = records.every(
      (r) =>
        evaluateRecord(r, { ecosystem: pkg.ecosystem, name, version: candidate }, rules).verdict !==
        'affected',
    );
    if (clear) return candidate;
  }
  return undefined;
}

/** Remediation advice for every package with active (unsuppressed) vulnerability findings. */
export function planRemediation(
  findings: readonly VulnerabilityFinding[],
  lookup: AdvisoryLookup,
  rulesFor: (ecosystem: string) => EcosystemRules | undefined,
): Remediation[] {
  const byPackage = new Map<string, VulnerabilityFinding[]>();
  for (const f of findings) {
    if (f.suppressed !== undefined) continue;
    const key = packageKey(f.package);
    const group = byPackage.get(key);
    if (group === undefined) byPackage.set(key, [f]);
    else group.push(f);
  }
  const plans: Remediation[] = [];
  for (const group of byPackage.values()) {
    const pkg = (group[0] as VulnerabilityFinding).package;
    const rules = rulesFor(pkg.ecosystem);
    if (rules === undefined) continue;
    const ids = new Set(group.flatMap((f) => [f.advisory.id, ...f.advisory.aliases]));
    const records = lookup
      .recordsFor(pkg.ecosystem, matchedAs(pkg).name)
      .filter((r) => ids.has(r.id) || (r.aliases ?? []).some((a) => ids.has(a)));
    const fixable = group.filter((f) => f.fixedVersions.length > 0);
    const candidates = [...new Set(fixable.flatMap((f) => f.fixedVersions))].sort((a, b) =>
      rules.scheme.compare(a, b),
    );
    const fixedVersion = lowestClearVersion(candidates, records, pkg, rules);
    const major = majorOf(matchedAs(pkg).version);
    const sameMajor = lowestClearVersion(
      candidates.filter((c) => majorOf(c) === major),
      records,
      pkg,
      rules,
    );
    const path = pkg.dependencyPath ?? [];
    const viaDirect = pkg.direct === true || path.length < 2 ? undefined : path[0];
    plans.push({
      package: pkg,
      fixes: fixable.map((f) => f.advisory.id),
      unfixed: group.filter((f) => f.fixedVersions.length === 0).map((f) => f.advisory.id),
      ...(fixedVersion === undefined ? {} : { fixedVersion }),
      ...(sameMajor === undefined ? {} : { fixedVersionSameMajor: sameMajor }),
      ...(viaDirect === undefined ? {} : { viaDirect }),
    });
  }
  return plans;
}

export interface RemediationSummary {
  /** Direct dependencies whose upgrade fixes something, as "name@version". */
  readonly directUpgrades: readonly string[];
  readonly fixableFindings: number;
  readonly totalFindings: number;
}

/** "Upgrade these N direct dependencies to fix M of K findings." */
export function summarizeRemediation(plans: readonly Remediation[]): RemediationSummary {
  const direct = new Set<string>();
  let fixable = 0;
  let total = 0;
  for (const plan of plans) {
    total += plan.fixes.length + plan.unfixed.length;
    if (plan.fixedVersion === undefined) continue;
    fixable += plan.fixes.length;
    direct.add(plan.viaDirect ?? `${plan.package.name}@${plan.package.version}`);
  }
  return { directUpgrades: [...direct].sort(), fixableFindings: fixable, totalFindings: total };
}
